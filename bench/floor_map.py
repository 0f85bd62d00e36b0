"""The Streamlit floor `bench/map_load.py` compares against: a page that only draws the map.

The same `map_regions.geojson` the Peta page draws, fetched by deck.gl from its static URL
(`BENCH_MAP_URL`), one flat colour, no filters, no table: the fastest a Streamlit page
can show these polygons. Run by the benchmark as its own app.
"""

import json
import os

import pydeck as pdk
import streamlit as st

st.set_page_config(page_title="floor map", layout="wide")
layer = pdk.Layer(
    "GeoJsonLayer",
    id="regions",
    data=os.environ["BENCH_MAP_URL"],
    get_fill_color=[196, 189, 176],
    stroked=False,
    pickable=True,
)
view = pdk.ViewState(**json.loads(os.environ["BENCH_VIEW"]))
deck = pdk.Deck(layers=[layer], initial_view_state=view, map_provider=None)
st.pydeck_chart(deck, height=int(os.environ["BENCH_HEIGHT"]))
