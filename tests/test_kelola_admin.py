"""The Kelola page as each kind of visitor sees it, and the admin's users panel."""

from __future__ import annotations

import pytest

from data import users
from data.access import admin
from data.db import connect
from tests.conftest import ADMIN, EDITOR, copy_store, run_page, signed_in


@pytest.fixture(autouse=True)
def private_store(session_store, tmp_path, monkeypatch):
    path = tmp_path / "pantau.db"
    copy_store(session_store, path)
    db = connect(path)
    users.add(db, admin("test"), ADMIN, "admin")
    users.add(db, admin("test"), EDITOR, "editor", ["32.12"])
    db.close()
    monkeypatch.setenv("PANTAU_DB", str(path))
    return path


def test_without_sign_in_the_page_says_how_to_enable_it_and_offers_no_import():
    at = run_page("views/kelola.py", {"lang": "en"})
    [notice] = at.info
    assert notice.value.startswith("Sign-in is not enabled, so this app is a read-only")
    assert not at.get("file_uploader") and not at.get("data_editor")
    assert at.get("download_button")  # templates and export stay public


def test_an_editor_is_told_the_page_is_for_admins():
    at = run_page("views/kelola.py", {"lang": "en"}, user=signed_in(EDITOR))
    assert [w.value for w in at.warning] == [
        "This section is for admins only. Ask a programme admin to give you the admin role."
    ]
    assert not at.get("file_uploader")


def test_admin_gives_a_person_an_editor_role_from_the_page(private_store):
    at = run_page("views/kelola.py", {"lang": "en"}, user=signed_in(ADMIN))
    assert at.get("file_uploader") and at.get("data_editor")
    at.text_input(key="user_email").set_value("Ana@Cirebonkota.go.id")
    at.selectbox(key="user_role").set_value("editor")
    at.multiselect(key="user_regions").set_value(["32.74"])
    next(b for b in at.button if b.label == "Save user").click()
    at.run()
    assert not at.exception and not at.error
    db = connect(private_store)
    actor = users.actor_for(db, "ana@cirebonkota.go.id")
    assert (actor.role, actor.regions) == ("editor", frozenset({"32.74"}))
    [entry] = db["changes"].rows_where("table_name = 'users' and actor = ?", [ADMIN])
    assert entry["row_id"] == "ana@cirebonkota.go.id"
    db.close()


@pytest.mark.parametrize(
    ("lang", "save", "shown"),
    [
        ("en", "Save user", "Not saved: email: is not an e-mail address"),
        ("id", "Simpan pengguna", "Tidak disimpan: email: bukan alamat e-mail"),
    ],
)
def test_a_bad_entry_is_refused_with_its_reason_in_the_readers_language(lang, save, shown):
    at = run_page("views/kelola.py", {"lang": lang}, user=signed_in(ADMIN))
    at.text_input(key="user_email").set_value("not-an-email")
    next(b for b in at.button if b.label == save).click()
    at.run()
    [error] = at.error
    assert error.value == shown
