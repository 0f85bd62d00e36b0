"""The map's choices, pure: measure, filters, year and a focused region, as the URL gives them.

A link someone copies must reproduce exactly what they saw, so every choice is a query
parameter (`?measure=track&cohort=2018,2019&province=32&kind=kota&asof=2019`). The filters
are the shared `Filters` (`components.filters`); the widgets live in `components.map_view`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from components import export, filters, i18n, timeline
from components import map_summary as summary
from components.map_measures import DEFAULT
from components.types import Filters, Labels
from data.catalog import STAGE_ORDER, TRACKS

#: Widget keys start with this (tests find the widgets by it).
KEY = "_map_"
PAGE_PATH = "/peta"
NOW = "now"
#: The filter row's widths, in the order `labels` gives the filters.
WIDTHS = [2.4, 2, 3, 3, 2.6]


@dataclass(frozen=True)
class Selection:
    """What the URL asks the map to show; empty filters keep everything."""

    measure: str = DEFAULT
    filters: Filters = field(default_factory=Filters)
    asof: str = NOW
    region: str | None = None

    @property
    def as_of(self) -> int | None:
        return None if self.asof == NOW else int(self.asof)


@dataclass(frozen=True)
class Options:
    """Allowed URL values, with their labels: cohort years, provinces, regions."""

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


def labels(opts: Options, lang: str) -> Labels:
    """The map's filters in the order its filter row shows them, each value with its label."""
    return {
        "cohort": {str(y): str(y) for y in opts.years},
        "track": {t: t for t in TRACKS},
        "province": dict(opts.provinces),
        "stage": {s: timeline.stage_label(s, None, lang) for s in STAGE_ORDER},
        "kind": filters.kind_labels(lang),
    }


def measure_label(measure: str, lang: str) -> str:
    return i18n.translate(lang, f"map.measure.{measure}")


def asof_label(asof: str, lang: str) -> str:
    return i18n.translate(lang, "map.asof.now") if asof == NOW else asof


def csv_header(
    selection: Selection, opts: Options, rows: int, lang: str, demo_on: bool, today: date, link: str
) -> list[str]:
    """The export's first lines: the shared header, with the measure and year the map shows."""
    return filters.csv_header(
        i18n.translate(lang, "map.csv.title"),
        selection.filters,
        labels(opts, lang),
        lang,
        demo=demo_on,
        rows=rows,
        today=today,
        link=link,
        extra=[
            i18n.translate(lang, "map.csv.measure", measure=measure_label(selection.measure, lang)),
            i18n.translate(lang, "map.csv.asof", asof=asof_label(selection.asof, lang)),
        ],
    )


def csv(
    table: pd.DataFrame,
    selection: Selection,
    opts: Options,
    lang: str,
    demo_on: bool,
    today: date,
    link: str,
) -> str:
    """What the page's download gives: `summary.table` under the header, columns as shown."""
    header = csv_header(selection, opts, len(table), lang, demo_on, today, link)
    return export.csv_with_header(table.rename(columns=summary.column_names(lang)), header)
