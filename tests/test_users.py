"""Users and roles: resolving a signed-in e-mail, and managing users from the shell."""

from __future__ import annotations

import json

import pytest

from data import users
from data.__main__ import main
from data.access import Actor, Refused, admin
from data.db import connect
from tests.conftest import copy_store

ADMIN = admin("cli:test")


@pytest.fixture
def db(session_store, tmp_path):
    """A private copy of the seeded store (users need the regions they point at)."""
    path = tmp_path / "users.db"
    copy_store(session_store, path)
    database = connect(path)
    yield database
    database.close()


def test_unknown_person_is_a_viewer(db):
    actor = users.actor_for(db, "Someone@Example.org")
    assert actor == Actor("someone@example.org", "viewer", frozenset())


def test_editor_resolves_with_regions_case_insensitively(db):
    users.add(db, ADMIN, "Tim@Indramayu.go.id", "editor", ["32.12", "32.74"])
    actor = users.actor_for(db, "tim@INDRAMAYU.go.id")
    assert (actor.role, actor.regions) == ("editor", frozenset({"32.12", "32.74"}))
    assert actor.may_edit("32.74") and not actor.may_edit("32.01")


def test_changing_a_role_is_audited_with_before_and_after(db):
    users.add(db, ADMIN, "a@b.id", "editor", ["32.12"])
    users.add(db, ADMIN, "a@b.id", "admin")
    last = list(db["changes"].rows_where("table_name = 'users'", order_by="id"))[-1]
    assert (last["actor"], last["action"], last["row_id"]) == ("cli:test", "change", "a@b.id")
    assert json.loads(last["detail"]) == {
        "before": {"role": "editor", "regions": ["32.12"]},
        "after": {"role": "admin", "regions": []},
    }


@pytest.mark.parametrize(
    ("email", "role", "regions", "field"),
    [
        ("not-an-email", "editor", ["32.12"], "email"),
        ("a@b.id", "owner", [], "role"),
        ("a@b.id", "editor", [], "region"),
        ("a@b.id", "editor", ["99.99"], "region"),
        ("a@b.id", "viewer", ["32.12"], "region"),
    ],
)
def test_bad_entries_name_the_field_and_change_nothing(db, email, role, regions, field):
    before = db["changes"].count
    with pytest.raises(users.UserError) as error:
        users.add(db, ADMIN, email, role, regions)
    assert error.value.field == field
    assert db["users"].count == 0 and db["changes"].count == before


def test_only_admins_manage_users_and_the_attempt_is_audited(db):
    editor = Actor("tim@indramayu.go.id", "editor", frozenset({"32.12"}))
    with pytest.raises(Refused):
        users.add(db, editor, "tim@indramayu.go.id", "admin")
    assert db["users"].count == 0
    [refusal] = db["changes"].rows_where("action = 'refused'")
    assert (refusal["actor"], refusal["table_name"]) == ("tim@indramayu.go.id", "users")


def test_cli_add_list_remove(session_store, tmp_path, capsys):
    path = tmp_path / "cli.db"
    copy_store(session_store, path)
    base = ["--db", str(path), "users"]
    assert (
        main(
            [
                *base,
                "add",
                "tim@indramayu.go.id",
                "--role",
                "editor",
                "--region",
                "32.12",
                "--region",
                "32.74",
            ]
        )
        == 0
    )
    assert main([*base, "add", "Admin@Kominfo.go.id", "--role", "admin"]) == 0
    capsys.readouterr()
    assert main([*base, "list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "admin@kominfo.go.id\tadmin\t",
        "tim@indramayu.go.id\teditor\t32.12 32.74",
    ]
    assert main([*base, "remove", "tim@indramayu.go.id"]) == 0
    assert main([*base, "remove", "tim@indramayu.go.id"]) == 1
    assert main([*base, "add", "x@y.id", "--role", "editor", "--region", "99.99"]) == 2
    assert "99.99" in capsys.readouterr().err
