"""Ringkasan: programme totals straight from the store."""

import streamlit as st

from components import history_view, i18n, overview, provenance
from components.session import db, language, show_demo, t
from data import queries, scoring

lang, store = language(), db()
totals = queries.totals(store)
summary = queries.cohort_summary(store)

st.title(t("overview.title"))
st.caption(t("overview.subtitle"))

kpis = st.columns(4)
kpis[0].metric(
    t("overview.kpi.participants"),
    t("overview.kpi.of", n=totals["participants"], total=totals["regions"]),
)
kpis[1].metric(t("overview.kpi.confirmed"), totals["confirmed"])
kpis[2].metric(t("overview.kpi.cohorts"), len(summary))
kpis[3].metric(t("overview.kpi.roster_rows"), totals["roster_rows"])

st.subheader(t("overview.by_cohort"))
chart, table = st.columns([1, 1])
chart.plotly_chart(overview.cohort_figure(summary, lang), key="cohort_chart")
table.dataframe(overview.cohort_table(summary, lang), hide_index=True, key="cohort_table")
table.caption(t("overview.cohort_note"))

st.subheader(t("overview.by_track"))
st.dataframe(
    queries.track_summary(store).rename(columns=lambda c: t(f"overview.col.{c}")),
    hide_index=True,
    key="track_table",
)

st.subheader(t("overview.unknown_year"))
st.dataframe(
    queries.unknown_year(store)[["region", "province", "note"]].rename(
        columns=lambda c: t(f"overview.col.{c}")
    ),
    hide_index=True,
    key="unknown_table",
)

st.subheader(t("overview.flagged"))
st.dataframe(
    queries.flagged(store)
    .assign(flag=lambda d: d["flag"].map(lambda f: t(f"overview.flag.{f}")))
    .rename(columns=lambda c: t(f"overview.col.{c}")),
    hide_index=True,
    key="flagged_table",
    column_config={t("overview.col.provenance"): st.column_config.LinkColumn()},
)

st.subheader(t("overview.progress") + " " + provenance.badge(t("core.demo")))
if show_demo():
    progress = queries.progress_totals(store)
    cols = st.columns(3)
    cols[0].metric(t("overview.kpi.masterplans_adopted"), progress["masterplans_adopted"])
    cols[1].metric(
        t("overview.kpi.quick_wins_launched"),
        t("overview.kpi.of", n=progress["quick_wins_launched"], total=progress["quick_wins"]),
    )
    cols[2].metric(
        t("overview.kpi.readiness_median"),
        i18n.number(scoring.readiness_composites(store)["composite"].median(), lang, 1),
    )
    st.caption(t("overview.demo_note", **queries.demo_counts(store)))
else:
    st.info(t("core.demo_hidden"))

with st.expander(t("overview.by_province")):
    st.plotly_chart(
        overview.province_figure(queries.province_summary(store), lang), key="province_chart"
    )

history_view.freshness(store)

with st.expander(t("overview.sources")):
    st.markdown(t("overview.sources_text"))
    issues = queries.import_issues(store)
    st.write(t("overview.import_issues", n=len(issues)))
    if len(issues):
        st.dataframe(issues, hide_index=True)
