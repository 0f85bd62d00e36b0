"""The composite scores, checked against values worked out by hand."""

import math

import pandas as pd
import pytest

from data import scoring

RUBRIC = pd.DataFrame(
    [
        {"code": "a", "weight": 1.0, "scale_min": 1.0, "scale_max": 5.0},
        {"code": "b", "weight": 3.0, "scale_min": 0.0, "scale_max": 10.0},
        {"code": "c", "weight": 0.0, "scale_min": 1.0, "scale_max": 5.0},
    ]
)


def values(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"region_code": r, "year": y, "criterion": c, "value": v, "provenance": p}
            for r, y, c, v, p in rows
        ]
    )


def one(df: pd.DataFrame) -> dict:
    assert len(df) == 1
    return df.iloc[0].to_dict()


def test_weighted_mean_of_normalised_values_on_0_to_100():
    # a: (3-1)/4 = 0.5 weight 1; b: 8/10 = 0.8 weight 3 -> (0.5 + 2.4) / 4 = 0.725
    row = one(
        scoring.composite(values(("x", 2020, "a", 3, "demo"), ("x", 2020, "b", 8, "demo")), RUBRIC)
    )
    assert row["composite"] == pytest.approx(72.5)
    assert (row["criteria_used"], row["criteria_missing"]) == (2, 0)


def test_scale_ends_map_to_0_and_100():
    low = one(scoring.composite(values(("x", 2020, "a", 1, "u"), ("x", 2020, "b", 0, "u")), RUBRIC))
    high = one(
        scoring.composite(values(("x", 2020, "a", 5, "u"), ("x", 2020, "b", 10, "u")), RUBRIC)
    )
    assert (low["composite"], high["composite"]) == (0.0, 100.0)


def test_missing_criterion_renormalises_over_those_present():
    rubric = RUBRIC.assign(weight=[1.0, 1.0, 2.0])
    # a = 0.5, c = (4-1)/4 = 0.75; b missing -> (0.5*1 + 0.75*2) / 3 = 0.6667, coverage 3/4
    row = one(scoring.composite(values(("x", 2020, "a", 3, "u"), ("x", 2020, "c", 4, "u")), rubric))
    assert row["composite"] == pytest.approx(200 / 3)
    assert (row["criteria_used"], row["criteria_missing"]) == (2, 1)
    assert row["coverage"] == pytest.approx(0.75)


def test_too_little_coverage_leaves_the_composite_empty_but_counts_the_gap():
    # only a present: weight 1 of 4 = 25 % < 75 %
    row = one(scoring.composite(values(("x", 2020, "a", 3, "u")), RUBRIC))
    assert math.isnan(row["composite"])
    assert (row["criteria_used"], row["criteria_missing"]) == (1, 1)


def test_zero_weight_criterion_is_neither_used_nor_missing():
    row = one(
        scoring.composite(
            values(("x", 2020, "a", 3, "u"), ("x", 2020, "b", 8, "u"), ("x", 2020, "c", 5, "u")),
            RUBRIC,
        )
    )
    assert row["composite"] == pytest.approx(72.5)
    assert (row["criteria_used"], row["criteria_missing"]) == (2, 0)


def test_scale_change_is_applied_to_stored_values():
    # b re-scaled to 0-16: 8 -> 0.5, so (0.5*1 + 0.5*3) / 4 = 0.5
    rubric = RUBRIC.assign(scale_max=[5.0, 16.0, 5.0])
    row = one(scoring.composite(values(("x", 2020, "a", 3, "u"), ("x", 2020, "b", 8, "u")), rubric))
    assert row["composite"] == pytest.approx(50.0)


def test_values_outside_the_scale_are_clipped():
    row = one(
        scoring.composite(values(("x", 2020, "a", 7, "u"), ("x", 2020, "b", -2, "u")), RUBRIC)
    )
    assert row["composite"] == pytest.approx(25.0)  # (1*1 + 0*3) / 4


def test_any_demo_input_makes_the_composite_demo():
    row = one(
        scoring.composite(
            values(("x", 2020, "a", 3, "https://src"), ("x", 2020, "b", 8, "demo")), RUBRIC
        )
    )
    assert row["demo"] and row["provenance"] == "demo"


def test_sourced_inputs_keep_their_source():
    row = one(
        scoring.composite(
            values(("x", 2020, "a", 3, "https://src"), ("x", 2020, "b", 8, "https://src")), RUBRIC
        )
    )
    assert not row["demo"] and row["provenance"] == "https://src"


def test_each_composite_keeps_its_own_inputs_provenance():
    sources = {"x": ("https://one", "https://two"), "y": ("https://one", "demo")}
    sources["z"] = ("https://two", "https://two")
    rows = [(r, 2020, "a", 5, one) for r, (one, _) in sources.items()]
    rows += [(r, 2020, "b", 5, two) for r, (_, two) in sources.items()]
    df = scoring.composite(values(*rows), RUBRIC)
    assert df.set_index("region_code")["provenance"].to_dict() == {
        "x": "https://one; https://two",
        "y": "demo",
        "z": "https://two",
    }


