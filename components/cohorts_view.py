"""The Angkatan page's building blocks: distributions, heatmap, ranking and changes.

Each block draws one kind of comparison for any score (readiness composite, evaluation
index), so the readiness and evaluation views are the same blocks fed different columns.
Figures and tables come from `components.cohorts`; the numbers from `data.cohorts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from components import cohorts as view
from components import cohorts_filters, export, filters, filters_view, i18n, provenance, widgets
from components.session import t
from data import cohorts
from data.catalog import DEMO


@dataclass
class Context:
    """What every block needs: the store, language, demo switch, choices and the page's link."""

    store: Database
    lang: str
    demo: bool
    opts: dict
    selection: cohorts_filters.Selection
    link: str
    today: date

    def kept(self, df: pd.DataFrame, places: bool = False) -> pd.DataFrame:
        """The rows the filters keep; `places`: only province and kind (published values
        belong to a region, not to a cohort)."""
        chosen = self.selection.filters
        kept = df[filters.mask(df, chosen.places() if places else chosen)]
        return kept.reset_index(drop=True)

    def csv(self, table: pd.DataFrame, what: str) -> str:
        """`table` as CSV under the shared header: what it is, the filters, date and link."""
        header = filters.csv_header(
            i18n.translate(self.lang, "cohorts.csv.title", what=what),
            self.selection.filters,
            cohorts_filters.labels(self.opts, self.lang),
            self.lang,
            demo=self.demo,
            rows=len(table),
            today=self.today,
            link=self.link,
        )
        return export.csv_with_header(table, header)


def choose(opts: dict, lang: str, demo: bool) -> cohorts_filters.Selection:
    """The four filters side by side and the view switch; unknown URL values are named."""
    chosen = filters_view.choose(
        cohorts_filters.labels(opts, lang),
        lang,
        demo,
        cohorts_filters.KEY,
        cohorts_filters.WIDTHS,
    )
    view, unknown = widgets.url_single(
        t("cohorts.view"),
        "view",
        cohorts_filters.VIEWS,
        "readiness",
        format_func=lambda v: t(f"cohorts.view.{v}"),
        key_prefix=cohorts_filters.KEY,
    )
    widgets.warn_unknown("filters.unknown_value", lang, {"view": unknown})
    return cohorts_filters.Selection(chosen, view)


def page_link() -> str:
    """The link to this page as the browser shows it, for exports."""
    return filters.share_url(cohorts_filters.PAGE_PATH, st.query_params.to_dict())


@dataclass(frozen=True)
class Score:
    """The score a block compares: its column, its name on axes, and the decimals it shows."""

    column: str
    title: str
    decimals: int


def heading(ctx: Context, text: str, has_demo: bool) -> None:
    st.subheader(provenance.heading(text, t("core.demo"), has_demo))


def distributions(ctx: Context, df: pd.DataFrame, score: Score, key: str) -> None:
    """Box plots by cohort and by track, every region a clickable point, and the n/median/IQR."""
    lang = ctx.lang
    left, right = st.columns([3, 2])
    for column, by, order in (
        (left, "cohort_year", ctx.opts["cohorts"]),
        (right, "track", ctx.opts["tracks"]),
    ):
        column.markdown(f"**{t(f'cohorts.by.{by}')}**")
        fig = view.distribution_figure(
            df,
            by,
            score.column,
            lang,
            order=order,
            colors=view.group_colors(order),
            axis_title=t(f"cohorts.col.{by}"),
            value_title=score.title,
            decimals=score.decimals,
        )
        event = column.plotly_chart(
            fig, on_select="rerun", selection_mode="points", key=f"{key}_{by}"
        )
        widgets.open_region(widgets.clicked_region(event))
    st.caption(t("cohorts.points_caption"))
    stats = cohorts.distribution(df, "cohort_year", score.column)
    single = stats.loc[stats["n"] == 1, "cohort_year"].astype(str).tolist()
    if single:
        st.info(t("cohorts.single", cohorts=", ".join(single)))
    st.dataframe(
        view.distribution_table(stats, "cohort_year", lang, score.decimals),
        hide_index=True,
        key=f"{key}_stats",
    )


def heatmap(
    ctx: Context, per_criterion: pd.DataFrame, labels: dict, score: Score, key: str
) -> None:
    """Cohort x criterion means, then the criteria whose cohort means differ most."""
    lang, decimals = ctx.lang, score.decimals
    means = cohorts.cohort_means(per_criterion, score.column)
    means = means[[c for c in labels if c in means.columns]]
    has_demo = bool((per_criterion["provenance"] == DEMO).any())
    st.plotly_chart(
        view.heatmap_figure(
            means, labels, lang, value_title=score.title, decimals=decimals, demo=has_demo
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
    ctx: Context, df: pd.DataFrame, score: Score, count: str, basis: str, key: str, what: str
) -> None:
    """Competition ranks (a row click opens the region) and their CSV export.

    `count` names the column saying how many criteria the score rests on; `what` names
    the export in its first line.
    """
    lang = ctx.lang
    ranked = cohorts.ranked(df, score.column)
    st.caption(basis)
    shape = dict(value=score.column, count=count, decimals=score.decimals)
    table = view.ranking_table(ranked, lang, **shape)
    widgets.open_region_on_click(table, key, t("cohorts.col.region_code"))
    widgets.csv_download(
        t("cohorts.download"),
        ranking_csv(ctx, ranked, score, count, what),
        f"angkatan-{key}.csv",
        f"{key}_csv",
    )


def ranking_csv(ctx: Context, ranked: pd.DataFrame, score: Score, count: str, what: str) -> str:
    """The ranking's export: the same rows with plain numbers, under the shared header."""
    shape = dict(value=score.column, count=count, decimals=score.decimals)
    return ctx.csv(view.ranking_table(ranked, ctx.lang, **shape, formatted=False), what)


def changes(
    ctx: Context, df: pd.DataFrame, score: Score, key: str, until: int | None = None
) -> None:
    """Each region's change between assessments (or into evaluation year `until`)."""
    moves = cohorts.changes_over_time(df, score.column)
    if until is not None:
        moves = moves[moves["to_year"] == until]
    if moves.empty:
        st.info(t("cohorts.no_changes"))
    else:
        st.dataframe(view.changes_table(moves, ctx.lang, score.decimals), hide_index=True, key=key)
