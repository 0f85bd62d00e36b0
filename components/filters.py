"""The one filter mechanism, pure: apply `Filters` to a frame, and write a CSV's header.

Every page with filters (map, cohorts, quick wins, and the pages built on them) keeps its
choices in the URL through `components.filters_view`, applies them here, and exports a
CSV whose first lines say what was chosen and the link that shows it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from urllib.parse import urlencode

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


def mask(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    """Which rows every chosen filter keeps (values within one filter are alternatives)."""
    keep = pd.Series(True, index=frame.index)
    for name, values in filters.chosen().items():
        column = next(c for c in COLUMNS[name] if c in frame.columns)
        wanted = set(values)
        if column in LISTS:
            keep &= frame[column].map(
                lambda s, wanted=wanted: isinstance(s, str) and bool(wanted & set(s.split(", ")))
            )
            continue
        cells = frame[column]
        if name == "dimension":
            cells = cells.fillna(NO_DIMENSION)
        keep &= cells.map(_as_text).isin(wanted)
    return keep


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
