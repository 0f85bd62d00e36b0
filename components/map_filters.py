"""The map's choices, all kept in the URL: measure, filters, year and a focused region.

A link someone copies must reproduce exactly what they saw, so every control here is a
query parameter (`?measure=track&cohort=2018,2019&province=32&kind=kota&asof=2019`).
Values the URL carries but the page does not offer are named in a warning and dropped;
choices that need demo values are set aside, with a note, while demo values are hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from components import i18n, timeline, urlstate, widgets
from components.map_measures import DEFAULT, DEMO_MEASURES, MEASURES, available
from data.catalog import STAGE_ORDER, TRACKS

#: Widget keys start with this (tests find the widgets by it).
KEY = "_map_"
PAGE_PATH = "/peta"
NOW = "now"
KINDS = ["kabupaten", "kota"]
FILTERS = ("cohort", "track", "province", "stage", "kind")


@dataclass
class Selection:
    """What the URL asks the map to show; an empty filter keeps everything."""

    measure: str = DEFAULT
    cohort: list[str] = field(default_factory=list)
    track: list[str] = field(default_factory=list)
    province: list[str] = field(default_factory=list)
    stage: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    asof: str = NOW
    region: str | None = None

    @property
    def as_of(self) -> int | None:
        return None if self.asof == NOW else int(self.asof)

    @property
    def participant_filters(self) -> bool:
        """Whether a filter only a participant can pass is set."""
        return bool(self.cohort or self.track or self.stage)


@dataclass(frozen=True)
class Options:
    """Allowed URL values per control, with their labels."""

    years: list[int]
    provinces: dict[str, str]
    regions: dict[str, str]

    @property
    def asof(self) -> list[str]:
        first, last = self.years[0], self.years[-1]
        return [*(str(y) for y in range(first, last + 1)), NOW]


def options(facts: pd.DataFrame, years: list[int]) -> Options:
    provinces = facts.drop_duplicates("province_code").sort_values("province")
    regions = facts.sort_values(["name", "province"])
    return Options(
        years=years,
        provinces=dict(zip(provinces["province_code"], provinces["province"], strict=True)),
        regions={
            c: f"{n} — {p}"
            for c, n, p in zip(regions["code"], regions["name"], regions["province"], strict=True)
        },
    )


def _labels(param: str, opts: Options, lang: str) -> Callable[[str], str]:
    return {
        "province": opts.provinces.get,
        "stage": lambda s: timeline.stage_label(s, None, lang),
        "kind": lambda k: i18n.translate(lang, f"map.kind.{k}"),  # short: the pills share a row
        "measure": lambda m: i18n.translate(lang, f"map.measure.{m}"),
        "asof": lambda y: i18n.translate(lang, "map.asof.now") if y == NOW else y,
    }.get(param, str)


def _choices(param: str, opts: Options) -> list[str]:
    return {
        "cohort": [str(y) for y in opts.years],
        "track": TRACKS,
        "province": list(opts.provinces),
        "stage": STAGE_ORDER,
        "kind": KINDS,
    }[param]


def choose_measure(lang: str, demo_on: bool) -> tuple[str, dict[str, list[str]]]:
    """The measure switch; a demo-based measure in the URL waits while demo is hidden."""
    wanted = urlstate.get("measure")
    if not demo_on and wanted in DEMO_MEASURES:
        st.info(
            i18n.translate(
                lang,
                "map.measure_needs_demo",
                measure=i18n.translate(lang, f"map.measure.{wanted}"),
            )
        )
    measure, unknown = widgets.url_single(
        i18n.translate(lang, "map.measure"),
        "measure",
        available(demo_on),
        DEFAULT,
        format_func=_labels("measure", Options([], {}, {}), lang),
        key_prefix=KEY,
    )
    if not demo_on:
        st.caption(i18n.translate(lang, "map.measures_need_demo"))
    unknown = [u for u in unknown if u not in MEASURES]
    return measure, {"measure": unknown}


def choose_filters(opts: Options, lang: str, demo_on: bool) -> tuple[dict, dict]:
    """The five filters in one row; the stage filter only while demo values are shown."""
    cols = st.columns([2.4, 2, 3, 3, 2.6])
    chosen: dict[str, list[str]] = {}
    unknown: dict[str, list[str]] = {}
    for column, param in zip(cols, FILTERS, strict=True):
        if param == "stage" and not demo_on:
            chosen[param], unknown[param] = [], []
            if urlstate.get_list("stage"):
                column.caption(i18n.translate(lang, "map.stage_filter_off"))
            continue
        pills = param == "kind"
        chosen[param], unknown[param] = widgets.url_multiselect(
            i18n.translate(lang, f"map.filter.{param}"),
            param,
            _choices(param, opts),
            format_func=_labels(param, opts, lang),
            widget=column.pills if pills else column.multiselect,
            key_prefix=KEY,
            **({} if pills else {"placeholder": i18n.translate(lang, "map.filter.all")}),
        )
    return chosen, unknown


def choose_year(opts: Options, lang: str) -> tuple[str, dict[str, list[str]]]:
    """The growth slider: the map as it stood at the end of a year, or now."""
    asof, unknown = widgets.url_single(
        i18n.translate(lang, "map.asof"),
        "asof",
        opts.asof,
        NOW,
        format_func=_labels("asof", opts, lang),
        widget=st.select_slider,
        key_prefix=KEY,
        help=i18n.translate(lang, "map.asof.help"),
    )
    return asof, {"asof": unknown}


def focused_region(opts: Options) -> tuple[str | None, dict[str, list[str]]]:
    """`?region=32.12` centres the map on one region; an unknown code is reported."""
    code = urlstate.get(widgets.REGION_PARAM)
    if code is None or code in opts.regions:
        return code, {}
    return None, {widgets.REGION_PARAM: [code]}


def in_scope(facts: pd.DataFrame, selection: Selection) -> pd.Series:
    """Regions the place filters (province, kind) keep, participants or not."""
    return apply(facts, Selection(province=selection.province, kind=selection.kind))


def apply(facts: pd.DataFrame, selection: Selection) -> pd.Series:
    """Which regions the filters keep (a bool mask); participant-only filters drop the rest."""
    keep = pd.Series(True, index=facts.index)
    if selection.province:
        keep &= facts["province_code"].isin(selection.province)
    if selection.kind:
        keep &= facts["kind"].isin(selection.kind)
    if selection.cohort:
        wanted = set(selection.cohort)
        keep &= facts["cohorts"].map(
            lambda s: isinstance(s, str) and bool(wanted & set(s.split(", ")))
        )
    if selection.track:
        wanted = set(selection.track)
        keep &= facts["tracks"].map(
            lambda s: isinstance(s, str) and bool(wanted & set(s.split(", ")))
        )
    if selection.stage:
        keep &= facts["stage"].isin(selection.stage)
    return keep


def described(selection: Selection, opts: Options, lang: str) -> list[str]:
    """The filters in words, one line each, for a CSV header or a caption."""
    lines = [
        i18n.translate(
            lang, "map.csv.measure", measure=_labels("measure", opts, lang)(selection.measure)
        )
    ]
    for param in FILTERS:
        values = getattr(selection, param)
        names = ", ".join(_labels(param, opts, lang)(v) for v in values) or i18n.translate(
            lang, "map.filter.all"
        )
        lines.append(f"{i18n.translate(lang, f'map.filter.{param}')}: {names}")
    lines.append(
        i18n.translate(lang, "map.csv.asof", asof=_labels("asof", opts, lang)(selection.asof))
    )
    return lines


def csv_lines(
    selection: Selection, opts: Options, n: int, lang: str, demo_on: bool, day: str, link: str
) -> list[str]:
    """The first lines of the CSV export: what it is, the filters, demo or not, date, link."""
    return [
        i18n.translate(lang, "map.csv.title", n=n),
        *described(selection, opts, lang),
        i18n.translate(
            lang,
            "map.csv.demo",
            demo=i18n.translate(lang, "map.yes") if demo_on else i18n.translate(lang, "map.no"),
        ),
        i18n.translate(lang, "map.csv.date", date=day),
        i18n.translate(lang, "map.csv.link", link=link),
    ]


def share_url(base: str | None, query: dict[str, str]) -> str:
    """The full link to this view; `base` is the page URL the browser shows (None in tests)."""
    page = base or PAGE_PATH
    return f"{page}?{urlencode(query, safe=',')}" if query else page
