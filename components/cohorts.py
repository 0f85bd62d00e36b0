"""Figures and tables for the cohort comparison ("Angkatan").

Figures put every region on the chart as a point (customdata = region code, so a click
can open that region's page); tables come in a display form (numbers formatted for the
language, ranks as "=3") and a CSV form (plain numbers) built by the same function.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go

from components import i18n, palette, provenance
from data import scoring

#: Okabe-Ito, blue first and yellow last (yellow points are hard to see on white).
COLORS = [palette.OKABE_ITO[i] for i in (4, 0, 2, 5, 1, 6, 7, 3)]
SOURCED_SYMBOL, DEMO_SYMBOL = "diamond", "circle"


def group_colors(groups: Iterable) -> dict:
    """A stable colour per group (cohort year or track), whatever subset is shown."""
    return {g: COLORS[i % len(COLORS)] for i, g in enumerate(groups)}


def _jitter(code: str, year: int) -> float:
    """A fixed horizontal offset per point, so points do not pile up and never move."""
    digest = hashlib.sha1(f"{code}:{year}".encode()).digest()
    return (digest[0] / 255 - 0.5) * 0.5


def source_text(prov: str | None, lang: str) -> str:
    return provenance.label(prov, i18n.translate(lang, "core.demo"))


def distribution_figure(
    df: pd.DataFrame,
    by: str,
    value: str,
    lang: str,
    *,
    order: Sequence,
    colors: dict,
    axis_title: str,
    value_title: str,
    decimals: int = 1,
) -> go.Figure:
    """Box per group with every region as a clickable point (diamond = sourced value)."""
    known = df[df[value].notna()]
    groups = [g for g in order if g in set(known[by])]
    fig = go.Figure()
    for i, group in enumerate(groups):
        rows = known[known[by] == group]
        color = colors.get(group, palette.MUTED)
        fig.add_box(
            x=[i] * len(rows),
            y=rows[value],
            name=str(group),
            width=0.7,
            boxpoints=False,
            marker_color=color,
            line_color=color,
            fillcolor="rgba(0,0,0,0)",
            hoverinfo="skip",
            showlegend=False,
        )
        for is_demo, symbol in ((True, DEMO_SYMBOL), (False, SOURCED_SYMBOL)):
            points = rows[rows["demo"] == is_demo]
            if points.empty:
                continue
            label = (
                i18n.translate(lang, "core.demo")
                if is_demo
                else i18n.translate(lang, "cohorts.sourced")
            )
            fig.add_scatter(
                x=[
                    i + _jitter(c, y)
                    for c, y in zip(points["region_code"], points["year"], strict=True)
                ],
                y=points[value],
                mode="markers",
                marker=dict(
                    color=color,
                    symbol=symbol,
                    size=9 if is_demo else 12,
                    opacity=0.8,
                    line=dict(width=1, color="#222222"),
                ),
                customdata=points[["region_code"]].to_numpy(),
                text=[
                    f"{r.region} ({r.province})<br>{value_title}: "
                    f"{i18n.number(getattr(r, value), lang, decimals)} · {r.year} · {label}"
                    for r in points.itertuples()
                ],
                hovertemplate="%{text}<extra></extra>",
                name=label,
                showlegend=False,
            )
    fig.update_layout(
        separators=i18n.separators(lang),
        height=380,
        margin=dict(l=10, r=10, t=10, b=10),
        xaxis=dict(
            tickmode="array",
            tickvals=list(range(len(groups))),
            ticktext=[str(g) for g in groups],
            title=axis_title,
            range=[-0.6, len(groups) - 0.4],
        ),
        yaxis=dict(title=value_title),
    )
    return mark_demo(fig, lang) if known["demo"].any() else fig


def mark_demo(fig: go.Figure, lang: str) -> go.Figure:
    """A DEMO stamp in the corner, so a chart copied into slides keeps its warning."""
    fig.add_annotation(
        text=f"<b>{i18n.translate(lang, 'core.demo')}</b>",
        xref="paper",
        yref="paper",
        x=1,
        y=1,
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        font=dict(color=palette.CONFLICT, size=12),
    )
    fig.update_layout(margin=dict(t=28))
    return fig


def heatmap_figure(
    means: pd.DataFrame,
    labels: dict,
    lang: str,
    *,
    value_title: str,
    decimals: int = 1,
    demo: bool = False,
) -> go.Figure:
    """Cohort x criterion means (viridis), each cell also written as a number."""
    text = means.map(lambda v: "" if pd.isna(v) else i18n.number(v, lang, decimals))
    fig = go.Figure(
        go.Heatmap(
            z=means.to_numpy(dtype=float),
            x=[labels.get(c, c) for c in means.columns],
            y=[str(y) for y in means.index],
            text=text.to_numpy(),
            texttemplate="%{text}",
            colorscale="Viridis",
            colorbar=dict(title=dict(text=value_title)),
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(
        separators=i18n.separators(lang),
        height=max(260, 60 + 40 * len(means)),
        margin=dict(l=10, r=10, t=10, b=10),
        yaxis=dict(
            type="category",
            title=i18n.translate(lang, "cohorts.col.cohort_year"),
            autorange="reversed",
        ),
        xaxis=dict(type="category", tickangle=-30),
    )
    return mark_demo(fig, lang) if demo else fig


# --- tables ---------------------------------------------------------------------------


def _formatter(lang: str, formatted: bool) -> Callable[[object, int], object]:
    """Numbers for the screen (locale text) or for CSV (rounded floats)."""

    def fmt(v: object, decimals: int) -> object:
        if v is None or pd.isna(v):
            return "–" if formatted else None
        return i18n.number(float(v), lang, decimals) if formatted else round(float(v), decimals)

    return fmt


def _headed(rows: list[dict], lang: str) -> pd.DataFrame:
    """Rows keyed by column codes, headed with the translated column names."""
    df = pd.DataFrame(rows)
    return df.rename(columns=lambda c: i18n.translate(lang, f"cohorts.col.{c}"))


def distribution_table(
    stats: pd.DataFrame, by: str, lang: str, decimals: int = 1, formatted: bool = True
) -> pd.DataFrame:
    fmt = _formatter(lang, formatted)
    rows = [
        {
            by: str(r[by]),
            "n": int(r["n"]),
            "median": fmt(r["median"], decimals),
            "q1": fmt(r["q1"], decimals),
            "q3": fmt(r["q3"], decimals),
            "iqr": fmt(r["iqr"], decimals),
        }
        for r in stats.to_dict("records")
    ]
    return _headed(rows, lang)


def spread_table(
    spread: pd.DataFrame, labels: dict, lang: str, decimals: int = 1, formatted: bool = True
) -> pd.DataFrame:
    fmt = _formatter(lang, formatted)
    rows = [
        {
            "criterion": labels.get(r["criterion"], r["criterion"]),
            "lowest": f"{r['low_cohort']} ({fmt(r['low'], decimals)})",
            "highest": f"{r['high_cohort']} ({fmt(r['high'], decimals)})",
            "range": fmt(r["range"], decimals),
            "sd": fmt(r["sd"], decimals),
        }
        for r in spread.to_dict("records")
    ]
    return _headed(rows, lang)


def ranking_table(
    ranked: pd.DataFrame,
    lang: str,
    *,
    value: str,
    count: str | None = None,
    decimals: int = 1,
    formatted: bool = True,
) -> pd.DataFrame:
    """Overall and within-cohort competition ranks, the score and what it rests on.

    `count` names the column with how many criteria (or dimensions) the score used.
    """
    fmt = _formatter(lang, formatted)
    overall = scoring.rank_label(ranked["rank"])
    within = ranked.groupby("cohort_year", dropna=False)["cohort_rank"].transform(
        scoring.rank_label
    )
    rows = []
    for i, r in enumerate(ranked.to_dict("records")):
        row = {
            "rank": overall.iloc[i] if formatted else r["rank"],
            "cohort_rank": within.iloc[i] if formatted else r["cohort_rank"],
            "region": r["region"],
            "score": fmt(r[value], decimals),
            "source": source_text(r["provenance"], lang) if formatted else r["provenance"],
            "cohort_year": str(r["cohort_year"]),
            "year": str(r["year"]),
        }
        if count:
            used, missing = int(r[count]), int(r[count.replace("used", "missing")])
            published = r.get("basis") == "published" and not used
            row["criteria"] = "–" if published else f"{used}/{used + missing}"
        if "basis" in r:
            row["basis"] = i18n.translate(lang, f"cohorts.basis.{r['basis']}")
        row.update(track=r["track"], province=r["province"], region_code=r["region_code"])
        rows.append(row)
    return _headed(rows, lang)


def changes_table(
    changes: pd.DataFrame, lang: str, decimals: int = 1, formatted: bool = True
) -> pd.DataFrame:
    fmt = _formatter(lang, formatted)
    rows = []
    for r in changes.to_dict("records"):
        delta = fmt(r["change"], decimals)
        if formatted and r["change"] > 0:
            delta = f"+{delta}"
        rows.append(
            {
                "region": r["region"],
                "province": r["province"],
                "cohorts": f"{r['from_cohort']} → {r['to_cohort']}",
                "years": f"{r['from_year']} → {r['to_year']}",
                "from_value": fmt(r["from_value"], decimals),
                "to_value": fmt(r["to_value"], decimals),
                "change": delta,
                "source": i18n.translate(lang, "core.demo")
                if r["demo"]
                else i18n.translate(lang, "cohorts.sourced"),
            }
        )
    return _headed(rows, lang)


def criteria_table(criteria: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rubric as it stands: name, group, weight and its share, scale."""
    total = criteria.loc[criteria["weight"] > 0, "weight"].sum()
    rows = [
        {
            "code": r["code"],
            "criterion": r[f"name_{i18n.normalise(lang)}"],
            "group": i18n.translate(lang, f"cohorts.group.{r['grp']}"),
            "weight": i18n.number(r["weight"], lang, 2),
            "share": i18n.percent(r["weight"] / total if total else 0, lang),
            "scale": f"{i18n.number(r['scale_min'], lang, 0)}–"
            f"{i18n.number(r['scale_max'], lang, 0)}",
        }
        for r in criteria.to_dict("records")
    ]
    return _headed(rows, lang)


def sourced_table(values: pd.DataFrame, lang: str, columns: Sequence[str]) -> pd.DataFrame:
    """Published values exactly as their sources give them, with the source link kept."""
    fmt = _formatter(lang, True)

    def cell(row: dict, column: str) -> str:
        v = row[column]
        if column == "value":
            return fmt(v, 0 if float(v).is_integer() else 2)
        if v is None or pd.isna(v):
            return "–"
        return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)

    records = values.rename(columns={"index_name": "index"}).to_dict("records")
    return _headed([{c: cell(r, c) for c in columns} for r in records], lang)


EXTERNAL_COLUMNS = [
    "index",
    "year",
    "region",
    "province",
    "value",
    "scale",
    "first_cohort",
    "provenance",
]
PUBLISHED_COLUMNS = ["region", "year", "index", "value", "provenance", "note"]
