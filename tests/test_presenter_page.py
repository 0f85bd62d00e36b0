"""The Presentasi page through AppTest: the control panel, bad links, and the show's keys."""

from tests.conftest import run_page

PAGE = "views/presentasi.py"
EVERY_SLIDE = "glance,map,rollcall,quickwins,stages,closing"


def show_link(at) -> str:
    return at.code[0].value


def html(at) -> str:
    return "".join(element.proto.body for element in at.get("html"))


def test_the_panel_builds_the_show_link_from_its_defaults():
    at = run_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Presentasi"
    assert show_link(at).endswith(
        f"/presentasi?show=1&cohort=2024&interval=12&slides={EVERY_SLIDE}&lang=id&demo=1&embed=true"
    )
    assert not at.warning


def test_the_link_carries_what_the_url_chose():
    at = run_page(PAGE, {"cohort": "2018", "slides": "rollcall,closing", "interval": "20"})
    assert "show=1&cohort=2018&interval=20&slides=rollcall,closing&lang=id" in show_link(at)
    assert at.selectbox(key="_pk_cohort").value == "2018"
    assert at.multiselect(key="_pk_slides").value == ["rollcall", "closing"]
    assert at.number_input(key="_pk_interval").value == 20


def test_choosing_a_cohort_changes_the_link():
    at = run_page(PAGE)
    at.selectbox(key="_pk_cohort").set_value("2019").run()
    assert "cohort=2019" in show_link(at)


def test_interval_and_slides_chosen_on_the_panel_go_into_the_url_and_the_link():
    at = run_page(PAGE)
    at.number_input(key="_pk_interval").set_value(20).run()
    at.multiselect(key="_pk_slides").set_value(["closing", "map"]).run()
    assert at.query_params["interval"] in ("20", ["20"])
    assert at.query_params["slides"] in ("closing,map", ["closing,map"])
    assert "interval=20&slides=closing,map&" in show_link(at)


def test_bad_input_is_named_and_the_show_falls_back_to_defaults():
    at = run_page(PAGE, {"cohort": "1999", "slides": "map,bogus", "interval": "abc"})
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert warnings == [
        "Angkatan “1999” tidak dikenal; tayangan memakai angkatan 2024.",
        "Slide tidak dikenal diabaikan: bogus.",
        "Interval “abc” bukan angka; tayangan memakai 12 detik.",
    ]
    assert "cohort=2024&interval=12&slides=map&" in show_link(at)


def test_an_interval_out_of_range_is_clamped_and_said():
    at = run_page(PAGE, {"interval": "1", "lang": "en"})
    assert [w.value for w in at.warning] == [
        "An interval of 1 seconds is outside 3–300 seconds; the show uses 3 seconds."
    ]
    assert "interval=3&" in show_link(at)


def test_the_show_has_no_sidebar_and_its_keys_move_between_screens():
    at = run_page(PAGE, {"show": "1", "cohort": "2018", "slides": "rollcall,closing"})
    assert not at.exception
    assert not at.sidebar.children
    assert "Angkatan 2018: 51 daerah" in html(at) and ">1/3<" in html(at)
    at.button(key="pk-next-right").click().run()
    assert ">2/3<" in html(at) and "Layar 2 dari 2" in html(at)
    at.button(key="pk-last").click().run()
    assert ">3/3<" in html(at) and "Terima kasih" in html(at)
    at.button(key="pk-next-space").click().run()
    assert ">1/3<" in html(at)
    at.button(key="pk-back-left").click().run()
    assert ">3/3<" in html(at)
    at.button(key="pk-pause").click().run()
    assert "Jeda" in html(at)


def test_the_map_slide_colours_the_cohorts_on_the_shared_geometry(boundary_cache):
    at = run_page(PAGE, {"show": "1", "cohort": "2018", "slides": "map"})
    assert not at.exception
    (deck,) = at.get("deck_gl_json_chart")
    spec = deck.proto.json
    assert (
        "/app/static/geo/map_regions.geojson" in spec and '"type":"FeatureCollection"' not in spec
    )
    assert "2017 · 25" in html(at) and "2018" not in html(at).split("pk-legend")[1]
    at.button(key="pk-pause").click().run()  # paused, the whole map shows at once
    assert "2018 · 51" in html(at)
