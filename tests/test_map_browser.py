"""The national map in real headless Chromium: offline paint, click-through and shared links."""

import io
import json
import math
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from PIL import Image
from playwright.sync_api import expect

from bench.map_load import PAINTED
from components import map as geomap
from components import map_measures as measures
from data import map as data
from tests.conftest import LOCAL_HOSTS, VIEWPORT, requested_hosts, screenshot, wait_for_app

pytestmark = pytest.mark.browser

INDRAMAYU = "32.12"


def open_map(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_function(PAINTED, polling="raf", timeout=120_000)  # slow without a GPU


#: The shown tooltip's text, generated content included (the hover text is CSS `content`).
TOOLTIP_TEXT = """
() => {
  const tip = document.querySelector(".deck-tooltip");
  if (!tip || tip.style.display === "none") return "";
  const span = tip.querySelector(".pantau-tip");
  const generated = span ? getComputedStyle(span, "::after").content : "none";
  return tip.innerText + (generated === "none" ? "" : generated);
}
"""


def tooltip(page, expected_name: str) -> str:
    """The tooltip's text as shown, once it names `expected_name`."""
    page.wait_for_function(
        f"() => ({TOOLTIP_TEXT})().includes({json.dumps(expected_name)})", timeout=15_000
    )
    raw = page.evaluate(TOOLTIP_TEXT)
    text = re.sub(r"\\[aA] ?", "\n", raw.strip('"'))
    return text.replace('\\"', '"').replace("\\\\", "\\")


def pixel(lng: float, lat: float, view: dict, box: dict) -> tuple[float, float]:
    """Where deck.gl draws (lng, lat): Web Mercator, 512 px world at zoom 0, view centred."""
    scale = 512 * 2 ** view["zoom"]

    def y(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    x = box["x"] + box["width"] / 2 + (lng - view["longitude"]) / 360 * scale
    top = box["y"] + box["height"] / 2 - (y(lat) - y(view["latitude"])) / (2 * math.pi) * scale
    return x, top


def test_map_paints_with_no_request_beyond_localhost(app_url, page):
    hosts, geometry = requested_hosts(page), []
    page.on("request", lambda r: geometry.append(r.url) if ".geojson" in r.url else None)
    open_map(page, app_url + "/peta")
    assert hosts <= LOCAL_HOSTS
    assert any("/app/static/geo/map_regions.geojson?v=" in url for url in geometry)
    screenshot(page, "map_id")


def test_the_page_comes_whole_once_its_map_is_drawn_and_the_map_stays(app_url, page):
    geometry = []
    page.on("request", lambda r: geometry.append(r.url) if "map_regions" in r.url else None)
    page.goto(app_url + "/peta")
    canvas = page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=60_000)
    alone = canvas.evaluate(
        """c => { c.dataset.first = "1";  // found again below if the map was not drawn anew
                  return !document.querySelector('[data-testid="stMultiSelect"]'); }"""
    )
    assert alone  # the filters are not there while the map is being drawn
    wait_for_app(page, timeout=120_000)
    assert page.locator('.st-key-map-choices [data-testid="stMultiSelect"]').count() == 4
    assert page.locator('[data-testid="stDeckGlJsonChart"] canvas[data-first="1"]').count() == 1
    page.wait_for_function(PAINTED, polling="raf", timeout=120_000)
    layers = page.evaluate("() => window.__deck.layerManager.getLayers().map(l => l.id)")
    assert "borders" in layers  # the province borders came with the rest
    assert len(geometry) == 1


def test_clicking_indramayu_opens_its_region_page(app_url, page, store):
    open_map(page, app_url + "/peta?province=32")
    facts = data.region_facts(store)
    view = geomap.view_for(facts, ["32"])
    box = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.bounding_box()
    region = facts.set_index("code").loc[INDRAMAYU]
    x, y = pixel(region["lng"], region["lat"], view, box)
    page.mouse.move(x, y)
    tooltip(page, "Kabupaten Indramayu")
    screenshot(page, "map_jabar_hover")
    page.mouse.move(x - 5, y)  # the screenshot resized the window: the deck has redrawn
    page.mouse.move(x, y)
    tooltip(page, "Kabupaten Indramayu")
    page.mouse.click(x, y)
    page.wait_for_url(f"**/daerah?*region={INDRAMAYU}*", timeout=30_000)
    wait_for_app(page)
    assert f"region={INDRAMAYU}" in page.url
    page.get_by_role("heading", name="Kabupaten Indramayu").wait_for()


def canvas_colours(page, x: float, y: float, radius: int) -> Counter:
    """The on-screen colours of the deck's canvas on a ring `radius` px around (x, y)."""
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    ring = [
        (
            round(x + radius * math.cos(a / 16 * math.pi)),
            round(y + radius * math.sin(a / 16 * math.pi)),
        )
        for a in range(32)
    ]
    return Counter(shot.getpixel(point) for point in ring)


def test_regions_are_painted_in_their_measures_colour_over_the_sea(app_url, page, store):
    """Indramayu's polygon (around its centroid's point) shows its cohort's colour, and
    the Java Sea north of it the sea's."""
    open_map(page, app_url + "/peta?province=32")
    facts = data.region_facts(store)
    years = data.cohort_years(store)
    colouring = measures.colouring(facts, facts["participant"], "cohort", years, "id")
    expected = tuple(colouring.palette[colouring.class_of[INDRAMAYU]][:3])
    assert colouring.class_of[INDRAMAYU] >= measures.FIRST_MEASURE_CLASS  # a participant
    view = geomap.view_for(facts, ["32"])
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()  # in the viewport, as the screenshot is
    region = facts.set_index("code").loc[INDRAMAYU]
    x, y = pixel(region["lng"], region["lat"], view, box)
    around = canvas_colours(page, x, y, radius=9)
    assert around.most_common(1)[0][0] == expected, around
    sea = canvas_colours(page, x, box["y"] + 6, radius=3)
    assert sea.most_common(1)[0][0] == tuple(geomap.SEA_COLOR[:3]), sea


def test_share_link_reproduces_the_view_in_a_fresh_context(app_url, page, browser):
    open_map(page, app_url + "/peta?lang=en&measure=track&cohort=2018&province=33")
    page.get_by_role("button", name="Share link").click()
    link = page.locator('[data-testid="stCode"]').inner_text().strip()
    assert "measure=track" in link and "/peta?" in link
    shown = page.locator('[data-testid="stMetric"]').all_inner_texts()

    fresh = browser.new_context(viewport=VIEWPORT)
    other = fresh.new_page()
    try:
        open_map(other, link)
        assert other.locator('[data-testid="stMetric"]').all_inner_texts() == shown
        other.get_by_text("Programme track", exact=True).first.wait_for()
        assert "Jawa Tengah" in other.locator('[data-testid="stMultiSelect"]').all_inner_texts()[2]
        screenshot(other, "map_en_shared")
    finally:
        fresh.close()


def test_map_in_english(app_url, page):
    open_map(page, app_url + "/peta?lang=en&measure=readiness")
    page.get_by_text("Readiness score", exact=True).first.wait_for()
    screenshot(page, "map_en")


def test_region_picker_opens_the_region_page_from_the_keyboard(app_url, page):
    open_map(page, app_url + "/peta?lang=en")
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Find a region")
    picker.locator("input").fill("Indramayu")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/daerah?*region={INDRAMAYU}*", timeout=30_000)


def test_map_picker_finds_a_spelling_the_importer_knows(app_url, page):
    open_map(page, app_url + "/peta?lang=en")
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Find a region")
    picker.locator("input").fill("gunung kidul")
    page.keyboard.press("Enter")
    page.wait_for_url("**/daerah?*region=34.03*", timeout=30_000)


def test_csv_download_starts_with_the_filters_used(app_url, page):
    open_map(page, app_url + "/peta?lang=en&cohort=2017&kind=kota")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download table (CSV)").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# Pantau Kota Cerdas \xe2\x80\x94 Map:")  # BOM for Excel
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("# Pantau Kota Cerdas — Map:")
    assert "# Cohort: 2017" in lines and "# Kind: City" in lines
    assert any(line.startswith("# Downloaded on: ") for line in lines)
    header = next(line for line in lines if not line.startswith("#"))
    assert header.startswith("Code,Region,Province")


