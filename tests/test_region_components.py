"""The region page's tables and numbers, built without a running app."""

import pandas as pd

from components import i18n, timeline
from components import region as view
from components.types import FIELDS
from data import region
from data.catalog import MASTERPLAN_STATUSES, QUICK_WIN_STATUSES, STATUSES


def test_standing_percentile_counts_peers_below_and_half_the_ties():
    composites = pd.DataFrame(
        {
            "region_code": ["a", "b", "c", "d", "e"],
            "year": [2017] * 5,
            "cohort_year": [2017] * 5,
            "composite": [10.0, 20.0, 30.0, 30.0, 40.0],
        }
    )
    rank = view.standing(composites, "c", 2017)
    assert rank["percentile"] == round(100 * (2 + 0.5) / 4)
    assert rank["median"] == 30.0
    assert rank["n"] == 5


def test_comparison_puts_the_region_next_to_its_cohort(store):
    sleman = region.profile(store, "34.04")
    first = int(sleman.participations.iloc[0]["id"])
    table = view.comparison(sleman.readiness, sleman.peers, sleman.criteria, first, "en")
    assert len(table) == 8
    assert (table["min"] <= table["value"]).all() and (table["value"] <= table["max"]).all()
    assert view.standing(sleman.composites, "34.04", 2017)["n"] == 25


def test_standings_cover_each_cohort_the_region_joined(store):
    """One computation for the page and the PDF: Sleman joined in 2017 and in 2021."""
    sleman = region.profile(store, "34.04")
    found = view.standings(sleman)
    assert [s.cohort for s in found] == [2017, 2021]
    assert found[0].rank == view.standing(sleman.composites, "34.04", 2017)


def test_quick_wins_without_a_dimension_get_their_own_row(store):
    cirebon = region.profile(store, "32.74")
    table = view.dimension_table(cirebon.dimensions, cirebon.quick_wins, "en")
    assert list(table["dimension"])[:6] == [
        "Smart Governance",
        "Smart Branding",
        "Smart Economy",
        "Smart Living",
        "Smart Society",
        "Smart Environment",
    ]
    assert table.iloc[-1]["dimension"] == "Dimension not stated"
    assert "Cirebon Melet" in table.iloc[-1]["programmes"]


def test_demo_quick_wins_are_marked_in_the_dimension_table(store):
    kediri = region.profile(store, "35.71")
    table = view.dimension_table(kediri.dimensions, kediri.quick_wins, "id")
    entries = [e for text in table["programmes"] for e in text.split("; ")]
    assert any(e.startswith("Demo: ") for e in entries)
    assert all(e.lower().count("demo") <= 1 for e in entries)  # marked once, never twice


def test_timeline_marks_demo_dates_and_keeps_sourced_ones_linked(store):
    cirebon = region.profile(store, "32.74")
    table = timeline.table(cirebon.events, "en").set_index("stage")
    assert table.loc["MoU signed", "date"] == "22 May 2017"
    assert table.loc["MoU signed", "source"].startswith("http")
    assert table.loc["Bimtek I", "date"].endswith("DEMO")
    assert pd.isna(table.loc["Bimtek I", "source"])


def test_next_step_is_the_earliest_stage_not_done():
    events = pd.DataFrame(
        {
            "stage": ["mou", "bimtek_1", "bimtek_2"],
            "year": [2024, 2024, 2024],
            "position": [2, 3, 4],
            "date": ["2024-05-01", "2026-12-01", "2027-01-10"],
            "status": ["done", "not_started", "not_started"],
            "provenance": ["http://x", "demo", "demo"],
        }
    )
    assert timeline.next_step(events)["stage"] == "bimtek_1"
    assert timeline.next_text(events, "en").startswith("**Next:** Bimtek I")


def test_published_values_keep_the_decimals_the_source_gave(store):
    kediri = region.profile(store, "35.71")
    values = set(view.published_table(kediri.published, "id")["value"])
    assert {"3,31", "3,6", "5"} <= values


def test_every_status_kind_and_flag_has_words_in_both_languages():
    keys = (
        [f"region.timeline.status.{s}" for s in STATUSES]
        + [f"region.masterplan.{s}" for s in MASTERPLAN_STATUSES]
        + [f"quickwins.status.{s}" for s in QUICK_WIN_STATUSES]
        + [f"filters.{f}" for f in FIELDS]
        + [f"region.kind.{k}" for k in ("kabupaten", "kota")]
        + [
            f"region.flag.{f}"
            for f in ("none", "conflict", "uncertain", "inferred", "unknown_year")
        ]
    )
    for lang in ("id", "en"):
        assert [k for k in keys if i18n.translate(lang, k) == k] == []


def test_a_late_stage_is_named_as_late():
    events = pd.DataFrame(
        {
            "stage": ["masterplan_adopted", "quick_wins"],
            "year": [2022, 2022],
            "position": [8, 9],
            "date": ["2023-03-01", "2023-05-01"],
            "status": ["late", "done"],
            "provenance": ["demo", "demo"],
        }
    )
    assert timeline.next_text(events, "en") == (
        "**Late:** Adopted by Perbup/Perwal, due 1 Mar 2023 (DEMO)"
    )
