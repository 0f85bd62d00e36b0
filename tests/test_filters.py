"""The one filter mechanism: `Filters` applied to any page's frame, and the CSV it exports.

Exact CSV bodies, with a fixed "today", for the map, the quick-win tracker and the cohort
rankings: what a user downloads, byte for byte.
"""

from datetime import date

import pandas as pd
import pytest

from components import cohorts_filters, filters
from components import map_filters as controls
from components import map_summary as summary
from components import quickwins as qw
from components.cohorts_view import Context, Score, ranking_csv
from components.types import Filters
from data import cohorts
from data import map as map_data
from data import quickwins as qw_data
from data.catalog import DIMENSIONS

TODAY = date(2026, 6, 30)


def test_empty_filters_keep_every_row():
    frame = pd.DataFrame({"kind": ["kota", "kabupaten"]})
    assert filters.mask(frame, Filters()).tolist() == [True, True]


def test_filters_combine_across_and_alternate_within():
    frame = pd.DataFrame(
        {"province_code": ["32", "32", "35"], "kind": ["kota", "kabupaten", "kota"]}
    )
    chosen = Filters(province=("32", "35"), kind=("kota",))
    assert filters.mask(frame, chosen).tolist() == [True, False, True]


def test_a_region_in_several_cohorts_matches_any_of_them():
    """The map's facts list a region's cohorts in one cell ("2017, 2021")."""
    frame = pd.DataFrame({"cohorts": ["2017, 2021", "2018", None]})
    assert filters.mask(frame, Filters(cohort=("2021",))).tolist() == [True, False, False]


def test_cohort_years_match_as_the_url_spells_them():
    """Years stored as numbers (2018.0 when a column has gaps) match `?cohort=2018`."""
    frame = pd.DataFrame({"cohort_year": [2017.0, 2018.0, None]})
    assert filters.mask(frame, Filters(cohort=("2018",))).tolist() == [False, True, False]


def test_a_quick_win_without_a_dimension_is_found_by_none():
    frame = pd.DataFrame({"dimension": ["branding", None]})
    chosen = Filters(dimension=(filters.NO_DIMENSION,))
    assert filters.mask(frame, chosen).tolist() == [False, True]


def test_place_filters_leave_participation_out():
    chosen = Filters(cohort=("2017",), province=("32",), kind=("kota",), stage=("mou",))
    assert chosen.places() == Filters(province=("32",), kind=("kota",))


def test_header_lists_each_offered_filter_then_demo_rows_date_and_link():
    labels = {"cohort": {"2017": "2017"}, "kind": filters.kind_labels("en")}
    lines = filters.csv_header(
        "Title",
        Filters(kind=("kota",)),
        labels,
        "en",
        demo=False,
        rows=3,
        today=TODAY,
        link="/x?kind=kota",
    )
    assert lines == [
        "Title",
        "Cohort: All",
        "Kind: City",
        "Demo values included: no",
        "Rows: 3",
        "Downloaded on: 2026-06-30",
        "Link: /x?kind=kota",
    ]


def test_header_speaks_indonesian():
    labels = {"kind": filters.kind_labels("id")}
    lines = filters.csv_header(
        "Judul", Filters(), labels, "id", demo=True, rows=0, today=TODAY, link="/x"
    )
    assert lines[1:4] == ["Jenis: Semua", "Nilai demo disertakan: ya", "Baris: 0"]


@pytest.fixture(scope="module")
def facts(session_store):
    from data.db import connect

    db = connect(session_store)
    yield map_data.region_facts(db), map_data.cohort_years(db)
    db.close()


def test_map_export_exact_body(facts):
    facts, years = facts
    selection = controls.Selection(filters=Filters(cohort=("2017",), province=("34",)))
    table = summary.table(facts, filters.mask(facts, selection.filters), "en", demo_on=False)
    opts = controls.options(facts, years)
    link = "/peta?cohort=2017&province=34"
    body = controls.csv(table, selection, opts, "en", False, TODAY, link)
    assert body.splitlines() == [
        "# Pantau Kota Cerdas — Map: participating regions",
        "# Coloured by: Cohort year",
        "# As it stood at the end of: Now",
        "# Cohort: 2017",
        "# Track: All",
        "# Province: Daerah Istimewa Yogyakarta",
        "# Stage (demo): All",
        "# Kind: All",
        "# Demo values included: no",
        "# Rows: 1",
        "# Downloaded on: 2026-06-30",
        "# Link: /peta?cohort=2017&province=34",
        "Code,Region,Province,Kind,Cohorts,Tracks,Source doubt",
        '34.04,Kabupaten Sleman,Daerah Istimewa Yogyakarta,Regency (kabupaten),"2017, 2021",'
        '"100 Smart City, KPPN",',
    ]
    assert body.endswith("\n")


