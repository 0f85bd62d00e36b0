"""Odd links: every value the app ignores or changes is said so, briefly, above the page."""

from tests.conftest import run_page


def _warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def test_a_long_bad_value_is_shortened_in_the_notice():
    at = run_page("views/quick_wins.py", {"lang": "en", "status": "x" * 3000})
    notice = next(w for w in _warnings(at) if "status" in w)
    assert "x" * 39 + "…" in notice
    assert "x" * 41 not in notice


def test_a_bad_value_notice_sits_above_the_filter_row():
    at = run_page("views/quick_wins.py", {"lang": "en", "cohort": "1999"})
    kinds = [node.type for node in at.main]  # depth first, in page order
    assert any("1999" in w for w in _warnings(at))
    assert kinds.index("warning") < kinds.index("multiselect")


def test_an_unknown_demo_value_is_said_to_be_ignored():
    at = run_page("views/overview.py", {"lang": "en", "demo": "maybe"})
    assert any("demo=maybe" in w and "ignored" in w for w in _warnings(at))


def test_an_unknown_language_is_said_to_be_ignored_in_indonesian():
    at = run_page("views/overview.py", {"lang": "fr"})
    assert any("lang=fr" in w and "diabaikan" in w for w in _warnings(at))


def test_a_parameter_given_twice_says_which_one_counts():
    at = run_page("views/daerah.py", {"lang": "en", "region": ["32.12", "34.03"]})
    assert at.header[0].value == "Kabupaten Gunungkidul"
    assert any("`region` is given 2 times" in w and "`34.03`" in w for w in _warnings(at))


def test_a_value_repeated_in_a_list_is_counted_once_and_said_so():
    at = run_page("views/quick_wins.py", {"lang": "en", "cohort": "2017,2017"})
    assert at.multiselect(key="_qw_cohort").value == ["2017"]
    assert any("cohort" in w and "2017" in w and "once" in w for w in _warnings(at))
