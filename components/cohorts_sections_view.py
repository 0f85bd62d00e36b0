"""The Angkatan page's three views: readiness, evaluation, and published external indices.

Readiness and evaluation show the same blocks (distribution, per criterion, ranking,
changes) for their own score; the external view only lists what sources published.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from components import cohorts as view
from components import provenance, widgets
from components.cohorts_filters import KEY
from components.cohorts_view import (
    Context,
    Score,
    changes,
    distributions,
    heading,
    heatmap,
    ranking,
)
from components.i18n import percent
from components.session import t
from data import cohorts, scoring
from data.catalog import DEMO, EVALUATION_DIMENSIONS


def _link_columns(ctx: Context) -> dict:
    return {t("cohorts.col.provenance"): st.column_config.LinkColumn()}


# --- readiness ------------------------------------------------------------------------


def readiness(ctx: Context) -> None:
    """Readiness (all demo: no source publishes it) per cohort, then the rubric it uses."""
    lang = ctx.lang
    criteria = scoring.criteria(ctx.store)
    if not ctx.demo:
        st.info(t("core.demo_hidden"))
        st.info(t("cohorts.readiness.none_sourced"))
    else:
        st.markdown(provenance.badge(t("core.demo")) + " " + t("cohorts.readiness.demo_note"))
        data = ctx.kept(cohorts.readiness(ctx.store, ctx.demo))
        if data.empty:
            st.info(t("cohorts.empty"))
        else:
            _readiness_blocks(ctx, data, criteria)
    with st.expander(t("cohorts.criteria")):
        st.dataframe(view.criteria_table(criteria, lang), hide_index=True, key="criteria_table")
        st.caption(t("cohorts.criteria_caption", share=percent(scoring.MIN_COVERAGE, lang)))


def _readiness_blocks(ctx: Context, data: pd.DataFrame, criteria: pd.DataFrame) -> None:
    lang = ctx.lang
    labels = dict(zip(criteria["code"], criteria[f"name_{lang}"], strict=True))
    active = int((criteria["weight"] > 0).sum())
    score = Score("composite", t("cohorts.readiness.score"), 1)
    heading(ctx, t("cohorts.readiness.distribution"), True)
    distributions(ctx, data, score, "ready")
    heading(ctx, t("cohorts.readiness.per_criterion"), True)
    st.caption(t("cohorts.readiness.heatmap_caption"))
    per_criterion = ctx.kept(cohorts.readiness_criteria(ctx.store, ctx.demo))
    heatmap(ctx, per_criterion, labels, replace(score, column="normalised"), "ready_heat")
    heading(ctx, t("cohorts.ranking"), True)
    ranking(
        ctx,
        data,
        score,
        "criteria_used",
        t("cohorts.readiness.basis", n=active, share=percent(scoring.MIN_COVERAGE, lang)),
        "ready_rank",
        t("cohorts.view.readiness"),
    )
    heading(ctx, t("cohorts.readiness.changes"), True)
    st.caption(t("cohorts.readiness.changes_caption"))
    changes(ctx, data, score, "ready_changes")


# --- evaluation -----------------------------------------------------------------------


def evaluation(ctx: Context) -> None:
    """The evaluation index of one year (weights and year in the URL), then published values."""
    weight_set, bad_weights = widgets.url_single(
        t("cohorts.eval.weights"),
        "ew",
        list(scoring.EVALUATION_WEIGHTS),
        scoring.DEFAULT_EVALUATION_WEIGHTS,
        format_func=lambda w: t(f"cohorts.eval.weights.{w}"),
        key_prefix=KEY,
    )
    data = ctx.kept(cohorts.evaluation(ctx.store, ctx.demo, weight_set))
    eval_years = sorted({str(y) for y in data["year"]})
    if not eval_years:
        st.info(t("cohorts.empty"))
        eval_year, bad_year = None, []
    else:
        eval_year, bad_year = widgets.url_single(
            t("cohorts.eval.year"), "eyear", eval_years, eval_years[-1], key_prefix=KEY
        )
    widgets.warn_unknown("cohorts.unknown_value", ctx.lang, {"ew": bad_weights, "eyear": bad_year})
    if not ctx.demo:
        st.info(t("core.demo_hidden"))
    elif eval_year:
        st.markdown(provenance.badge(t("core.demo")) + " " + t("cohorts.eval.demo_note"))
    st.caption(t(f"cohorts.eval.method.{weight_set}"))
    if eval_year:
        _evaluation_blocks(ctx, data, int(eval_year))
    _published_evaluations(ctx)


def _evaluation_blocks(ctx: Context, data: pd.DataFrame, year: int) -> None:
    year_data = data[data["year"] == year]
    score = Score("index", t("cohorts.eval.index"), 2)
    heading(ctx, t("cohorts.eval.distribution", year=year), year_data["demo"].any())
    distributions(ctx, year_data, score, "eval")
    per_dimension = ctx.kept(cohorts.evaluation_criteria(ctx.store, ctx.demo))
    per_dimension = per_dimension[per_dimension["year"] == year]
    if not per_dimension.empty:
        heading(
            ctx,
            t("cohorts.eval.per_dimension", year=year),
            (per_dimension["provenance"] == DEMO).any(),
        )
        dims = [*EVALUATION_DIMENSIONS, *cohorts.PILLARS]
        labels = {d: t(f"cohorts.dim.{d}") for d in dims}
        heatmap(ctx, per_dimension, labels, replace(score, column="value"), "eval_heat")
    heading(ctx, t("cohorts.ranking"), year_data["demo"].any())
    ranking(
        ctx,
        year_data,
        score,
        "dimensions_used",
        t("cohorts.eval.basis", year=year),
        "eval_rank",
        t("cohorts.view.evaluation"),
    )
    heading(ctx, t("cohorts.eval.changes", year=year), year_data["demo"].any())
    changes(ctx, data, score, "eval_changes", year)


def _published_evaluations(ctx: Context) -> None:
    st.subheader(t("cohorts.eval.published"))
    st.caption(t("cohorts.eval.published_caption"))
    published = ctx.kept(cohorts.published_evaluations(ctx.store), places=True)
    st.dataframe(
        view.sourced_table(published, ctx.lang, view.PUBLISHED_COLUMNS),
        hide_index=True,
        key="eval_published",
        column_config=_link_columns(ctx),
    )


# --- published external indices -------------------------------------------------------


def external(ctx: Context) -> None:
    """External indices (e.g. ISNA ranks) exactly as published, with their sources."""
    st.caption(t("cohorts.external.caption"))
    values = ctx.kept(cohorts.external_indices(ctx.store), places=True)
    if values.empty:
        st.info(t("cohorts.empty"))
        return
    table = view.sourced_table(values, ctx.lang, view.EXTERNAL_COLUMNS)
    st.dataframe(table, hide_index=True, key="external_table", column_config=_link_columns(ctx))
    widgets.csv_download(
        t("cohorts.download"),
        ctx.csv(table, t("cohorts.view.external")),
        "angkatan-external.csv",
        "external_csv",
    )
