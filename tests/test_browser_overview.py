"""The overview in real headless Chromium: the numbers a new user sees first."""

import pytest

from tests.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_overview_numbers_in_the_browser(app_url, page):
    page.goto(app_url + "/")
    wait_for_app(page)
    page.get_by_text("Ringkasan program").wait_for()
    page.locator('[data-testid="stMetric"]').nth(3).wait_for()
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert any("Daerah peserta" in m and "dari 514" in m for m in metrics)
    assert any("Angkatan" in m and "7" in m for m in metrics)
    screenshot(page, "overview_id")


def test_language_switch_to_english_persists_in_the_url(app_url, page):
    page.goto(app_url + "/")
    wait_for_app(page)
    page.get_by_role("radio", name="English").click()
    page.get_by_text("Programme overview").wait_for()
    assert "lang=en" in page.url
    screenshot(page, "overview_en")


def test_language_survives_page_navigation(app_url, page):
    page.goto(app_url + "/?lang=en")
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Cohorts").click()
    page.wait_for_url("**/angkatan**")
    wait_for_app(page)
    page.wait_for_function("() => location.search.includes('lang=en')")
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("Overview").is_visible()
