"""Quick-win tables, counts, the overdue list and the CSV export, from `data.quickwins` frames.

Every quick-win status and date is demo (no source publishes progress), even for the real
published titles; so with demo values hidden only the sourced titles remain.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from components import export, filters, i18n, provenance
from components.filters import NO_DIMENSION
from components.types import Filters, Labels
from data import demo
from data.catalog import DIMENSIONS, ELEMENTS, QUICK_WIN_STATUSES

#: Where the page lives, for the link an export carries.
PAGE_PATH = "/quick-wins"
DIMENSION_CODES = [code for code, *_ in DIMENSIONS] + [NO_DIMENSION]
#: Statuses that end a quick win: neither can be overdue.
FINISHED = ("launched", "cancelled")


def dimension_label(code: str | None, lang: str) -> str:
    names = {c: (n_id, n_en) for c, _, n_id, n_en in DIMENSIONS}
    if not code or code not in names:
        return i18n.translate(lang, "quickwins.dimension.none")
    return names[code][0 if i18n.normalise(lang) == "id" else 1]


_ELEMENT_EN = {id_: en for pairs in ELEMENTS.values() for id_, en in pairs}


def is_generated(title: str, prov: str | None) -> bool:
    """Whether the title itself says it is a demo placeholder (so it needs no second mark)."""
    return provenance.is_demo(prov) and title.startswith(demo.TITLE_PREFIX)


def title_text(title: str, prov: str | None, lang: str) -> str:
    """A quick win's title as shown: a generated placeholder ("Demo: Kesehatan") names its
    element in the page's language ("Demo: Health"); real titles stay as published."""
    if not is_generated(title, prov):
        return title
    element = title.removeprefix(demo.TITLE_PREFIX)
    if i18n.normalise(lang) == "en":
        element = _ELEMENT_EN.get(element, element)
    return demo.TITLE_PREFIX + element


def status_label(status: str | None, lang: str) -> str:
    return i18n.translate(lang, f"quickwins.status.{status}") if status else "–"


def _dimension_key(df: pd.DataFrame) -> pd.Series:
    return df["dimension"].fillna(NO_DIMENSION)


def labels(df: pd.DataFrame, cohorts: list[int], lang: str) -> Labels:
    """The tracker's filters in the order its row shows them, each value with its label."""
    places = df.drop_duplicates("region_code").sort_values(["region", "province"])
    provinces = df.drop_duplicates("province_code").sort_values("province")
    return {
        "dimension": {c: dimension_label(c, lang) for c in DIMENSION_CODES},
        "status": {s: status_label(s, lang) for s in QUICK_WIN_STATUSES},
        "cohort": {str(y): str(y) for y in cohorts},
        "province": dict(zip(provinces["province_code"], provinces["province"], strict=True)),
        "region": {
            code: f"{name} — {province}"
            for code, name, province in zip(
                places["region_code"], places["region"], places["province"], strict=True
            )
        },
    }


