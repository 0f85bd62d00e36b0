"""The acting identity: who may write which region's rows, and refusals in the audit log."""

from __future__ import annotations

import pytest

from data import migrations
from data.access import Actor, Refused, admin, check
from data.db import connect, write_transaction

EDITOR = Actor("tim@indramayu.go.id", "editor", frozenset({"32.12"}))


@pytest.fixture
def db(tmp_path):
    database = connect(tmp_path / "store.db")
    migrations.migrate(database)
    yield database
    database.close()


def test_editor_may_edit_own_region_only():
    assert EDITOR.may_edit("32.12")
    assert not EDITOR.may_edit("32.74")


def test_admin_may_edit_anything_and_viewer_nothing():
    assert admin("cli:root").may_edit("32.74")
    assert not Actor("someone@example.org").may_edit("32.12")


def test_refusal_outside_a_transaction_is_audited(db):
    with pytest.raises(Refused):
        check(db, EDITOR, "32.74", "quick_wins", 7)
    [row] = db["changes"].rows
    assert (row["actor"], row["action"], row["table_name"], row["row_id"]) == (
        "tim@indramayu.go.id",
        "refused",
        "quick_wins",
        "7",
    )


def test_refused_write_rolls_back_and_is_still_audited(db):
    with pytest.raises(Refused), write_transaction(db):
        db["provinces"].insert({"code": "99", "bps_code": "99", "name": "Uji"})
        check(db, EDITOR, "32.74", "masterplans")
    assert db["provinces"].count == 0
    assert [r["action"] for r in db["changes"].rows] == ["refused"]
