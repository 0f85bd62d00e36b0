"""Importing the programme CSVs: what lands, what is flagged, what is refused and why."""

import csv

import pytest

from data import queries
from data.importer import SEED_DIR, cohort_records, quick_win_records, score_records
from data.matching import RegionMatcher


@pytest.fixture(scope="module")
def matcher():
    with open(SEED_DIR / "regions.csv", encoding="utf-8") as f:
        return RegionMatcher(list(csv.DictReader(f)))


def _row(**values):
    base = {
        "region_name": "Kota Cirebon",
        "province": "Jawa Barat",
        "cohort_year": "2017",
        "source_url": "https://example.org/a",
        "note": "",
    }
    return {**base, **values}


def test_rosters_are_counted_as_sourced(store):
    summary = queries.cohort_summary(store).set_index("cohort_year")
    assert summary.loc[2017, "rows"] == 25
    assert summary.loc[2018, "rows"] == 51
    assert summary.loc[2018, "uncertain"] == 1
    assert summary.loc[2019, "rows"] == 25


def test_conflicting_rows_keep_their_note(store):
    flagged = queries.flagged(store)
    depok = flagged[flagged["region"] == "Kota Depok"]
    assert set(depok["cohort_year"]) == {2018, 2019}
    assert depok["note"].str.contains("CONFLICT").all()


def test_regions_of_unknown_cohort_year_are_listed(store):
    assert set(queries.unknown_year(store)["region"]) == {
        "Kabupaten Lombok Utara",
        "Kabupaten Garut",
    }


def test_2021_capital_regions_are_on_the_ikn_track(store):
    tracks = queries.track_summary(store).set_index("track")
    assert tracks.loc["IKN", "regions"] == 3
    assert tracks.loc["100 Smart City", "first_year"] == 2017


def test_bad_year_names_row_and_field(matcher):
    records, problems = cohort_records([_row(), _row(cohort_year="20x8")], matcher)
    assert len(records) == 1
    assert (problems[0].row, problems[0].field) == (3, "cohort_year")
    assert "row 3" in str(problems[0])


def test_unmatched_region_names_the_field_and_reason(matcher):
    _, problems = cohort_records([_row(region_name="Kota Atlantis")], matcher)
    assert problems[0].field == "region_name"
    assert "close enough" in problems[0].reason


def _quick_win(**values) -> dict[str, str]:
    row = {"region_name": "Kota Cirebon", "quick_win": "X", "dimension": "", "year": "2017"}
    return {**row, "source_url": "https://e.org", "note": "", **values}


def test_missing_source_is_refused(matcher):
    _, problems = quick_win_records([_quick_win(source_url="")], matcher)
    assert problems[0].field == "source_url"


def test_unknown_dimension_is_refused(matcher):
    _, problems = quick_win_records([_quick_win(dimension="Smart Food")], matcher)
    assert problems[0].field == "dimension"


def test_scores_are_classified_and_never_readiness(matcher):
    records, _ = score_records(
        [
            {
                "region_name": "Kota Kediri",
                "index_name": "Indeks Smart City - pillar Smart Living",
                "year": "2022",
                "value": "3.33",
                "scale": "",
                "source_url": "https://e.org",
                "note": "",
            },
            {
                "region_name": "Kota Surabaya",
                "index_name": "IKCI score",
                "year": "2018",
                "value": "67,03",
                "scale": "",
                "source_url": "https://e.org",
                "note": "",
            },
        ],
        matcher,
    )
    assert [(r["kind"], r["criterion"]) for r in records] == [
        ("evaluation", "living"),
        ("external", None),
    ]
    assert records[1]["value"] == 67.03


def test_every_program_row_is_imported(store):
    assert store["import_issues"].count == 0
    assert store["quick_wins"].count_where("provenance != 'demo'") == 41
    assert store["scores"].count_where("provenance != 'demo'") == 102
