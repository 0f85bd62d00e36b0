"""The Angkatan filters as the data layer and an export see them, without a running app."""

from components.cohorts_filters import Selection, csv_header

OPTS = {"provinces": [("32", "Jawa Barat"), ("35", "Jawa Timur")]}


def test_selection_filters_turn_url_years_into_numbers():
    chosen = Selection(["2017", "2021"], ["KPPN"], ["32"], ["kota"], "evaluation")
    assert chosen.filters.cohorts == (2017, 2021)
    assert chosen.filters.tracks == ("KPPN",)
    assert chosen.region_filters.cohorts == () and chosen.region_filters.kinds == ("kota",)


def test_csv_header_names_the_filters_and_the_link():
    chosen = Selection(["2017"], [], ["35"], ["kota"])
    lines = csv_header("Rankings", chosen, OPTS, False, {"cohort": "2017", "lang": "en"}, "en")
    assert lines == [
        "Pantau Kota Cerdas – Cohort comparison: Rankings",
        "Filters: cohorts = 2017; tracks = All; provinces = Jawa Timur; kinds = City; "
        "demo values = no",
        "Link to this view: /angkatan?cohort=2017&lang=en",
    ]
