"""The naive map `bench/map_load.py` compares against: the GeoJSON inlined into the chart.

Same colours and the same kind and province filters as the Peta page, but the whole
FeatureCollection (with each feature's colour) is serialised into `st.pydeck_chart` on
every run, as a first implementation would do. Run by the benchmark as its own app:
`streamlit run bench/baseline_map.py`, inlining `BENCH_GEOJSON` (the built geometry,
regions.geojson), or with `?geometry=map` `BENCH_MAP_GEOJSON` (the lighter file the Peta
page draws, to separate the gain of serving from the gain of lighter geometry).
"""

import json
import os

import pydeck as pdk
import streamlit as st

from components import map_measures
from components.filters import mask
from components.types import Filters
from data import map as data
from data.db import connect

st.set_page_config(page_title="baseline map", layout="wide")
store = connect()
years = data.cohort_years(store)
facts = data.region_facts(store)
lighter = st.query_params.get("geometry") == "map"
with open(os.environ["BENCH_MAP_GEOJSON" if lighter else "BENCH_GEOJSON"], encoding="utf-8") as f:
    geojson = json.load(f)

names = dict(zip(facts["province_code"], facts["province"], strict=False))
kinds = st.pills(
    "Jenis", ["kabupaten", "kota"], selection_mode="multi", format_func=str.title, key="kind"
)
provinces = st.multiselect("Provinsi", sorted(names, key=names.get), format_func=names.get)
selected = mask(facts, Filters(kind=tuple(kinds), province=tuple(provinces)))
colouring = map_measures.colouring(facts, selected, "cohort", years, "id")
for feature in geojson["features"]:
    cls = colouring.class_of.get(feature["properties"]["code"], 0)
    feature["properties"]["fill"] = colouring.palette[cls]

layer = pdk.Layer(
    "GeoJsonLayer",
    id="regions",
    data=geojson,
    get_fill_color="properties.fill",
    stroked=True,
    get_line_color=[255, 255, 255, 150],
    line_width_min_pixels=0.5,
    pickable=True,
)
view = pdk.ViewState(longitude=118.0, latitude=-2.5, zoom=3.6)
st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=view, map_provider=None), height=600)