def test_play_steps_through_the_years(app_url, page):
    """Year after year, never back, and the slider shows where it stopped: the slider once
    wrote a year the browser had not caught up with over the next one, and the animation
    jumped back or stopped at "now"."""
    shown = []
    page.on("framenavigated", lambda frame: shown.append(parse_qs(urlparse(frame.url).query)))
    open_map(page, app_url + "/peta?lang=en")
    page.get_by_role("button", name="Play").click()
    page.wait_for_url("**asof=2019**", timeout=60_000)
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Play").wait_for()
    years = [query.get("asof", ["now"])[0] for query in shown]
    played = years[years.index("2017") :]  # Stop may land a year after 2019
    assert played[:3] == ["2017", "2018", "2019"] and played == sorted(set(played)), years
    # One slider, showing the year it stopped at (the playing one is gone once the run ends).
    expect(page.locator('[data-testid="stSliderThumbValue"]')).to_have_text(
        [played[-1]], timeout=30_000
    )


PHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def test_a_phone_sees_all_of_indonesia_before_the_filters(app_url, browser, store):
    """390 px wide: the map comes right after the title, and its far west and far east
    regions (hovered where deck.gl draws them) are both on screen."""
    phone = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_UA)
    page = phone.new_page()
    try:
        open_map(page, app_url + "/peta?lang=en")
        deck = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.bounding_box()
        choices = page.locator(".st-key-map-choices").bounding_box()
        assert deck["y"] + deck["height"] <= choices["y"]
        assert deck["x"] >= 0 and deck["x"] + deck["width"] <= 390
        facts = data.region_facts(store)
        large = facts[facts["area_km2"] > 3000].dropna(subset=["lng"])
        ends = [large.loc[large["lng"].idxmin()], large.loc[large["lng"].idxmax()]]
        view = geomap.view_for(facts, [], width=geomap.PHONE_WIDTH)
        for region in ends:
            x, y = pixel(region["lng"], region["lat"], view, deck)
            assert deck["x"] < x < deck["x"] + deck["width"], region["name"]
            page.mouse.move(x, y)
            tooltip(page, region["name"])
        screenshot(page, "map_phone")
    finally:
        phone.close()
