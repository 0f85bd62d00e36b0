"""Quick Wins: every region's quick wins, filtered through the URL, with the overdue ones."""

from datetime import date

import streamlit as st

from components import filters, i18n, provenance, quickwins_view, widgets
from components import quickwins as view
from components.session import db, language, show_demo, t
from data import quickwins as data

lang, store, demo_on, today = language(), db(), show_demo(), date.today()
DEMO = provenance.badge(t("core.demo"))
everything = data.quick_wins(store)
labels = view.labels(everything, data.cohort_years(store), lang)
page_link = filters.share_url(view.PAGE_PATH, st.query_params.to_dict())

st.title(t("quickwins.title"))
st.caption(t("quickwins.subtitle"))

chosen = quickwins_view.choose(labels, lang, demo_on)
if not demo_on:
    st.info(t("core.demo_hidden"))

matching = everything[filters.mask(everything, chosen)]
rows = provenance.visible(matching, demo_on)
late = view.overdue(rows, today) if demo_on else rows.iloc[0:0]
counts = view.kpi_counts(rows, late)

kpis = st.columns(3)
kpis[0].metric(t("quickwins.kpi.shown"), counts["shown"])
if demo_on:
    kpis[1].metric(t("quickwins.kpi.launched"), counts["launched"])
    kpis[2].metric(t("quickwins.kpi.overdue"), counts["overdue"])
    kpis[1].markdown(DEMO)
if len(matching) > len(rows):  # demo hidden: say how many, so the count does not mislead
    kpis[0].caption(provenance.count_text(matching, demo_on, lang))
else:
    kpis[0].caption(t("quickwins.kpi.sourced", n=counts["sourced"]))

st.subheader(t("quickwins.by_dimension") + (" " + DEMO if demo_on else ""))
grid = view.counts(rows, lang)
if demo_on:
    chart, numbers = st.columns([1, 1])
    chart.plotly_chart(view.counts_figure(grid, lang), key="counts_chart")
    numbers.dataframe(grid, key="counts_table")
else:
    st.dataframe(grid[[t("quickwins.total")]], key="counts_table")

if demo_on:
    st.subheader(t("quickwins.overdue") + " " + DEMO)
    st.caption(t("quickwins.overdue.note", today=i18n.date_text(today.isoformat(), lang)))
    if late.empty:
        st.caption(t("quickwins.overdue.none"))
    else:
        quickwins_view.clickable(
            view.table(late, lang, demo_on, days_late=True), lang, "overdue_table"
        )

st.subheader(provenance.heading(t("quickwins.all"), t("core.demo"), demo_on and len(rows) > 0))
st.caption(t("quickwins.click_hint"))
table = view.table(rows, lang, demo_on)
quickwins_view.clickable(table, lang, "quick_win_table")

widgets.csv_download(
    t("quickwins.csv.download"),
    view.csv(rows, chosen, labels, lang, demo_on, today, page_link),
    f"quick-wins-{today.isoformat()}.csv",
    "csv_export",
)
