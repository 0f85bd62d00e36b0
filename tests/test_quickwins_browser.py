"""The quick-win tracker in real headless Chromium: filters, a row click, screenshots."""

import pytest

from data import quickwins
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


def _shown(page) -> str:
    """The value of the first metric tile: how many quick wins the filters keep."""
    tile = page.locator('[data-testid="stMetric"]').first
    return tile.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_tracker_screenshots_in_both_languages(app_url, page, store):
    everything = quickwins.quick_wins(store)
    open_deep_link(page, app_url + "/quick-wins")
    page.get_by_text("Pemantau quick win").wait_for()
    assert _shown(page) == str(len(everything))
    tall_screenshot(page, "quick_wins_id", 2800)
    open_deep_link(page, app_url + "/quick-wins?lang=en&dimension=branding,living")
    page.get_by_text("Overdue quick wins").wait_for()
    assert _shown(page) == str(everything["dimension"].isin(["branding", "living"]).sum())
    tall_screenshot(page, "quick_wins_en", 2800)
