"""The map's pure parts: colours and legend, filters, KPI numbers, table, deck and links."""

import json
import re
from contextlib import closing
from dataclasses import replace

import pandas as pd
import pytest

from components import filters, i18n
from components import map as geomap
from components import map_measures as measures
from components import map_summary as summary
from components.map_shared import Shared
from components.types import Filters
from data import map as data


@pytest.fixture(scope="module")
def facts(session_store):
    from data.db import connect

    with closing(connect(session_store)) as db:
        return data.region_facts(db)


@pytest.fixture(scope="module")
def years(session_store):
    from data.db import connect

    with closing(connect(session_store)) as db:
        return data.cohort_years(db)


def _everything(facts):
    return pd.Series(True, index=facts.index)


def test_legend_counts_add_up_to_every_region(facts, years):
    colouring = measures.colouring(facts, _everything(facts), "cohort", years, "en")
    assert sum(entry.count for entry in colouring.legend) == 514
    assert colouring.legend[0].label == "2017" and colouring.legend[0].count == 25


def test_non_participants_are_named_in_the_legend(facts, years):
    colouring = measures.colouring(facts, _everything(facts), "track", years, "en")
    labels = {entry.label: entry.count for entry in colouring.legend}
    assert labels["Not a participant"] == 514 - facts["participant"].sum()


def test_filtered_out_participants_are_greyed_not_hidden(facts, years):
    selected = filters.mask(facts, Filters(cohort=("2017",)))
    colouring = measures.colouring(facts, selected, "cohort", years, "en")
    labels = {entry.label: entry.count for entry in colouring.legend}
    assert labels["Participant outside the filters"] == facts["participant"].sum() - 25


def test_demo_based_measures_are_flagged(facts, years):
    for measure in measures.MEASURES:
        colouring = measures.colouring(facts, _everything(facts), measure, years, "id")
        assert colouring.demo == (measure in measures.DEMO_MEASURES)


def test_demo_based_measures_are_not_offered_with_demo_hidden():
    assert measures.available(False) == ["cohort", "track"]


def test_readiness_bins_cover_0_to_100(facts, years):
    keys, cats = measures.categories("readiness", facts, years, "en")
    assert [label for _, label, _ in cats] == ["0–29", "30–39", "40–49", "50–59", "≥ 60"]
    assert keys[facts["readiness"].isna()].isna().all()


def test_colour_changes_change_the_digest(facts, years):
    one = measures.colouring(facts, _everything(facts), "cohort", years, "en")
    two = measures.colouring(facts, _everything(facts), "track", years, "en")
    assert one.digest != two.digest


def test_fill_expression_indexes_a_palette_by_feature(facts, years):
    colouring = measures.colouring(facts, _everything(facts), "cohort", years, "en")
    no_value = len(colouring.palette) - 1  # two digits: the palette has more than ten colours
    colouring = replace(colouring, class_of={**colouring.class_of, "32.12": no_value})
    order = tuple(sorted(facts["code"]))
    expression = geomap.fill_expression(colouring, order)
    palette_text, tens, units = re.fullmatch(
        r'\((.*)\)\[10 \* \+\("(\d+)"\)\[properties\.i\] \+ \+\("(\d+)"\)\[properties\.i\]\]',
        expression,
    ).groups()
    assert json.loads(palette_text) == colouring.palette
    for code in ("34.04", "32.12"):
        i = order.index(code)
        assert 10 * int(tens[i]) + int(units[i]) == colouring.class_of[code]
    assert no_value >= 10


def test_filters_combine_and_values_within_one_are_alternatives(facts):
    chosen = Filters(cohort=("2017", "2018"), province=("32",), kind=("kota",))
    kept = facts[filters.mask(facts, chosen)]
    assert set(kept["province_code"]) == {"32"} and set(kept["kind"]) == {"kota"}
    assert kept["cohorts"].str.contains("2017|2018").all()


def test_kpis_count_the_selection(facts):
    selected = filters.mask(facts, Filters(cohort=("2017",)))
    numbers = summary.kpis(facts, selected)
    cohort = facts[selected & facts["participant"]]
    assert numbers["regions"] == len(cohort) == 25
    assert numbers["masterplans_final"] == cohort["masterplan"].isin(summary.FINAL).sum() > 0
    assert numbers["quick_wins"] == cohort["quick_wins"].sum() > 0
    assert 0 < numbers["quick_wins_launched"] == cohort["quick_wins_launched"].sum()


def test_table_marks_demo_columns_and_drops_them_when_hidden(facts):
    selected = filters.mask(facts, Filters(province=("34",)))
    shown = summary.table(facts, selected, "en", demo_on=True)
    hidden = summary.table(facts, selected, "en", demo_on=False)
    names = summary.column_names("en")
    assert names["readiness"].endswith("(DEMO)") and "readiness" in shown
    assert not set(summary.DEMO_COLUMNS) & set(hidden.columns)
    assert set(shown["code"]) == set(facts[selected & facts["participant"]]["code"])


