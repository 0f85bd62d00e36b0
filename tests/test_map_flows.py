"""Map flows a user hits in a real browser: hover values, Back to the filtered map, fast changes."""

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
import shapely

from bench.map_load import PAINTED
from components import i18n
from components import map as geomap
from data import map as data
from tests.conftest import screenshot, wait_for_app
from tests.test_map_browser import INDRAMAYU, open_map, pixel
from tests.test_map_browser import tooltip as _tooltip

pytestmark = pytest.mark.browser


def _canvas_box(page) -> dict:
    return page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.bounding_box()


def _inside_away_from_centroid(cache, code: str, lng: float, lat: float) -> tuple[float, float]:
    """A point well inside the region's drawn polygon and away from its centroid dot."""
    features = json.loads((cache / "map_regions.geojson").read_text(encoding="utf-8"))["features"]
    shape = next(
        shapely.geometry.shape(f["geometry"]) for f in features if f["properties"]["code"] == code
    )
    core = shape.buffer(-0.03)
    west, south, east, north = core.bounds
    grid = [
        shapely.Point(west + (east - west) * i / 20, south + (north - south) * j / 20)
        for i in range(21)
        for j in range(21)
    ]
    inside = [p for p in grid if core.contains(p)]
    best = max(inside, key=lambda p: min(p.distance(shapely.Point(lng, lat)), 0.15))
    return best.x, best.y


def test_hover_shows_the_mapped_measures_value_on_polygon_and_dot(
    app_url, page, store, boundary_cache
):
    open_map(page, app_url + "/peta?lang=en&measure=readiness&province=32")
    facts = data.region_facts(store)
    region = facts.set_index("code").loc[INDRAMAYU]
    value = i18n.number(region["readiness"], "en", 1)
    expected = f"Readiness score: {value}" + (" (DEMO)" if region["readiness_demo"] else "")
    view, box = geomap.view_for(facts, ["32"]), _canvas_box(page)

    page.mouse.move(*pixel(region["lng"], region["lat"], view, box))
    assert expected in _tooltip(page, "Kabupaten Indramayu")

    lng, lat = _inside_away_from_centroid(boundary_cache, INDRAMAYU, region["lng"], region["lat"])
    page.mouse.move(*pixel(lng, lat, view, box))
    page.wait_for_timeout(300)  # let the dot's tooltip give way to the polygon's
    assert expected in _tooltip(page, "Kabupaten Indramayu")
    screenshot(page, "map_hover_readiness")


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def test_back_after_opening_a_region_returns_to_the_filtered_map(app_url, page):
    open_map(page, app_url + "/peta?lang=en&cohort=2022&province=35&measure=readiness")
    filtered = page.url
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Find a region")
    picker.locator("input").fill("Kota Batu")
    page.keyboard.press("Enter")
    page.wait_for_url("**/daerah?*region=*", timeout=30_000)
    wait_for_app(page)

    page.go_back()
    page.wait_for_url("**/peta?**", timeout=30_000)
    wait_for_app(page)
    page.evaluate("() => { window.__deck = undefined; }")  # the region page replaced it
    page.wait_for_function(PAINTED, polling="raf", timeout=60_000)
    screenshot(page, "map_after_back")
    assert _query(page.url) == _query(filtered)
    province = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Province")
    assert "Jawa Timur" in province.inner_text()
    legend = page.locator('[data-testid="stMarkdown"]').filter(has_text="Readiness score")
    assert legend.count() == 1  # the legend: the map is coloured by readiness again
    assert page.locator('[data-testid="stMarkdown"]').filter(has_text="Cohort year").count() == 0


def _pick(page, label: str, option: str) -> None:
    """Type into a multiselect, Enter, Escape: no pause, as a quick user or a script does."""
    field = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    field.locator("input").fill(option)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def _option(page, text: str):
    """A segmented control's or pills' option."""
    buttons = page.locator('[data-testid="stButtonGroup"] button')
    return buttons.filter(has_text=re.compile(f"^{re.escape(text)}$"))


def test_quick_successive_changes_in_the_map_are_all_kept(app_url, page):
    open_map(page, app_url + "/peta?lang=en")
    _option(page, "Readiness score").click()
    _pick(page, "Cohort", "2018")
    _pick(page, "Province", "Jawa Barat")
    _option(page, "City").click()
    _pick(page, "Track", "100 Smart City")

    wanted = {
        "lang": ["en"],
        "measure": ["readiness"],
        "cohort": ["2018"],
        "province": ["32"],
        "kind": ["kota"],
        "track": ["100 Smart City"],
    }
    page.wait_for_function(
        "() => ['measure=', 'cohort=', 'province=', 'kind=', 'track='].every("
        "(p) => location.search.includes(p))",
        timeout=60_000,
    )
    wait_for_app(page)
    assert _query(page.url) == wanted
    fields = page.locator('[data-testid="stMultiSelect"]').all_inner_texts()
    assert "2018" in fields[0] and "100 Smart City" in fields[1] and "Jawa Barat" in fields[2]
    legend = page.locator('[data-testid="stMarkdown"]').filter(has_text="Readiness score")
    assert legend.count() == 1
