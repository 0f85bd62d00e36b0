"""data.map: one row of facts per region, now and wound back to the end of a year."""

from contextlib import closing

import pytest

from data import map as data


@pytest.fixture(scope="module")
def now(session_store):
    from data.db import connect

    with closing(connect(session_store)) as db:
        return data.region_facts(db)


def _row(facts, code: str) -> dict:
    return facts.set_index("code").loc[code].to_dict()


def test_every_region_is_on_the_map(now):
    assert len(now) == 514
    assert now["code"].is_unique


def test_participants_match_the_roster(now, store):
    roster = store.execute("select count(distinct region_code) from participations").fetchone()
    assert now["participant"].sum() == roster[0]


def test_non_participants_have_no_programme_values(now):
    outside = now[~now["participant"]]
    assert outside["cohorts"].isna().all()
    assert outside["stage"].isna().all()
    assert (outside["quick_wins"] == 0).all()


def test_repeat_participant_lists_both_cohorts_and_its_latest_track(now):
    sleman = _row(now, "34.04")
    assert sleman["cohorts"] == "2017, 2021"
    assert sleman["first_year"] == 2017
    assert sleman["track"] == "KPPN"


def test_winding_back_to_2017_keeps_only_the_first_cohort(store):
    then = data.region_facts(store, as_of=2017)
    assert then["participant"].sum() == 25
    assert set(then.loc[then["participant"], "first_year"]) == {2017}


def test_unknown_year_rows_count_only_for_now(now, store):
    lombok = _row(now, "52.08")
    assert lombok["participant"] and lombok["cohorts"] == "?"
    assert not _row(data.region_facts(store, as_of=2024), "52.08")["participant"]


def test_masterplan_wound_back_is_not_yet_adopted(now, store):
    adopted_now = now.loc[now["first_year"] == 2018, "masterplan"].eq("adopted").sum()
    adopted_then = (
        data.region_facts(store, as_of=2018).query("first_year == 2018")["masterplan"]
        .eq("adopted").sum()
    )  # fmt: skip
    assert adopted_then < adopted_now


def test_demo_based_values_say_so(now):
    participants = now[now["participant"] & now["stage"].notna()]
    assert participants["masterplan_demo"].all()
    assert participants["readiness_demo"].any()


def test_cohort_years_run_from_2017_to_the_latest(store):
    years = data.cohort_years(store)
    assert years[0] == 2017 and years == sorted(years)
