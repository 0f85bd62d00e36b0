"""The quick-win tracker in real headless Chromium: filters, a row click, screenshots."""

import pytest

from tests.test_region_browser import open_deep_link, tall_screenshot

pytestmark = pytest.mark.browser


def test_tracker_row_click_opens_the_region_page(app_url, page):
    open_deep_link(page, app_url + "/quick-wins?lang=en&region=32.74")
    page.get_by_text("Quick-win tracker").wait_for()
    tall_screenshot(page, "quick_wins_filtered_en", 2600)
    grid = page.locator('[data-testid="stDataFrame"]').last
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    page.get_by_role("heading", name="Kota Cirebon").wait_for(timeout=15000)
    assert "/daerah" in page.url and "region=32.74" in page.url


def test_tracker_screenshots_in_both_languages(app_url, page):
    open_deep_link(page, app_url + "/quick-wins")
    page.get_by_text("Pemantau quick win").wait_for()
    tall_screenshot(page, "quick_wins_id", 2800)
    open_deep_link(page, app_url + "/quick-wins?lang=en&dimension=branding,living")
    page.get_by_text("Overdue quick wins").wait_for()
    tall_screenshot(page, "quick_wins_en", 2800)
