"""The report card PDF: it opens, names the region, and its numbers are the page's numbers."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from components import report_card
from data import region
from tests.conftest import run_page

TODAY = date(2026, 11, 22)


def _pdf_text(store, code: str, lang: str, demo: bool = True) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(report_card.pdf(region.profile(store, code), lang, demo, TODAY)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


@pytest.mark.parametrize("code", ["34.04", "35.71", "32.74", "11.01"])
def test_report_card_fits_on_one_or_two_a4_pages(store, code):
    _, pages = _pdf_text(store, code, "id")
    assert 1 <= pages <= 2


@pytest.mark.parametrize(
    ("lang", "title", "exported"),
    [
        ("en", "Smart City report card: Kabupaten Sleman", "Exported from Pantau Kota Cerdas on"),
        ("id", "Rapor Smart City: Kabupaten Sleman", "Diekspor dari Pantau Kota Cerdas pada"),
    ],
)
def test_report_card_names_the_region_and_export_date_in_the_language(store, lang, title, exported):
    text, _ = _pdf_text(store, "34.04", lang)
    assert title in text
    assert f"{exported} 22 Nov 2026" in text


def test_report_card_numbers_match_the_page(store):
    at = run_page("views/daerah.py", {"region": "34.04"})
    metrics = [(m.label, m.value) for m in at.metric]
    text, _ = _pdf_text(store, "34.04", "id")
    quick_wins = dict(metrics)["Jumlah quick win"]
    assert f"Jumlah quick win: {quick_wins}" in text
    composites = [v for label, v in metrics if label.startswith("Komposit kesiapan")]
    medians = [v for label, v in metrics if label == "Median angkatan"]
    percentiles = [v for label, v in metrics if label.startswith("Persentil")]
    assert len(composites) == 2
    for composite, median, percentile in zip(composites, medians, percentiles, strict=True):
        assert (
            f"komposit {composite} dari 100, median angkatan {median}, persentil {percentile}"
        ) in text


def test_report_card_readiness_rows_match_the_page_table(store):
    at = run_page("views/daerah.py", {"region": "32.74", "lang": "en"})
    table = next(d.value for d in at.dataframe if "Criterion" in d.value.columns)
    text, _ = _pdf_text(store, "32.74", "en")
    for row in table.itertuples(index=False):
        assert f"{row[0]} {row[1]} {row[2]} {row[3]} {row[4]}" in text


def test_report_card_marks_demo_values(store):
    text, _ = _pdf_text(store, "32.74", "en")
    assert "Bimtek I" in text and "DEMO" in text
    assert "Values marked DEMO are generated examples" in text


def test_report_card_lists_its_sources(store):
    text, _ = _pdf_text(store, "32.74", "en")
    assert "[1] http://rtikkediri.or.id/the-hand-rail-is-going" in text
    assert "rakyatjabarnews.com" in text


def test_report_card_without_demo_values_leaves_them_out(store):
    text, _ = _pdf_text(store, "34.04", "en", demo=False)
    assert "Bimtek" not in text
    assert "Demo values are left out of this report card" in text
    assert "Demo: " not in text


def test_text_is_folded_to_what_the_core_font_can_draw():
    assert report_card.latin("“Kota” – **Cirebon** ✓") == '"Kota" - Cirebon ?'


INDRAMAYU, GUNUNGKIDUL, BAUBAU = "32.12", "34.03", "74.72"


def test_report_card_headings_of_demo_sections_say_demo(store):
    text, _ = _pdf_text(store, INDRAMAYU, "en")
    for heading in (
        "Stage timeline 2018 [DEMO]",
        "Masterplan [DEMO]",
        "Quick wins [DEMO]",
        "Readiness against peers [DEMO]",
        "Kominfo yearly evaluation (Indeks Smart City) [DEMO]",
    ):
        assert heading in text
    assert "Participation in the programme [DEMO]" not in text


def test_report_card_has_the_masterplan_section(store):
    text, _ = _pdf_text(store, INDRAMAYU, "en")
    assert "Masterplan [DEMO] Cohort Status Final Adopted" in text
    assert "2018 Adopted (Perbup/Perwal) 13 Nov 2018" in text


def test_report_card_counts_hidden_demo_quick_wins_apart(store):
    text, _ = _pdf_text(store, INDRAMAYU, "en", demo=False)
    assert "Quick wins: 0 with a source (3 demo hidden)" in text


def _page_ends(store, code: str, lang: str) -> list[str]:
    """The last line of content on every page but the last (the footer line left out)."""
    pdf = report_card.pdf(region.profile(store, code), lang, True, TODAY)
    pages = PdfReader(io.BytesIO(pdf)).pages
    ends = []
    for page in pages[:-1]:
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        ends.append(next(line for line in reversed(lines) if "Pantau Kota Cerdas" not in line))
    return ends


STRANDED_BEFORE = [  # regions whose card left a heading alone at a page bottom before the fix
    (BAUBAU, "id"),
    (GUNUNGKIDUL, "en"),
    (INDRAMAYU, "id"),
    ("11.71", "id"),
    ("12.17", "id"),
    ("16.71", "en"),
    ("33.71", "en"),
    ("35.79", "id"),
]
HEADINGS = (
    "region.participation",
    "region.timeline",
    "region.masterplan",
    "region.quick_wins",
    "region.readiness",
    "region.evaluation",
    "region.published",
    "region.report.sources",
)


@pytest.mark.parametrize(("code", "lang"), STRANDED_BEFORE)
def test_no_heading_is_left_alone_at_the_bottom_of_a_page(store, code, lang):
    from components import i18n

    headings = [i18n.translate(lang, key) for key in HEADINGS]
    for end in _page_ends(store, code, lang):
        assert not any(end.startswith(h) for h in headings), end
