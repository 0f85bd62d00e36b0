"""AppTest of the overview (Ringkasan) page in both languages."""

from tests.conftest import metrics, run_page, table_with


def test_overview_shows_participants_against_all_514():
    at = run_page("views/overview.py")
    assert not at.exception
    assert at.title[0].value == "Ringkasan program"
    assert metrics(at)["Daerah peserta"].endswith("dari 514")


def test_overview_in_english():
    at = run_page("views/overview.py", {"lang": "en"})
    assert at.title[0].value == "Programme overview"
    assert metrics(at)["Participating regions"].endswith("of 514")


def test_cohort_table_shows_2018_as_fifty_plus_one_uncertain():
    at = run_page("views/overview.py", {"lang": "en"})
    table = table_with(at, "Cohort year").set_index("Cohort year")
    assert table.loc["2017", "Confirmed"] == 25
    assert table.loc["2018", "Confirmed"] == 48
    assert "+1 uncertain" in table.loc["2018", "Doubtful"]
    assert "+2 conflicting" in table.loc["2018", "Doubtful"]
    assert table.loc["2019", "Total rows"] == 25


def test_unknown_year_regions_are_listed():
    at = run_page("views/overview.py", {"lang": "en"})
    regions = set(table_with(at, "Source note")["Region"])
    assert regions == {"Kabupaten Garut", "Kabupaten Lombok Utara"}


def test_demo_figures_carry_a_demo_mark():
    at = run_page("views/overview.py", {"lang": "en"})
    assert any("DEMO" in h.value for h in at.subheader)
    assert "Masterplans adopted" in metrics(at)


def test_demo_switch_hides_demo_figures():
    at = run_page("views/overview.py", {"lang": "en", "demo": "0"})
    assert "Masterplans adopted" not in metrics(at)
    assert any("Demo values are hidden" in i.value for i in at.info)


def test_language_choice_stays_in_the_url():
    at = run_page("views/overview.py", {"lang": "en"})
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"
