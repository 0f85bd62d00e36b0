"""Quick Wins: every region's quick wins, filtered through the URL, with the overdue ones."""

from datetime import date

import streamlit as st

from components import i18n, provenance, widgets
from components import quickwins as view
from components import region as region_view
from components.session import db, language, show_demo, t
from data import quickwins as data

lang, store, demo_on, today = language(), db(), show_demo(), date.today()
DEMO = provenance.badge(t("core.demo"))
everything = data.quick_wins(store)
options = view.filter_options(everything, data.cohort_years(store), lang)

st.title(t("quickwins.title"))
st.caption(t("quickwins.subtitle"))

filters = {}
for name, column in zip(view.FILTERS, st.columns(len(view.FILTERS)), strict=True):
    with column:
        filters[name] = view.url_multiselect(name, options[name], lang)
if not demo_on:
    st.info(t("core.demo_hidden"))
    if filters["status"]:
        st.caption(t("quickwins.status_filter_off"))
    filters["status"] = []

rows = provenance.visible(view.apply_filters(everything, filters), demo_on)
late = view.overdue(rows, today) if demo_on else rows.iloc[0:0]


def open_region_on_click(table, key: str) -> None:
    """A clickable table: choosing a row opens that region's page."""
    names = view.column_names(lang)
    event = st.dataframe(
        table.rename(columns=names),
        hide_index=True,
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        column_config={"region_code": None, names["source"]: widgets.source_column()},
    )
    if event.selection.rows:
        code = table.iloc[event.selection.rows[0]]["region_code"]
        st.switch_page(
            region_view.REGION_PAGE, query_params={region_view.REGION_PARAM: code, "lang": lang}
        )


kpis = st.columns(3)
kpis[0].metric(t("quickwins.kpi.shown"), len(rows))
if demo_on:
    kpis[1].metric(t("quickwins.kpi.launched"), int((rows["status"] == "launched").sum()))
    kpis[2].metric(t("quickwins.kpi.overdue"), len(late))
    kpis[1].markdown(DEMO)
kpis[0].caption(
    t("quickwins.kpi.sourced", n=int((~rows["provenance"].map(provenance.is_demo)).sum()))
)

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
        open_region_on_click(view.table(late, lang, demo_on, days_late=True), "overdue_table")

st.subheader(t("quickwins.all"))
st.caption(t("quickwins.click_hint"))
table = view.table(rows, lang, demo_on)
open_region_on_click(table, "quick_win_table")

header = [
    t("quickwins.csv.title"),
    t("quickwins.csv.exported", date=today.isoformat()),
    *view.filter_text(filters, options, lang),
    t("quickwins.csv.demo_note") if demo_on else t("core.demo_hidden"),
    t("quickwins.csv.rows", n=len(rows)),
]
st.download_button(
    t("quickwins.csv.download"),
    data=view.csv_text(
        table.drop(columns="region_code").rename(columns=view.column_names(lang)), header
    ),
    file_name=f"quick-wins-{today.isoformat()}.csv",
    mime="text/csv",
    icon=":material/download:",
    key="csv_export",
)
