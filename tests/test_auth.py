"""Sign-in in the sidebar: absent without `[auth]`, and who is signed in as what."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from data import users
from data.access import admin
from data.db import connect
from tests.conftest import ROOT, TEST_AUTH, copy_store, signed_in

EDITOR = "tim@indramayu.go.id"


@pytest.fixture
def store_with_editor(session_store, tmp_path, monkeypatch):
    path = tmp_path / "auth.db"
    copy_store(session_store, path)
    db = connect(path)
    users.add(db, admin("test"), EDITOR, "editor", ["32.12"])
    db.close()
    monkeypatch.setenv("PANTAU_DB", str(path))
    return path


def _sidebar_only() -> None:
    from components import auth_view, session

    auth_view.sidebar_control(session.db())


def sidebar(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    """The sign-in control alone (the whole app runs in the first test)."""
    at = AppTest.from_function(_sidebar_only, default_timeout=30)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    return at.run()


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.sidebar.button]


def test_without_auth_the_app_has_no_sign_in(store_with_editor):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "Masuk" not in labels(at) and at.sidebar.segmented_control  # the sidebar is there


def test_configured_and_signed_out_offers_sign_in(store_with_editor):
    at = sidebar(TEST_AUTH, {"is_logged_in": False})
    assert labels(at) == ["Masuk"]


def test_signed_in_editor_sees_role_and_regions(store_with_editor):
    at = sidebar(TEST_AUTH, signed_in("Tim@Indramayu.go.id"))
    assert labels(at) == ["Keluar"]
    assert "Masuk sebagai `tim@indramayu.go.id` (editor 32\\.12)" in [
        c.value for c in at.sidebar.caption
    ]


def test_unverified_email_reads_only(store_with_editor):
    at = sidebar(TEST_AUTH, {"is_logged_in": True, "email": EDITOR, "email_verified": False})
    [warning] = at.sidebar.warning
    assert "belum memverifikasi" in warning.value
