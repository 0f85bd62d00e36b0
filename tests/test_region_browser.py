"""The region page and the quick-win tracker in real headless Chromium, with screenshots."""

from pathlib import Path

import pytest

from tests.conftest import SCREENSHOTS, painted, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def open_deep_link(page, url: str) -> None:
    """Open a deep link and wait until the app, sidebar controls included, has rendered."""
    sidebar_controls = page.locator('[data-testid="stSidebar"]').get_by_text("English")
    page.goto(url)
    wait_for_app(page)
    sidebar_controls.wait_for()


def tall_screenshot(page, name: str, height: int) -> None:
    """Streamlit scrolls inside its own container, so the viewport is made tall instead."""
    page.set_viewport_size({"width": page.viewport_size["width"], "height": height})
    painted(page)
    screenshot(page, name)


def test_region_page_in_indonesian(app_url, page):
    open_deep_link(page, app_url + "/daerah?region=34.04")
    page.get_by_role("heading", name="Kabupaten Sleman").wait_for()
    page.get_by_text("2017 (100 Smart City), 2021 (KPPN)").wait_for()
    page.get_by_role("heading", name="Kesiapan dibanding angkatan").wait_for()
    tall_screenshot(page, "region_id", 5600)


def test_region_page_in_english_downloads_its_report_card(app_url, page):
    open_deep_link(page, app_url + "/daerah?region=32.74&lang=en")
    page.get_by_role("heading", name="Kota Cirebon").wait_for()
    page.get_by_text("Stage timeline").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download report card (PDF)").click()
    pdf = download.value
    assert pdf.suggested_filename == "rapor-kota-cirebon-32.74.pdf"
    assert Path(pdf.path()).read_bytes()[:5] == b"%PDF-"
    tall_screenshot(page, "region_en", 5200)


def test_unknown_region_code_shows_a_notice_in_the_browser(app_url, page):
    open_deep_link(page, app_url + "/daerah?region=99.99&lang=en")
    page.get_by_text("which is not known").wait_for()
    assert page.get_by_text("Traceback").count() == 0
    screenshot(page, "region_unknown_en")


def test_picking_a_region_in_the_browser_updates_the_link(app_url, page):
    open_deep_link(page, app_url + "/daerah?lang=en")
    page.get_by_role("combobox").first.click()
    page.keyboard.type("Kota Kediri")
    page.get_by_role("option", name="Kota Kediri — Jawa Timur").click()
    page.get_by_role("heading", name="Kota Kediri").wait_for()
    assert "region=35.71" in page.url


def test_typing_a_spelling_the_importer_knows_finds_the_region(app_url, page):
    open_deep_link(page, app_url + "/daerah?lang=en")
    page.get_by_role("combobox").first.click()
    page.keyboard.type("gunung kidul")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Kabupaten Gunungkidul").wait_for()
    assert "region=34.03" in page.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "region_search_gunung_kidul_en.png"))


def test_typed_text_that_fits_several_regions_names_them(app_url, page):
    open_deep_link(page, app_url + "/daerah")
    page.get_by_role("combobox").first.click()
    page.keyboard.type("tanjung-jabung")
    page.keyboard.press("Enter")
    page.get_by_text("2 daerah cocok dengan “tanjung-jabung”").wait_for()
    assert "Kabupaten Tanjung Jabung Timur — Jambi" in page.get_by_role("alert").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "region_search_many_id.png"))
