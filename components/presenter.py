"""The closing-ceremony show as data: settings from the URL, slides as screens, the clock.

Everything here is pure (store, cohort and language in; screens out), so each slide is
tested without a browser and the PDF backup (`components.deck`) draws exactly what the
projector shows. The Streamlit layout lives in `components/presenter_view.py`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
from sqlite_utils import Database

from components import i18n, palette
from components.map_measures import (
    FIRST_MEASURE_CLASS,
    LAND_COLOR,
    OUTSIDE_COLOR,
    Colouring,
    LegendEntry,
)
from components.quickwins import dimension_label, title_text
from components.timeline import stage_label
from data import presenter as data
from data import queries
from data.catalog import STAGE_ORDER
from data.demo import TITLE_PREFIX
from data.map import cohort_years

SLIDES = ("glance", "map", "rollcall", "quickwins", "stages", "closing")
DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL = 12, 3, 300
#: The roll call's grid: names per column and columns per screen (fits 16:9 at body size).
ROLL_ROWS, ROLL_COLUMNS = 14, 3
SPOTLIGHTS = 6
#: The stage slide's bars: from the MoU to the masterplan's adoption, in programme order.
STAGE_BARS = tuple(
    STAGE_ORDER[STAGE_ORDER.index("mou") : STAGE_ORDER.index("masterplan_adopted") + 1]
)
#: Flags that make a roll-call name doubtful (the sources disagree or hedge).
DOUBTFUL = ("conflict", "uncertain")
FEATURED_ALPHA, EARLIER_ALPHA = 255, 120


# --- settings from the URL ------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    cohort: int
    slides: tuple[str, ...] = SLIDES
    interval: int = DEFAULT_INTERVAL


@dataclass(frozen=True)
class Notice:
    """A problem with the URL, as a catalog key and its values (the view translates it)."""

    key: str
    values: dict = field(default_factory=dict)


def parse(params: Mapping[str, str], cohorts: list[int]) -> tuple[Settings, list[Notice]]:
    """Settings from query parameters; anything unusable falls back to its default, noticed.

    The default cohort is the latest; an interval outside MIN..MAX seconds is clamped.
    """
    notices: list[Notice] = []
    cohort = cohorts[-1]
    raw = (params.get("cohort") or "").strip()
    if raw:
        if raw.isdigit() and int(raw) in cohorts:
            cohort = int(raw)
        else:
            notices.append(Notice("presenter.notice.cohort", {"value": raw, "default": cohort}))
    wanted = [s for s in (params.get("slides") or "").split(",") if s]
    unknown = [s for s in wanted if s not in SLIDES]
    if unknown:
        notices.append(Notice("presenter.notice.slides", {"value": ", ".join(unknown)}))
    slides = tuple(dict.fromkeys(s for s in wanted if s in SLIDES)) or SLIDES
    interval = DEFAULT_INTERVAL
    raw = (params.get("interval") or "").strip()
    if raw:
        try:
            seconds = float(raw)
            if not math.isfinite(seconds):
                raise ValueError(raw)
        except ValueError:
            notices.append(
                Notice("presenter.notice.interval", {"value": raw, "default": DEFAULT_INTERVAL})
            )
        else:
            interval = min(max(round(seconds), MIN_INTERVAL), MAX_INTERVAL)
            if interval != seconds:
                notices.append(
                    Notice(
                        "presenter.notice.clamped",
                        {
                            "value": raw,
                            "seconds": interval,
                            "low": MIN_INTERVAL,
                            "high": MAX_INTERVAL,
                        },
                    )
                )
    return Settings(cohort, slides, interval), notices


def in_show(params: Mapping[str, str]) -> bool:
    """Whether the URL asks for the show itself rather than its control panel."""
    return params.get("show") == "1"


def show_query(settings: Settings, lang: str, show_demo: bool) -> str:
    """The show's query string: every choice spelled out, so a bookmark starts the same show."""
    return urlencode(
        {
            "show": 1,
            "cohort": settings.cohort,
            "interval": settings.interval,
            "slides": ",".join(settings.slides),
            "lang": lang,
            "demo": int(show_demo),
            "embed": "true",
        },
        safe=",",
    )


# --- screens --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Shown:
    """Something a screen shows; `demo` says it rests on demo values (the slide marks it)."""

    demo: bool = False


@dataclass(frozen=True)
class Counter(Shown):
    """A big number and what it counts; `value` is text, formatted for the language."""

    label: str
    value: str


@dataclass(frozen=True)
class Line:
    """One roll-call line: a province heading or a region name (`doubtful` gets a mark)."""

    text: str
    heading: bool = False
    doubtful: bool = False


@dataclass(frozen=True)
class Spotlight(Shown):
    """A quick win worth naming on stage: its title as the source gives it, then who runs
    it and in which of the six dimensions (or that the source names none)."""

    title: str
    region: str
    dimension: str


