"""Signing in for real: a local OIDC provider on loopback, the app, and headless Chromium.

The provider is `oidc-provider-mock`, started here on a free port with one predefined
user; the app gets an `[auth]` secrets file pointing at it. Nothing is mocked inside the
app: Streamlit's own `st.login` does the OIDC round trip.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from data import users
from data.access import admin
from data.db import connect
from tests.conftest import (
    _free_port,
    copy_store,
    running_app,
    screenshot,
    wait_for_app,
    wait_for_http,
)

pytestmark = pytest.mark.browser

EDITOR = "tim@indramayu.go.id"


@pytest.fixture
def provider() -> Iterator[str]:
    """oidc-provider-mock on loopback, knowing one user whose e-mail is verified."""
    port = _free_port()
    claims = {"sub": EDITOR, "email": EDITOR, "email_verified": True, "name": "Tim Indramayu"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
        + ["--user-claims", json.dumps(claims)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for_http(url + "/.well-known/openid-configuration", proc, "oidc-provider-mock", 30)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def signin_app(provider, session_store, boundary_cache, tmp_path) -> Iterator[str]:
    """The app with sign-in configured against `provider`, and 32.12's editor in its store."""
    store = copy_store(session_store, tmp_path / "pantau.db")
    db = connect(store)
    users.add(db, admin("test"), EDITOR, "editor", ["32.12"])
    db.close()
    port = _free_port()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-of-enough-length-1234567890"\n'
        'client_id = "pantau"\n'
        'client_secret = "pantau-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    with running_app(store, boundary_cache, port, ("--secrets.files", str(secrets))) as url:
        yield url


def _open(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("English").wait_for()


def test_editor_signs_in_edits_own_region_only_and_signs_out(signin_app, page):
    # The provider's pages link a stylesheet on a CDN; with no internet it would stall them.
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    page.set_default_timeout(60000)  # the app shares two cores with the rest of the suite
    sidebar = page.locator('[data-testid="stSidebar"]')
    _open(page, signin_app + "/daerah?region=32.12")
    assert page.get_by_text("Perbarui data daerah ini").count() == 0  # not signed in yet

    sidebar.get_by_role("button", name="Masuk").click()
    page.get_by_role("button", name=EDITOR).click()  # the provider's own sign-in page
    wait_for_app(page)
    sidebar.get_by_text(f"Masuk sebagai {EDITOR} (editor 32.12)").wait_for()

    _open(page, signin_app + "/daerah?region=32.12")
    page.get_by_role("heading", name="Riwayat").wait_for()  # the whole page is laid out
    page.locator('[data-testid="stExpander"] summary').filter(has_text="Perbarui data").click()
    form = page.locator('[data-testid="stForm"]').first
    form.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Sedang disusun").click()
    form.get_by_role("button", name="Simpan").click()
    page.get_by_text("Tersimpan.").wait_for()
    wait_for_app(page)
    reported = f"Dilaporkan tim Kabupaten Indramayu ({EDITOR}"
    masterplan = page.locator('[data-testid="stDataFrame"]').filter(has_text="Sedang disusun")
    masterplan.first.wait_for()
    history = page.locator('[data-testid="stDataFrame"]').filter(has_text="Status: Sedang disusun")
    history.wait_for()
    assert page.get_by_text("Terakhir diperbarui oleh").count() == 1
    assert masterplan.filter(has_text=reported).count() >= 1
    screenshot(page, "signin_editor_indramayu")

    _open(page, signin_app + "/daerah?region=32.74")
    page.get_by_role("heading", name="Kota Cirebon").wait_for()
    assert page.get_by_text("Perbarui data daerah ini").count() == 0
    screenshot(page, "signin_editor_cirebon")

    sidebar.get_by_role("button", name="Keluar").click()
    page.get_by_role("button", name="End session").click()  # the provider confirms, then back
    wait_for_app(page)
    sidebar.get_by_role("button", name="Masuk").wait_for()
    _open(page, signin_app + "/daerah?region=32.12")
    page.get_by_role("heading", name="Kabupaten Indramayu").wait_for()
    assert page.get_by_text("Perbarui data daerah ini").count() == 0
    assert sidebar.get_by_role("button", name="Masuk").count() == 1
    screenshot(page, "signin_signed_out")
