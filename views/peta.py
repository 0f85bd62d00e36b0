"""Peta: every kab/kota on one map, coloured by a programme measure; the URL is the view."""

import streamlit as st

from components import filters
from components import map as geomap
from components import map_filters as controls
from components import map_measures as measures
from components import map_summary as summary
from components import map_view as view
from components.session import db, language, show_demo, t
from data import map as data

lang, store, demo_on = language(), db(), show_demo()
years = data.cohort_years(store)
opts = controls.options(view.facts(store, None), years)

view.narrow_layout()
st.title(t("map.title"))
st.caption(t("map.subtitle"))
geometry = view.boundaries(lang)
view.region_picker(opts, lang)


@st.fragment(run_every=view.timer())
def explore() -> None:
    """Everything a filter change touches: it reruns alone, the page around it does not."""
    view.advance(opts)
    with st.container(key=view.CHOICES):
        selection = view.choices(opts, lang, demo_on)
    facts = view.facts(db(), selection.as_of)  # a fragment rerun runs in another thread
    selected = filters.mask(facts, selection.filters)
    colouring = measures.colouring(facts, selected, selection.measure, years, lang)
    width = view.fit_width()
    where = geomap.view_for(facts, selection.filters.province, selection.region, width)
    tips = view.tooltips(db(), selection, lang, demo_on, geometry)

    tiles = st.container(key=view.KPIS)  # above the map, filled after it: the map goes first
    with st.container(key=view.MAP):
        view.map_and_legend(view.map_slot(), facts, colouring, geometry, where, tips, lang)
        view.growth(opts, lang)
    view.kpi_tiles(tiles, summary.kpis(facts, selected), lang, demo_on)
    with st.container(key=view.TABLE):
        view.share(lang)
        view.regions_table(facts, selected, selection, opts, lang, demo_on)


explore()
