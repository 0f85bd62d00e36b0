"""The region page's sections drawn with Streamlit, from one `data.region.Profile`.

The numbers and tables come from `components.region` (pure, shared with the PDF report
card); this module only lays them out. Demo values are shown marked, or not at all when
the demo switch is off.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlite_utils import Database
from streamlit import dataframe_util

import settings
from components import provenance, report_card, session, timeline, urlstate, widgets
from components import quickwins as qw_view
from components import region as view
from components.memo import Memo, derived
from components.session import t
from data import region as region_data
from data.catalog import READINESS_SCALE
from data.db import connect
from data.region import Profile


def _heading(lang: str, key: str, has_demo: bool) -> None:
    """A section heading, with the demo badge when the section shows any demo value."""
    st.subheader(provenance.heading(t(key), t("core.demo"), has_demo))


def _source(lang: str, key: str = "region.col.source") -> dict:
    """Column config showing the (translated) source column as short links."""
    return {t(key): widgets.source_column()}


def table(df: pd.DataFrame, key: str, names: dict[str, str], **config) -> None:
    """`df` (kept by a `Page`) under the headers `names`, converted to Arrow once: given
    a pandas frame, `st.dataframe` converts it on every run (Streamlit's own conversion
    here, so the bytes sent are the same)."""
    arrow = derived(
        df,
        ("arrow", tuple(names.items())),
        lambda: dataframe_util.convert_pandas_df_to_arrow_table(df.rename(columns=names)),
    )
    st.dataframe(arrow, hide_index=True, key=key, column_config=config, placeholder="–")


class _SentFigure(go.Figure):
    """A copy of a figure a `Page` keeps, whose `to_dict()` is worked out once:
    `st.plotly_chart` asks for it on every run (a deep copy with every number array
    encoded anew) before writing the figure's JSON."""

    def to_dict(self) -> dict:
        if getattr(self, "_sent", None) is None:
            self._sent = super().to_dict()
        return self._sent


def plot(where, figure: go.Figure, key: str) -> None:
    """`figure` (kept by a `Page`) in `where` (`st` or a column)."""
    where.plotly_chart(derived(figure, "sent", lambda: _SentFigure(figure)), key=key)


def _chart_beside_table(
    figure, rows: pd.DataFrame, names: dict[str, str], what: str, widths: list[int], **config
) -> None:
    """A chart and the numbers behind it side by side; `what` is their key with a `{}` where
    "chart" or "table" goes."""
    chart, numbers = st.columns(widths)
    plot(chart, figure, what.format("chart"))
    with numbers:
        table(rows, what.format("table"), names, **config)


PICKER_KEY = "_region_picker"


QUERY_KEY = "_region_query"


def _write_choice(labels: dict[str, str]) -> None:
    """A listed region goes into the URL; typed text is kept to be looked up by name."""
    value = st.session_state[PICKER_KEY]
    st.session_state[QUERY_KEY] = None if value in labels else value
    if value in labels:
        urlstate.put(widgets.REGION_PARAM, value)


