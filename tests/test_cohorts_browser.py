"""The Angkatan page in headless Chromium, in both languages; a clicked point opens a region."""

import pytest

from tests.conftest import painted, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def open_page(page, app_url, query: str, ready_text: str) -> None:
    page.goto(f"{app_url}/angkatan?{query}")
    wait_for_app(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text("Angkatan" if "lang=en" not in query else "Cohorts").wait_for()
    page.get_by_text(ready_text).first.wait_for()
    page.locator('[data-testid="stPlotlyChart"] .scatterlayer path.point').first.wait_for()
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    width, least = page.viewport_size["width"], page.viewport_size["height"]
    page.set_viewport_size({"width": width, "height": max(least, height + 50)})
    painted(page)


def test_readiness_view_in_indonesian(app_url, page):
    open_page(page, app_url, "", "Sebaran skor kesiapan")
    assert page.get_by_text("Semua nilai kesiapan adalah DEMO").is_visible()
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 3
    screenshot(page, "angkatan_id")


def test_evaluation_view_in_english(app_url, page):
    open_page(page, app_url, "lang=en&view=evaluation", "Distribution of the 2024 evaluation index")
    assert page.get_by_text("Published evaluation values").is_visible()
    screenshot(page, "angkatan_evaluation_en")


def test_readiness_view_in_english_filtered(app_url, page):
    """The link's cohorts are the only ones the distribution draws (was: a screenshot only)."""
    open_page(page, app_url, "lang=en&cohort=2021,2022,2023&kind=kota", "Rankings")
    distribution = page.locator('[data-testid="stPlotlyChart"]').first
    ticks = distribution.locator(".xtick text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert ticks == ["2021", "2022", "2023"]
    screenshot(page, "angkatan_en")


def test_clicking_a_point_opens_its_region_page(app_url, page):
    open_page(page, app_url, "cohort=2024&province=13", "Sebaran skor kesiapan")
    point = (
        page.locator('[data-testid="stPlotlyChart"]')
        .first.locator(".scatterlayer path.point")
        .first
    )
    box = point.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_url("**/daerah?*region=13.72*", timeout=15000)