def counts(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Quick wins per dimension (rows) and status (columns), with totals, all categories shown."""
    grid = pd.crosstab(_dimension_key(df), df["status"]).reindex(
        index=DIMENSION_CODES, columns=QUICK_WIN_STATUSES, fill_value=0
    )
    grid["total"] = grid.sum(axis=1)
    grid.loc["total"] = grid.sum(axis=0)
    grid.index = [
        i18n.translate(lang, "quickwins.total") if c == "total" else dimension_label(c, lang)
        for c in grid.index
    ]
    grid.columns = [
        i18n.translate(lang, "quickwins.total") if c == "total" else status_label(c, lang)
        for c in grid.columns
    ]
    grid.index.name = i18n.translate(lang, "quickwins.col.dimension")
    return grid.astype(int)


def counts_figure(grid: pd.DataFrame, lang: str) -> go.Figure:
    """The dimension x status counts as a heatmap (viridis), totals left out."""
    body = grid.iloc[:-1, :-1]
    fig = go.Figure(
        go.Heatmap(
            z=body.values,
            x=list(body.columns),
            y=list(body.index),
            colorscale="Viridis",
            text=body.values,
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
            colorbar=dict(title=i18n.translate(lang, "quickwins.count")),
        )
    )
    fig.update_layout(
        separators=i18n.separators(lang),
        height=330,
        margin=dict(l=10, r=10, t=10, b=10),
        yaxis=dict(autorange="reversed"),
    )
    return fig


def overdue(df: pd.DataFrame, today: date) -> pd.DataFrame:
    """Quick wins past their due date and neither launched nor cancelled, latest first."""
    due = pd.to_datetime(df["due_date"], errors="coerce")
    late = df[(due.dt.date < today) & ~df["status"].isin(FINISHED)].copy()
    late["days_late"] = (pd.Timestamp(today) - pd.to_datetime(late["due_date"])).dt.days
    return late.sort_values(["days_late", "region"], ascending=[False, True])


def kpi_counts(rows: pd.DataFrame, late: pd.DataFrame) -> dict[str, int]:
    """The tracker's headline numbers: shown, launched, overdue, and how many have a source."""
    return {
        "shown": len(rows),
        "launched": int((rows["status"] == "launched").sum()),
        "overdue": len(late),
        "sourced": int((~rows["provenance"].map(provenance.is_demo)).sum()),
    }


def _source_url(value: str | None) -> str | None:
    return value if value and value.startswith(("http://", "https://")) else None


def table(df: pd.DataFrame, lang: str, show_demo: bool, days_late: bool = False) -> pd.DataFrame:
    """Quick wins as shown: title, region, dimension, status and dates, with where each is from.

    `title_from` says where the title comes from (a source, or DEMO); `status_from` the
    same for status and dates. With demo hidden, demo statuses and dates are blank, and
    the columns are dropped when no status is sourced or reported by a team.
    """
    demo = i18n.translate(lang, "core.demo")
    out = pd.DataFrame(
        {
            "region_code": df["region_code"],
            "title": [
                title_text(t, p, lang) for t, p in zip(df["title"], df["provenance"], strict=True)
            ],
            "region": df["region"],
            "dimension": df["dimension"].map(lambda c: dimension_label(c, lang)),
            "year": df["year"].astype("Int64"),
            "status": df["status"].map(lambda s: status_label(s, lang)),
            "due_date": df["due_date"].map(lambda d: i18n.date_text(d, lang)),
            "launched_date": df["launched_date"].map(lambda d: i18n.date_text(d, lang)),
            "start_date": df["start_date"].map(lambda d: i18n.date_text(d, lang)),
            "status_from": df["status_provenance"].map(lambda p: provenance.label(p, demo, lang)),
            "source": df["provenance"].map(_source_url),
            "title_from": df["provenance"].map(lambda p: provenance.label(p, demo, lang)),
        },
        index=df.index,
    )
    if days_late:
        out.insert(out.columns.get_loc("status") + 1, "days_late", df["days_late"].astype(int))
    if not show_demo:
        status_columns = ["status", "start_date", "due_date", "launched_date", "status_from"]
        reported = ~df["status_provenance"].map(provenance.is_demo)
        if reported.any():  # a sourced or team-reported status stays; demo ones go blank
            out.loc[~reported, status_columns] = "–"
        else:
            out = out.drop(columns=status_columns)
    return out


def column_names(lang: str) -> dict[str, str]:
    """Translated headers for `table` columns (`region_code` stays for row clicks)."""
    keys = [
        "title",
        "region",
        "dimension",
        "year",
        "status",
        "start_date",
        "due_date",
        "launched_date",
        "days_late",
        "status_from",
        "title_from",
        "source",
    ]
    return {k: i18n.translate(lang, f"quickwins.col.{k}") for k in keys}


def csv_header(
    chosen: Filters, labels: Labels, lang: str, show_demo: bool, rows: int, today: date, link: str
) -> list[str]:
    """The export's first lines: the shared header, with what DEMO means in it."""
    note = i18n.translate(lang, "quickwins.csv.demo_note" if show_demo else "core.demo_hidden")
    title = i18n.translate(lang, "quickwins.csv.title")
    return filters.csv_header(
        title, chosen, labels, lang, demo=show_demo, rows=rows, today=today, link=link, extra=[note]
    )


def csv(
    rows: pd.DataFrame,
    chosen: Filters,
    labels: Labels,
    lang: str,
    show_demo: bool,
    today: date,
    link: str,
) -> str:
    """What the page's download gives: the quick wins as shown, under the shared header."""
    shown = table(rows, lang, show_demo).drop(columns="region_code")
    header = csv_header(chosen, labels, lang, show_demo, len(rows), today, link)
    return export.csv_with_header(shown.rename(columns=column_names(lang)), header)
