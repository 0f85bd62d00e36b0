"""What the map colours regions by, and the legend that names every colour.

Each region gets one class: 0 = not a participant, 1 = a participant the filters leave
out, 2.. = the measure's categories (cohort years and tracks in Okabe-Ito colours;
ordered statuses and binned numbers in viridis), and a last "no value" class for
participants the measure says nothing about. Four measures rest on demo values; they are
marked in the legend and not offered while demo values are hidden.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
from plotly.colors import sample_colorscale

from components import i18n, palette, timeline
from data.catalog import MASTERPLAN_STATUSES, STAGE_ORDER, TRACKS

MEASURES = ["cohort", "track", "stage", "masterplan", "quick_wins", "readiness"]
DEMO_MEASURES = {"stage", "masterplan", "quick_wins", "readiness"}
DEFAULT = "cohort"

LAND, OUTSIDE, FIRST_MEASURE_CLASS = 0, 1, 2
LAND_COLOR, OUTSIDE_COLOR, NO_VALUE_COLOR = "#E6E2DA", "#C4BDB0", "#7F7F7F"
#: Upper bounds (exclusive) of the % launched and readiness bins; the last bin is open.
QUICK_WIN_BINS = [25, 50, 75, 100]
READINESS_BINS = [30, 40, 50, 60]


@dataclass(frozen=True)
class LegendEntry:
    label: str
    color: str
    count: int


@dataclass(frozen=True)
class Colouring:
    """Region code -> palette index, the RGBA palette, and the legend for one measure."""

    measure: str
    title: str
    demo: bool
    class_of: dict[str, int]
    palette: list[list[int]]
    legend: list[LegendEntry]

    @property
    def digest(self) -> str:
        """Changes whenever any region's colour does (deck.gl's cue to recolour)."""
        codes = sorted(self.class_of)
        classes = ",".join(str(self.class_of[code]) for code in codes)
        text = f"{','.join(codes)}|{classes}|{self.palette}"
        return hashlib.sha1(text.encode()).hexdigest()[:12]


def available(show_demo: bool) -> list[str]:
    return MEASURES if show_demo else [m for m in MEASURES if m not in DEMO_MEASURES]


def _viridis(n: int) -> list[str]:
    if n == 1:
        return ["#21918C"]
    rgb = sample_colorscale("Viridis", [i / (n - 1) for i in range(n)])
    return ["#{:02X}{:02X}{:02X}".format(*(int(v) for v in c[4:-1].split(","))) for c in rgb]


def _bin_labels(bounds: list[int], suffix: str) -> list[str]:
    edges = [0, *bounds]
    labels = [f"{lo}–{hi - 1}{suffix}" for lo, hi in zip(edges, edges[1:], strict=False)]
    return [*labels, f"≥ {bounds[-1]}{suffix}"]


def _binned(values: pd.Series, bounds: list[int]) -> pd.Series:
    """The bin index (as text) of each value; NaN stays NaN."""
    index = values.map(lambda v: None if pd.isna(v) else sum(v >= b for b in bounds))
    return index.map(lambda i: None if i is None or pd.isna(i) else str(int(i)))


def categories(
    measure: str, facts: pd.DataFrame, years: list[int], lang: str
) -> tuple[pd.Series, list[tuple[str, str, str]]]:
    """Each region's category key, and the (key, label, colour) list in legend order."""
    if measure == "cohort":
        keys = facts["first_year"].map(lambda y: None if pd.isna(y) else str(int(y)))
        keys = keys.where(~(facts["participant"] & keys.isna()), "unknown")
        colors = palette.OKABE_ITO[:7]
        cats = [(str(y), str(y), colors[i % 7]) for i, y in enumerate(years)]
        return keys, [
            *cats,
            ("unknown", i18n.translate(lang, "map.legend.unknown_year"), NO_VALUE_COLOR),
        ]
    if measure == "track":
        cats = [(k, k, palette.OKABE_ITO[i]) for i, k in enumerate(TRACKS)]
        return facts["track"], cats
    if measure == "stage":
        names = [timeline.stage_label(s, None, lang) for s in STAGE_ORDER]
        return facts["stage"], list(
            zip(STAGE_ORDER, names, _viridis(len(STAGE_ORDER)), strict=True)
        )
    if measure == "masterplan":
        names = [i18n.translate(lang, f"map.masterplan.{s}") for s in MASTERPLAN_STATUSES]
        colors = _viridis(len(MASTERPLAN_STATUSES))
        return facts["masterplan"], list(zip(MASTERPLAN_STATUSES, names, colors, strict=True))
    if measure == "quick_wins":
        total = facts["quick_wins"].where(facts["quick_wins"] > 0)
        share = 100 * facts["quick_wins_launched"] / total
        labels = [*_bin_labels(QUICK_WIN_BINS, " %")[:-1], "100 %"]
    else:  # readiness, 0-100
        share = facts["readiness"]
        labels = _bin_labels(READINESS_BINS, "")
    bounds = QUICK_WIN_BINS if measure == "quick_wins" else READINESS_BINS
    colors = _viridis(len(labels))
    cats = [(str(i), label, colors[i]) for i, label in enumerate(labels)]
    return _binned(share, bounds), cats