def test_each_region_and_year_gets_its_own_composite():
    df = scoring.composite(
        values(
            ("x", 2020, "a", 5, "u"),
            ("x", 2020, "b", 10, "u"),
            ("x", 2021, "a", 1, "u"),
            ("x", 2021, "b", 0, "u"),
            ("y", 2020, "a", 3, "u"),
            ("y", 2020, "b", 5, "u"),
        ),
        RUBRIC,
    )
    assert df.set_index(["region_code", "year"])["composite"].to_dict() == {
        ("x", 2020): 100.0,
        ("x", 2021): 0.0,
        ("y", 2020): 50.0,
    }


def test_no_scores_gives_an_empty_frame_with_the_columns():
    empty = pd.DataFrame(columns=["region_code", "year", "criterion", "value", "provenance"])
    df = scoring.composite(empty, RUBRIC)
    assert df.empty and list(df.columns) == scoring.COMPOSITE_COLUMNS


KEDIRI_2022 = [
    ("35.71", 2022, d, v, "https://src")
    for d, v in (
        ("baseline", 3.60),
        ("output", 3.21),
        ("outcome", 3.23),
        ("impact", 3.07),
        ("quick_win", 3.65),
    )
]


def test_evaluation_index_uses_the_sleman_weights_by_default():
    # 0.1*3.60 + 0.2*3.21 + 0.3*3.23 + 0.3*3.07 + 0.1*3.65 = 3.257
    row = one(scoring.evaluation_index(values(*KEDIRI_2022)))
    assert row["index"] == pytest.approx(3.257)
    assert row["basis"] == "computed"


def test_the_2022_weights_reproduce_kediri_published_overall():
    # 0.1*3.60 + 0.2*3.21 + 0.3*3.23 + 0.2*3.07 + 0.2*3.65 = 3.315 (published: 3.31)
    row = one(scoring.evaluation_index(values(*KEDIRI_2022), "2022"))
    assert row["index"] == pytest.approx(3.315)


def test_published_overall_is_shown_as_published_not_recomputed():
    rows = values(*KEDIRI_2022, ("35.71", 2022, "overall", 3.31, "https://src"))
    row = one(scoring.evaluation_index(rows))
    assert row["index"] == 3.31 and row["basis"] == "published"
    assert row["dimensions_used"] == 5


def test_published_overall_without_dimensions_is_kept():
    row = one(scoring.evaluation_index(values(("81.71", 2024, "overall", 3.10, "https://a"))))
    assert (row["index"], row["basis"], row["dimensions_used"]) == (3.10, "published", 0)


def test_evaluation_with_a_missing_dimension_renormalises():
    # quick_win missing (weight 10 of 100): (0.1*3.60 + 0.2*3.21 + 0.3*3.23 + 0.3*3.07) / 0.9
    row = one(scoring.evaluation_index(values(*KEDIRI_2022[:4])))
    assert row["index"] == pytest.approx(2.892 / 0.9)
    assert row["dimensions_missing"] == 1


def test_pillar_scores_do_not_enter_the_evaluation_index():
    rows = values(*KEDIRI_2022, ("35.71", 2022, "governance", 1.0, "https://src"))
    assert one(scoring.evaluation_index(rows))["index"] == pytest.approx(3.257)


def test_ties_share_the_best_place():
    ranks = scoring.competition_rank(pd.Series([70.0, 90.0, 80.0, 80.0, None]))
    assert ranks.tolist() == [4, 1, 2, 2, pd.NA]


def test_shared_places_are_written_with_an_equals_sign():
    labels = scoring.rank_label(pd.Series([1, 2, 2, 4, pd.NA], dtype="Int64"))
    assert labels.tolist() == ["1", "=2", "=2", "4", "–"]


def test_latest_per_region_keeps_the_newest_year_with_a_value():
    df = pd.DataFrame(
        {
            "region_code": ["x", "x", "x", "y"],
            "year": [2018, 2021, 2022, 2019],
            "composite": [40.0, 50.0, float("nan"), 30.0],
        }
    )
    latest = scoring.latest_per_region(df)
    assert latest[["region_code", "year"]].values.tolist() == [["x", 2021], ["y", 2019]]


def test_store_composites_follow_the_stored_rubric(store):
    df = scoring.readiness_composites(store)
    assert len(df) > 100
    assert df["composite"].between(0, 100).all()
    assert (df["criteria_used"] == 8).all() and df["demo"].all()


def test_store_without_demo_has_no_readiness(store):
    assert scoring.readiness_composites(store, include_demo=False).empty


def test_store_sourced_evaluation_is_the_published_overall(store):
    df = scoring.evaluation_indices(store, include_demo=False)
    assert set(df["basis"]) == {"published"}
    kediri = df[(df["region_code"] == "35.71") & (df["year"] == 2022)].iloc[0]
    assert kediri["index"] == 3.31


def test_evaluation_index_of_no_scores_is_an_empty_table(store):
    empty = scoring.scores(store, "evaluation").iloc[0:0]
    assert scoring.evaluation_index(empty).empty
