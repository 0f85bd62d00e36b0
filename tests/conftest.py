"""Shared fixtures: a seeded store per test session, AppTest helpers and a live app + browser.

The session store lives in a temp dir (PANTAU_DB) so tests never touch the developer's
own store. Browser tests never skip: a missing Chromium is a failure, because CI must
prove the browser flows work.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import IO
from urllib.parse import urlparse

import hypothesis.configuration
import pytest

from bench.harness import CHROMIUM, CHROMIUM_ARGS  # one Chromium set-up for tests and benches

# Hypothesis keeps its examples and character tables in the temp folder, not in a
# `.hypothesis/` folder in the working tree.
hypothesis.configuration.set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "pantau-hypothesis")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: Where browser tests leave the screenshots to look at: outside the working tree.
SCREENSHOTS = Path(tempfile.gettempdir()) / "pantau-screenshots"


def _mirror() -> Path:
    return Path(os.environ.get("PANTAU_BOUNDARY_SOURCE") or SHARED / "reference/wilayah_boundaries")


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a store file (SQLite's backup API: what the WAL holds too)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


@pytest.fixture(scope="session", autouse=True)
def session_store(tmp_path_factory) -> Iterator[Path]:
    """A seeded store file shared by the session; PANTAU_DB points at it until the end."""
    from data.db import open_store

    path = tmp_path_factory.mktemp("store") / "pantau.db"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PANTAU_DB", str(path))
        open_store(path).close()
        yield path


def connection(path: Path) -> Iterator:
    """A store connection for a fixture to yield, closed when the test is done."""
    from data.db import connect

    db = connect(path)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def store(session_store):
    """A connection to the session store, for read-only query tests."""
    yield from connection(session_store)


@pytest.fixture
def fresh_store_path(session_store, tmp_path, monkeypatch) -> Path:
    """A private copy of the seeded store for tests that write; PANTAU_DB points at it."""
    path = copy_store(session_store, tmp_path / "pantau.db")
    monkeypatch.setenv("PANTAU_DB", str(path))
    return path


@pytest.fixture
def fresh_store(fresh_store_path):
    """A connection to `fresh_store_path`."""
    yield from connection(fresh_store_path)


@pytest.fixture
def empty_store(tmp_path):
    """A migrated store with no rows, for tests that insert only the rows they need."""
    from data.db import open_store

    path = tmp_path / "empty.db"
    open_store(path, seed_if_empty=False).close()
    yield from connection(path)


def metrics(at) -> dict[str, str]:
    """The page's metric tiles, label -> value."""
    return {m.label: m.value for m in at.metric}


