"""Angkatan: are later cohorts better prepared, in which criteria, and who stands out?"""

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from components import cohorts as view
from components import export, provenance, widgets
from components.i18n import percent
from components.session import db, language, show_demo, t
from data import cohorts, scoring
from data.catalog import DEMO, EVALUATION_DIMENSIONS

lang, store, demo = language(), db(), show_demo()
KEY = "_cohorts_"
opts = cohorts.options(store)
province_names = dict(opts["provinces"])
cohort_colors = view.group_colors(opts["cohorts"])
track_colors = view.group_colors(opts["tracks"])

st.title(t("cohorts.title"))
st.caption(t("cohorts.subtitle"))

# --- filters (all in the URL) ---------------------------------------------------------
cols = st.columns([3, 2, 3, 2])
everything = t("cohorts.filter.all")
chosen: dict[str, list[str]] = {}
unknown: dict[str, list[str]] = {}
for column, param, options, names in (
    (cols[0], "cohort", [str(y) for y in opts["cohorts"]], str),
    (cols[1], "track", opts["tracks"], str),
    (cols[2], "province", list(province_names), province_names.get),
):
    chosen[param], unknown[param] = widgets.url_multiselect(
        t(f"cohorts.filter.{param}"),
        param,
        options,
        format_func=names,
        widget=column.multiselect,
        placeholder=everything,
        key_prefix=KEY,
    )
chosen["kind"], unknown["kind"] = widgets.url_multiselect(
    t("cohorts.filter.kind"),
    "kind",
    opts["kinds"],
    widget=cols[3].pills,
    format_func=lambda k: t(f"cohorts.kind.{k}"),
    key_prefix=KEY,
)
section, bad_view = widgets.url_single(
    t("cohorts.view"),
    "view",
    ["readiness", "evaluation", "external"],
    "readiness",
    format_func=lambda v: t(f"cohorts.view.{v}"),
    key_prefix=KEY,
)
unknown["view"] = bad_view
widgets.warn_unknown("cohorts.unknown_value", lang, unknown)

years, tracks, provinces, kinds = (chosen[p] for p in ("cohort", "track", "province", "kind"))
filters = cohorts.Filters(
    tuple(int(y) for y in years), tuple(tracks), tuple(provinces), tuple(kinds)
)
region_filters = cohorts.Filters(provinces=tuple(provinces), kinds=tuple(kinds))


def described(values: list[str], names=str) -> str:
    return ", ".join(names(v) for v in values) or everything


def csv_header(what: str) -> list[str]:
    """The first lines of every export: what it is, the filters, and the link that shows it."""
    return [
        t("cohorts.csv.title", what=what),
        t(
            "cohorts.csv.filters",
            cohorts=described(years),
            tracks=described(tracks),
            provinces=described(provinces, province_names.get),
            kinds=described(kinds, lambda k: t(f"cohorts.kind.{k}")),
            demo=t("cohorts.yes") if demo else t("cohorts.no"),
        ),
        t("cohorts.csv.link", link="/angkatan?" + urlencode(st.query_params.to_dict())),
    ]


def heading(text: str, has_demo: bool) -> None:
    st.subheader(text + (" " + provenance.badge(t("core.demo")) if has_demo else ""))


def distributions(df: pd.DataFrame, value: str, value_title: str, decimals: int, key: str):
    """Box plots by cohort and by track, every region a clickable point, and the n/median/IQR."""
    left, right = st.columns([3, 2])
    for column, by, order, colors in (
        (left, "cohort_year", opts["cohorts"], cohort_colors),
        (right, "track", opts["tracks"], track_colors),
    ):
        column.markdown(f"**{t(f'cohorts.by.{by}')}**")
        fig = view.distribution_figure(
            df,
            by,
            value,
            lang,
            order=order,
            colors=colors,
            axis_title=t(f"cohorts.col.{by}"),
            value_title=value_title,
            decimals=decimals,
        )
        event = column.plotly_chart(
            fig, on_select="rerun", selection_mode="points", key=f"{key}_{by}"
        )
        widgets.open_region(widgets.clicked_region(event))
    st.caption(t("cohorts.points_caption"))
    stats = cohorts.distribution(df, "cohort_year", value)
    single = stats.loc[stats["n"] == 1, "cohort_year"].astype(str).tolist()
    if single:
        st.info(t("cohorts.single", cohorts=", ".join(single)))
    st.dataframe(
        view.distribution_table(stats, "cohort_year", lang, decimals),
        hide_index=True,
        key=f"{key}_stats",
    )