@dataclass(frozen=True)
class Bar(Shown):
    """How many of the cohort's regions are done with one stage."""

    label: str
    done: int
    total: int


@dataclass(frozen=True, kw_only=True)
class Screen:
    """One projector screen. `demo` says whether any number on it rests on demo values."""

    slide: str
    title: str
    subtitle: str = ""
    counters: tuple[Counter, ...] = ()
    columns: tuple[tuple[Line, ...], ...] = ()
    spotlights: tuple[Spotlight, ...] = ()
    bars: tuple[Bar, ...] = ()
    legend: tuple[LegendEntry, ...] = ()
    reveal: tuple[int, ...] = ()
    lines: tuple[str, ...] = ()
    note: str = ""
    demo: bool = False


@dataclass(frozen=True)
class Facts:
    """What the slides read from the store, fetched once per deck."""

    cohorts: list[int]
    participants: int
    members: pd.DataFrame
    progress: dict[str, data.Tally]
    quick_wins: pd.DataFrame
    stages: pd.DataFrame


def facts(db: Database, cohort: int) -> Facts:
    return Facts(
        cohort_years(db),
        queries.totals(db)["participants"],
        data.memberships(db),
        data.progress(db),
        data.cohort_quick_wins(db, cohort),
        data.cohort_stages(db, cohort),
    )


def _progress_counter(label: str, tally: data.Tally, show_demo: bool) -> Counter | None:
    """A count and its DEMO mark; with demo hidden only sourced rows count, and a count
    with no sourced row behind it at all is left out rather than shown as zero."""
    if show_demo:
        return Counter(label, str(tally.hits), demo=tally.sourced_hits < tally.hits)
    return Counter(label, str(tally.sourced_hits)) if tally.sourced_rows else None


def glance(f: Facts, cohort: int, lang: str, show_demo: bool) -> list[Screen]:
    featured = f.members[f.members["cohort_year"] == cohort]
    counters = [
        Counter(i18n.translate(lang, "presenter.glance.regions"), str(f.participants)),
        Counter(i18n.translate(lang, "presenter.glance.cohorts"), str(len(f.cohorts))),
        Counter(
            i18n.translate(lang, "presenter.glance.featured", cohort=cohort), str(len(featured))
        ),
        *(
            _progress_counter(i18n.translate(lang, f"presenter.glance.{kind}"), tally, show_demo)
            for kind, tally in f.progress.items()
        ),
    ]
    shown = tuple(c for c in counters if c is not None)
    note = "" if len(shown) == len(counters) else i18n.translate(lang, "presenter.demo_left_out")
    return [
        Screen(
            slide="glance",
            title=i18n.translate(lang, "presenter.glance.title"),
            subtitle=i18n.translate(
                lang, "presenter.glance.subtitle", first=f.cohorts[0], last=f.cohorts[-1]
            ),
            counters=shown,
            note=note,
            demo=any(c.demo for c in shown),
        )
    ]


def cohort_colour(year: int, cohorts: list[int]) -> str:
    """The cohort's colour on the Peta page too (Okabe-Ito in cohort order)."""
    return palette.OKABE_ITO[cohorts.index(year) % 7]


def map_colouring(f: Facts, cohort: int, shown: int | None = None) -> Colouring:
    """Regions coloured by cohort from 2017 up to the featured year (or the `shown` year of
    the reveal); the featured cohort at full strength, earlier ones dimmed.

    Classes follow the Peta page's: 0 land, 1 unused, then one per cohort year, and the
    featured cohort's members last (a region in two cohorts shows as featured).
    """
    years = [y for y in f.cohorts if y <= cohort]
    upto = cohort if shown is None else shown
    members = f.members[f.members["cohort_year"] <= upto]
    featured = set(members.loc[members["cohort_year"] == cohort, "region_code"])
    first = members.groupby("region_code")["cohort_year"].min()
    index = {year: FIRST_MEASURE_CLASS + n for n, year in enumerate(years)}
    featured_class = FIRST_MEASURE_CLASS + len(years)
    class_of = {code: index[int(y)] for code, y in first.items()}
    class_of.update(dict.fromkeys(featured, featured_class))
    counts = pd.Series(class_of, dtype=int).value_counts()
    colours = [palette.hex_to_rgb(cohort_colour(y, f.cohorts), EARLIER_ALPHA) for y in years]
    legend = [
        LegendEntry(str(y), cohort_colour(y, f.cohorts), int(counts.get(index[y], 0)))
        for y in years
        if y < cohort and counts.get(index[y], 0)
    ]
    legend.append(LegendEntry(str(cohort), cohort_colour(cohort, f.cohorts), len(featured)))
    return Colouring(
        measure="cohort",
        title=str(cohort),
        demo=False,
        class_of=class_of,
        palette=[
            palette.hex_to_rgb(LAND_COLOR),
            palette.hex_to_rgb(OUTSIDE_COLOR),
            *colours,
            palette.hex_to_rgb(cohort_colour(cohort, f.cohorts), FEATURED_ALPHA),
        ],
        legend=legend,
    )


