"""A region's history and the freshness of each region's data, from the audit log."""

from __future__ import annotations

from datetime import date

import pytest

from data import changes, history, migrations
from data.access import Actor, admin
from data.db import connect

TEAM = Actor("tim@indramayu.go.id", "editor", frozenset({"32.12"}))


@pytest.fixture
def db():
    database = connect(":memory:")
    migrations.migrate(database)
    database["provinces"].insert({"code": "32", "bps_code": "32", "name": "Jawa Barat"})
    for code, name in (("32.12", "Kabupaten Indramayu"), ("32.74", "Kota Cirebon")):
        database["regions"].insert(
            {"code": code, "name": name, "kind": "x", "province_code": "32", "lat": 0, "lng": 0}
        )
        database["participations"].insert({"region_code": code, "cohort_year": 2018})
    yield database
    database.close()


def _at(db, when: str) -> None:
    db.execute("update changes set at = ? where id = (select max(id) from changes)", (when,))


def test_history_lists_who_when_what_before_and_after_newest_first(db):
    detail = {"before": {"status": "drafting"}, "after": {"status": "adopted"}}
    changes.record(db, TEAM, "change", "masterplans", 1, detail, "32.12")
    _at(db, "2026-01-02T10:00:00+00:00")
    changes.record(
        db, admin("cli:x"), "add", "quick_wins", 9, {"after": {"title": "Sapa"}}, "32.12"
    )
    changes.record(db, TEAM, "change", "masterplans", 2, detail, "32.74")
    rows = history.region_history(db, "32.12")
    assert rows[["actor", "role", "action", "before", "after"]].values.tolist() == [
        ["cli:x", "admin", "add", {}, {"title": "Sapa"}],
        ["tim@indramayu.go.id", "editor", "change", {"status": "drafting"}, {"status": "adopted"}],
    ]
    assert history.last_update(db, "32.12")["actor"] == "cli:x"


def test_refusals_show_in_history_but_are_not_an_update(db):
    changes.record(db, TEAM, "refused", "masterplans", 2, {"role": "editor"}, "32.74")
    assert history.region_history(db, "32.74")["action"].tolist() == ["refused"]
    assert history.last_update(db, "32.74") is None


def test_stale_regions_are_those_whose_team_is_silent_for_180_days(db):
    changes.record(db, TEAM, "change", "masterplans", 1, None, "32.12")
    _at(db, "2026-06-10T08:00:00+00:00")
    changes.record(db, admin("cli:x"), "change", "masterplans", 2, None, "32.74")
    stale = history.stale_regions(db, today=date(2026, 12, 1))
    assert stale[["code", "last_update"]].values.tolist() == [["32.74", None]]
    stale = history.stale_regions(db, today=date(2026, 12, 8))
    assert stale["code"].tolist() == ["32.12", "32.74"]


def test_overview_freshness_panel_lists_silent_regions_linked_to_their_pages(store):
    from tests.conftest import run_page

    stale = history.stale_regions(store, date.today())
    at = run_page("views/overview.py")
    [panel] = [e for e in at.expander if e.label.startswith("Kesegaran data")]
    assert panel.label == f"Kesegaran data: {len(stale)} daerah peserta tanpa pembaruan dari timnya"
    table = next(df.value for df in at.dataframe if "Halaman" in df.value.columns)
    first = stale.iloc[0]
    assert table.iloc[0].tolist() == [
        first["province"],
        first["name"],
        "belum pernah",
        f"/daerah?region={first['code']}&lang=id",
    ]


def test_history_names_the_row_each_change_touched(db):
    db["quick_wins"].insert({"id": 5, "region_code": "32.12", "title": "Sapa Warga", "year": 2019})
    changes.record(db, TEAM, "change", "quick_wins", 5, {"after": {"status": "launched"}}, "32.12")
    changes.record(db, TEAM, "delete", "quick_wins", 6, {"before": {"title": "Demo"}}, "32.12")
    assert history.region_history(db, "32.12")["item"].tolist() == ["Demo", "Sapa Warga"]
