"""Quick-win filters, counts, the overdue list and the CSV export, without a running app."""

from datetime import date

import pandas as pd

from components import filters
from components import quickwins as view
from components.types import Filters
from data import quickwins


def _rows(**columns) -> pd.DataFrame:
    base = {
        "region_code": "32.74",
        "region": "Kota Cirebon",
        "province_code": "32",
        "province": "Jawa Barat",
        "cohort_year": 2017,
        "year": 2017,
        "title": "x",
        "dimension": None,
        "status": "launched",
        "start_date": "2017-06-01",
        "due_date": "2018-06-01",
        "launched_date": None,
        "provenance": "demo",
        "status_provenance": "demo",
    }
    n = max(len(v) for v in columns.values())
    return pd.DataFrame({k: columns.get(k, [v] * n) for k, v in base.items()})


def test_filters_combine_across_and_alternate_within():
    rows = _rows(dimension=["branding", None, "economy"], status=["launched", "stalled", "stalled"])
    chosen = Filters(dimension=("branding", "none"), status=("stalled",))
    assert rows[filters.mask(rows, chosen)].index.tolist() == [1]


def test_cohort_filter_matches_the_participation_year():
    rows = _rows(cohort_year=[2017.0, 2018.0, None])
    assert rows[filters.mask(rows, Filters(cohort=("2018",)))].index.tolist() == [1]


def test_counts_show_every_dimension_and_status_with_totals():
    rows = _rows(
        dimension=["branding", "branding", None], status=["launched", "stalled", "planned"]
    )
    grid = view.counts(rows, "en")
    assert grid.loc["Smart Branding", "Launched"] == 1
    assert grid.loc["Dimension not stated", "Planned"] == 1
    assert grid.loc["Total", "Total"] == 3
    assert grid.shape == (8, 6)


def test_overdue_means_due_passed_and_neither_launched_nor_cancelled():
    rows = _rows(
        status=["in_progress", "launched", "cancelled", "stalled", "planned"],
        due_date=["2026-11-01", "2026-11-01", "2026-11-01", "2026-10-22", "2027-01-01"],
    )
    late = view.overdue(rows, date(2026, 11, 22))
    assert late.index.tolist() == [3, 0]
    assert late["days_late"].tolist() == [31, 21]


def test_hidden_demo_drops_status_and_dates():
    rows = _rows(title=["a"])
    table = view.table(rows, "en", show_demo=False)
    assert "status" not in table and "due_date" not in table


def test_hidden_demo_keeps_a_team_reported_status():
    team = "reported|32.74|Kota Cirebon|editor|ana@cirebonkota.go.id|2026-12-01"
    rows = _rows(title=["a", "b"], status_provenance=[team, "demo"])
    table = view.table(rows, "en", show_demo=False)
    assert table["status"].tolist() == ["Launched", "–"]
    assert table["status_from"].iloc[0] == (
        "Reported by the Kota Cirebon team (ana@cirebonkota.go.id, 1 Dec 2026)"
    )


def test_kpis_count_launched_and_sourced_quick_wins():
    rows = _rows(status=["launched", "stalled"], provenance=["https://a.id/x", "demo"])
    counts = view.kpi_counts(rows, rows.iloc[1:])
    assert counts == {"shown": 2, "launched": 1, "overdue": 1, "sourced": 1}


def test_real_quick_wins_keep_their_source_and_demo_status(store):
    rows = quickwins.quick_wins(store, region="12.76")  # Kota Tebing Tinggi
    tops = rows[rows["title"].str.startswith("TOPS")].iloc[0]
    assert tops["dimension"] == "governance"
    assert tops["provenance"] == "https://buseronline.com/?p=1715"
    assert tops["status_provenance"] == "demo"
