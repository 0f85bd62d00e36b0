"""Signing in for real: a local OIDC provider on loopback, the app, and headless Chromium.

The provider (`oidc-provider-mock`) and the app configured for it are conftest fixtures;
nothing is mocked inside the app: Streamlit's own `st.login` does the OIDC round trip.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import EDITOR, screenshot, sign_in, wait_for_app

pytestmark = pytest.mark.browser


def _open(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("English").wait_for()


def _choose(page, box, option: str) -> None:
    """Open a selectbox and pick `option`. On a busy page a click can leave the box focused
    but closed (seen under load); that shows at once in `aria-expanded`, so it is clicked again
    rather than waited out."""
    combo = box.get_by_role("combobox")
    for _ in range(5):
        combo.click()
        try:
            expect(combo).to_have_attribute("aria-expanded", "true", timeout=3000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    page.get_by_role("option", name=option).click()


def test_editor_signs_in_edits_own_region_only_and_signs_out(signin_app_url, page):
    page.set_default_timeout(60000)  # the app shares two cores with the rest of the suite
    sidebar = page.locator('[data-testid="stSidebar"]')
    _open(page, signin_app_url + "/daerah?region=32.12")
    page.get_by_role("heading", name="Riwayat").wait_for()  # the page has run to its end
    assert page.get_by_text("Perbarui data daerah ini").count() == 0  # not signed in yet

    sign_in(page, signin_app_url, EDITOR)
    sidebar.get_by_text(f"Masuk sebagai {EDITOR} (editor 32.12)").wait_for()

    _open(page, signin_app_url + "/daerah?region=32.12")
    page.get_by_role("heading", name="Riwayat").wait_for()  # the whole page is laid out
    page.locator('[data-testid="stExpander"] summary').filter(has_text="Perbarui data").click()
    form = page.locator('[data-testid="stForm"]').first
    _choose(page, form.locator('[data-testid="stSelectbox"]').first, "Sedang disusun")
    form.get_by_role("button", name="Simpan").click()
    # The success notice (exact: the readiness caption mentions "rubrik yang tersimpan.").
    page.get_by_test_id("stAlertContentSuccess").get_by_text("Tersimpan.", exact=True).wait_for()
    wait_for_app(page)
    reported = f"Dilaporkan tim Kabupaten Indramayu ({EDITOR}"
    masterplan = page.locator('[data-testid="stDataFrame"]').filter(has_text="Sedang disusun")
    masterplan.first.wait_for()
    history = page.locator('[data-testid="stDataFrame"]').filter(has_text="Status: Sedang disusun")
    history.wait_for()
    assert page.get_by_text("Terakhir diperbarui oleh").count() == 1
    assert masterplan.filter(has_text=reported).count() >= 1
    screenshot(page, "signin_editor_indramayu")

    _open(page, signin_app_url + "/daerah?region=32.74")
    page.get_by_role("heading", name="Kota Cirebon").wait_for()
    page.get_by_role("heading", name="Riwayat").wait_for()
    assert page.get_by_text("Perbarui data daerah ini").count() == 0
    screenshot(page, "signin_editor_cirebon")

    _open(page, signin_app_url + "/kelola")  # sign out from a light page
    sidebar.get_by_role("button", name="Keluar").click()
    page.get_by_role("button", name="End session").click()  # the provider confirms, then back
    wait_for_app(page)
    sidebar.get_by_role("button", name="Masuk").wait_for()
    _open(page, signin_app_url + "/daerah?region=32.12")
    page.get_by_role("heading", name="Kabupaten Indramayu").wait_for()
    page.get_by_role("heading", name="Riwayat").wait_for()
    sidebar.get_by_role("button", name="Masuk").wait_for()
    assert page.get_by_text("Perbarui data daerah ini").count() == 0
    screenshot(page, "signin_signed_out")