def picker(choices: pd.DataFrame, current: str | None, lang: str) -> None:
    """A searchable list of all regions; a choice goes into the URL (`?region=32.12`).

    Typed text the list does not hold ("gunung kidul") is looked up as the importer would.
    """
    labels = dict(zip(choices["code"], choices["label"], strict=True))
    query = st.session_state.pop(QUERY_KEY, None)
    found = widgets.found_region(query, labels, lang) if query else None
    if found:
        urlstate.put(widgets.REGION_PARAM, found)
        current = found
    widgets.hold(PICKER_KEY, current if current in labels else None)
    st.selectbox(
        t("region.picker"),
        options=list(labels),
        format_func=lambda code: labels.get(code, code),
        key=PICKER_KEY,
        placeholder=t("region.picker.placeholder"),
        on_change=_write_choice,
        args=(labels,),
        accept_new_options=True,
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _choices(path: str, version: int) -> pd.DataFrame:
    db = connect(path)
    try:
        return region_data.choices(db)
    finally:
        db.close()


class Page(Memo):
    """One region's profile for one store version, with the tables and figures the page
    draws from it, per language and demo switch: the same object for every session
    (`cache_resource`, no copy), so a region page already seen costs no query and no
    figure building. Nothing modifies the profile or what is kept here."""

    def __init__(self, profile: Profile):
        super().__init__()
        self.profile = profile


@st.cache_resource(show_spinner=False, max_entries=256)
def _page(path: str, version: int, code: str) -> Page | None:
    db = connect(path)
    try:
        profile = region_data.profile(db, code)
    finally:
        db.close()
    return None if profile is None else Page(profile)


def chosen_page(store: Database, lang: str) -> Page | None:
    """The region picker, and the page of the region in the URL (None: a notice says why)."""
    path, version = str(settings.db_path()), session.data_version(store)
    picker(_choices(path, version), urlstate.get(widgets.REGION_PARAM), lang)
    code = urlstate.get(widgets.REGION_PARAM)
    if code is None:
        st.info(t("region.pick_prompt"))
        return None
    page = _page(path, version, code) if region_data.is_code(code) else None
    if page is None:
        problem = "region.unknown_code" if region_data.is_code(code) else "region.malformed_code"
        st.warning(t(problem, param=widgets.REGION_PARAM, value=urlstate.shortened(code)))
    return page


def header(page: Page, lang: str, demo_on: bool) -> None:
    """Name, kind and province; the roster rows with their sources; the PDF report card."""
    profile = page.profile
    place = profile.region
    st.header(place["name"])
    st.caption(
        t(
            "region.kind_in_province",
            kind=view.kind_label(place["kind"], lang),
            province=place["province"],
        )
    )
    if not demo_on:
        st.info(t("core.demo_hidden"))
    st.subheader(t("region.participation"))
    if not profile.participates:
        _not_participating(profile, lang)
        return
    st.markdown(t("region.cohorts_line", cohorts=view.cohorts_text(profile.participations, lang)))
    participation = page.once(
        ("participation", lang), lambda: view.participation_table(profile.participations, lang)
    )
    table(
        participation,
        "participation_table",
        view.column_names(lang, list(participation)),
        **_source(lang),
    )
    st.download_button(
        t("region.report.download"),
        data=lambda: report_card.pdf(profile, lang, demo_on, date.today()),
        file_name=report_card.file_name(place),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="report_card",
    )


def _not_participating(profile: Profile, lang: str) -> None:
    """Say so, and link the province's participants instead."""
    province = profile.region["province"]
    st.info(t("region.not_participant", province=province))
    st.markdown(t("region.province_participants", province=province))
    for row in profile.neighbours.itertuples():
        st.page_link(
            widgets.REGION_PAGE,
            label=f"{row.name} ({row.years})",
            query_params={widgets.REGION_PARAM: row.code, "lang": lang},
            icon=":material/location_city:",
        )
    if profile.neighbours.empty:
        st.caption(t("region.province_none"))


def _timeline_parts(events: pd.DataFrame, lang: str, demo_on: bool) -> tuple:
    """What one participation's timeline shows: next step, chart and table."""
    shown = provenance.visible(events, demo_on)
    return (
        timeline.next_text(events, lang) if demo_on else None,
        timeline.figure(shown, lang),
        timeline.table(shown, lang),
    )


def stage_timeline(page: Page, lang: str, demo_on: bool) -> None:
    """Per participation: the next stage, a chart of the stages and their dates and sources."""
    profile = page.profile
    _heading(lang, "region.timeline", demo_on and provenance.any_demo(profile.events))
    st.caption(t("region.timeline.legend"))
    for p in profile.participations.itertuples():
        st.markdown(
            "**"
            + t(
                "region.cohort",
                cohorts=view.cohorts_text(profile.participations.loc[[p.Index]], lang),
            )
            + "**"
        )
        events = profile.events[profile.events["participation_id"] == p.id]
        if events.empty:
            st.caption(t("region.timeline.none"))
            continue
        next_text, figure, rows = page.once(
            ("timeline", p.id, lang, demo_on), partial(_timeline_parts, events, lang, demo_on)
        )
        if next_text is not None:
            st.markdown(next_text)
        names = timeline.column_names(lang)
        source = _source(lang, "region.timeline.col.source")
        _chart_beside_table(figure, rows, names, f"timeline_{{}}_{p.id}", [4, 5], **source)


def _masterplan_parts(profile: Profile, lang: str, demo_on: bool) -> tuple:
    """Whether any shown value is demo, the plans' table (None without plans), dimensions."""
    plans = provenance.visible(profile.masterplans, demo_on)
    shown = provenance.visible(profile.quick_wins, demo_on)
    has_demo = provenance.any_demo(plans) or provenance.any_demo(shown)
    dims = view.dimension_table(profile.dimensions, shown, lang)
    return (
        has_demo,
        view.masterplan_table(plans, lang) if len(plans) else None,
        dims.rename(columns=view.column_names(lang, list(dims))),
    )


def masterplan(page: Page, lang: str, demo_on: bool) -> None:
    """Masterplan status (demo unless reported) and the six dimensions with their quick wins."""
    has_demo, plans, dims = page.once(
        ("masterplan", lang, demo_on), lambda: _masterplan_parts(page.profile, lang, demo_on)
    )
    _heading(lang, "region.masterplan", has_demo)
    if plans is not None:
        table(plans, "masterplan_table", view.column_names(lang, list(plans)))
    st.caption(t("region.masterplan.document_note"))
    st.table(dims, hide_index=True)


def _quick_win_parts(profile: Profile, lang: str, demo_on: bool) -> tuple:
    shown = provenance.visible(profile.quick_wins, demo_on)
    return (
        provenance.any_demo(shown, "provenance", "status_provenance"),
        view.quick_win_count(profile.quick_wins, lang, demo_on),
        qw_view.table(shown, lang, demo_on).drop(columns=["region_code", "region"]),
    )


def quick_wins(page: Page, lang: str, demo_on: bool) -> None:
    has_demo, count, rows = page.once(
        ("quick_wins", lang, demo_on), lambda: _quick_win_parts(page.profile, lang, demo_on)
    )
    _heading(lang, "region.quick_wins", has_demo)
    st.metric(t("region.quick_wins.count"), count)
    st.caption(t("region.quick_wins.note"))
    table(
        rows,
        "region_quick_wins",
        qw_view.column_names(lang),
        **_source(lang, "quickwins.col.source"),
    )


def _readiness_parts(profile: Profile, lang: str) -> tuple:
    """Per participation its standing, comparison chart and table; the trend chart."""
    standings = []
    for participation, cohort, rank in view.standings(profile):
        if rank is None:
            standings.append((cohort, None, None, None, None))
            continue
        scores = view.comparison(
            profile.readiness, profile.peers, profile.criteria, participation, lang
        )
        standings.append(
            (
                cohort,
                rank,
                participation,
                view.comparison_figure(scores, lang, READINESS_SCALE),
                view.localised(scores, lang, view.READINESS_DECIMALS),
            )
        )
    trend = view.trend(profile.composites, profile.region["code"])
    return standings, view.trend_figure(trend, lang) if len(trend) > 1 else None


def readiness(page: Page, lang: str, demo_on: bool) -> None:
    """Readiness (demo) against the cohort, per participation, and its trend."""
    _heading(lang, "region.readiness", demo_on)  # no source publishes readiness: all demo
    if not demo_on:
        st.info(t("core.demo_hidden"))
        return
    st.caption(t("region.readiness.note"))
    standings, trend = page.once(("readiness", lang), lambda: _readiness_parts(page.profile, lang))
    for cohort, rank, participation, figure, rows in standings:
        if rank is None:
            st.caption(t("region.readiness.none", cohort=cohort))
            continue
        _standing(lang, cohort, rank, participation, figure, rows)
    st.markdown("**" + t("region.readiness.trend") + "**")
    if trend is not None:
        plot(st, trend, "readiness_trend")
    else:
        st.caption(t("region.readiness.once"))


def _standing(lang: str, cohort: int, rank: dict, participation: int, figure, rows) -> None:
    """Composite, cohort median and percentile, then each criterion against the cohort."""
    st.markdown("**" + t("region.readiness.for_cohort", cohort=cohort, year=rank["year"]) + "**")
    shown = view.standing_text(rank, lang)
    cols = st.columns(3)
    cols[0].metric(t("region.readiness.composite"), shown["composite"])
    cols[1].metric(t("region.readiness.cohort_median"), shown["median"])
    cols[2].metric(
        t("region.readiness.percentile"),
        shown["percentile"],
        help=t("region.readiness.percentile_help", n=rank["n"]),
    )
    names = view.column_names(lang, list(rows))
    _chart_beside_table(figure, rows, names, f"readiness_{{}}_{participation}", [1, 1])


def _index_parts(profile: Profile, lang: str, demo_on: bool) -> tuple:
    """Evaluation years (demo or not, chart, table) and the published values' table."""
    years = region_data.evaluation_years(provenance.visible(profile.evaluations, demo_on))
    evaluated = None
    if len(years):
        evaluated = (
            view.evaluation_figure(years, lang),
            view.localised(view.evaluation_table(years, lang), lang, view.EVALUATION_DECIMALS),
        )
    published = None if profile.published.empty else view.published_table(profile.published, lang)
    return bool(years["demo"].any()), evaluated, published


def indices(page: Page, lang: str, demo_on: bool) -> None:
    """The evaluation index per year, then published external indices, apart from readiness."""
    has_demo, evaluated, published = page.once(
        ("indices", lang, demo_on), lambda: _index_parts(page.profile, lang, demo_on)
    )
    _heading(lang, "region.indices", has_demo)
    st.caption(t("region.indices.note"))
    if evaluated is not None:
        figure, rows = evaluated
        st.markdown(provenance.heading(f"**{t('region.evaluation')}**", t("core.demo"), has_demo))
        st.caption(t("region.evaluation.note"))
        chart, numbers = st.columns([2, 3])
        plot(chart, figure, "evaluation_chart")
        with numbers:
            table(rows, "evaluation_table", view.column_names(lang, list(rows)), **_source(lang))
    st.markdown("**" + t("region.published") + "**")
    if published is None:
        st.caption(t("region.published.none"))
        return
    table(published, "published_table", view.column_names(lang, list(published)), **_source(lang))
