"""AppTest of the region page (Daerah): the header, sections and notices a regional team sees."""

import pytest

from tests.conftest import run_page, table_with

CIREBON, YOGYAKARTA, KEDIRI, SLEMAN, ACEH_SELATAN = "32.74", "34.71", "35.71", "34.04", "11.01"


def _metrics(at) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def _texts(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("code", "name", "cohort"),
    [
        (CIREBON, "Kota Cirebon", "2017"),
        (YOGYAKARTA, "Kota Yogyakarta", "2018"),
        (KEDIRI, "Kota Kediri", "2019"),
    ],
)
def test_participant_of_each_first_cohort_shows_its_cohort(code, name, cohort):
    at = run_page("views/daerah.py", {"region": code, "lang": "en"})
    assert not at.exception
    assert at.header[0].value == name
    assert f"{cohort} (100 Smart City)" in _texts(at)
    assert any(label == "Composite readiness (0–100)" for label, _ in _metrics(at))


def test_two_participations_give_two_timelines_and_two_readiness_blocks():
    at = run_page("views/daerah.py", {"region": SLEMAN, "lang": "en"})
    assert "2017 (100 Smart City), 2021 (KPPN)" in _texts(at)
    charts = [c for c in at.get("plotly_chart")]
    assert len(charts) >= 5  # 2 timelines, 2 readiness, trend (+ evaluation)
    composites = [v for label, v in _metrics(at) if label == "Composite readiness (0–100)"]
    assert len(composites) == 2
    assert "Trend across assessments" in _texts(at)


def test_participation_shows_its_source_link():
    at = run_page("views/daerah.py", {"region": CIREBON, "lang": "en"})
    table = table_with(at, "Cohort")
    assert table["Source"].iloc[0].startswith("http://rtikkediri.or.id")


def test_flagged_participation_shows_the_flag():
    at = run_page("views/daerah.py", {"region": "32.76", "lang": "en"})  # Kota Depok
    assert set(table_with(at, "Certainty")["Certainty"]) == {"Sources conflict"}


def test_unknown_cohort_year_is_said_in_words():
    at = run_page("views/daerah.py", {"region": "32.05", "lang": "en"})  # Kabupaten Garut
    assert "2023 (Smart City), year unknown" in _texts(at)
    table = table_with(at, "Certainty")
    assert list(table["Certainty"]) == ["Confirmed", "Year unknown"]
    assert "No timeline: the cohort year is not known." in [c.value for c in at.caption]


def test_non_participant_says_so_and_lists_province_participants():
    at = run_page("views/daerah.py", {"region": ACEH_SELATAN, "lang": "en"})
    assert not at.exception
    assert any("not recorded as a participant" in i.value for i in at.info)
    links = [p.label for p in at.get("page_link")]
    assert "Kota Banda Aceh (2019)" in links
    assert not any(label.startswith("Composite") for label, _ in _metrics(at))


def test_unknown_code_gives_a_clear_notice_and_keeps_the_picker():
    at = run_page("views/daerah.py", {"region": "99.99", "lang": "en"})
    assert not at.exception
    assert "`region`" in at.warning[0].value and "`99.99`" in at.warning[0].value
    assert "not known" in at.warning[0].value
    assert at.selectbox(key="_region_picker").value is None


def test_malformed_code_gives_a_clear_notice():
    at = run_page("views/daerah.py", {"region": "abc"})
    assert not at.exception
    assert "bukan kode daerah" in at.warning[0].value


def test_picking_a_region_puts_it_in_the_url():
    at = run_page("views/daerah.py", {"region": "abc", "lang": "en"})
    at.selectbox(key="_region_picker").set_value(CIREBON).run()
    assert at.query_params["region"] in (CIREBON, [CIREBON])
    assert at.header[0].value == "Kota Cirebon"
    assert not at.warning


def test_page_in_indonesian_by_default():
    at = run_page("views/daerah.py", {"region": CIREBON})
    assert at.title[0].value == "Daerah"
    assert [s.value for s in at.subheader][0] == "Keikutsertaan dalam program"


def test_real_quick_wins_appear_with_their_source():
    at = run_page("views/daerah.py", {"region": CIREBON, "lang": "en"})
    table = table_with(at, "Quick win").set_index("Quick win")
    row = table.loc["Cirebon Melet (Melek Internet)"]
    assert row["Source"].startswith("https://rakyatjabarnews.com")
    assert row["Status from"] == "DEMO"
    assert row["Dimension"] == "Dimension not stated"


def test_masterplan_document_is_not_known():
    at = run_page("views/daerah.py", {"region": CIREBON, "lang": "en"})
    assert set(table_with(at, "Document")["Document"]) == {"not known"}


def test_published_index_is_shown_apart_from_readiness():
    at = run_page("views/daerah.py", {"region": KEDIRI, "lang": "en"})
    evaluation = table_with(at, "Overall index").set_index("Year")
    assert evaluation.loc["2022", "Overall index"] == "3.31"
    assert evaluation.loc["2022", "Data from"] == "Published"
    assert evaluation.loc["2023", "Data from"] == "DEMO"
    published = table_with(at, "Scale (as the source states it)")
    assert "3.31" in set(published["Value"])


def test_demo_switch_hides_demo_values():
    at = run_page("views/daerah.py", {"region": SLEMAN, "lang": "en", "demo": "0"})
    assert any("Demo values are hidden" in i.value for i in at.info)
    assert not any(label.startswith("Composite") for label, _ in _metrics(at))
    timeline = table_with(at, "Stage")
    assert not timeline["Date"].str.contains("DEMO").any()
    quick_wins = table_with(at, "Quick win")
    assert "Status" not in quick_wins.columns
    assert not quick_wins["Quick win"].str.startswith("Demo").any()


INDRAMAYU = "32.12"  # every quick-win title, stage date and evaluation score is demo


def test_every_section_showing_demo_values_has_the_badge_in_its_heading():
    at = run_page("views/daerah.py", {"region": INDRAMAYU, "lang": "en"})
    headings = [s.value for s in at.subheader]
    for section in (
        "Stage timeline",
        "Masterplan",
        "Quick wins",
        "Readiness against peers",
        "Evaluation and other indices",
    ):
        heading = next(h for h in headings if h.startswith(section))
        assert "DEMO" in heading, heading
    assert any(
        m.startswith("**Kominfo yearly evaluation") and "DEMO" in m for m in _texts(at).split("\n")
    )
    assert not any("DEMO" in h for h in headings if h.startswith("Participation"))


def test_no_text_calls_demo_values_published():
    at = run_page("views/daerah.py", {"region": INDRAMAYU, "lang": "en"})
    headings = [s.value for s in at.subheader]
    assert not any("published" in h.lower() for h in headings)
    note = next(c.value for c in at.caption if c.value.startswith("The indices here"))
    assert "Sourced values are shown exactly as published" in note
    assert "DEMO values are generated" in note


def test_hidden_demo_quick_wins_are_counted_apart():
    at = run_page("views/daerah.py", {"region": INDRAMAYU, "lang": "en", "demo": "0"})
    assert dict(_metrics(at))["Quick wins"] == "0 with a source (3 demo hidden)"
