"""The Angkatan filters as the data and an export see them, without a running app."""

from datetime import date

import pandas as pd

from components import cohorts_filters
from components.cohorts_view import Context
from components.types import Filters

OPTS = {
    "cohorts": [2017, 2018],
    "tracks": ["100 Smart City"],
    "provinces": [("32", "Jawa Barat"), ("35", "Jawa Timur")],
}


def _context(chosen: Filters) -> Context:
    selection = cohorts_filters.Selection(chosen)
    return Context(None, "en", False, OPTS, selection, "/angkatan?cohort=2017", date(2026, 1, 2))


def test_published_values_are_filtered_by_place_only():
    rows = pd.DataFrame({"province_code": ["32", "35"], "kind": ["kota", "kota"]})
    page = _context(Filters(cohort=("2017",), province=("35",)))
    assert page.kept(rows, places=True)["province_code"].tolist() == ["35"]


def test_scores_are_filtered_by_cohort_too():
    rows = pd.DataFrame({"cohort_year": [2017, 2018], "province_code": ["35", "35"]})
    page = _context(Filters(cohort=("2017",), province=("35",)))
    assert page.kept(rows)["cohort_year"].tolist() == [2017]


def test_export_names_the_filters_and_the_link():
    table = pd.DataFrame({"Rank": [1], "Region": ["Kota Malang"]})
    page = _context(Filters(cohort=("2017",), province=("35",), kind=("kota",)))
    assert page.csv(table, "Rankings").splitlines() == [
        "# Pantau Kota Cerdas – Cohort comparison: Rankings",
        "# Cohort: 2017",
        "# Track: All",
        "# Province: Jawa Timur",
        "# Kind: City",
        "# Demo values included: no",
        "# Rows: 1",
        "# Downloaded on: 2026-01-02",
        "# Link: /angkatan?cohort=2017",
        "Rank,Region",
        "1,Kota Malang",
    ]