def table_with(at, column: str):
    """The first table on the page that has `column` (AppTest tables carry no keys)."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def warnings_text(at) -> str:
    return " ".join(w.value for w in at.warning)


def query_param(at, key: str) -> str | None:
    """A query parameter as the browser would show it (AppTest may keep a list)."""
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


#: An `[auth]` section for AppTests of signed-in people (AppTest never contacts a provider).
TEST_AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-secret-test-secret-test-secret",
        "client_id": "pantau",
        "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
}


def signed_in(email: str) -> dict:
    """`AppTest.user` for someone signed in with a verified e-mail."""
    return {"is_logged_in": True, "email": email, "email_verified": True}


def run_page(
    page: str,
    params: dict | None = None,
    timeout: int = 60,
    user: dict | None = None,
    map_drawn: bool = True,
):
    """Run the app on `page` (e.g. "views/peta.py") through app.py's navigation with AppTest.

    With `user`, sign-in is configured and that person is signed in (see `signed_in`).
    AppTest has no browser to draw the map and say so (`map_view.drawn`): unless
    `map_drawn` is False, the map counts as drawn and the Peta page runs whole.
    """
    from streamlit.testing.v1 import AppTest

    from components.map_view import DRAWN

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if map_drawn:
        at.session_state[DRAWN] = True
    if user is not None:
        at.secrets.update(TEST_AUTH)
        at.user = user
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page == "views/overview.py":
        return at.run()
    # Before the first run AppTest knows a page by its file name, which is the page's URL
    # path for all but quick_wins.py: those open in one run, as a deep link does, instead
    # of running the overview first. Once navigation is known, switch_page resolves the
    # page exactly; a page not yet reached runs then.
    at.switch_page(page).run()
    if at._finished_page_script_hash != at.switch_page(page)._page_hash:
        at.run()
    return at


# --- live app and browser -------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session", autouse=True)
def app_root(tmp_path_factory) -> Iterator[Path]:
    """The app as the tests run it: links to the code beside a `static/` of its own.

    Streamlit serves only the `static/` folder beside the main script and follows no link
    out of it, so the boundary cache the tests build (`static/geo`) lies in a real folder
    here and the working tree is never written. settings.ROOT is this folder for the
    session, as it is in a server started from here.
    """
    import settings

    root = tmp_path_factory.mktemp("app")
    for entry in ROOT.iterdir():
        if entry.name != "static" and (entry.name == ".streamlit" or entry.name[0] != "."):
            (root / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "static", root / "static", ignore=shutil.ignore_patterns("geo"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "ROOT", root)
        patch.setenv("PANTAU_BOUNDARY_CACHE", str(settings.static_dir() / "geo"))
        yield root


def _run_root(tmp_path_factory) -> Path:
    """The folder every pytest-xdist worker of this run shares (this run's own without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _locked(tmp_path_factory, name: str, wait: bool = True) -> Iterator[IO | None]:
    """The lock on run folder `name` (`_run_root`), held while the block runs; None when
    `wait` is False and another process holds it."""
    import fcntl

    with open(_run_root(tmp_path_factory) / f"{name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield None
            return
        yield lock  # released when the file closes


@contextmanager
def run_folder(tmp_path_factory, name: str) -> Iterator[Path]:
    """A folder shared by every pytest-xdist worker of this run, locked while the block runs:
    the first worker in makes what it holds, the others find it made."""
    with _locked(tmp_path_factory, name):
        folder = _run_root(tmp_path_factory) / name
        folder.mkdir(exist_ok=True)
        yield folder


def _needs_boundaries(item: pytest.Item) -> bool:
    return "built_boundaries" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session", autouse=True)
def boundary_build(request, tmp_path_factory) -> Iterator[subprocess.Popen | None]:
    """`python -m geo build` into the run's geo folder, started with the session when a test
    needs boundaries: it takes a core for most of a minute, while the tests that need none
    (collected first, see `pytest_collection_modifyitems`) run.

    The build holds the folder's lock (`run_folder`) until it exits: under pytest-xdist the
    first worker to start starts it, and the others wait for it instead of building again."""
    if not any(_needs_boundaries(item) for item in request.session.items):
        yield None
        return
    folder, proc = _run_root(tmp_path_factory) / "geo", None
    with _locked(tmp_path_factory, "geo", wait=False) as lock:
        if lock is not None and not folder.exists():  # else another worker builds or built them
            folder.mkdir()
            command = [sys.executable, "-m", "geo", "build", "--source", str(_mirror())]
            with open(folder.parent / "geo-build.log", "wb") as log:
                proc = subprocess.Popen(
                    [*command, "--cache", str(folder)],
                    cwd=ROOT,
                    stdout=log,
                    stderr=log,
                    pass_fds=(lock.fileno(),),  # the lock is the build's while it runs
                )
    yield proc
    if proc is not None and proc.poll() is None:  # the run ended (-x, Ctrl-C) before a wait
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def built_boundaries(boundary_build, tmp_path_factory) -> Path:
    """Boundaries and the map's files built once per test run from the local mirror (CI sets
    it), for every worker and for test_geo_real: building takes tens of seconds of CPU."""
    from geo.boundaries import ensure_boundaries
    from geo.mapfiles import ensure_map_files

    mirror = _mirror()
    assert mirror.is_dir(), f"boundary mirror not found at {mirror}: set PANTAU_BOUNDARY_SOURCE"
    if boundary_build is not None:
        log = _run_root(tmp_path_factory) / "geo-build.log"
        assert boundary_build.wait() == 0, log.read_text(encoding="utf-8", errors="replace")
    with run_folder(tmp_path_factory, "geo") as cache:
        status = ensure_boundaries(source=str(mirror), cache_dir=cache)
        assert status.available, status.reason
        ensure_map_files(status)  # derived here; served from boundary_cache's copy
    return cache


@pytest.fixture(scope="session")
def boundary_cache(app_root, built_boundaries) -> Path:
    """The run's boundaries and map files in this session's app (hard links, no bytes
    copied), before any page or server needs them; the app finds them current."""
    import settings
    from geo.boundaries import ensure_boundaries
    from geo.mapfiles import ensure_map_files

    cache = settings.boundary_cache_dir()
    shutil.copytree(built_boundaries, cache, copy_function=os.link)
    status = ensure_boundaries(source=str(_mirror()), cache_dir=cache)
    assert status.available and not status.built, status.reason
    assert ensure_map_files(status), f"the map files in {cache} are not served"
    return cache


def wait_for_http(url: str, proc: subprocess.Popen, name: str, seconds: float) -> None:
    """Wait until `proc` answers `url` (the bench's poll); fail, killing it, if it cannot."""
    from bench.harness import wait_until_up

    try:
        wait_until_up(url, proc, name, seconds)
    except RuntimeError as error:
        proc.kill()
        pytest.fail(str(error))


@contextmanager
def running_app(
    store: Path, boundary_cache: Path, port: int | None = None, args: tuple[str, ...] = ()
) -> Iterator[str]:
    """A real `streamlit run` of the tests' app (`app_root`) on a free localhost port;
    yields its base URL.

    `port` when the caller must know it first (a sign-in redirect URI names it); `args`
    are extra `streamlit run` options such as `--secrets.files`.
    """
    import settings

    root = settings.ROOT
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
        str(root / "app.py"),
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
    with serving(command, port, "/_stcore/health", "streamlit", 60, cwd=root, env=env) as url:
        yield url


@contextmanager
def serving(command: list[str], port: int, health: str, name: str, seconds: float, **popen):
    """Run a server process on `port` until the block ends; yields its base URL once up."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **popen)
    url = f"http://127.0.0.1:{port}"
    wait_for_http(url + health, proc, name, seconds)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def app_url(session_store, boundary_cache, tmp_path_factory):
    """The app shared by the browser tests, with its own copy of the store."""
    store_copy = copy_store(session_store, tmp_path_factory.mktemp("live") / "pantau.db")
    with running_app(store_copy, boundary_cache) as url:
        yield url


@pytest.fixture
def fresh_app_url(session_store, boundary_cache, tmp_path):
    """A server no browser has visited yet: a shared link is often the first request."""
    store_copy = copy_store(session_store, tmp_path / "pantau.db")
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


#: The browser tests' desktop window. Smaller would draw the software-rendered map faster,
#: but at 1024x768 the filters push the map below the fold, where hovers and clicks miss.
VIEWPORT = {"width": 1400, "height": 900}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    pg = context.new_page()
    yield pg
    context.close()


#: The Peta page's path, and its last block (the share link and table, drawn at the end of
#: the run that makes the page whole, once the map is drawn).
MAP_PAGE, MAP_LAST = "/peta", ".st-key-map-table"
#: Hosts a page may fetch from: venues often have no internet.
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def requested_hosts(pg) -> set[str]:
    """The hosts `pg` sends requests to from now on, filled in as it loads. A `blob:` or
    `data:` URL (an inline component's script) is the page's own memory, not a host."""
    hosts: set[str] = set()

    def seen(request) -> None:
        if not request.url.startswith(("blob:", "data:")):
            hosts.add(urlparse(request.url).hostname or request.url)

    pg.on("request", seen)
    return hosts


def wait_for_app(pg, timeout: int = 30000) -> None:
    """Wait until Streamlit has run the script to its end and the browser has drawn all it
    sent: the app root's state attribute reads 'notRunning' ('initial' until the first run
    starts; the status widget shows nothing on a short run, so it cannot tell), and no
    element is still a loading skeleton (the page's code for widgets, tiles and charts loads
    on first use: the state reads 'notRunning' while they are skeletons).

    On the Peta page, first until it is whole: it sends all but its map once the map is
    drawn (`components.map_view.drawn`: slow without a GPU, hence the longer wait); its last
    block, the table, comes only in that run.
    """
    if urlparse(pg.url).path.endswith(MAP_PAGE):
        pg.wait_for_selector(MAP_LAST, state="attached", timeout=120_000)
    pg.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout
    )
    drawn_all(pg)


def drawn_all(pg) -> None:
    """Wait until no element is a loading skeleton, and the browser has painted the rest."""
    pg.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=60_000,  # charts render slowly on a loaded machine without a GPU
    )
    painted(pg)


def painted(pg) -> None:
    """Wait until the browser has painted what the last change produced (two frames)."""
    pg.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


def screenshot(pg, name: str) -> Path:
    """A full-page PNG once charts and tables have replaced their loading skeletons."""
    pg.evaluate("() => document.fonts.ready.then(() => true)")
    drawn_all(pg)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # Streamlit scrolls inside its main container, so grow the viewport to show it all.
    size = pg.viewport_size
    height = pg.evaluate(
        "() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight"
    )
    pg.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 8000)})
    painted(pg)
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size(size)
    return path


# --- sign-in: a local OIDC provider and an app configured for it ------------------------

EDITOR = "tim@indramayu.go.id"  # editor of 32.12 (Indramayu) in the sign-in app's store
ADMIN = "admin@kominfo.go.id"


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[str]:
    """oidc-provider-mock on loopback, knowing the editor and the admin (e-mails verified)."""
    import json

    port = _free_port()
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    for email in (EDITOR, ADMIN):
        claims = {"sub": email, "email": email, "email_verified": True}
        command += ["--user-claims", json.dumps(claims)]
    health = "/.well-known/openid-configuration"
    with serving(command, port, health, "oidc-provider-mock", 30) as url:
        yield url


@pytest.fixture(scope="session")
def signin_app_url(oidc_provider, session_store, boundary_cache, tmp_path_factory):
    """The app with sign-in configured against `oidc_provider`; its store knows both users."""
    from data import users
    from data.access import admin
    from data.db import connect

    folder = tmp_path_factory.mktemp("signin")
    store = copy_store(session_store, folder / "pantau.db")
    db = connect(store)
    users.add(db, admin("test"), EDITOR, "editor", ["32.12"])
    users.add(db, admin("test"), ADMIN, "admin")
    db.close()
    port = _free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-of-enough-length-1234567890"\n'
        'client_id = "pantau"\n'
        'client_secret = "pantau-secret"\n'
        f'server_metadata_url = "{oidc_provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    with running_app(store, boundary_cache, port, ("--secrets.files", str(secrets))) as url:
        yield url


def sign_in(pg, app_url: str, email: str) -> None:
    """Sign in through the real OIDC round trip: the sidebar button, the provider's page.

    Two page loads of the app plus the provider's: waits get 60 s on a busy machine.
    """
    import re

    pg.set_default_timeout(60000)

    # The provider's pages link a stylesheet on a CDN; with no internet it would stall them.
    pg.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    pg.goto(app_url + "/kelola")  # a light page: the button answers at once on a busy machine
    wait_for_app(pg)
    sidebar = pg.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name="Masuk").click()
    pg.get_by_role("button", name=email).click()
    wait_for_app(pg)
    sidebar.get_by_text("Masuk sebagai").wait_for()


def pytest_collection_modifyitems(items) -> None:
    """Tests that need boundaries (the browser tests among them) run last, in their files'
    order, so `boundary_build` builds them while the others run (under pytest-xdist, in the
    first worker to start, for all of them)."""
    items.sort(key=_needs_boundaries)  # stable: the order within each part is kept


@pytest.fixture(scope="session", autouse=True)
def component_manifests_scanned_once() -> Iterator[None]:
    """Every AppTest scans all installed distributions for Streamlit component manifests
    (about 0.6 s of each AppTest on this machine, two thirds of a page test's time): the
    packages do not change during a run, so the first scan's result serves the rest. Each
    AppTest still builds and fills its own component registry from it."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    found: list = []

    def scanned_once(*args, **kwargs) -> list:
        if args or kwargs:
            return scan(*args, **kwargs)
        if not found:
            found.append(scan())
        return list(found[0])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", scanned_once)
        yield
