"""The one filter mechanism, pure: apply `Filters` to a frame, and write a CSV's header.

Every page with filters (map, cohorts, quick wins, and the pages built on them) keeps its
choices in the URL through `components.filters_view`, applies them here, and exports a
CSV whose first lines say what was chosen and the link that shows it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from components import i18n
from components.types import Filters, Labels

#: Frame columns each filter reads, first match wins. `cohorts`/`tracks` hold a region's
#: comma-separated list (a region can be in several cohorts); the others one value a row.
COLUMNS = {
    "cohort": ("cohorts", "cohort_year"),
    "track": ("tracks", "track"),
    "province": ("province_code",),
    "kind": ("kind",),
    "stage": ("stage",),
    "dimension": ("dimension",),
    "status": ("status",),
    "region": ("region_code", "code"),
}
LISTS = {"cohorts", "tracks"}
#: The `dimension` value of quick wins whose source names no dimension.
NO_DIMENSION = "none"


def _as_text(value: object) -> str:
    """A cell as the URL spells it: 2017.0 -> "2017", NaN -> ""."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell_values(frame: pd.DataFrame, name: str) -> list[set[str]]:
    """Each row's values for filter `name`, as the URL spells them."""
    column = next(c for c in COLUMNS[name] if c in frame.columns)
    if column in LISTS:
        return [set(s.split(", ")) if isinstance(s, str) else set() for s in frame[column]]
    cells = frame[column]
    if name == "dimension":
        cells = cells.fillna(NO_DIMENSION)
    return [{_as_text(value)} for value in cells]


class FilterIndex:
    """`mask` for a frame that does not change, from the rows holding each value.

    The map's facts are the same for every viewer until the store changes, while each
    filter change asks again which rows hold some values: reading the cells (and splitting
    cohort lists) once per frame instead of once per change makes a change cost a few
    array operations. Built lazily per filter; the frame must not be modified afterwards.
    """

    def __init__(self, frame: pd.DataFrame):
        self._frame = frame
        self._rows: dict[str, dict[str, np.ndarray]] = {}

    def _value_rows(self, name: str) -> dict[str, np.ndarray]:
        found = self._rows.get(name)
        if found is None:
            found = {}
            for i, values in enumerate(_cell_values(self._frame, name)):
                for value in values:
                    found.setdefault(value, np.zeros(len(self._frame), dtype=bool))[i] = True
            self._rows[name] = found  # a race only builds the same dict twice
        return found

    def mask(self, filters: Filters) -> pd.Series:
        """Which rows every chosen filter keeps (values within one filter are alternatives)."""
        keep = np.ones(len(self._frame), dtype=bool)
        for name, values in filters.chosen().items():
            rows = self._value_rows(name)
            hit = np.zeros(len(self._frame), dtype=bool)
            for value in set(values):
                if value in rows:
                    hit |= rows[value]
            keep &= hit
        return pd.Series(keep, index=self._frame.index)


def mask(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    """Which rows every chosen filter keeps (values within one filter are alternatives)."""
    return FilterIndex(frame).mask(filters)


def label(name: str, lang: str) -> str:
    return i18n.translate(lang, f"filters.{name}")


def kind_labels(lang: str) -> dict[str, str]:
    return {k: i18n.translate(lang, f"filters.kind.{k}") for k in ("kabupaten", "kota")}


def described(filters: Filters, labels: Labels, lang: str) -> list[str]:
    """One line per filter the page offers ("Cohort: 2017, 2018"; "All" when none)."""
    lines = []
    for name, names in labels.items():
        shown = [names.get(v, v) for v in getattr(filters, name)]
        text = ", ".join(shown) or i18n.translate(lang, "filters.all")
        lines.append(f"{label(name, lang)}: {text}")
    return lines


def share_url(page: str, query: dict[str, str]) -> str:
    """The link to exactly this view: `page` (a path, or the URL the browser shows) + query."""
    return f"{page}?{urlencode(query, safe=',')}" if query else page


def csv_header(
    title: str,
    filters: Filters,
    labels: Labels,
    lang: str,
    *,
    demo: bool,
    rows: int,
    today: date,
    link: str,
    extra: Sequence[str] = (),
) -> list[str]:
    """The first lines of every export: what it is, the filters, demo or not, date, link."""
    yes_no = i18n.translate(lang, "filters.yes" if demo else "filters.no")
    return [
        title,
        *extra,
        *described(filters, labels, lang),
        i18n.translate(lang, "filters.csv.demo", demo=yes_no),
        i18n.translate(lang, "filters.csv.rows", n=rows),
        i18n.translate(lang, "filters.csv.date", date=today.isoformat()),
        i18n.translate(lang, "filters.csv.link", link=link),
    ]
