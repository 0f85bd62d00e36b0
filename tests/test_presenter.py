"""The show's slides, settings and clock, without a browser."""

from datetime import date
from urllib.parse import parse_qsl

import pytest

from components import presenter as show
from data import queries

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def facts_2018(session_store):
    from data.db import connect

    db = connect(session_store)
    yield show.facts(db, 2018)
    db.close()


def screens(facts, *slides, lang="id", demo=True):
    settings = show.Settings(2018, slides or show.SLIDES)
    return show.screens(facts, settings, lang, demo, TODAY)


# --- settings from the URL ------------------------------------------------------------

COHORTS = [2017, 2018, 2019, 2021]


def test_defaults_are_the_latest_cohort_every_slide_and_twelve_seconds():
    assert show.parse({}, COHORTS) == (show.Settings(2021, show.SLIDES, 12), [])


def test_unknown_cohort_falls_back_with_a_notice():
    settings, notices = show.parse({"cohort": "1999"}, COHORTS)
    assert settings.cohort == 2021
    assert notices == [show.Notice("presenter.notice.cohort", {"value": "1999", "default": 2021})]


def test_unknown_slides_are_dropped_and_named_and_order_is_kept():
    settings, notices = show.parse({"slides": "closing,bogus,map"}, COHORTS)
    assert settings.slides == ("closing", "map")
    assert notices == [show.Notice("presenter.notice.slides", {"value": "bogus"})]


def test_only_unknown_slides_means_every_slide():
    assert show.parse({"slides": "x"}, COHORTS)[0].slides == show.SLIDES


def test_non_numeric_interval_falls_back_with_a_notice():
    settings, notices = show.parse({"interval": "abc"}, COHORTS)
    assert settings.interval == 12
    assert [n.key for n in notices] == ["presenter.notice.interval"]


@pytest.mark.parametrize(("raw", "seconds"), [("1", 3), ("900", 300), ("inf", 12)])
def test_interval_outside_the_range_is_clamped_and_said(raw, seconds):
    settings, notices = show.parse({"interval": raw}, COHORTS)
    assert settings.interval == seconds
    assert len(notices) == 1


def test_the_show_link_reproduces_the_settings():
    settings = show.Settings(2018, ("map", "rollcall"), 20)
    query = dict(parse_qsl(show.show_query(settings, "en", False)))
    assert query == {
        "show": "1",
        "cohort": "2018",
        "interval": "20",
        "slides": "map,rollcall",
        "lang": "en",
        "demo": "0",
        "embed": "true",
    }
    assert show.parse(query, COHORTS) == (settings, [])
    assert show.in_show(query)


# --- slides ---------------------------------------------------------------------------


def test_rollcall_2018_holds_exactly_the_2018_cohort(facts_2018, store):
    roster = queries.participations(store)
    expected = sorted(roster.loc[roster["cohort_year"] == 2018, "region"])
    shown = [
        line.text
        for screen in screens(facts_2018, "rollcall")
        for column in screen.columns
        for line in column
        if not line.heading
    ]
    assert sorted(shown) == expected


def test_rollcall_screens_fit_their_grid_and_group_by_province(facts_2018):
    pages = screens(facts_2018, "rollcall")
    assert len(pages) == 2
    assert pages[0].subtitle == "Layar 1 dari 2"
    for page in pages:
        assert len(page.columns) <= show.ROLL_COLUMNS
        for column in page.columns:
            assert len(column) <= show.ROLL_ROWS
            assert column[0].heading and not column[-1].heading
    assert pages[0].columns[0][0].text == "Bali (1)"


def test_columns_repeat_a_heading_that_runs_on():
    lines = [show.Line("A (3)", heading=True), *(show.Line(n) for n in "xyz")]
    cols = show.columns(lines, rows=3, continued="(cont.)")
    assert [[line.text for line in c] for c in cols] == [
        ["A (3)", "x", "y"],
        ["A (3) (cont.)", "z"],
    ]


def test_glance_counts_regions_and_marks_demo_counts(facts_2018, store):
    (screen,) = screens(facts_2018, "glance")
    values = {c.label: (c.value, c.demo) for c in screen.counters}
    assert values["kabupaten/kota peserta"] == (str(queries.totals(store)["participants"]), False)
    assert values["daerah angkatan 2018"] == ("51", False)
    assert values["masterplan ditetapkan Perbup/Perwal"][1] is True
    assert screen.demo


def test_glance_without_demo_leaves_demo_counts_out(facts_2018):
    (screen,) = screens(facts_2018, "glance", demo=False)
    assert len(screen.counters) == 3
    assert not screen.demo and screen.note


