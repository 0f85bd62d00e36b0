"""Figures and tables for the overview page, built from `data.queries` frames."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import i18n, palette


def cohort_figure(summary: pd.DataFrame, lang: str) -> go.Figure:
    """Roster rows per cohort year, stacked by how sure the sources are."""

    years = summary["cohort_year"].astype(str)
    fig = go.Figure()
    for column, key, color in (
        ("confirmed", "overview.flag.confirmed", palette.CONFIRMED),
        ("conflict", "overview.flag.conflict", palette.CONFLICT),
        ("uncertain", "overview.flag.uncertain", palette.UNCERTAIN),
    ):
        labelled = column == "confirmed"  # small doubtful segments are read from the table
        fig.add_bar(
            x=years,
            y=summary[column],
            name=i18n.translate(lang, key),
            marker_color=color,
            text=summary[column] if labelled else None,
            textposition="inside" if labelled else "none",
            hovertemplate="%{x}: %{y}<extra>" + i18n.translate(lang, key) + "</extra>",
        )
    fig.update_layout(
        separators=i18n.separators(lang),
        barmode="stack",
        height=340,
        margin=dict(l=10, r=10, t=10, b=10),
        legend=dict(orientation="h", y=-0.2, traceorder="normal"),
        xaxis=dict(type="category", title=i18n.translate(lang, "overview.cohort_year")),
        yaxis_title=i18n.translate(lang, "overview.regions"),
    )
    return fig


def cohort_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The same counts as text, e.g. "50 + 1 uncertain", so the chart is never the only view."""

    rows = []
    for r in summary.itertuples():
        extra = []
        if r.conflict:
            extra.append(i18n.translate(lang, "overview.plus_conflict", n=r.conflict))
        if r.uncertain:
            extra.append(i18n.translate(lang, "overview.plus_uncertain", n=r.uncertain))
        rows.append(
            {
                i18n.translate(lang, "overview.cohort_year"): str(r.cohort_year),
                i18n.translate(lang, "overview.confirmed"): int(r.confirmed),
                i18n.translate(lang, "overview.doubtful"): ", ".join(extra) or "–",
                i18n.translate(lang, "overview.rows"): int(r.rows),
            }
        )
    return pd.DataFrame(rows)


def province_figure(by_province: pd.DataFrame, lang: str) -> go.Figure:
    """Participants against all regions per province, the 38 provinces sorted by count."""
    df = by_province.sort_values(["participants", "province"], ascending=[True, False])
    fig = go.Figure()
    for column, color, key in (
        ("regions", palette.MUTED, "overview.all_regions"),
        ("participants", palette.CONFIRMED, "overview.participants"),
    ):
        fig.add_bar(
            y=df["province"],
            x=df[column],
            orientation="h",
            marker_color=color,
            name=i18n.translate(lang, key),
        )
    fig.update_layout(
        separators=i18n.separators(lang),
        barmode="overlay",
        height=820,
        margin=dict(l=10, r=10, t=10, b=10),
        legend=dict(orientation="h", y=1.02, yanchor="bottom"),
    )
    return fig
