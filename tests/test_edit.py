"""Editing a region: the server's check, field errors, stale saves and concurrent writers."""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import closing
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from data import history, users, writes
from data.access import Actor, Refused, admin
from data.db import connect
from tests.conftest import ROOT, TEST_AUTH, connection, signed_in

EDITOR = "tim@indramayu.go.id"
TEAM = Actor(EDITOR, "editor", frozenset({"32.12"}))


@pytest.fixture
def store_path(fresh_store_path):
    """A private copy of the seeded store with 32.12's editor; the app reads it."""
    with closing(connect(fresh_store_path)) as db:
        users.add(db, admin("test"), EDITOR, "editor", ["32.12"])
    return fresh_store_path


@pytest.fixture
def db(store_path):
    yield from connection(store_path)


def _row(db, table: str, region: str) -> dict:
    return next(db[table].rows_where("region_code = ?", [region], order_by="id"))


def test_a_crafted_write_for_another_region_is_refused_and_audited(db):
    cirebon = _row(db, "masterplans", "32.74")
    with pytest.raises(Refused):
        writes.save_masterplan(
            db, TEAM, {"id": cirebon["id"], "status": "adopted", "provenance": "x"}
        )
    assert _row(db, "masterplans", "32.74") == cirebon
    [refusal] = history.region_history(db, "32.74").to_dict("records")
    assert (refusal["actor"], refusal["action"], refusal["table_name"]) == (
        EDITOR,
        "refused",
        "masterplans",
    )


def _editor_form() -> None:
    """The region page's edit section alone, as the signed-in person sees it."""
    from components import auth_view, edit_view, session
    from data import region

    store = session.db()
    edit_view.editor(store, region.profile(store, "32.12"), auth_view.current_actor(store), "id")


def _session() -> AppTest:
    at = AppTest.from_function(_editor_form, default_timeout=30)
    at.secrets.update(TEST_AUTH)
    at.user = signed_in(EDITOR)
    return at.run()


def _in_form(at: AppTest, table: str, name: str):
    """The widget for field `name` of the open `table` form."""
    widgets = [*at.selectbox, *at.text_input, *at.date_input]
    return next(w for w in widgets if w.key.startswith(f"edit_{table}_") and w.key.endswith(name))


def _save(at: AppTest, table: str) -> AppTest:
    """Press Simpan in the `table` form."""
    next(b for b in at.button if b.key and f"edit_{table}_" in b.key).click()
    return at.run()


def test_adoption_before_final_date_is_refused_on_the_field_and_nothing_written(db):
    before = _row(db, "masterplans", "32.12")
    at = _session()
    _in_form(at, "masterplans", "final_date").set_value(date(2019, 5, 1))
    _in_form(at, "masterplans", "adopted_date").set_value(date(2019, 4, 1))
    at = _save(at, "masterplans")
    assert [e.value for e in at.error] == ["tidak boleh sebelum Tanggal final"]
    assert not at.success
    assert _row(db, "masterplans", "32.12") == before


def test_second_session_saving_the_same_quick_win_is_refused_showing_the_change(db):
    win = _row(db, "quick_wins", "32.12")
    first, second = _session(), _session()
    for at in (first, second):
        at.selectbox(key="edit_pick_quick_win").set_value(win["id"]).run()
    _in_form(first, "quick_wins", "title").set_value("Sapa Warga Indramayu")
    first = _save(first, "quick_wins")
    assert [s.value for s in first.success] == ["Tersimpan."]

    _in_form(second, "quick_wins", "status").set_value("stalled")
    second = _save(second, "quick_wins")
    [warning] = second.warning
    assert warning.value.startswith(f"Tidak disimpan: `{EDITOR}` mengubah data ini pada ")
    [change] = second.dataframe
    assert change.value.to_dict("records") == [
        {"Kolom": "Judul", "Saat Anda membuka": win["title"], "Sekarang": "Sapa Warga Indramayu"}
    ]
    now = _row(db, "quick_wins", "32.12")
    assert (now["title"], now["status"]) == ("Sapa Warga Indramayu", win["status"])


WRITER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from data import writes
from data.access import Actor
from data.db import connect

path, name, count, row_id = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
db = connect(path)
actor = Actor(name, "editor", frozenset({"32.12"}))
done = conflicts = 0
while done < count:
    version = db.execute("select version from quick_wins where id = ?", (row_id,)).fetchone()[0]
    values = {"id": row_id, "title": f"{name} {done}", "provenance": "reported by the team"}
    try:
        writes.save_quick_win(db, actor, values, expected_version=version)
        done += 1
    except writes.Conflict:
        conflicts += 1
print(json.dumps({"done": done, "conflicts": conflicts}))
"""


def test_two_processes_of_500_edits_each_lose_none(db, store_path):
    win = _row(db, "quick_wins", "32.12")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(ROOT), str(store_path), name, "500", str(win["id"])],
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("a@indramayu.go.id", "b@indramayu.go.id")
    ]
    results = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert [r["done"] for r in results] == [500, 500]
    assert db["quick_wins"].get(win["id"])["version"] == win["version"] + 1000
    per_actor = db.execute(
        """select actor, count(*) from changes
           where table_name = 'quick_wins' and row_id = ? and action = 'change'
           group by actor order by actor""",
        (str(win["id"]),),
    ).fetchall()
    assert per_actor == [("a@indramayu.go.id", 500), ("b@indramayu.go.id", 500)]


def test_a_new_quick_win_needs_a_title_then_is_added_as_reported_by_the_team(db):
    at = _session()
    _in_form(at, "quick_wins", "status").set_value("planned")
    at = _save(at, "quick_wins")
    assert [e.value for e in at.error] == ["wajib diisi"]
    _in_form(at, "quick_wins", "title").set_value("Sapa Warga")
    _in_form(at, "quick_wins", "dimension").set_value("governance")
    at = _save(at, "quick_wins")
    assert [s.value for s in at.success] == ["Tersimpan."]
    [added] = db["quick_wins"].rows_where("region_code = '32.12' and title = 'Sapa Warga'")
    assert added["provenance"].startswith(f"reported|32.12|Kabupaten Indramayu|editor|{EDITOR}|")
    assert (added["dimension"], added["status"]) == ("governance", "planned")


def test_a_document_url_that_is_not_http_is_refused_on_its_field(db):
    before = _row(db, "masterplans", "32.12")
    at = _session()
    _in_form(at, "masterplans", "document_url").set_value("javascript:alert(1)")
    at = _save(at, "masterplans")
    assert [e.value for e in at.error] == ["harus berupa alamat web http(s)"]
    assert _row(db, "masterplans", "32.12") == before