def test_map_reveals_cohorts_up_to_the_featured_one(facts_2018):
    (screen,) = screens(facts_2018, "map", lang="en")
    assert screen.reveal == (2017, 2018)
    assert [(e.label, e.count) for e in screen.legend] == [("2017", 25), ("2018", 51)]
    early = show.map_colouring(facts_2018, 2018, shown=2017)
    full = show.map_colouring(facts_2018, 2018)
    assert len(early.class_of) == 25 and len(full.class_of) == 25 + 51
    featured = full.palette[-1]
    assert featured[3] == 255 and full.palette[2][3] < 255  # 2017 dimmed, 2018 emphasised
    assert show.revealed(screen, 0, 12) == 2017 and show.revealed(screen, 9, 12) == 2018


def test_quickwins_put_sourced_titles_first(facts_2018):
    (screen,) = screens(facts_2018, "quickwins")
    demo = [s.demo for s in screen.spotlights]
    assert demo == sorted(demo) and not demo[0]
    assert all(s.region and s.dimension for s in screen.spotlights)
    (hidden,) = screens(facts_2018, "quickwins", demo=False)
    assert hidden.spotlights and not any(s.demo for s in hidden.spotlights)


def test_stages_mark_demo_bars_and_keep_only_sourced_ones_without_demo(facts_2018):
    (screen,) = screens(facts_2018, "stages", lang="en")
    bars = {b.label: b for b in screen.bars}
    assert bars["MoU signed"] == show.Bar("MoU signed", 51, 51, demo=False)
    assert bars["Bimtek I"].demo and screen.demo
    (hidden,) = screens(facts_2018, "stages", lang="en", demo=False)
    assert [b.label for b in hidden.bars] == ["MoU signed"]


def test_closing_thanks_with_the_date_and_partners(facts_2018):
    (screen,) = screens(facts_2018, "closing", lang="en")
    assert screen.title == "Thank you"
    assert screen.lines[0] == "1 Dec 2026"
    assert "Bappenas" in screen.lines[1]


def test_slides_follow_the_chosen_order(facts_2018):
    assert [s.slide for s in screens(facts_2018, "closing", "glance")] == ["closing", "glance"]


# --- the clock ------------------------------------------------------------------------


def test_the_clock_advances_after_the_dwell_and_wraps():
    clock = show.Clock(0, since=100.0)
    assert show.tick(clock, 111.9, 12, 3) == clock
    assert show.tick(clock, 112.0, 12, 3) == show.Clock(1, 112.0)
    assert show.tick(show.Clock(2, 0.0), 12.0, 12, 3).index == 0


def test_a_paused_clock_holds_and_resumes_with_the_dwell_left():
    paused = show.toggle_pause(show.Clock(1, since=100.0), now=105.0)
    assert show.tick(paused, 500.0, 12, 3) == paused
    resumed = show.toggle_pause(paused, now=200.0)
    assert resumed == show.Clock(1, since=195.0)
    assert show.tick(resumed, 206.9, 12, 3).index == 1
    assert show.tick(resumed, 207.0, 12, 3).index == 2


def test_a_manual_step_restarts_the_dwell_and_keeps_a_pause():
    assert show.go_to(show.Clock(0, 100.0), 110.0, 2, 3) == show.Clock(2, 110.0)
    paused = show.go_to(show.Clock(0, 100.0, paused_at=105.0), 110.0, 9, 3)
    assert paused.index == 2 and paused.paused_at is not None


def test_a_paused_map_shows_every_cohort(facts_2018):
    shown = screens(facts_2018, "map", "glance")
    clock = show.Clock(0, 100.0, paused_at=100.0)
    assert show.frame(clock, shown, 100.0, 12) == show.Frame(0, 2018, True)
    assert show.frame(show.Clock(0, 100.0), shown, 100.0, 12).shown == 2017


def test_the_doubt_mark_is_explained_only_where_it_is_shown(facts_2018):
    first, second = screens(facts_2018, "rollcall")
    assert any(line.doubtful for column in first.columns for line in column) and first.note
    assert not any(line.doubtful for column in second.columns for line in column)
    assert second.note == ""


def test_every_cohort_builds_a_show_in_both_languages_with_and_without_demo(store):
    for cohort in show.cohort_years(store):
        facts = show.facts(store, cohort)
        for lang in ("id", "en"):
            for demo in (True, False):
                shown = show.screens(facts, show.Settings(cohort), lang, demo, TODAY)
                assert [s.slide for s in shown][:2] == ["glance", "map"]
                names = [
                    line for s in shown for col in s.columns for line in col if not line.heading
                ]
                assert len(names) == (facts.members["cohort_year"] == cohort).sum()
