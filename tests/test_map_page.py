"""AppTest of the Peta page: filters, measure and year in the URL, KPIs and table, notices."""

import json

import pytest

from tests.conftest import metrics, query_param, run_page, table_with, warnings_text

PAGE = "views/peta.py"
#: The page draws the run's boundaries (built once, conftest) instead of building its own.
pytestmark = pytest.mark.usefixtures("boundary_cache")


def test_page_shows_every_participant_by_default(store):
    at = run_page(PAGE, {"lang": "en"})
    assert not at.exception
    assert at.title[0].value == "National map"
    participants = store.execute("select count(distinct region_code) from participations")
    assert metrics(at)["Participating regions shown"] == str(participants.fetchone()[0])


def test_indonesian_is_the_default_language():
    at = run_page(PAGE)
    assert at.title[0].value == "Peta nasional"
    assert "Daerah peserta terpilih" in metrics(at)


def test_cohort_filter_narrows_kpis_and_table():
    at = run_page(PAGE, {"lang": "en", "cohort": "2017"})
    assert metrics(at)["Participating regions shown"] == "25"
    table = table_with(at, "Region")
    assert len(table) == 25
    assert table["Cohorts"].str.contains("2017").all()


def test_choosing_a_filter_writes_it_into_the_url():
    at = run_page(PAGE, {"lang": "en"})
    at.multiselect(key="_map_cohort").set_value(["2019"]).run()
    assert query_param(at, "cohort") == "2019"
    assert metrics(at)["Participating regions shown"] == str(len(table_with(at, "Region")))
    assert table_with(at, "Region")["Cohorts"].str.contains("2019").all()


def test_province_and_kind_filters_combine():
    at = run_page(PAGE, {"lang": "en", "province": "32", "kind": "kota"})
    table = table_with(at, "Region")
    assert set(table["Province"]) == {"Jawa Barat"} and set(table["Kind"]) == {"City (kota)"}
    assert metrics(at)["Participating regions shown"] == str(len(table))


def test_measure_changes_the_legend_and_not_the_selection():
    cohort = run_page(PAGE, {"lang": "en"})
    track = run_page(PAGE, {"lang": "en", "measure": "track"})
    assert any(m.value == "**Programme track**" for m in track.markdown)
    assert metrics(track) == metrics(cohort)


def test_stage_filter_keeps_regions_at_that_stage():
    at = run_page(PAGE, {"lang": "en", "stage": "closing", "asof": "2019"})
    table = table_with(at, "Region")
    assert len(table) > 0
    assert set(table["Stage (DEMO)"]) == {"Closing & award"}


def test_year_slider_in_the_url_winds_the_map_back():
    at = run_page(PAGE, {"lang": "en", "asof": "2017"})
    assert metrics(at)["Participating regions shown"] == "25"
    assert at.select_slider(key="_map_asof").value == "2017"


def test_query_parameters_round_trip():
    params = {
        "lang": "en",
        "measure": "masterplan",
        "cohort": "2018,2019",
        "track": "100 Smart City",
        "province": "33",
        "kind": "kabupaten",
        "asof": "2020",
    }
    at = run_page(PAGE, params)
    assert not at.exception
    assert not any(value in warnings_text(at) for value in params.values())
    assert {key: query_param(at, key) for key in params} == params
    assert at.multiselect(key="_map_cohort").value == ["2018", "2019"]
    assert at.segmented_control(key="_map_measure").value == "masterplan"


def test_unknown_filter_value_is_named_and_the_rest_kept():
    at = run_page(PAGE, {"lang": "en", "cohort": "2017,1999"})
    assert not at.exception
    assert "1999" in warnings_text(at) and "cohort" in warnings_text(at)
    assert metrics(at)["Participating regions shown"] == "25"


def test_unknown_region_code_is_named():
    at = run_page(PAGE, {"lang": "en", "region": "99.99"})
    assert not at.exception
    assert "99.99" in warnings_text(at)


def test_unknown_measure_and_year_are_named():
    at = run_page(PAGE, {"measure": "happiness", "asof": "1990"})
    assert not at.exception
    assert "happiness" in warnings_text(at) and "1990" in warnings_text(at)


def test_demo_hidden_hides_demo_kpis_and_columns():
    at = run_page(PAGE, {"lang": "en", "demo": "0"})
    assert "Median readiness (0–100)" not in metrics(at)
    assert not any("DEMO" in c for c in table_with(at, "Region").columns)
    assert "Regions in this selection" in [s.value for s in at.subheader]  # no DEMO badge


def test_demo_measure_in_a_link_waits_while_demo_is_hidden():
    at = run_page(PAGE, {"lang": "en", "demo": "0", "measure": "readiness"})
    assert not at.exception
    assert any("Readiness score" in i.value for i in at.info)
    assert any(m.value == "**Cohort year**" for m in at.markdown)


def test_demo_based_measure_is_marked_in_the_legend():
    at = run_page(PAGE, {"lang": "en", "measure": "readiness"})
    title = next(m.value for m in at.markdown if m.value.startswith("**Readiness score**"))
    assert "DEMO" in title


def test_table_offers_csv_and_geojson_downloads():
    at = run_page(PAGE, {"lang": "en"})
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download table (CSV)",
        "Download this selection (GeoJSON)",
    ]


def test_play_starts_the_growth_animation_at_2017():
    at = run_page(PAGE, {"lang": "en"})
    play = next(b for b in at.button if b.label == "Play")
    play.click().run()
    assert query_param(at, "asof") == "2017"
    assert metrics(at)["Participating regions shown"] == "25"
    assert any(b.label == "Stop" for b in at.button)


def test_while_playing_the_year_is_a_bar_in_the_sliders_place():
    at = run_page(PAGE, {"lang": "en"})
    next(b for b in at.button if b.label == "Play").click().run()
    (bar,) = at.get("progress")
    assert "2017" in bar.proto.text and bar.proto.value < 100
    assert not at.select_slider


def test_table_heading_says_demo_while_it_shows_demo_columns():
    at = run_page(PAGE, {"lang": "en"})
    heading = next(s.value for s in at.subheader if s.value.startswith("Regions in this"))
    assert "DEMO" in heading


def deck(at) -> dict:
    """The page's deck as the browser receives it."""
    (chart,) = at.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


def test_until_the_map_is_drawn_the_page_is_its_title_and_the_map():
    at = run_page(PAGE, {"lang": "en"}, map_drawn=False)
    assert not at.exception
    assert at.title[0].value == "National map"
    assert [layer["id"] for layer in deck(at)["layers"]] == ["regions", "points"]
    assert not (at.selectbox or at.multiselect or at.dataframe or metrics(at))


def test_a_demo_measure_drawn_first_is_marked_demo_at_once():
    at = run_page(PAGE, {"lang": "en", "measure": "stage"}, map_drawn=False)
    (legend,) = [m.value for m in at.markdown if "Current stage" in m.value]
    assert "DEMO" in legend


def test_the_map_drawn_first_shows_what_the_filters_then_show():
    link = {"lang": "en", "measure": "track", "cohort": "2018,1999", "province": "32"}
    first = deck(run_page(PAGE, link, map_drawn=False))
    whole = deck(run_page(PAGE, link))
    assert [layer["id"] for layer in whole["layers"]] == ["regions", "borders", "points"]
    whole["layers"] = [layer for layer in whole["layers"] if layer["id"] != "borders"]
    assert first == whole
