"""Shared fixtures: a seeded store per test session, AppTest helpers and a live app + browser.

The session store lives in a temp dir (PANTAU_DB) so tests never touch the developer's
own store. Browser tests never skip: a missing Chromium is a failure, because CI must
prove the browser flows work.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.harness import CHROMIUM, CHROMIUM_ARGS  # one Chromium set-up for tests and benches

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCREENSHOTS = ROOT / "tests" / "screenshots"


def _mirror() -> Path:
    return Path(os.environ.get("PANTAU_BOUNDARY_SOURCE") or SHARED / "reference/wilayah_boundaries")


@pytest.fixture(scope="session", autouse=True)
def session_store(tmp_path_factory) -> Path:
    """A seeded store file shared by the session; PANTAU_DB points at it."""
    from data.db import open_store

    path = tmp_path_factory.mktemp("store") / "pantau.db"
    os.environ["PANTAU_DB"] = str(path)
    open_store(path).close()
    return path


@pytest.fixture
def store(session_store):
    """A connection to the session store, for read-only query tests."""
    from data.db import connect

    db = connect(session_store)
    yield db
    db.close()


@pytest.fixture
def fresh_store(tmp_path):
    """A private seeded store for tests that write."""
    from data.db import open_store

    path = tmp_path / "pantau.db"
    os.environ["PANTAU_DB"] = str(path)
    db = open_store(path)
    yield db
    db.close()


def run_page(page: str, params: dict | None = None, timeout: int = 60):
    """Run the app on `page` (e.g. "views/peta.py") through app.py's navigation with AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "views/overview.py":
        at.switch_page(page)
        at.run()
    return at


# --- live app and browser -------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def boundary_cache(tmp_path_factory) -> Path:
    """Boundaries built once per session from the local mirror (CI sets it)."""
    from geo.boundaries import ensure_boundaries

    mirror = _mirror()
    assert mirror.is_dir(), f"boundary mirror not found at {mirror}: set PANTAU_BOUNDARY_SOURCE"
    cache = ROOT / "static" / "geo"
    status = ensure_boundaries(source=str(mirror), cache_dir=cache)
    assert status.available, status.reason
    return cache


@contextmanager
def running_app(
    store: Path, boundary_cache: Path, port: int | None = None, args: tuple[str, ...] = ()
) -> Iterator[str]:
    """A real `streamlit run` of app.py on a free localhost port; yields its base URL.

    `port` when the caller must know it first (a sign-in redirect URI names it); `args`
    are extra `streamlit run` options such as `--secrets.files`.
    """
    port = port or _free_port()
    env = {
        **os.environ,
        "PANTAU_DB": str(store),
        "PANTAU_BOUNDARY_SOURCE": str(_mirror()),
        "PANTAU_BOUNDARY_CACHE": str(boundary_cache),
    }
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *args,
    ]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start within 60 s")
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def app_url(session_store, boundary_cache, tmp_path_factory):
    """The app shared by the browser tests, with its own copy of the store."""
    store_copy = tmp_path_factory.mktemp("live") / "pantau.db"
    shutil.copy(session_store, store_copy)
    with running_app(store_copy, boundary_cache) as url:
        yield url


@pytest.fixture
def fresh_app_url(session_store, boundary_cache, tmp_path):
    """A server no browser has visited yet: a shared link is often the first request."""
    store_copy = tmp_path / "pantau.db"
    shutil.copy(session_store, store_copy)
    with running_app(store_copy, boundary_cache) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; fails (never skips) when missing."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def wait_for_app(pg, timeout: int = 30000) -> None:
    """Wait until Streamlit has finished running the script (no 'running' indicator)."""
    pg.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    pg.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
              || !document.querySelector('[data-testid="stStatusWidget"]').innerText
                     .toLowerCase().includes('running')""",
        timeout=timeout,
    )
    pg.wait_for_timeout(500)


def screenshot(pg, name: str) -> Path:
    """A full-page PNG once charts and tables have replaced their loading skeletons."""
    pg.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=20000,
    )
    pg.wait_for_timeout(800)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # Streamlit scrolls inside its main container, so grow the viewport to show it all.
    size = pg.viewport_size
    height = pg.evaluate(
        "() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight"
    )
    pg.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 8000)})
    pg.wait_for_timeout(500)
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size(size)
    return path
