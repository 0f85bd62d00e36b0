"""Cohort queries and summaries: what the Angkatan page computes from the store."""

import json

import pandas as pd
import pytest

from data import cohorts, scoring
from data.access import Actor, Refused, admin

ANI = admin("ani@kominfo")


def test_region_assessed_twice_counts_in_both_cohorts(store):
    sleman = cohorts.readiness(store).query("region_code == '34.04'")
    assert sleman[["year", "cohort_year"]].values.tolist() == [[2017, 2017], [2021, 2021]]


def test_assessment_a_year_before_the_cohort_belongs_to_that_cohort(store):
    # the 2023 cohort was assessed in 2022 (METHOD.md section 2)
    jayapura = cohorts.readiness(store).query("region_code == '91.71'")
    assert jayapura[["year", "cohort_year"]].values.tolist() == [[2019, 2019], [2022, 2023]]


def test_evaluation_belongs_to_the_latest_cohort_before_it(store):
    sleman = cohorts.evaluation(store).query("region_code == '34.04'")
    assert set(sleman.loc[sleman["year"] <= 2021, "cohort_year"]) == {2017}
    assert set(sleman.loc[sleman["year"] >= 2022, "cohort_year"]) == {2021}


def test_without_demo_only_the_published_evaluations_remain(store):
    sourced = cohorts.evaluation(store, include_demo=False)
    assert sorted(zip(sourced["region"], sourced["year"], sourced["index"], strict=True)) == [
        ("Kota Ambon", 2023, 2.87),
        ("Kota Ambon", 2024, 3.10),
        ("Kota Kediri", 2021, 3.06),
        ("Kota Kediri", 2022, 3.31),
    ]
    assert not sourced["demo"].any()


def test_readiness_without_demo_is_empty(store):
    assert cohorts.readiness(store, include_demo=False).empty


def test_external_indices_are_sourced_with_links(store):
    external = cohorts.external_indices(store)
    assert len(external) > 50
    assert external["provenance"].str.startswith("http").all()


def test_options_list_cohorts_tracks_provinces_and_kinds(store):
    opts = cohorts.options(store)
    assert opts["cohorts"] == [2017, 2018, 2019, 2021, 2022, 2023, 2024]
    assert opts["tracks"][0] == "100 Smart City" and "IKN" in opts["tracks"]
    assert ("34", "Daerah Istimewa Yogyakarta") in opts["provinces"]
    assert opts["kinds"] == ["kabupaten", "kota"]


# --- summaries ------------------------------------------------------------------------

SMALL = pd.DataFrame(
    {
        "region_code": ["a", "b", "c", "d", "e", "a"],
        "region": ["A", "B", "C", "D", "E", "A"],
        "province": ["P"] * 6,
        "cohort_year": [2017, 2017, 2017, 2017, 2021, 2021],
        "year": [2017, 2017, 2017, 2017, 2021, 2021],
        "composite": [10.0, 20.0, 20.0, 40.0, 30.0, 50.0],
        "demo": [True] * 6,
    }
)


def test_distribution_gives_n_median_and_iqr_per_cohort():
    stats = cohorts.distribution(SMALL, "cohort_year", "composite").set_index("cohort_year")
    # 2017: 10, 20, 20, 40 -> median 20, q1 17.5, q3 25 (linear), IQR 7.5
    assert stats.loc[2017, ["n", "median", "q1", "q3", "iqr"]].tolist() == [4, 20, 17.5, 25, 7.5]
    assert stats.loc[2021, ["n", "median"]].tolist() == [2, 40]


def test_single_region_cohort_has_zero_iqr():
    stats = cohorts.distribution(SMALL.iloc[:1], "cohort_year", "composite")
    assert stats[["n", "median", "iqr"]].values.tolist() == [[1, 10, 0]]


def test_ranks_share_the_best_place_overall_and_within_cohort():
    ranked = cohorts.ranked(SMALL, "composite")
    by_value = ranked.groupby("composite")[["rank", "cohort_rank"]].first()
    assert by_value.loc[20.0].tolist() == [4, 2]  # two regions tie on 20
    assert ranked.iloc[0][["region", "rank", "cohort_rank"]].tolist() == ["A", 1, 1]


def test_changes_pair_each_assessment_with_the_one_before():
    moves = cohorts.changes_over_time(SMALL, "composite")
    assert moves[["region", "from_year", "to_year", "change"]].values.tolist() == [
        ["A", 2017, 2021, 40.0]
    ]


def test_cohort_spread_finds_the_criterion_that_differs_most():
    means = pd.DataFrame({"x": [40.0, 60.0], "y": [50.0, 52.0]}, index=[2017, 2021])
    spread = cohorts.cohort_spread(means)
    assert spread.iloc[0][["criterion", "low_cohort", "high_cohort", "range"]].tolist() == [
        "x",
        2017,
        2021,
        20.0,
    ]
    assert spread.iloc[0]["sd"] == pytest.approx(10.0)


