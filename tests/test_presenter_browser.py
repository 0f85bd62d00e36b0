"""The show on a projector, in real headless Chromium: it advances by itself, obeys a
clicker's keys, fits 1920x1080 and 1280x720 without scrolling, in big type, offline."""

import contextlib
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bench.map_load import PAINTED
from tests.conftest import LOCAL_HOSTS, SCREENSHOTS, painted, requested_hosts, wait_for_app

pytestmark = pytest.mark.browser

INTERVAL = 3
SHOW = "/presentasi?show=1&cohort=2018&embed=true&interval={interval}&slides={slides}"
EVERY_SLIDE = "glance,map,rollcall,quickwins,stages,closing"
#: The 2018 show: glance, map, two roll-call screens, quick wins, stages, closing.
SCREENS_2018 = ["glance", "map", "rollcall", "rollcall", "quickwins", "stages", "closing"]

FITS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const body = [...document.querySelectorAll(
    '.st-key-pk-show .pk-body, .st-key-pk-chart .ytick text, .st-key-pk-chart .bartext')];
  const bottoms = [...body, document.querySelector('.pk-corner')]
    .map(e => e.getBoundingClientRect().bottom);
  return {
    scroll: document.scrollingElement.scrollHeight, inner: window.innerHeight,
    mainScroll: main ? main.scrollHeight - main.clientHeight : 0,
    lowest: Math.max(0, ...bottoms),
    smallest: Math.min(...body.map(e => parseFloat(getComputedStyle(e).fontSize))),
  };
}"""


@pytest.fixture
def open_show(browser, app_url):
    """Open the show at a window size; yields (page, hosts it requested)."""
    contexts = []

    def opener(width: int, height: int, interval: int, slides: str = EVERY_SLIDE):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        hosts = requested_hosts(page)
        page.goto(app_url + SHOW.format(interval=interval, slides=slides))
        page.wait_for_selector(".pk-position", timeout=60_000)
        # A key pressed before the hidden shortcut buttons are mounted and the first run has
        # finished is lost (seen in CI on a cold server): wait for both.
        page.wait_for_selector(".st-key-pk-pause button", state="attached", timeout=60_000)
        wait_for_app(page, timeout=60_000)
        return page, hosts

    yield opener
    for context in contexts:
        context.close()


def position(page) -> str:
    return page.inner_text(".pk-position")


def wait_position(page, expected: str, timeout: float = 60_000) -> float:
    page.wait_for_function(
        "p => document.querySelector('.pk-position')?.innerText === p",
        arg=expected,
        timeout=timeout,
    )
    return time.monotonic()


def press(page, key: str, expected: str) -> None:
    page.keyboard.press(key)
    wait_position(page, expected)


def test_the_show_advances_by_itself_at_the_interval(open_show):
    page, _ = open_show(1920, 1080, INTERVAL, "glance,closing,quickwins")
    wait_position(page, "2/3")
    second = time.monotonic()
    third = wait_position(page, "3/3")
    # One-second ticker: the next screen comes at the interval, give or take a tick and a rerun.
    assert INTERVAL - 1 <= third - second <= INTERVAL + 3
    wait_position(page, "1/3")  # after the last screen comes the first again


def test_clicker_keys_move_jump_and_pause(open_show):
    page, _ = open_show(1920, 1080, INTERVAL, "glance,closing,quickwins,stages,rollcall")
    page.keyboard.press("p")
    page.wait_for_selector(".pk-paused")
    press(page, "Home", "1/6")
    for key, expected in [
        ("ArrowRight", "2/6"),
        ("Space", "3/6"),
        ("PageDown", "4/6"),
        ("ArrowLeft", "3/6"),
        ("PageUp", "2/6"),
        ("End", "6/6"),
        ("Home", "1/6"),
    ]:
        press(page, key, expected)
    # Paused: nothing moves for two whole intervals (this wait is the assertion).
    page.wait_for_timeout(2 * INTERVAL * 1000 + 500)
    assert position(page) == "1/6"
    page.keyboard.press("p")
    page.wait_for_selector(".pk-paused", state="detached")
    wait_position(page, "2/6", timeout=(INTERVAL + 5) * 1000)


SIZES = [(1920, 1080), (1280, 720)]


def settled_fit(page, height: int) -> dict:
    """The screen's measures once the deck and the chart have redrawn at the new size: on a
    busy machine the chart's resize lands some frames later (the stage chart once measured
    785 px in a 720 px window). Waits at most 15 s for it to fit, then measures again."""
    fits = f"""() => {{ const f = ({FITS})();
        return f.scroll <= f.inner && f.mainScroll <= 0 && f.lowest <= {height}; }}"""
    with contextlib.suppress(PlaywrightTimeoutError):  # the asserts then say what overflows
        page.wait_for_function(fits, polling="raf", timeout=15_000)
    painted(page)
    return page.evaluate(FITS)


def test_every_screen_fits_both_projector_sizes_in_big_type_offline(open_show):
    page, hosts = open_show(*SIZES[0], interval=300)
    page.keyboard.press("p")
    page.wait_for_selector(".pk-paused")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for n, slide in enumerate(SCREENS_2018, start=1):
        wait_position(page, f"{n}/{len(SCREENS_2018)}")
        if slide == "map":
            page.wait_for_function(PAINTED, polling="raf", timeout=90_000)
        if slide == "stages":
            page.wait_for_selector(".st-key-pk-chart .main-svg")
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            fit = settled_fit(page, height)
            assert fit["scroll"] <= fit["inner"] == height, (slide, width, fit)
            assert fit["mainScroll"] <= 0, (slide, width, fit)
            assert fit["lowest"] <= height, (slide, width, fit)
            if width == 1920:
                assert fit["smallest"] >= 28, (slide, fit)
            name = f"presenter-{width}x{height}-{n}-{slide}.png"
            page.screenshot(path=str(SCREENSHOTS / name))
        page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
        page.keyboard.press("ArrowRight")
    assert hosts <= LOCAL_HOSTS