def heatmap(
    per_criterion: pd.DataFrame, labels: dict, value: str, value_title: str, decimals: int, key: str
) -> None:
    means = cohorts.cohort_means(per_criterion, value)
    means = means[[c for c in labels if c in means.columns]]
    has_demo = bool((per_criterion["provenance"] == DEMO).any())
    st.plotly_chart(
        view.heatmap_figure(
            means, labels, lang, value_title=value_title, decimals=decimals, demo=has_demo
        ),
        key=key,
    )
    spread = cohorts.cohort_spread(means)
    st.markdown(f"**{t('cohorts.spread')}**")
    if spread.empty:
        st.info(t("cohorts.spread_needs_two"))
    else:
        st.dataframe(
            view.spread_table(spread, labels, lang, decimals), hide_index=True, key=f"{key}_spread"
        )


def ranking(
    df: pd.DataFrame, value: str, count: str, decimals: int, basis: str, key: str, what: str
) -> None:
    ranked = cohorts.ranked(df, value)
    st.caption(basis)
    table = view.ranking_table(ranked, lang, value=value, count=count, decimals=decimals)
    widgets.open_region_on_click(table, key, t("cohorts.col.region_code"))
    rows = view.ranking_table(
        ranked, lang, value=value, count=count, decimals=decimals, formatted=False
    )
    widgets.csv_download(
        t("cohorts.download"),
        export.csv_with_header(rows, csv_header(what)),
        f"angkatan-{key}.csv",
        f"{key}_csv",
    )


def changes(df: pd.DataFrame, value: str, decimals: int, key: str, until: int | None = None):
    """Each region's change between assessments (or into evaluation year `until`)."""
    moves = cohorts.changes_over_time(df, value)
    if until is not None:
        moves = moves[moves["to_year"] == until]
    if moves.empty:
        st.info(t("cohorts.no_changes"))
    else:
        st.dataframe(view.changes_table(moves, lang, decimals), hide_index=True, key=key)


# --- readiness ------------------------------------------------------------------------
if section == "readiness":
    criteria = scoring.criteria(store)
    labels = dict(zip(criteria["code"], criteria[f"name_{lang}"], strict=True))
    active = int((criteria["weight"] > 0).sum())
    if not demo:
        st.info(t("core.demo_hidden"))
        st.info(t("cohorts.readiness.none_sourced"))
    else:
        st.markdown(provenance.badge(t("core.demo")) + " " + t("cohorts.readiness.demo_note"))
        data = filters.apply(cohorts.readiness(store, demo))
        if data.empty:
            st.info(t("cohorts.empty"))
        else:
            score_title = t("cohorts.readiness.score")
            heading(t("cohorts.readiness.distribution"), True)
            distributions(data, "composite", score_title, 1, "ready")
            heading(t("cohorts.readiness.per_criterion"), True)
            st.caption(t("cohorts.readiness.heatmap_caption"))
            heatmap(
                filters.apply(cohorts.readiness_criteria(store, demo)),
                labels,
                "normalised",
                score_title,
                1,
                "ready_heat",
            )
            heading(t("cohorts.ranking"), True)
            ranking(
                data,
                "composite",
                "criteria_used",
                1,
                t("cohorts.readiness.basis", n=active, share=percent(scoring.MIN_COVERAGE, lang)),
                "ready_rank",
                t("cohorts.view.readiness"),
            )
            heading(t("cohorts.readiness.changes"), True)
            st.caption(t("cohorts.readiness.changes_caption"))
            changes(data, "composite", 1, "ready_changes")
    with st.expander(t("cohorts.criteria")):
        st.dataframe(view.criteria_table(criteria, lang), hide_index=True, key="criteria_table")
        st.caption(t("cohorts.criteria_caption", share=percent(scoring.MIN_COVERAGE, lang)))

