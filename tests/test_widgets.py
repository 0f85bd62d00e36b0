"""Shared widgets: URL-bound choices, unknown-value warnings, region clicks, CSV headers."""

from types import SimpleNamespace

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from components import export, widgets


def _years_app():
    import streamlit as st

    from components import widgets

    chosen, unknown = widgets.url_multiselect("Year", "year", ["2017", "2018"])
    widgets.warn_unknown("cohorts.unknown_value", "en", {"year": unknown})
    view, bad = widgets.url_single("View", "view", ["a", "b"], "a")
    widgets.warn_unknown("filters.unknown_value", "en", {"view": bad})
    st.write(f"chosen={','.join(chosen)} view={view}")


def _run(params: dict[str, str]) -> AppTest:
    at = AppTest.from_function(_years_app)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_url_multiselect_keeps_known_values_and_warns_about_the_rest():
    at = _run({"year": "2017,1999,1888"})
    assert at.multiselect(key="_url_year").value == ["2017"]
    assert [w.value for w in at.warning] == [
        "The value “1999” of the link parameter “year” is not known and was ignored.",
        "The value “1888” of the link parameter “year” is not known and was ignored.",
    ]


def test_url_single_falls_back_to_its_default_and_names_the_bad_value_once():
    at = _run({"view": "zzz"})
    assert "view=a" in at.markdown[0].value
    assert len(at.warning) == 1 and "`zzz`" in at.warning[0].value


def test_a_choice_is_written_back_to_the_url():
    at = _run({})
    at.multiselect(key="_url_year").select("2018").run()
    assert at.query_params["year"] in ("2018", ["2018"])
    assert "chosen=2018" in at.markdown[0].value


def _browser_url(at: AppTest, params: dict[str, str]) -> None:
    """What the browser's address bar sends with the next change."""
    at.query_params.clear()
    at.query_params.update(params)


def test_a_change_sent_with_the_url_before_the_last_change_keeps_both():
    """A busy server: the second change leaves the browser before the first one's URL
    has reached it, so it comes with the URL from before the first."""
    at = _run({})
    at.multiselect(key="_url_year").select("2018").run()
    _browser_url(at, {})
    at.segmented_control(key="_url_view").set_value("b").run()
    assert at.query_params["year"] in ("2018", ["2018"])
    assert at.query_params["view"] in ("b", ["b"])
    assert at.multiselect(key="_url_year").value == ["2018"]
    assert "chosen=2018 view=b" in at.markdown[0].value


def test_a_url_the_session_never_wrote_is_the_browsers_own_and_stands():
    at = _run({})
    at.multiselect(key="_url_year").select("2018").run()
    _browser_url(at, {"year": "2017"})  # a link to the same page with other filters
    at.segmented_control(key="_url_view").set_value("b").run()
    assert at.query_params["year"] in ("2017", ["2017"])
    assert "chosen=2017 view=b" in at.markdown[0].value


def _locked_app():
    import streamlit as st

    from components import widgets

    def accept() -> bool:
        return not st.session_state.get("locked", False)

    widgets.url_single("View", "view", ["a", "b"], "a", accept=accept)


def test_a_change_the_page_does_not_accept_now_leaves_the_url_alone():
    """The year animation's bound slider, whose stale value a lagging browser sent after
    Play, once took the animation back to "now"."""
    at = AppTest.from_function(_locked_app).run()
    at.session_state["locked"] = True
    at.segmented_control(key="_url_view").set_value("b").run()
    assert "view" not in at.query_params
    at.session_state["locked"] = False
    at.segmented_control(key="_url_view").set_value("b").run()
    assert at.query_params["view"] in ("b", ["b"])


def test_clicked_region_reads_the_point_customdata():
    event = SimpleNamespace(selection={"points": [{"x": 1}, {"customdata": ["32.74"]}]})
    assert widgets.clicked_region(event) == "32.74"
    assert widgets.clicked_region(SimpleNamespace(selection={"points": []})) is None
    assert widgets.clicked_region(None) is None


def test_clicked_row_gives_the_code_of_the_chosen_row():
    table = pd.DataFrame({"name": ["Cirebon", "Kediri"], "code": ["32.74", "35.71"]})
    assert widgets.clicked_row(SimpleNamespace(selection={"rows": [1]}), table, "code") == "35.71"
    assert widgets.clicked_row(SimpleNamespace(selection={"rows": []}), table, "code") is None


def test_clicked_row_reads_an_arrow_table_as_the_map_sends_it():
    table = pa.table({"name": ["Cirebon", "Kediri"], "code": ["32.74", "35.71"]})
    assert widgets.clicked_row(SimpleNamespace(selection={"rows": [1]}), table, "code") == "35.71"


def test_csv_starts_with_its_header_lines_then_the_table():
    table = pd.DataFrame({"Region": ["Kota Cirebon"], "Score": [3.5]})
    lines = export.csv_with_header(table, ["Quick wins", "Cohort: 2022"]).splitlines()
    assert lines == ["# Quick wins", "# Cohort: 2022", "Region,Score", "Kota Cirebon,3.5"]


def test_csv_for_excel_is_the_same_text_after_a_utf8_bom():
    table = pd.DataFrame({"Region": ["Kota Bau-Bau"], "Status": ["—"]})
    text = export.csv_with_header(table, ["Quick wins – 2022"])
    assert export.for_excel(text) == (
        b"\xef\xbb\xbf# Quick wins \xe2\x80\x93 2022\nRegion,Status\nKota Bau-Bau,\xe2\x80\x94\n"
    )


def test_csv_cells_a_spreadsheet_would_run_are_written_inert():
    table = pd.DataFrame({"Quick win": ['=HYPERLINK("http://evil")'], "Change": [-2.5]})
    lines = export.csv_with_header(table, []).splitlines()
    assert lines[1] == '"\'=HYPERLINK(""http://evil"")",-2.5'
