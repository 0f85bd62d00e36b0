"""Queries behind the region page: a region, its cohorts and the peers it is compared with."""

from data import region


def test_codes_are_told_apart_from_typos():
    assert region.is_code("32.74")
    assert not region.is_code("abc")
    assert not region.is_code("32.7")


def test_unknown_code_has_no_profile(store):
    assert region.profile(store, "99.99") is None


def test_picker_lists_all_514_regions_with_their_province(store):
    choices = region.choices(store)
    assert len(choices) == 514
    assert "Kota Cirebon — Jawa Barat" in set(choices["label"])


def test_two_participations_are_compared_with_two_cohorts(store):
    sleman = region.profile(store, "34.04")
    assert list(sleman.participations["cohort_year"]) == [2017, 2021]
    assert set(sleman.readiness["cohort_year"]) == {2017, 2021}
    assert set(sleman.peers["cohort_year"]) == {2017, 2021}


def test_each_readiness_assessment_belongs_to_one_participation(store):
    sleman = region.profile(store, "34.04")
    per_year = sleman.readiness.groupby("year")["participation_id"].nunique()
    assert (per_year == 1).all()


def test_a_non_participant_gets_its_province_participants(store):
    aceh_selatan = region.profile(store, "11.01")
    assert not aceh_selatan.participates
    assert "Kota Banda Aceh" in set(aceh_selatan.neighbours["name"])


def test_published_indices_leave_out_readiness_and_demo(store):
    kediri = region.profile(store, "35.71")
    assert "readiness" not in set(kediri.published["kind"])
    assert "demo" not in set(kediri.published["provenance"])
    overall_2022 = kediri.published[
        kediri.published["index_name"].str.contains("overall") & (kediri.published["year"] == 2022)
    ]
    assert overall_2022["value"].tolist() == [3.31]


def test_evaluation_years_keep_the_published_overall(store):
    kediri = region.profile(store, "35.71")
    years = region.evaluation_years(kediri.evaluations).set_index("year")
    assert years.loc[2022, "index"] == 3.31
    assert years.loc[2022, "basis"] == "published"
    assert years.loc[2023, "demo"]


def test_evaluation_years_of_nothing_is_empty(store):
    sleman = region.profile(store, "34.04")
    sourced = sleman.evaluations[sleman.evaluations["provenance"] != "demo"]
    assert region.evaluation_years(sourced).empty
