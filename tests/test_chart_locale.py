"""Charts speak the page's language: decimal marks, month names and generated titles."""

import pytest

from components import i18n, overview, region, timeline
from components import quickwins as qw
from data import queries
from data import region as region_data

INDRAMAYU = "32.12"  # joined 2018; every evaluation score and quick-win title is demo


@pytest.fixture(scope="module")
def profile(session_store):
    from data.db import connect

    db = connect(session_store)
    yield region_data.profile(db, INDRAMAYU)
    db.close()


def _figures(profile, store, lang):
    years = region_data.evaluation_years(profile.evaluations)
    code = profile.region["code"]
    return [
        region.evaluation_figure(years, lang),
        region.trend_figure(region.trend(profile.composites, code), lang),
        timeline.figure(profile.events, lang),
        qw.counts_figure(qw.counts(profile.quick_wins, lang), lang),
        overview.cohort_figure(queries.cohort_summary(store), lang),
    ]


@pytest.mark.parametrize(("lang", "separators"), [("id", ",."), ("en", ".,")])
def test_every_chart_writes_numbers_as_the_language_does(profile, store, lang, separators):
    assert [f.layout.separators for f in _figures(profile, store, lang)] == [separators] * 5


def test_numbers_written_on_a_chart_use_the_decimal_comma_in_indonesian(profile):
    years = region_data.evaluation_years(profile.evaluations)
    fig = region.evaluation_figure(years, "id")
    by_year = years.sort_values("year")["index"]
    assert list(fig.data[0].text) == [i18n.number(v, "id", 2) for v in by_year]
    assert all("," in text for text in fig.data[0].text)


def _cycle(profile):
    """The 2018 cycle alone (no yearly evaluations): months, not years, on the axis."""
    return profile.events[profile.events["stage"] != "evaluation"]


@pytest.mark.parametrize(("lang", "month"), [("id", "Mei 2018"), ("en", "May 2018")])
def test_month_ticks_are_in_the_language(profile, lang, month):
    ticks = timeline.figure(_cycle(profile), lang).layout.xaxis.ticktext
    assert month in ticks


def test_indonesian_month_ticks_have_no_english_names(profile):
    ticks = " ".join(timeline.figure(_cycle(profile), "id").layout.xaxis.ticktext)
    assert not any(name in ticks for name in ("May", "Aug", "Oct", "Dec"))


def test_generated_quick_win_titles_are_translated_and_marked_once(profile):
    table = qw.table(profile.quick_wins, "en", True)
    assert set(table["title"]) == {"Demo: Policy", "Demo: Welfare", "Demo: Energy"}
    dims = region.dimension_table(profile.dimensions, profile.quick_wins, "en")
    programmes = " ".join(dims["programmes"])
    assert "Demo: Policy" in programmes
    assert "(DEMO)" not in programmes


def test_generated_quick_win_titles_stay_indonesian_in_indonesian(profile):
    table = qw.table(profile.quick_wins, "id", True)
    assert "Demo: Kebijakan publik" in set(table["title"])


def test_english_growth_slider_label_reads_complete():
    assert i18n.translate("en", "map.asof").endswith("end of the year")


def test_presenter_spotlights_name_generated_quick_wins_in_english(store):
    from components import presenter

    screens = presenter.quickwins(presenter.facts(store, 2024), 2024, "en", True)
    generated = [s.title for screen in screens for s in screen.spotlights if s.demo]
    assert "Business" in generated and "Bisnis" not in generated
