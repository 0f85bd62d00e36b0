"""The region page's pieces: header facts, masterplan, readiness against peers, indices.

Pure functions of `data.region` frames plus the language, so the page and the PDF
report card show the same numbers. No Streamlit here: the picker is in `region_view`.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from components import i18n, palette, provenance
from components import quickwins as qw
from components.quickwins import NO_DIMENSION
from data.catalog import EVALUATION_DIMENSIONS
from data.region import Profile

REGION_COLOR, COHORT_COLOR = "#0072B2", "#000000"


# --- header --------------------------------------------------------------------------


def kind_label(kind: str, lang: str) -> str:
    return i18n.translate(lang, f"region.kind.{kind}")


def flag_label(flag: str | None, lang: str) -> str:
    known = isinstance(flag, str) and flag
    return (
        i18n.translate(lang, f"region.flag.{flag}")
        if known
        else i18n.translate(lang, "region.flag.none")
    )


def quick_win_count(quick_wins: pd.DataFrame, lang: str, demo_on: bool) -> str:
    """How many quick wins are shown, and how many demo ones are hidden (page and PDF)."""
    return provenance.count_text(quick_wins, demo_on, lang)


def participation_table(participations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each roster row: cohort, track, how sure the source is (with its note) and the source."""
    return pd.DataFrame(
        {
            "cohort_year": participations["cohort_year"].map(
                lambda y: i18n.translate(lang, "region.unknown_year") if pd.isna(y) else str(int(y))
            ),
            "track": participations["track"].fillna("–"),
            "flag": participations["flag"].map(lambda f: flag_label(f, lang)),
            "note": participations["note"].fillna(""),
            "source": participations["provenance"],
        }
    )


def cohorts_text(participations: pd.DataFrame, lang: str) -> str:
    """ "2017 (100 Smart City), 2021 (KPPN)" for the header line."""
    parts = []
    for row in participations.itertuples():
        year = (
            i18n.translate(lang, "region.unknown_year")
            if pd.isna(row.cohort_year)
            else int(row.cohort_year)
        )
        parts.append(f"{year} ({row.track})" if isinstance(row.track, str) else str(year))
    return ", ".join(parts)


def column_names(lang: str, keys: list[str]) -> dict[str, str]:
    return {k: i18n.translate(lang, f"region.col.{k}") for k in keys}


def localised(df: pd.DataFrame, lang: str, decimals: dict[str, int]) -> pd.DataFrame:
    """Numbers written the way the language writes them (3,31 / 3.31), for tables and the PDF."""
    out = df.copy()
    for column, places in decimals.items():
        out[column] = (
            out[column]
            .map(lambda v, p=places: "–" if pd.isna(v) else i18n.number(v, lang, p))
            .astype(object)
        )
    return out


# --- masterplan ----------------------------------------------------------------------


