"""Figures and tables of the Angkatan page, built without a running app."""

from datetime import date

import pandas as pd
import pytest

from components import cohorts as view
from components import cohorts_filters, palette
from components.cohorts_view import Context
from components.types import Filters
from data import cohorts


@pytest.fixture
def readiness(store) -> pd.DataFrame:
    return cohorts.readiness(store)


def _points(fig):
    return [t for t in fig.data if t.type == "scatter"]


def test_every_region_is_a_point_carrying_its_code(readiness):
    fig = view.distribution_figure(
        readiness,
        "cohort_year",
        "composite",
        "id",
        order=[2017, 2018, 2019, 2021, 2022, 2023, 2024],
        colors=view.group_colors([2017]),
        axis_title="x",
        value_title="y",
    )
    codes = [c[0] for trace in _points(fig) for c in trace.customdata]
    assert sorted(codes) == sorted(readiness["region_code"])


def test_cohort_colours_are_okabe_ito_and_stable_across_subsets():
    colors = view.group_colors([2017, 2018, 2019, 2021])
    assert set(colors.values()) <= set(palette.OKABE_ITO)
    assert len(set(colors.values())) == 4
    assert view.group_colors([2017, 2018])[2018] == colors[2018]


def test_demo_points_are_circles_and_sourced_points_diamonds(store):
    data = cohorts.evaluation(store).query("year == 2022 and region_code in ['35.71', '11.71']")
    fig = view.distribution_figure(
        data,
        "cohort_year",
        "index",
        "en",
        order=[2017, 2019],
        colors={},
        axis_title="x",
        value_title="y",
    )
    symbols = {t.customdata[0][0]: t.marker.symbol for t in _points(fig)}
    assert symbols == {"35.71": "diamond", "11.71": "circle"}


def test_hover_names_the_region_and_marks_demo(readiness):
    fig = view.distribution_figure(
        readiness.head(1),
        "cohort_year",
        "composite",
        "en",
        order=[2017, 2018, 2019],
        colors={},
        axis_title="x",
        value_title="Readiness",
    )
    assert readiness.iloc[0]["region"] in fig.data[1].text[0]
    assert "DEMO" in fig.data[1].text[0]


def test_heatmap_is_viridis_with_the_values_written(store):
    means = cohorts.cohort_means(cohorts.readiness_criteria(store))
    fig = view.heatmap_figure(means, {"budget": "Anggaran"}, "id", value_title="Skor")
    heat = fig.data[0]
    assert heat.colorscale[0][1].lower() == "#440154"  # viridis starts dark purple
    assert "Anggaran" in heat.x
    assert "," in heat.text[0][0]  # Indonesian decimal comma


def test_ranking_table_writes_ties_and_marks_demo(readiness):
    ranked = cohorts.ranked(readiness, "composite")
    table = view.ranking_table(ranked, "en", value="composite", count="criteria_used")
    assert table.columns[:5].tolist() == ["Rank", "In cohort", "Region", "Score", "Data"]
    assert table["Rank"].str.startswith("=").any()
    assert set(table["Data"]) == {"DEMO"}
    assert set(table["Criteria"]) == {"8/8"}


def test_ranking_table_shows_the_published_basis(store):
    data = cohorts.evaluation(store, include_demo=False)
    table = view.ranking_table(
        cohorts.ranked(data, "index"), "id", value="index", count="dimensions_used", decimals=2
    )
    ambon = table[table["Daerah"] == "Kota Ambon"].iloc[0]
    assert (ambon["Dasar"], ambon["Kriteria"], ambon["Data"]) == (
        "diterbitkan",
        "–",
        "ambon.tribunnews.com",
    )


def test_csv_export_states_the_filters_first_and_keeps_plain_numbers(readiness):
    ranked = cohorts.ranked(readiness.head(3), "composite")
    export = view.ranking_table(
        ranked, "en", value="composite", count="criteria_used", formatted=False
    )
    selection = cohorts_filters.Selection(Filters(cohort=("2017",)))
    opts = {"cohorts": [2017], "tracks": [], "provinces": []}
    page = Context(None, "en", True, opts, selection, "/angkatan?cohort=2017", date(2026, 1, 2))
    lines = page.csv(export, "Rankings").splitlines()
    assert lines[:2] == ["# Pantau Kota Cerdas – Cohort comparison: Rankings", "# Cohort: 2017"]
    assert "# Rows: 3" in lines and "# Link: /angkatan?cohort=2017" in lines
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    assert lines[header].startswith("Rank,In cohort,Region,Score,Data")
    first = lines[header + 1]
    assert "demo" in first and "." in first.split(",")[3]


def test_changes_table_shows_signed_change_in_both_languages(readiness):
    moves = cohorts.changes_over_time(readiness, "composite")
    en, id_ = (view.changes_table(moves, lang) for lang in ("en", "id"))
    assert "Change" in en.columns and "Perubahan" in id_.columns
    assert en["Change"].str.match(r"^[+-]\d").all()


def test_criteria_table_shows_weight_share_and_scale(store):
    from data import scoring

    table = view.criteria_table(scoring.criteria(store), "en")
    assert len(table) == 8
    assert table.iloc[0][["Criterion", "Group", "Share of weight", "Scale"]].tolist() == [
        "Leadership commitment",
        "Structure",
        "12%",
        "1–5",
    ]


def test_distribution_table_in_both_languages(readiness):
    stats = cohorts.distribution(readiness, "cohort_year", "composite")
    assert view.distribution_table(stats, "cohort_year", "en").columns.tolist() == [
        "Cohort",
        "n",
        "Median",
        "Quartile 1",
        "Quartile 3",
        "IQR",
    ]
    assert view.distribution_table(stats, "cohort_year", "id").columns[0] == "Angkatan"


def test_charts_of_demo_values_carry_a_demo_stamp(readiness, store):
    args = dict(order=[2017, 2019], colors={}, axis_title="x", value_title="y")
    demo_fig = view.distribution_figure(readiness, "cohort_year", "composite", "en", **args)
    sourced = cohorts.evaluation(store, include_demo=False)
    sourced_fig = view.distribution_figure(sourced, "cohort_year", "index", "en", **args)
    assert [a.text for a in demo_fig.layout.annotations] == ["<b>DEMO</b>"]
    assert not sourced_fig.layout.annotations
