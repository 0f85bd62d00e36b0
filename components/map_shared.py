"""What every viewer of the map shares, worked out once per store version and year.

A filter change is what a crowd of viewers does most, and all of it used to be derived
again from the region facts on every change: the values each filter reads, each
measure's classes and legend labels, where the points go, the hover texts and the
table's rows. None of that depends on the filters, so one `Shared` per store version and
year (held by `components.map_view` for the whole process) keeps it, and a filter change
only picks rows: a few array operations instead of a few hundred frame operations.

Everything here is read by many sessions at once and must not be modified after it is
built (`components.memo`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from components import filters
from components import map as geomap
from components import map_measures as measures
from components import map_summary as summary
from components.memo import Memo
from geo import points


@dataclass(frozen=True)
class Markup:
    """HTML that `st.html` sends as it is: given an object with `_repr_html_`, Streamlit
    takes its text without dedenting and stripping it, which for the ~80 kB hover
    stylesheet (one long line) cost about a millisecond on every filter change."""

    text: str

    def _repr_html_(self) -> str:
        return self.text


class Shared(Memo):
    """The map's facts for one store version and year, and what follows from them alone."""

    def __init__(self, facts: pd.DataFrame, years: list[int]):
        super().__init__()
        self.facts, self.years = facts, years
        self.index = filters.FilterIndex(facts)

    def scheme(self, measure: str, lang: str) -> measures.Scheme:
        """`measures.scheme`: a filter change then only picks classes."""
        return self.once(
            ("scheme", measure, lang),
            lambda: measures.scheme(self.facts, measure, self.years, lang),
        )

    def kpis(self, selected: pd.Series) -> dict[str, float | int | None]:
        """`summary.kpis`, from arrays taken from the facts once."""
        columns = self.once("kpi_columns", lambda: summary.kpi_columns(self.facts))
        return summary.counted(columns, selected)

    def view(self, provinces: Sequence[str], region: str | None, width: int) -> dict[str, float]:
        """`geomap.view_for`: the national view and a region's once per width for every
        viewer; chosen provinces from their rows' coordinates, kept as arrays."""
        if region or not provinces:
            return self.once(
                ("view", region, width), lambda: geomap.view_for(self.facts, (), region, width)
            )
        rows, lat, lng = self.once("province_rows", self._province_rows)
        kept = np.concatenate([rows.get(p, np.array([], dtype=int)) for p in set(provinces)])
        return points.fit(lat[kept], lng[kept], width, geomap.HEIGHT)

    def _province_rows(self) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        """Each province's row positions in the facts, and every row's centroid."""
        facts = self.facts
        lat, lng = facts["lat"].to_numpy(dtype=float), facts["lng"].to_numpy(dtype=float)
        return facts.groupby("province_code").indices, lat, lng

    def points(self, geometry: geomap.Geometry | None) -> geomap.Points:
        """`geomap.located_points` for the geometry's feature order."""
        order = geomap.feature_order(self.facts, geometry)
        return self.once(
            ("points", geometry),
            lambda: geomap.located_points(self.facts, order, geometry is not None),
        )

    def tooltip_css(
        self, lang: str, demo_on: bool, measure: str, geometry: geomap.Geometry | None
    ) -> Markup:
        """The hover texts' stylesheet: the same for every filter, so Streamlit resends
        only a reference to it."""

        def build() -> Markup:
            tips = summary.tooltips(self.facts, lang, demo_on, measure)
            return Markup(geomap.tooltip_css(tips, geomap.feature_order(self.facts, geometry)))

        return self.once(("tips", lang, demo_on, measure, geometry), build)

    def _participant_rows(self, lang: str, demo_on: bool) -> tuple[pd.DataFrame, np.ndarray]:
        """`summary.table` of every participant, and each row's position in the facts."""

        def build() -> tuple[pd.DataFrame, np.ndarray]:
            rows = summary.table(self.facts, self.facts["participant"], lang, demo_on)
            where = pd.Index(self.facts["code"]).get_indexer(rows["code"])
            return rows, where

        return self.once(("rows", lang, demo_on), build)

    def _kept(self, selected: pd.Series, lang: str, demo_on: bool) -> np.ndarray:
        """Positions, in the participants' table, of the rows the selection keeps."""
        _, where = self._participant_rows(lang, demo_on)
        return np.flatnonzero(np.asarray(selected, dtype=bool)[where])

    def table(self, selected: pd.Series, lang: str, demo_on: bool) -> pd.DataFrame:
        """`summary.table` for the selection: the participants' rows it keeps, in order."""
        rows, _ = self._participant_rows(lang, demo_on)
        return rows.take(self._kept(selected, lang, demo_on)).reset_index(drop=True)

    def shown(self, selected: pd.Series, lang: str, demo_on: bool) -> pa.Table:
        """`table` with the headers the page shows (`summary.column_names`), in Arrow.

        What `st.dataframe` sends: given Arrow it sends it as it is, where a pandas frame
        is converted on every run; the conversion and the renaming happen once here and
        a filter change only takes rows (in C).
        """

        def build() -> pa.Table:
            rows, _ = self._participant_rows(lang, demo_on)
            named = rows.rename(columns=summary.column_names(lang))
            return pa.Table.from_pandas(named, preserve_index=False)

        arrow = self.once(("shown", lang, demo_on), build)
        return arrow.take(self._kept(selected, lang, demo_on))