def masterplan_table(masterplans: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Status and dates per participation; the document link is 'not known' unless stored."""
    demo = i18n.translate(lang, "core.demo")
    return pd.DataFrame(
        {
            "cohort_year": masterplans["cohort_year"].astype(int).astype(str),
            "status": masterplans["status"].map(
                lambda s: i18n.translate(lang, f"region.masterplan.{s}")
            ),
            "final_date": masterplans["final_date"].map(lambda d: i18n.date_text(d, lang)),
            "adopted_date": masterplans["adopted_date"].map(lambda d: i18n.date_text(d, lang)),
            "document": masterplans["document_url"].map(
                lambda u: u or i18n.translate(lang, "region.not_known")
            ),
            "basis": masterplans["provenance"].map(lambda p: provenance.label(p, demo, lang)),
        }
    )


def dimension_table(dimensions: pd.DataFrame, quick_wins: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The six dimensions, their three elements, and the quick wins planned under each.

    Quick wins whose source names no dimension get their own row, never a guessed one.
    """
    element = "element_id" if i18n.normalise(lang) == "id" else "element_en"
    name = "name_id" if i18n.normalise(lang) == "id" else "name_en"
    demo = i18n.translate(lang, "core.demo")

    def titles(rows: pd.DataFrame) -> str:
        marked = []
        for title, prov in zip(rows["title"], rows["provenance"], strict=True):
            shown = qw.title_text(title, prov, lang)
            said = qw.is_generated(title, prov)  # "Demo: ..." needs no second mark
            marked.append(f"{shown} ({demo})" if provenance.is_demo(prov) and not said else shown)
        return "; ".join(marked) or "–"

    by_dimension = quick_wins.assign(key=quick_wins["dimension"].fillna(NO_DIMENSION))
    rows = []
    for _, group in dimensions.groupby("position", sort=True):
        dim = group.iloc[0]["dimension"]
        rows.append(
            {
                "dimension": group.iloc[0][name],
                "elements": " · ".join(group[element]),
                "programmes": titles(by_dimension[by_dimension["key"] == dim]),
            }
        )
    unstated = by_dimension[by_dimension["key"] == NO_DIMENSION]
    if len(unstated):
        rows.append(
            {
                "dimension": i18n.translate(lang, "quickwins.dimension.none"),
                "elements": "–",
                "programmes": titles(unstated),
            }
        )
    return pd.DataFrame(rows)


# --- readiness against peers ---------------------------------------------------------


def criterion_names(criteria: pd.DataFrame, lang: str) -> dict[str, str]:
    column = "name_id" if i18n.normalise(lang) == "id" else "name_en"
    return dict(zip(criteria["code"], criteria[column], strict=True))


def comparison(
    readiness: pd.DataFrame,
    peers: pd.DataFrame,
    criteria: pd.DataFrame,
    participation_id: int,
    lang: str,
) -> pd.DataFrame:
    """Per criterion: this region's value next to its cohort's median, minimum and maximum.

    The cohort's size is `standing(...)["n"]`, the same for every criterion.
    """
    own = readiness[readiness["participation_id"] == participation_id]
    if own.empty:
        return pd.DataFrame(columns=["criterion", "value", "median", "min", "max"])
    cohort = peers[peers["cohort_year"] == own.iloc[0]["cohort_year"]]
    stats = cohort.groupby("criterion")["value"].agg(["median", "min", "max"])
    names = criterion_names(criteria, lang)
    out = (
        criteria[["code"]]
        .merge(own[["criterion", "value"]], left_on="code", right_on="criterion", how="inner")
        .join(stats, on="criterion")
    )
    return pd.DataFrame(
        {
            "criterion": out["criterion"].map(names),
            "value": out["value"].round(1),
            "median": out["median"].round(2),
            "min": out["min"].round(1),
            "max": out["max"].round(1),
        }
    )


def comparison_figure(table: pd.DataFrame, lang: str, scale: tuple[float, float]) -> go.Figure:
    """A dot plot: cohort range as a bar, cohort median and this region as markers."""
    fig = go.Figure()
    for i, row in enumerate(table.itertuples()):
        fig.add_scatter(
            x=[row.min, row.max],
            y=[row.criterion] * 2,
            mode="lines",
            line=dict(color=palette.MUTED, width=10),
            showlegend=i == 0,
            name=i18n.translate(lang, "region.readiness.range"),
            hoverinfo="skip",
        )
    fig.add_scatter(
        x=table["median"],
        y=table["criterion"],
        mode="markers",
        marker=dict(symbol="line-ns", size=18, line=dict(width=3, color=COHORT_COLOR)),
        name=i18n.translate(lang, "region.readiness.median"),
        hovertemplate="%{y}: %{x}<extra>"
        + i18n.translate(lang, "region.readiness.median")
        + "</extra>",
    )
    fig.add_scatter(
        x=table["value"],
        y=table["criterion"],
        mode="markers",
        marker=dict(size=14, color=REGION_COLOR),
        name=i18n.translate(lang, "region.readiness.this_region"),
        hovertemplate="%{y}: %{x}<extra></extra>",
    )
    fig.update_layout(
        separators=i18n.separators(lang),
        height=110 + 34 * len(table),
        margin=dict(l=10, r=10, t=10, b=10),
        xaxis=dict(
            range=[scale[0] - 0.1, scale[1] + 0.1],
            title=i18n.translate(lang, "region.readiness.scale"),
        ),
        yaxis=dict(autorange="reversed"),
        legend=dict(orientation="h", y=-0.25),
    )
    return fig


def standing(composites: pd.DataFrame, code: str, cohort_year: int) -> dict | None:
    """This region's composite in its cohort: value, cohort median, size and percentile.

    The percentile is the share of the other cohort members it scores above (ties count
    half), so 100 means above every peer and 0 below every peer.
    """
    cohort = composites[
        (composites["cohort_year"] == cohort_year) & composites["composite"].notna()
    ]
    own = cohort[cohort["region_code"] == code]
    if own.empty:
        return None
    value = float(own.iloc[0]["composite"])
    others = cohort[cohort["region_code"] != code]["composite"]
    percentile = None
    if len(others):
        percentile = 100 * ((others < value).sum() + 0.5 * (others == value).sum()) / len(others)
    return {
        "composite": round(value, 1),
        "median": round(float(cohort["composite"].median()), 1),
        "n": len(cohort),
        "percentile": None if percentile is None else round(percentile),
        "year": int(own.iloc[0]["year"]),
    }


class Standing(NamedTuple):
    """One participation's cohort and the region's standing in it (None: not assessed)."""

    participation: int
    cohort: int
    rank: dict | None


def standings(profile: Profile) -> list[Standing]:
    """The region's standing in each cohort it joined: what the page and the PDF both show."""
    code = profile.region["code"]
    return [
        Standing(p.id, int(p.cohort_year), standing(profile.composites, code, int(p.cohort_year)))
        for p in profile.participations.dropna(subset=["cohort_year"]).itertuples()
    ]


def standing_text(rank: dict, lang: str) -> dict[str, str]:
    """The standing's numbers as the page and the report card print them."""
    return {
        "composite": i18n.number(rank["composite"], lang, 1),
        "median": i18n.number(rank["median"], lang, 1),
        "percentile": "–" if rank["percentile"] is None else i18n.number(rank["percentile"], lang),
        "n": str(rank["n"]),
        "year": str(rank["year"]),
    }


READINESS_DECIMALS = {"value": 1, "median": 2, "min": 1, "max": 1}
EVALUATION_DECIMALS = {"overall": 2, **dict.fromkeys(EVALUATION_DIMENSIONS, 2)}


def trend(composites: pd.DataFrame, code: str) -> pd.DataFrame:
    """Composite per assessment year for this region, next to its cohort's median then."""
    own = composites[composites["region_code"] == code][["year", "cohort_year", "composite"]]
    medians = composites.groupby("cohort_year")["composite"].median().rename("cohort_median")
    return own.join(medians, on="cohort_year").sort_values("year").round(1)


def trend_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(
        x=table["year"],
        y=table["cohort_median"],
        mode="lines+markers",
        name=i18n.translate(lang, "region.readiness.median"),
        line=dict(color=COHORT_COLOR, dash="dot"),
        marker=dict(symbol="line-ew-open", size=14),
    )
    fig.add_scatter(
        x=table["year"],
        y=table["composite"],
        mode="lines+markers+text",
        name=i18n.translate(lang, "region.readiness.this_region"),
        text=[i18n.number(v, lang, 1) for v in table["composite"]],
        textposition="top center",
        line=dict(color=REGION_COLOR),
        marker=dict(size=12),
    )
    fig.update_layout(
        separators=i18n.separators(lang),
        height=300,
        margin=dict(l=10, r=10, t=30, b=10),
        xaxis=dict(tickmode="array", tickvals=table["year"], title=None),
        yaxis=dict(range=[0, 100], title=i18n.translate(lang, "region.readiness.composite_axis")),
        legend=dict(orientation="h", y=-0.15),
    )
    return fig


# --- evaluation and published indices -------------------------------------------------


def evaluation_table(years: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per year: overall index (published or computed), the five dimensions, source."""
    demo = i18n.translate(lang, "core.demo")
    out = pd.DataFrame(
        {
            "year": years["year"].astype(str),
            "overall": years["index"].round(2),
            "basis": [
                demo if is_demo else i18n.translate(lang, f"region.evaluation.{basis}")
                for basis, is_demo in zip(years["basis"], years["demo"], strict=True)
            ],
        }
    )
    for dimension in EVALUATION_DIMENSIONS:
        out[dimension] = years[dimension].round(2)
    out["source"] = years["provenance"].map(lambda p: None if provenance.is_demo(p) else p)
    return out


def evaluation_figure(years: pd.DataFrame, lang: str) -> go.Figure:
    """The overall evaluation index per year; filled markers published, open markers demo."""
    rows = years.sort_values("year")
    fig = go.Figure()
    fig.add_scatter(
        x=rows["year"],
        y=rows["index"].round(2),
        mode="lines+markers+text",
        text=[i18n.number(v, lang, 2) for v in rows["index"]],
        textposition="top center",
        name=i18n.translate(lang, "region.evaluation.overall"),
        line=dict(color=REGION_COLOR),
        marker=dict(
            size=12,
            color=REGION_COLOR,
            line=dict(width=2, color=REGION_COLOR),
            symbol=["circle-open" if d else "circle" for d in rows["demo"]],
        ),
    )
    fig.update_layout(
        separators=i18n.separators(lang),
        height=300,
        margin=dict(l=10, r=10, t=30, b=10),
        xaxis=dict(dtick=1, title=None),
        yaxis=dict(title=i18n.translate(lang, "region.evaluation.axis")),
        showlegend=False,
    )
    return fig


def _as_published(value: float, lang: str) -> str:
    """A value with as many decimals as the source gave (67.03, 3.6, rank 2)."""
    return i18n.number(value, lang, len(f"{value:g}".partition(".")[2]))


def published_table(published: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Sourced index values and ranks exactly as published, with their scale text and note."""
    return pd.DataFrame(
        {
            "year": published["year"].astype(str),
            "index_name": published["index_name"],
            "value": published["value"].map(lambda v: _as_published(v, lang)),
            "scale": published["scale"].fillna("–"),
            "note": published["note"].fillna(""),
            "source": published["provenance"],
        }
    )