def test_tooltip_names_region_province_cohorts_and_stage(facts):
    tip = summary.tooltips(facts, "en", demo_on=True, measure="cohort")["34.04"]
    name, province, cohorts = tip.splitlines()[:3]
    assert (name, province) == ("Kabupaten Sleman", "Daerah Istimewa Yogyakarta")
    assert cohorts == "Cohort(s): 2017, 2021"
    assert tip.splitlines()[3].startswith("Stage:")
    assert len(tip.splitlines()) == 4


def test_tooltip_ends_with_the_mapped_measures_value_marked_demo(facts):
    sleman = facts.set_index("code").loc["34.04"]
    tip = summary.tooltips(facts, "en", demo_on=True, measure="readiness")["34.04"]
    value = i18n.number(sleman["readiness"], "en", 1)
    demo = " (DEMO)" if sleman["readiness_demo"] else ""
    assert tip.splitlines()[-1] == f"Readiness score: {value}{demo}"
    masterplan = summary.tooltips(facts, "id", demo_on=True, measure="masterplan")["34.04"]
    assert masterplan.splitlines()[-1].startswith("Status masterplan: ")


def test_tooltip_stylesheet_gives_each_feature_index_its_text():
    tips = pd.Series({"32.12": 'Kab. "A"\nJawa Barat', "32.13": "B"})
    css = geomap.tooltip_css(tips, ("32.13", "32.12"))
    assert '.pantau-tip[data-i="0"]::after{content:"B"}' in css
    assert '.pantau-tip[data-i="1"]::after{content:"Kab. \\"A\\"\\A Jawa Barat"}' in css
    assert css.startswith("<style>") and css.endswith("</style>")


def _spec(facts, years, geometry, view) -> dict:
    colouring = measures.colouring(facts, _everything(facts), "cohort", years, "en")
    return json.loads(geomap.deck(facts, colouring, geometry, view).to_json())


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


URLS = ("/regions.geojson?v=1", "/borders?v=1", "/provinces?v=1")


def test_deck_fetches_geometry_by_url_and_sends_only_colours(facts, years):
    geometry = geomap.Geometry(*URLS, tuple(facts["code"]))
    spec = _spec(facts, years, geometry, geomap.view_for(facts, []))
    assert _layer(spec, geomap.REGIONS)["data"] == "/regions.geojson?v=1"
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit's "no basemap" marker: no tiles
    assert len(json.dumps(spec)) < 60_000


def test_region_borders_are_drawn_only_when_zoomed_in(facts, years):
    geometry = geomap.Geometry(*URLS, tuple(facts["code"]))
    national = _spec(facts, years, geometry, geomap.view_for(facts, []))
    province = _spec(facts, years, geometry, geomap.view_for(facts, ["32"]))
    assert _layer(national, geomap.BORDERS)["data"] == "/provinces?v=1"
    assert _layer(province, geomap.BORDERS)["data"] == "/borders?v=1"


def test_without_boundaries_the_deck_draws_every_region_as_a_point(facts, years):
    spec = _spec(facts, years, None, geomap.view_for(facts, []))
    assert [layer["id"] for layer in spec["layers"]] == [geomap.POINTS]
    assert len(spec["layers"][0]["data"]) == 514


def test_a_click_on_a_polygon_or_a_point_gives_the_region_code():
    polygon = {"selection": {"objects": {"regions": [{"properties": {"code": "32.12"}}]}}}
    point = {"selection": {"objects": {"points": [{"code": "32.12"}]}}}
    assert geomap.clicked_code(polygon) == geomap.clicked_code(point) == "32.12"
    assert geomap.clicked_code({"selection": {"objects": {}}}) is None


def test_province_filter_zooms_in(facts):
    national = geomap.view_for(facts, [])
    jabar = geomap.view_for(facts, ["32"])
    assert jabar["zoom"] > national["zoom"] + 2
    assert 106 < jabar["longitude"] < 109 and -8 < jabar["latitude"] < -6


def test_shared_views_are_the_views_view_for_gives(facts, years):
    shared = Shared(facts, years)
    for provinces, region in [((), None), (("32",), None), (("32", "91"), None), ((), "35.78")]:
        for width in (geomap.FIT_WIDTH, geomap.PHONE_WIDTH):
            expected = geomap.view_for(facts, provinces, region, width)
            assert shared.view(provinces, region, width) == expected


def test_share_url_carries_every_parameter():
    url = filters.share_url("http://host:8501/peta", {"measure": "track", "cohort": "2017,2018"})
    assert url == "http://host:8501/peta?measure=track&cohort=2017,2018"
    assert filters.share_url("/peta", {}) == "/peta"
