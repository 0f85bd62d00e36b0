"""AppTest of the quick-win tracker: filters in the URL, counts, overdue list, both languages."""

from data import quickwins
from tests.conftest import metrics, run_page, table_with


def _listed(at, region: str = "Region"):
    """The list of all (filtered) quick wins: the last table on the page."""
    table = at.dataframe[-1].value
    assert region in table.columns
    return table


def test_tracker_counts_every_quick_win(store):
    at = run_page("views/quick_wins.py", {"lang": "en"})
    assert not at.exception
    assert at.title[0].value == "Quick-win tracker"
    assert metrics(at)["Quick wins (filtered)"] == str(len(quickwins.quick_wins(store)))


def test_filters_from_the_url_narrow_the_list(store):
    at = run_page("views/quick_wins.py", {"lang": "en", "cohort": "2022", "dimension": "branding"})
    every = quickwins.quick_wins(store)
    expected = every[(every["cohort_year"] == 2022) & (every["dimension"] == "branding")]
    assert metrics(at)["Quick wins (filtered)"] == str(len(expected))
    assert set(_listed(at)["Dimension"]) == {"Smart Branding"}


def test_counts_table_agrees_with_the_list():
    at = run_page("views/quick_wins.py", {"lang": "en", "province": "32"})
    grid = next(df.value for df in at.dataframe if "Launched" in df.value.columns)
    listed = _listed(at)
    assert grid.loc["Total", "Total"] == len(listed)
    assert grid.loc["Total", "Launched"] == (listed["Status"] == "Launched").sum()


def test_region_filter_shows_one_region():
    at = run_page("views/quick_wins.py", {"lang": "en", "region": "32.74"})
    assert set(_listed(at)["Region"]) == {"Kota Cirebon"}


def test_choosing_a_filter_writes_it_into_the_url():
    at = run_page("views/quick_wins.py", {"lang": "en"})
    at.multiselect(key="_qw_status").set_value(["stalled"]).run()
    assert at.query_params["status"] in ("stalled", ["stalled"])
    assert set(_listed(at)["Status"]) == {"Stalled"}


def test_unknown_filter_value_is_named_and_the_rest_kept():
    at = run_page("views/quick_wins.py", {"lang": "en", "dimension": "branding,smart_cheese"})
    assert not at.exception
    assert "`dimension`" in at.warning[0].value and "`smart_cheese`" in at.warning[0].value
    assert set(_listed(at)["Dimension"]) == {"Smart Branding"}


def test_overdue_list_says_how_late():
    at = run_page("views/quick_wins.py", {"lang": "en"})
    late = table_with(at, "Days late")
    assert len(late) == int(metrics(at)["Overdue"])
    assert (late["Days late"] > 0).all()
    assert not late["Status"].isin(["Launched", "Cancelled"]).any()


def test_demo_statuses_are_marked():
    at = run_page("views/quick_wins.py", {"lang": "en"})
    assert set(_listed(at)["Status from"]) == {"DEMO"}
    assert any("DEMO" in s.value for s in at.subheader)


def test_demo_off_lists_only_sourced_titles_without_status():
    at = run_page("views/quick_wins.py", {"lang": "en", "demo": "0", "status": "launched"})
    listed = _listed(at)
    assert "Status" not in listed.columns
    assert not listed["Quick win"].str.startswith("Demo").any()
    assert "Overdue" not in metrics(at)
    assert any("“Status (demo)” filter rests on demo values" in c.value for c in at.caption)
    assert not [w for w in at.multiselect if w.key == "_qw_status"]


def test_tracker_in_indonesian():
    at = run_page("views/quick_wins.py", {"dimension": "none"})
    assert at.title[0].value == "Pemantau quick win"
    assert set(_listed(at, "Daerah")["Dimensi"]) == {"Dimensi tidak disebutkan"}


def test_demo_off_counts_the_hidden_demo_quick_wins_apart(store):
    everything = quickwins.quick_wins(store)
    demo = int((everything["provenance"] == "demo").sum())
    at = run_page("views/quick_wins.py", {"lang": "en", "demo": "0"})
    assert metrics(at)["Quick wins (filtered)"] == str(len(everything) - demo)
    said = f"{len(everything) - demo} with a source ({demo} demo hidden)"
    assert said in [c.value for c in at.caption]


def test_list_of_demo_statuses_has_the_badge_in_its_heading():
    heading = next(
        s.value
        for s in run_page("views/quick_wins.py", {"lang": "en"}).subheader
        if s.value.startswith("All quick wins")
    )
    assert "DEMO" in heading
    off = run_page("views/quick_wins.py", {"lang": "en", "demo": "0"})
    assert "All quick wins" in [s.value for s in off.subheader]


def test_demo_off_says_where_the_status_filter_went_even_when_unused():
    at = run_page("views/quick_wins.py", {"lang": "en", "demo": "0"})
    assert not [w for w in at.multiselect if w.key == "_qw_status"]
    assert any("“Status (demo)” filter rests on demo values" in c.value for c in at.caption)