@dataclass(frozen=True)
class Scheme:
    """One measure's classes and legend over one set of facts, before any filter.

    Everything but the selection is fixed for a store version, year, language and
    measure, so it is worked out once (`scheme`) and each filter change only picks
    classes (`colouring`). `classes` is the measure's class of each row as if every
    region were a selected participant; nothing here is modified after it is built.
    """

    measure: str
    title: str
    codes: tuple[str, ...]
    participant: np.ndarray
    classes: np.ndarray
    colors: tuple[str, ...]
    labels: tuple[str, ...]

    def colouring(self, selected: pd.Series | np.ndarray) -> Colouring:
        """Classes, palette and legend with `selected` (a bool mask over the facts' rows)."""
        kept = np.where(np.asarray(selected, dtype=bool), self.classes, OUTSIDE)
        cls = np.where(self.participant, kept, LAND)
        counts = np.bincount(cls, minlength=len(self.colors))
        order = [*range(FIRST_MEASURE_CLASS, len(self.colors)), OUTSIDE, LAND]
        return Colouring(
            measure=self.measure,
            title=self.title,
            demo=self.measure in DEMO_MEASURES,
            class_of=dict(zip(self.codes, cls.tolist(), strict=True)),
            palette=[palette.hex_to_rgb(c) for c in self.colors],
            legend=[
                LegendEntry(self.labels[i], self.colors[i], int(counts[i]))
                for i in order
                if counts[i]
            ],
        )


def scheme(facts: pd.DataFrame, measure: str, years: list[int], lang: str) -> Scheme:
    """The selection-independent part of `colouring`."""
    keys, cats = categories(measure, facts, years, lang)
    index = {key: FIRST_MEASURE_CLASS + n for n, (key, _, _) in enumerate(cats)}
    no_value = FIRST_MEASURE_CLASS + len(cats)
    classes = [index.get(k, no_value) if isinstance(k, str) else no_value for k in keys]
    return Scheme(
        measure=measure,
        title=i18n.translate(lang, f"map.measure.{measure}"),
        codes=tuple(facts["code"]),
        participant=facts["participant"].to_numpy(dtype=bool),
        classes=np.array(classes, dtype=int),
        colors=(LAND_COLOR, OUTSIDE_COLOR, *(c for _, _, c in cats), NO_VALUE_COLOR),
        labels=(
            i18n.translate(lang, "map.legend.land"),
            i18n.translate(lang, "map.legend.outside"),
            *(label for _, label, _ in cats),
            i18n.translate(lang, "map.legend.no_value"),
        ),
    )


def colouring(
    facts: pd.DataFrame, selected: pd.Series, measure: str, years: list[int], lang: str
) -> Colouring:
    """Classes, palette and legend for `measure` over `facts`, with `selected` a bool mask."""
    return scheme(facts, measure, years, lang).colouring(selected)