def map_slide(f: Facts, cohort: int, lang: str, show_demo: bool) -> list[Screen]:
    years = tuple(y for y in f.cohorts if y <= cohort)
    return [
        Screen(
            slide="map",
            title=i18n.translate(lang, "presenter.map.title", first=years[0], last=cohort),
            subtitle=i18n.translate(lang, "presenter.map.subtitle", cohort=cohort),
            legend=tuple(map_colouring(f, cohort).legend),
            reveal=years,
        )
    ]


def revealed(screen: Screen, elapsed: float, interval: float) -> int:
    """The last cohort year on the map after `elapsed` seconds of the slide's dwell: one
    cohort more every step, the featured one shown by three quarters of the dwell."""
    steps = len(screen.reveal)
    step = 0.75 * interval / max(steps - 1, 1)
    return screen.reveal[int(min(steps - 1, elapsed // step))]


def roll_lines(members: pd.DataFrame) -> list[Line]:
    """Province headings (with their count) followed by their regions, provinces by name."""
    lines: list[Line] = []
    for province, group in members.groupby("province", sort=True):
        lines.append(Line(f"{province} ({len(group)})", heading=True))
        lines += [
            Line(name, doubtful=flag in DOUBTFUL)
            for name, flag in sorted(zip(group["region"], group["flag"], strict=True))
        ]
    return lines


def columns(lines: list[Line], rows: int, continued: str) -> list[tuple[Line, ...]]:
    """Lines poured into columns of `rows`: a heading never ends a column, and a province
    that runs on into a new column gets its heading again, marked `continued`."""
    result: list[list[Line]] = []
    current: list[Line] = []
    heading: Line | None = None
    for line in lines:
        if line.heading:
            heading = line
        if len(current) == rows or (line.heading and len(current) == rows - 1):
            result.append(current)
            current = []
            if not line.heading and heading is not None:
                current.append(Line(f"{heading.text} {continued}", heading=True))
        current.append(line)
    if current:
        result.append(current)
    return [tuple(c) for c in result]


def _doubtful(columns: list[tuple[Line, ...]]) -> bool:
    return any(line.doubtful for column in columns for line in column)


def rollcall(f: Facts, cohort: int, lang: str, show_demo: bool) -> list[Screen]:
    members = f.members[f.members["cohort_year"] == cohort]
    cols = columns(
        roll_lines(members), ROLL_ROWS, i18n.translate(lang, "presenter.rollcall.continued")
    )
    pages = [cols[i : i + ROLL_COLUMNS] for i in range(0, len(cols), ROLL_COLUMNS)] or [[]]
    return [
        Screen(
            slide="rollcall",
            title=i18n.translate(lang, "presenter.rollcall.title", cohort=cohort, n=len(members)),
            subtitle=i18n.translate(
                lang, "presenter.rollcall.subtitle", page=n + 1, pages=len(pages)
            )
            if len(pages) > 1
            else "",
            columns=tuple(page),
            note=i18n.translate(lang, "presenter.rollcall.doubtful") if _doubtful(page) else "",
        )
        for n, page in enumerate(pages)
    ]


def quickwins(f: Facts, cohort: int, lang: str, show_demo: bool) -> list[Screen]:
    """Up to SPOTLIGHTS quick wins, sourced titles first; demo titles only with demo shown."""
    rows = f.quick_wins if show_demo else f.quick_wins[f.quick_wins["provenance"] != "demo"]
    picks = tuple(
        Spotlight(
            title_text(row.title, row.provenance, lang).removeprefix(TITLE_PREFIX),
            row.region,
            dimension_label(row.dimension, lang),
            demo=row.provenance == "demo",
        )
        for row in rows.head(SPOTLIGHTS).itertuples()
    )
    sourced = int((f.quick_wins["provenance"] != "demo").sum())
    return [
        Screen(
            slide="quickwins",
            title=i18n.translate(lang, "presenter.quickwins.title", cohort=cohort),
            subtitle=i18n.translate(
                lang, "presenter.quickwins.subtitle", sourced=sourced, n=len(f.quick_wins)
            ),
            spotlights=picks,
            note="" if picks else i18n.translate(lang, "presenter.quickwins.none"),
            demo=any(s.demo for s in picks),
        )
    ]


def stages(f: Facts, cohort: int, lang: str, show_demo: bool) -> list[Screen]:
    """Share of the cohort done with each stage; demo-based bars marked, or left out."""
    by_stage = f.stages.set_index("stage")
    bars = []
    for stage in STAGE_BARS:
        if stage not in by_stage.index:
            continue
        row = by_stage.loc[stage]
        label = stage_label(stage, cohort, lang)
        if show_demo:
            demo = int(row["sourced_total"]) < int(row["total"])
            bars.append(Bar(label, int(row["done"]), int(row["total"]), demo=demo))
        elif int(row["sourced_total"]):
            bars.append(Bar(label, int(row["sourced_done"]), int(row["sourced_total"])))
    left_out = not show_demo and len(bars) < len(by_stage.index.intersection(STAGE_BARS))
    return [
        Screen(
            slide="stages",
            title=i18n.translate(lang, "presenter.stages.title", cohort=cohort),
            subtitle=i18n.translate(lang, "presenter.stages.subtitle"),
            bars=tuple(bars),
            note=i18n.translate(lang, "presenter.demo_left_out") if left_out else "",
            demo=any(b.demo for b in bars),
        )
    ]


def closing(f: Facts, cohort: int, lang: str, show_demo: bool, today: date) -> list[Screen]:
    return [
        Screen(
            slide="closing",
            title=i18n.translate(lang, "presenter.closing.title"),
            subtitle=i18n.translate(lang, "presenter.closing.subtitle", cohort=cohort),
            lines=(
                i18n.date_text(today.isoformat(), lang),
                i18n.translate(lang, "presenter.closing.partners"),
            ),
        )
    ]


def screens(f: Facts, settings: Settings, lang: str, show_demo: bool, today: date) -> list[Screen]:
    """Every screen of the show, in the order of `settings.slides`."""
    builders = {
        "glance": glance,
        "map": map_slide,
        "rollcall": rollcall,
        "quickwins": quickwins,
        "stages": stages,
    }
    result: list[Screen] = []
    for slide in settings.slides:
        if slide == "closing":
            result += closing(f, settings.cohort, lang, show_demo, today)
        else:
            result += builders[slide](f, settings.cohort, lang, show_demo)
    return result


def stages_figure(screen: Screen, lang: str, font_px: int = 28) -> go.Figure:
    """Horizontal bars of % done per stage on the show's dark background; the bar label
    carries the count and, for demo-based bars, the DEMO mark."""
    demo = i18n.translate(lang, "core.demo")
    bars = list(reversed(screen.bars))
    share = [100 * b.done / b.total if b.total else 0 for b in bars]
    text = [f"{b.done}/{b.total}" + (f"  {demo}" if b.demo else "") for b in bars]
    figure = go.Figure(
        go.Bar(
            x=share,
            y=[b.label for b in bars],
            orientation="h",
            text=text,
            textposition="outside",
            marker_color=[palette.OKABE_ITO[0 if b.demo else 1] for b in bars],
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    figure.update_layout(
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={"color": "#F5F7FA", "size": font_px, "family": "Source Sans, sans-serif"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"range": [0, 125], "visible": False},
        yaxis={"automargin": True},
        bargap=0.3,
        showlegend=False,
    )
    return figure


# --- the clock ------------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    """Which screen is up, since when (monotonic seconds) and, while paused, since when."""

    index: int = 0
    since: float = 0.0
    paused_at: float | None = None

    def elapsed(self, now: float) -> float:
        return (self.paused_at if self.paused_at is not None else now) - self.since


def tick(clock: Clock, now: float, interval: float, count: int) -> Clock:
    """The next screen once the dwell is over (after the last comes the first again)."""
    if clock.paused_at is not None or clock.elapsed(now) < interval:
        return clock
    return Clock((clock.index + 1) % count, now)


def go_to(clock: Clock, now: float, index: int, count: int) -> Clock:
    """A manual step: the chosen screen, with a fresh dwell; pausing stays as it was."""
    target = min(max(index, 0), count - 1)
    return Clock(target, now, now if clock.paused_at is not None else None)


def toggle_pause(clock: Clock, now: float) -> Clock:
    """Pause, or resume with the dwell left as it was when paused."""
    if clock.paused_at is None:
        return replace(clock, paused_at=now)
    return Clock(clock.index, now - clock.elapsed(now))


@dataclass(frozen=True)
class Frame:
    """What the projector shows: the screen, the map's last revealed cohort, the pause."""

    index: int
    shown: int | None
    paused: bool


def frame(clock: Clock, screens: list[Screen], now: float, interval: float) -> Frame:
    """The frame for `clock`; paused on the map, the whole map shows (the presenter is
    talking about all of it)."""
    screen, paused = screens[clock.index], clock.paused_at is not None
    shown = None
    if screen.reveal:
        shown = screen.reveal[-1] if paused else revealed(screen, clock.elapsed(now), interval)
    return Frame(clock.index, shown, paused)