# --- evaluation -----------------------------------------------------------------------
elif section == "evaluation":
    weight_set, bad_weights = widgets.url_single(
        t("cohorts.eval.weights"),
        "ew",
        list(scoring.EVALUATION_WEIGHTS),
        scoring.DEFAULT_EVALUATION_WEIGHTS,
        format_func=lambda w: t(f"cohorts.eval.weights.{w}"),
        key_prefix=KEY,
    )
    data = filters.apply(cohorts.evaluation(store, demo, weight_set))
    eval_years = sorted({str(y) for y in data["year"]})
    if not eval_years:
        st.info(t("cohorts.empty"))
        eval_year, bad_year = None, []
    else:
        eval_year, bad_year = widgets.url_single(
            t("cohorts.eval.year"), "eyear", eval_years, eval_years[-1], key_prefix=KEY
        )
    widgets.warn_unknown("cohorts.unknown_value", lang, {"ew": bad_weights, "eyear": bad_year})
    if not demo:
        st.info(t("core.demo_hidden"))
    elif eval_year:
        st.markdown(provenance.badge(t("core.demo")) + " " + t("cohorts.eval.demo_note"))
    st.caption(t(f"cohorts.eval.method.{weight_set}"))
    if eval_year:
        year_data = data[data["year"] == int(eval_year)]
        index_title = t("cohorts.eval.index")
        heading(t("cohorts.eval.distribution", year=eval_year), year_data["demo"].any())
        distributions(year_data, "index", index_title, 2, "eval")
        per_dimension = filters.apply(cohorts.evaluation_criteria(store, demo))
        per_dimension = per_dimension[per_dimension["year"] == int(eval_year)]
        if not per_dimension.empty:
            heading(
                t("cohorts.eval.per_dimension", year=eval_year),
                (per_dimension["provenance"] == DEMO).any(),
            )
            dims = [*EVALUATION_DIMENSIONS, *cohorts.PILLARS]
            heatmap(
                per_dimension,
                {d: t(f"cohorts.dim.{d}") for d in dims},
                "value",
                index_title,
                2,
                "eval_heat",
            )
        heading(t("cohorts.ranking"), year_data["demo"].any())
        ranking(
            year_data,
            "index",
            "dimensions_used",
            2,
            t("cohorts.eval.basis", year=eval_year),
            "eval_rank",
            t("cohorts.view.evaluation"),
        )
        heading(t("cohorts.eval.changes", year=eval_year), year_data["demo"].any())
        changes(data, "index", 2, "eval_changes", int(eval_year))
    st.subheader(t("cohorts.eval.published"))
    st.caption(t("cohorts.eval.published_caption"))
    published = region_filters.apply(cohorts.published_evaluations(store))
    st.dataframe(
        view.sourced_table(published, lang, view.PUBLISHED_COLUMNS),
        hide_index=True,
        key="eval_published",
        column_config={t("cohorts.col.provenance"): st.column_config.LinkColumn()},
    )

# --- published external indices -------------------------------------------------------
else:
    st.caption(t("cohorts.external.caption"))
    external = region_filters.apply(cohorts.external_indices(store))
    if external.empty:
        st.info(t("cohorts.empty"))
    else:
        table = view.sourced_table(external, lang, view.EXTERNAL_COLUMNS)
        st.dataframe(
            table,
            hide_index=True,
            key="external_table",
            column_config={t("cohorts.col.provenance"): st.column_config.LinkColumn()},
        )
        widgets.csv_download(
            t("cohorts.download"),
            export.csv_with_header(table, csv_header(t("cohorts.view.external"))),
            "angkatan-external.csv",
            "external_csv",
        )

st.caption(t("cohorts.colour_caption"))