def test_quick_win_export_exact_body(store):
    everything = qw_data.quick_wins(store)
    labels = qw.labels(everything, qw_data.cohort_years(store), "en")
    chosen = Filters(region=("12.76",), dimension=("governance", "branding"))
    rows = everything[filters.mask(everything, chosen)]
    link = "/quick-wins?region=12.76&dimension=governance,branding"
    body = qw.csv(rows, chosen, labels, "en", False, TODAY, link)
    assert body == (
        "# Pantau Kota Cerdas: quick wins\n"
        "# Demo values are hidden. Turn on “Show demo values” in the sidebar to see them.\n"
        "# Dimension: Smart Governance, Smart Branding\n"
        "# Status (demo): All\n"
        "# Cohort: All\n"
        "# Province: All\n"
        "# Region: Kota Tebing Tinggi — Sumatera Utara\n"
        "# Demo values included: no\n"
        "# Rows: 2\n"
        "# Downloaded on: 2026-06-30\n"
        "# Link: /quick-wins?region=12.76&dimension=governance,branding\n"
        "Quick win,Region,Dimension,Year,Source,Title from\n"
        "TOPS (Tebingtinggi Online Publik Services),Kota Tebing Tinggi,Smart Governance,2022,"
        "https://buseronline.com/?p=1715,buseronline.com\n"
        "Semarak,Kota Tebing Tinggi,Smart Branding,2022,"
        "https://buseronline.com/?p=1715,buseronline.com\n"
    )


def test_quick_win_export_with_demo_values_from_a_store_holding_only_its_rows(empty_store):
    """Exactly two quick wins in one region: the export, demo status and dates included."""
    empty_store["provinces"].insert({"code": "32", "name": "Jawa Barat"})
    code, name, name_id, name_en = DIMENSIONS[0]  # governance
    empty_store["dimensions"].insert(
        {"code": code, "position": 0, "name": name, "name_id": name_id, "name_en": name_en}
    )
    empty_store["regions"].insert(
        {"code": "32.74", "name": "Kota Cirebon", "kind": "kota", "province_code": "32"}
    )
    empty_store["participations"].insert(
        {"id": 1, "region_code": "32.74", "cohort_year": 2017, "provenance": "https://a.id/r"}
    )
    common = {"region_code": "32.74", "participation_id": 1, "year": 2018}
    empty_store["quick_wins"].insert_all(
        [
            {**common, "id": 1, "title": "Sampurasun", "dimension": "governance",
             "status": "launched", "start_date": "2018-01-10", "due_date": "2018-06-30",
             "launched_date": "2018-06-01", "provenance": "https://a.id/qw",
             "status_provenance": "demo"},
            {**common, "id": 2, "title": "Demo: Kesehatan", "dimension": None,
             "status": "stalled", "start_date": "2018-02-01", "due_date": "2018-12-31",
             "provenance": "demo", "status_provenance": "demo"},
        ]
    )  # fmt: skip
    everything = qw_data.quick_wins(empty_store)
    labels = qw.labels(everything, qw_data.cohort_years(empty_store), "en")
    chosen = Filters(cohort=("2017",))
    body = qw.csv(everything, chosen, labels, "en", True, TODAY, "/quick-wins?cohort=2017")
    assert body.splitlines() == [
        "# Pantau Kota Cerdas: quick wins",
        "# Statuses and dates marked DEMO are generated example values, not from a source.",
        "# Dimension: All",
        "# Status (demo): All",
        "# Cohort: 2017",
        "# Province: All",
        "# Region: All",
        "# Demo values included: yes",
        "# Rows: 2",
        "# Downloaded on: 2026-06-30",
        "# Link: /quick-wins?cohort=2017",
        "Quick win,Region,Dimension,Year,Status,Due,Launched,Start,Status from,Source,Title from",
        "Sampurasun,Kota Cirebon,Smart Governance,2018,Launched,30 Jun 2018,1 Jun 2018,"
        "10 Jan 2018,DEMO,https://a.id/qw,a.id",
        "Demo: Health,Kota Cirebon,Dimension not stated,2018,Stalled,31 Dec 2018,–,"
        "1 Feb 2018,DEMO,,DEMO",
    ]


def test_cohort_ranking_export_exact_body(store):
    """The Angkatan page's readiness ranking (demo values: no source publishes readiness)."""
    chosen = cohorts_filters.Selection(Filters(cohort=("2017",), province=("32",), kind=("kota",)))
    link = "/angkatan?cohort=2017&province=32&kind=kota"
    page = Context(store, "en", True, cohorts.options(store), chosen, link, TODAY)
    ranked = cohorts.ranked(page.kept(cohorts.readiness(store, True)), "composite")
    body = ranking_csv(page, ranked, Score("composite", "Score", 1), "criteria_used", "Readiness")
    assert body == (
        "# Pantau Kota Cerdas – Cohort comparison: Readiness\n"
        "# Cohort: 2017\n"
        "# Track: All\n"
        "# Province: Jawa Barat\n"
        "# Kind: City\n"
        "# Demo values included: yes\n"
        "# Rows: 5\n"
        "# Downloaded on: 2026-06-30\n"
        "# Link: /angkatan?cohort=2017&province=32&kind=kota\n"
        "Rank,In cohort,Region,Score,Data,Cohort,Year,Criteria,Track,Province,Region code\n"
        "1,1,Kota Bekasi,36.6,demo,2017,2017,8/8,100 Smart City,Jawa Barat,32.75\n"
        "2,2,Kota Bogor,35.0,demo,2017,2017,8/8,100 Smart City,Jawa Barat,32.71\n"
        "3,3,Kota Sukabumi,34.7,demo,2017,2017,8/8,100 Smart City,Jawa Barat,32.72\n"
        "4,4,Kota Bandung,28.4,demo,2017,2017,8/8,100 Smart City,Jawa Barat,32.73\n"
        "5,5,Kota Cirebon,25.6,demo,2017,2017,8/8,100 Smart City,Jawa Barat,32.74\n"
    )