def test_cohort_spread_needs_two_cohorts():
    assert cohorts.cohort_spread(pd.DataFrame({"x": [40.0]}, index=[2017])).empty


def test_heatmap_means_follow_the_rubric_normalisation(store):
    per = cohorts.readiness_criteria(store)
    means = cohorts.cohort_means(per)
    assert list(means.index) == [2017, 2018, 2019, 2021, 2022, 2023, 2024]
    assert means.stack().between(0, 100).all()


# --- criteria admin -------------------------------------------------------------------


def _criterion(db, code="budget") -> dict:
    return next(db["criteria"].rows_where("code = ?", [code]))


def _log(db) -> list[dict]:
    return list(db["changes"].rows_where("table_name = 'criteria'", order_by="id"))


def test_admin_changes_a_weight_and_the_composite_follows(fresh_store):
    before = scoring.readiness_composites(fresh_store)
    saved = cohorts.update_criterion(fresh_store, "budget", ANI, weight=3)
    assert saved["weight"] == 3.0 and _criterion(fresh_store)["weight"] == 3.0
    after = scoring.readiness_composites(fresh_store)
    assert not after["composite"].equals(before["composite"])


def test_admin_change_is_recorded_with_who_and_what(fresh_store):
    cohorts.update_criterion(fresh_store, "budget", ANI, weight=2, name_en="Budgeting")
    entry = _log(fresh_store)[-1]
    detail = json.loads(entry["detail"])
    assert (entry["actor"], entry["action"], entry["row_id"]) == ("ani@kominfo", "change", "budget")
    assert detail["before"] == {"name_en": "Budget", "weight": 1.0}
    assert detail["after"] == {"name_en": "Budgeting", "weight": 2.0}
    assert _criterion(fresh_store)["updated_by"] == "ani@kominfo"


def test_scale_change_is_applied_to_stored_values(fresh_store):
    before = scoring.readiness_composites(fresh_store).set_index(["region_code", "year"])
    cohorts.update_criterion(fresh_store, "budget", ANI, scale_min=0, scale_max=10)
    after = scoring.readiness_composites(fresh_store).set_index(["region_code", "year"])
    assert (after["composite"] != before["composite"]).any()


@pytest.mark.parametrize(
    ("update", "field"),
    [
        ({"weight": -1}, "weight"),
        ({"weight": "heavy"}, "weight"),
        ({"weight": float("nan")}, "weight"),
        ({"weight": True}, "weight"),
        ({"scale_max": 1}, "scale_max"),
        ({"scale_max": 4}, "scale_max"),  # stored demo values reach 4.3
        ({"scale_min": 2}, "scale_min"),  # stored demo values go down to 1.0
        ({"name_id": "  "}, "name_id"),
        ({"name_en": "x" * 81}, "name_en"),
        ({"grp": "vibes"}, "grp"),
        ({"colour": "red"}, "colour"),
        ({}, "fields"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(fresh_store, update, field):
    before, log = _criterion(fresh_store), _log(fresh_store)
    with pytest.raises(cohorts.CriterionError) as error:
        cohorts.update_criterion(fresh_store, "budget", ANI, **update)
    assert error.value.field == field and str(error.value).startswith(f"{field}:")
    assert _criterion(fresh_store) == before and _log(fresh_store) == log


def test_unknown_criterion_is_refused(fresh_store):
    with pytest.raises(cohorts.CriterionError, match="^code:"):
        cohorts.update_criterion(fresh_store, "charisma", ANI, weight=1)


def test_an_editor_may_not_change_the_rubric_and_the_attempt_is_audited(fresh_store):
    before = _criterion(fresh_store)
    editor = Actor("tim@indramayu.go.id", "editor", frozenset({"32.12"}))
    with pytest.raises(Refused):
        cohorts.update_criterion(fresh_store, "budget", editor, weight=2)
    assert _criterion(fresh_store) == before
    assert _log(fresh_store)[-1]["action"] == "refused"


def test_switching_every_criterion_off_is_refused(fresh_store):
    codes = [r["code"] for r in fresh_store["criteria"].rows]
    for code in codes[:-1]:
        cohorts.update_criterion(fresh_store, code, ANI, weight=0)
    with pytest.raises(cohorts.CriterionError, match="^weight:"):
        cohorts.update_criterion(fresh_store, codes[-1], ANI, weight=0)


def test_same_values_write_nothing(fresh_store):
    log = _log(fresh_store)
    cohorts.update_criterion(fresh_store, "budget", ANI, weight=1.0)
    assert _log(fresh_store) == log
