"""Peta: every kab/kota on one map, coloured by a programme measure; the URL is the view."""

import streamlit as st

from components import map_view as view
from components.session import language, show_demo, t

lang, demo_on = language(), show_demo()
opts = view.options()
whole = view.drawn()  # until the browser has drawn the map once, the page is the map alone

view.narrow_layout()
st.title(t("map.title"))
st.caption(t("map.subtitle"))
geometry = view.boundaries(lang)
view.region_picker(opts, lang, whole)


@st.fragment(run_every=view.timer())
def explore() -> None:
    """Everything a filter change touches: it reruns alone, the page around it does not."""
    view.advance(opts)
    with st.container(key=view.CHOICES):
        if whole:
            selection = view.choices(opts, lang, demo_on)
        else:
            selection = view.url_selection(opts, lang, demo_on)
            view.keep_room(view.CHOICES)
    shared = view.shared(selection.as_of)
    selected = shared.index.mask(selection.filters)
    colouring = shared.scheme(selection.measure, lang).colouring(selected)
    width = view.fit_width()
    where = shared.view(selection.filters.province, selection.region, width)
    tips = shared.tooltip_css(lang, demo_on, selection.measure, geometry)

    tiles = st.container(key=view.KPIS)  # above the map, filled after it: the map goes first
    with st.container(key=view.MAP):
        slot = view.map_slot()
        view.map_and_legend(slot, shared, colouring, geometry, where, tips, lang, whole)
        if not whole:
            view.keep_room(view.KPIS, tiles)
            return
        view.growth(opts, lang)
    view.kpi_tiles(tiles, shared.kpis(selected), lang, demo_on)
    with st.container(key=view.TABLE):
        view.share(lang)
        view.regions_table(shared, selected, selection, opts, lang, demo_on)


explore()
if not whole:
    view.await_drawn(geometry)
