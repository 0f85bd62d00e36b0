"""The show's PDF backup, built from the shell entry point with kaleido in Debian's Chromium."""

from datetime import date

import pytest
from pypdf import PdfReader

from components import deck
from components import presenter as show
from data import queries
from tests.conftest import _mirror

pytestmark = pytest.mark.browser  # kaleido drives Chromium


@pytest.fixture(scope="module")
def deck_2018(boundary_cache, session_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("deck") / "presentasi.pdf"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PANTAU_BOUNDARY_CACHE", str(boundary_cache))
        env.setenv("PANTAU_BOUNDARY_SOURCE", str(_mirror()))
        assert deck.main(["--cohort", "2018", "--lang", "id", str(out)]) == 0
    return PdfReader(out)


def test_one_16_9_page_per_screen_of_the_show(deck_2018, store):
    screens = show.screens(show.facts(store, 2018), show.Settings(2018), "id", True, date.today())
    assert len(deck_2018.pages) == len(screens) == 7
    for page in deck_2018.pages:
        assert float(page.mediabox.width) / float(page.mediabox.height) == pytest.approx(16 / 9)


def test_the_cohorts_region_names_are_searchable_text(deck_2018, store):
    roster = queries.participations(store)
    names = roster.loc[roster["cohort_year"] == 2018, "region"]
    text = "\n".join(page.extract_text() for page in deck_2018.pages)
    assert [name for name in names if name not in text] == []


def test_map_and_stage_chart_are_images_and_demo_numbers_are_marked(deck_2018):
    pages = deck_2018.pages
    assert [len(page.images) for page in pages] == [0, 1, 0, 0, 0, 1, 0]
    assert "DEMO" in pages[0].extract_text()  # adopted masterplans and launched quick wins
    assert "DEMO" not in pages[2].extract_text()  # the roll call is all sourced
