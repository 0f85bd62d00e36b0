"""The region page's sections drawn with Streamlit, from one `data.region.Profile`.

The numbers and tables come from `components.region` (pure, shared with the PDF report
card); this module only lays them out. Demo values are shown marked, or not at all when
the demo switch is off.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from components import provenance, report_card, timeline, urlstate, widgets
from components import quickwins as qw_view
from components import region as view
from components.session import t
from data import region as region_data
from data.catalog import READINESS_SCALE
from data.region import Profile


def _heading(lang: str, key: str, has_demo: bool) -> None:
    """A section heading, with the demo badge when the section shows any demo value."""
    st.subheader(provenance.heading(t(key), t("core.demo"), has_demo))


def _source(lang: str, key: str = "region.col.source") -> dict:
    """Column config showing the (translated) source column as short links."""
    return {t(key): widgets.source_column()}


def table(df: pd.DataFrame, key: str, names: dict[str, str], **config) -> None:
    st.dataframe(
        df.rename(columns=names), hide_index=True, key=key, column_config=config, placeholder="–"
    )


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
    st.session_state[PICKER_KEY] = current if current in labels else None
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


def chosen_profile(store: Database, lang: str) -> Profile | None:
    """The region picker, and the profile of the region in the URL (None: a notice says why)."""
    picker(region_data.choices(store), urlstate.get(widgets.REGION_PARAM), lang)
    code = urlstate.get(widgets.REGION_PARAM)
    if code is None:
        st.info(t("region.pick_prompt"))
        return None
    profile = region_data.profile(store, code) if region_data.is_code(code) else None
    if profile is None:
        problem = "region.unknown_code" if region_data.is_code(code) else "region.malformed_code"
        st.warning(t(problem, param=widgets.REGION_PARAM, value=urlstate.shortened(code)))
    return profile


def header(profile: Profile, lang: str, demo_on: bool) -> None:
    """Name, kind and province; the roster rows with their sources; the PDF report card."""
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
    participation = view.participation_table(profile.participations, lang)
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


def stage_timeline(profile: Profile, lang: str, demo_on: bool) -> None:
    """Per participation: the next stage, a chart of the stages and their dates and sources."""
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
        if demo_on:
            st.markdown(timeline.next_text(events, lang))
        shown = provenance.visible(events, demo_on)
        chart, numbers = st.columns([4, 5])
        chart.plotly_chart(timeline.figure(shown, lang), key=f"timeline_chart_{p.id}")
        with numbers:
            table(
                timeline.table(shown, lang),
                f"timeline_table_{p.id}",
                timeline.column_names(lang),
                **_source(lang, "region.timeline.col.source"),
            )


def masterplan(profile: Profile, lang: str, demo_on: bool) -> None:
    """Masterplan status (demo unless reported) and the six dimensions with their quick wins."""
    plans = provenance.visible(profile.masterplans, demo_on)
    shown = provenance.visible(profile.quick_wins, demo_on)
    _heading(lang, "region.masterplan", provenance.any_demo(plans) or provenance.any_demo(shown))
    if len(plans):
        plans = view.masterplan_table(plans, lang)
        table(plans, "masterplan_table", view.column_names(lang, list(plans)))
    st.caption(t("region.masterplan.document_note"))
    dims = view.dimension_table(profile.dimensions, shown, lang)
    st.table(dims.rename(columns=view.column_names(lang, list(dims))), hide_index=True)


def quick_wins(profile: Profile, lang: str, demo_on: bool) -> None:
    shown = provenance.visible(profile.quick_wins, demo_on)
    has_demo = provenance.any_demo(shown, "provenance", "status_provenance")
    _heading(lang, "region.quick_wins", has_demo)
    st.metric(t("region.quick_wins.count"), view.quick_win_count(profile.quick_wins, lang, demo_on))
    st.caption(t("region.quick_wins.note"))
    rows = qw_view.table(shown, lang, demo_on).drop(columns=["region_code", "region"])
    table(
        rows,
        "region_quick_wins",
        qw_view.column_names(lang),
        **_source(lang, "quickwins.col.source"),
    )


def readiness(profile: Profile, lang: str, demo_on: bool) -> None:
    """Readiness (demo) against the cohort, per participation, and its trend."""
    _heading(lang, "region.readiness", demo_on)  # no source publishes readiness: all demo
    if not demo_on:
        st.info(t("core.demo_hidden"))
        return
    st.caption(t("region.readiness.note"))
    code = profile.region["code"]
    for participation, cohort, rank in view.standings(profile):
        if rank is None:
            st.caption(t("region.readiness.none", cohort=cohort))
            continue
        _standing(profile, lang, participation, cohort, rank)
    st.markdown("**" + t("region.readiness.trend") + "**")
    trend = view.trend(profile.composites, code)
    if len(trend) > 1:
        st.plotly_chart(view.trend_figure(trend, lang), key="readiness_trend")
    else:
        st.caption(t("region.readiness.once"))


def _standing(profile: Profile, lang: str, participation: int, cohort: int, rank: dict) -> None:
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
    scores = view.comparison(
        profile.readiness, profile.peers, profile.criteria, participation, lang
    )
    chart, numbers = st.columns([1, 1])
    chart.plotly_chart(
        view.comparison_figure(scores, lang, READINESS_SCALE),
        key=f"readiness_chart_{participation}",
    )
    with numbers:
        table(
            view.localised(scores, lang, view.READINESS_DECIMALS),
            f"readiness_table_{participation}",
            view.column_names(lang, list(scores)),
        )


def indices(profile: Profile, lang: str, demo_on: bool) -> None:
    """The evaluation index per year, then published external indices, apart from readiness."""
    years = region_data.evaluation_years(provenance.visible(profile.evaluations, demo_on))
    has_demo = bool(years["demo"].any())
    _heading(lang, "region.indices", has_demo)
    st.caption(t("region.indices.note"))
    if len(years):
        st.markdown(provenance.heading(f"**{t('region.evaluation')}**", t("core.demo"), has_demo))
        st.caption(t("region.evaluation.note"))
        chart, numbers = st.columns([2, 3])
        chart.plotly_chart(view.evaluation_figure(years, lang), key="evaluation_chart")
        with numbers:
            rows = view.localised(
                view.evaluation_table(years, lang), lang, view.EVALUATION_DECIMALS
            )
            table(rows, "evaluation_table", view.column_names(lang, list(rows)), **_source(lang))
    st.markdown("**" + t("region.published") + "**")
    if profile.published.empty:
        st.caption(t("region.published.none"))
        return
    rows = view.published_table(profile.published, lang)
    table(rows, "published_table", view.column_names(lang, list(rows)), **_source(lang))
