"""Benchmark the national map against a naive page that inlines the GeoJSON.

    python bench/map_load.py [--runs 3] [--changes 20]

Starts three local Streamlit servers (the app; `bench/baseline_map.py`, a naive page that
inlines the GeoJSON; `bench/floor_map.py`, the Streamlit floor that only draws
map_regions.geojson from its static URL) and a static HTML page drawing the same file with
deck.gl alone (the browser floor; deck.gl's npm bundle, fetched into bench/.cache/), drives
headless Chromium and prints, in one run:

- first paint: navigation start to the region polygons drawn on the canvas (read from
  deck.gl itself: the fill layer exists and nothing is waiting to be drawn), median of
  `--runs` cold browser contexts, the sides' loads interleaved; ours / baseline inlining
  the built regions.geojson (target <= 0.4), ours / the Streamlit floor (target <= 1.3)
  and ours / the static page; also printed against the baseline inlining the lighter
  file we draw;
- bytes per filter change: what the browser receives (websocket frames, and HTTP) from a
  filter change (one more province) until the network is quiet, median of `--changes`,
  over the size of the regions GeoJSON (target <= 0.05);
- server time per filter change: the filter's rerun request arriving at the server to its
  `script_finished` message leaving (logged by bench/timed_server.py), median of
  `--changes` (target <= 150 ms).

Bytes are counted by the browser's network stack (Chrome DevTools Protocol); first paint
is read in the page. Servers and browser run on separate CPUs (see `split_cpus`). The
last line is one JSON object with `first_paint_ratio`, `bytes_per_filter_ratio`,
`filter_server_ms`, `first_paint_vs_streamlit_floor` and `first_paint_vs_static`.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    Server,
    answering,
    free_port,
    seeded_store,
    server,
    split_cpus,
)

VIEWPORT = {"width": 1400, "height": 1000}

#: performance.now() once deck.gl has drawn the regions' fill layer, else false.
PAINTED = """
() => {
  if (!window.__deck) {
    const canvas = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
    if (!canvas) return false;
    const key = Object.keys(canvas).find((k) => k.startsWith("__reactFiber"));
    const seen = new Set();
    const find = (obj, depth) => {
      if (!obj || typeof obj !== "object" || depth > 4 || seen.has(obj)) return null;
      seen.add(obj);
      if (obj.layerManager && obj.deckPicker) return obj;
      for (const k of Object.keys(obj)) {
        if (["return", "child", "sibling", "_owner"].includes(k)) continue;
        try { const found = find(obj[k], depth + 1); if (found) return found; } catch (e) {}
      }
      return null;
    };
    for (let fiber = canvas[key]; fiber && !window.__deck; fiber = fiber.return) {
      for (let s = fiber.memoizedState; s && !window.__deck; s = s.next) {
        window.__deck = find(s.memoizedState, 0);
      }
    }
    if (!window.__deck) return false;
  }
  const deck = window.__deck;
  const fill = deck.layerManager && deck.layerManager.getLayers()
    .find((l) => l.id === "regions-polygons-fill");
  if (!fill || deck.needsRedraw({clearRedrawFlags: false})) return false;
  return performance.now();
}
"""


class Network:
    """Websocket frames and HTTP bytes as the browser's network stack sees them (CDP).

    Timestamps are the browser's own, taken off the renderer's main thread, so a page busy
    drawing does not delay them. Large Streamlit messages arrive as a reference plus an
    HTTP fetch of `/_stcore/message`, so HTTP bytes count as well.
    """

    def __init__(self, page):
        self.frames: list[tuple[str, float, int, str | None]] = []
        self.http: list[tuple[float, int]] = []
        cdp = page.context.new_cdp_session(page)
        cdp.on("Network.webSocketFrameSent", lambda e: self._frame("out", e))
        cdp.on("Network.webSocketFrameReceived", lambda e: self._frame("in", e))
        cdp.on(
            "Network.dataReceived", lambda e: self.http.append((e["timestamp"], e["dataLength"]))
        )
        cdp.send("Network.enable")

    def _frame(self, direction: str, event: dict) -> None:
        response = event["response"]
        data = response["payloadData"]
        raw = base64.b64decode(data) if response["opcode"] == 2 else data.encode()
        try:
            msg = (ForwardMsg if direction == "in" else BackMsg).FromString(raw)
            kind = msg.WhichOneof("type")
        except Exception:  # not a protobuf message: count its bytes only
            kind = None
        self.frames.append((direction, event["timestamp"], len(raw), kind))

    def received_since(self, t0: float) -> int:
        ws = sum(size for d, t, size, _ in self.frames if d == "in" and t >= t0)
        return ws + sum(size for t, size in self.http if t >= t0)


def open_page(browser, url: str, record: bool = False):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    network = Network(page) if record else None
    page.goto(url)
    return context, page, network


def first_paint(browser, url: str) -> float:
    """Milliseconds from navigation start to the polygons drawn, in a cold context."""
    context, page, _ = open_page(browser, url)
    try:
        return float(page.wait_for_function(PAINTED, polling="raf", timeout=300_000).json_value())
    finally:
        context.close()


def quiet(page, network: Network, seconds: float = 1.0, limit: float = 30.0) -> None:
    """Wait until nothing has arrived for `seconds` (a deferred message fetch included)."""
    deadline = time.time() + limit
    last = -1
    while time.time() < deadline:
        count = len(network.frames) + len(network.http)
        if count == last:
            return
        last = count
        page.wait_for_timeout(seconds * 1000)


def filter_changes(browser, app: Server, path: str, provinces: list[str]) -> list[tuple]:
    """(bytes received, server ms) per province added to the filter.

    Each change adds one more province, so every state is new: a repeated state would be
    answered from the browser's message cache and flatter the numbers.
    """
    context, page, network = open_page(browser, app.url + path, record=True)
    page.set_default_timeout(120_000)  # a naive page's rerun can take a minute on a busy machine
    try:
        page.wait_for_function(PAINTED, polling="raf", timeout=120_000)
        field = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Provinsi")
        field.wait_for()  # the Peta page sends its filters once the map is drawn
        quiet(page, network)
        results = []
        for name in provinces:
            field.locator("input").fill(name)
            option = page.get_by_role("option", name=name, exact=True)
            logged, framed = len(app.events()), len(network.frames)
            option.click()
            deadline = time.time() + 60
            while True:
                events = app.events()[logged:]
                reruns = [t for e, t in events if e == "rerun"]
                finished = [t for e, t in events if e == "finished" and reruns and t > reruns[0]]
                if finished:
                    break
                if time.time() > deadline:
                    raise RuntimeError("no script_finished after a filter change")
                page.wait_for_timeout(20)
            quiet(page, network)
            sent = [f for f in network.frames[framed:] if f[0] == "out" and f[3] == "rerun_script"]
            received = network.received_since(sent[0][1])
            results.append((received, (finished[0] - reruns[0]) * 1000))
        return results
    finally:
        context.close()


def warm(browser, url: str) -> None:
    """Open the root page once, so imports and caches are warm before anything is timed."""
    context, page, _ = open_page(browser, url + "/")
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Peta", exact=True).wait_for(
        timeout=60_000
    )
    context.close()


def province_names(n: int) -> list[str]:
    from geo.reference import province_names as names

    return sorted(names().values())[:n]


#: deck.gl for the static floor: the npm package's standalone bundle, the 9.3 line Streamlit
#: bundles; fetched at bench time into an ignored folder, never committed.
DECKGL = "deck.gl@9.3.11"
CACHE = ROOT / "bench" / ".cache"
#: The floors' map: the height of the Peta page's and a national view.
FLOOR_HEIGHT = 440
FLOOR_VIEW = {"longitude": 118.0, "latitude": -2.5, "zoom": 3.6}


def deckgl_bundle() -> Path:
    """deck.gl's `dist.min.js`, fetched once with npm into bench/.cache/."""
    bundle = CACHE / DECKGL.replace("@", "-") / "dist.min.js"
    if bundle.exists():
        return bundle
    bundle.parent.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        ["npm", "pack", DECKGL, "--pack-destination", str(bundle.parent), "--silent"],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    tarball = bundle.parent / out.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as tar:
        source = tar.extractfile("package/dist.min.js")
        bundle.write_bytes(source.read())
    tarball.unlink()
    return bundle


@contextmanager
def static_site(drawn: Path, cpus: set[int], workdir: Path):
    """The browser floor: bench/static_map.html, deck.gl and the map file on a loopback port."""
    site = workdir / "static-site"
    site.mkdir()
    html = (ROOT / "bench" / "static_map.html").read_text(encoding="utf-8")
    html = html.replace("__VIEW__", json.dumps(FLOOR_VIEW)).replace("__HEIGHT__", str(FLOOR_HEIGHT))
    (site / "index.html").write_text(html, encoding="utf-8")
    shutil.copy(deckgl_bundle(), site / "deck.min.js")
    shutil.copy(drawn, site / drawn.name)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=lambda: os.sched_setaffinity(0, cpus),
    )  # fmt: skip
    with answering(proc, port, "/index.html", "static site") as url:
        yield url


def floor_app(workdir: Path) -> Path:
    """bench/floor_map.py beside a link to ./static: Streamlit serves the `static` folder
    next to the main script, so the floor fetches the very file the Peta page does."""
    folder = workdir / "floor"
    folder.mkdir()
    (folder / "static").symlink_to(ROOT / "static", target_is_directory=True)
    shutil.copy(ROOT / "bench" / "floor_map.py", folder / "floor_map.py")
    return folder / "floor_map.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold page loads per side")
    parser.add_argument("--changes", type=int, default=20, help="filter changes (<= 38)")
    parser.add_argument(
        "--paint-only",
        action="store_true",
        help="first paint of ours and the two floors only (quick, for finding where time goes)",
    )
    args = parser.parse_args(argv)

    from geo.boundaries import ensure_boundaries
    from geo.mapfiles import REGIONS, ensure_map_files

    status = ensure_boundaries()
    files = ensure_map_files(status) if status.available else None
    if files is None:
        print(f"boundaries unavailable: {status.reason}", file=sys.stderr)
        return 1
    geometry_bytes = status.regions_path.stat().st_size
    drawn = status.regions_path.parent / REGIONS
    deckgl_bundle()  # fetched before anything is timed
    workdir = Path(tempfile.mkdtemp(prefix="map-bench-"))
    try:
        env = {
            **seeded_store(workdir),
            "BENCH_GEOJSON": str(status.regions_path),
            "BENCH_MAP_GEOJSON": str(drawn),
            "BENCH_MAP_URL": files.regions_url,
            "BENCH_VIEW": json.dumps(FLOOR_VIEW),
            "BENCH_HEIGHT": str(FLOOR_HEIGHT),
        }
        server_cpus, browser_cpus = split_cpus()
        bench = ROOT / "bench"
        with (
            server(ROOT / "app.py", env, server_cpus, workdir) as ours,
            server(bench / "baseline_map.py", env, server_cpus, workdir) as naive,
            server(floor_app(workdir), env, server_cpus, workdir) as floor,
            static_site(drawn, server_cpus, workdir) as static,
        ):
            os.sched_setaffinity(0, browser_cpus)  # Playwright's browser inherits it
            print(f"CPUs: servers {sorted(server_cpus)}, browser {sorted(browser_cpus)}")
            apps = {"ours": ours, "baseline": naive, "floor": floor}
            paint, change = drive(apps, static, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.paint_only:
        return report_paint(paint)
    return report(paint, change, geometry_bytes, drawn.stat().st_size)


def drive(apps: dict[str, Server], static: str, args: argparse.Namespace) -> tuple[dict, dict]:
    """First paints (all sides, interleaved) and filter changes, in one headless Chromium.

    Interleaving the sides' cold loads spreads the noise of a shared machine over all of
    them instead of loading it onto one.
    """
    from playwright.sync_api import sync_playwright

    ours, naive = apps["ours"].url, apps["baseline"].url
    loads = {
        "ours": ours + "/peta",
        "baseline": naive + "/",
        "baseline, lighter file": naive + "/?geometry=map",
        "streamlit floor": apps["floor"].url + "/",
        "static floor": static + "/index.html",
    }
    if args.paint_only:
        loads = {k: v for k, v in loads.items() if "baseline" not in k}
    sides = (("ours", apps["ours"], "/peta"), ("baseline", apps["baseline"], "/"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        warm(browser, ours)
        for url in (apps["floor"].url + "/", static + "/index.html"):
            first_paint(browser, url)  # their first load warms their caches too
        paint: dict[str, list[float]] = {name: [] for name in loads}
        for run in range(1, args.runs + 1):
            for name, url in loads.items():
                paint[name].append(first_paint(browser, url))
                progress(f"run {run}: {name} first paint {paint[name][-1]:.0f} ms")
        change = {}
        if not args.paint_only:
            provinces = province_names(args.changes)
            for name, app, path in sides:
                change[name] = filter_changes(browser, app, path, provinces)
                progress(f"{name}: {len(change[name])} filter changes measured")
        browser.close()
    return paint, change


def progress(line: str) -> None:
    """Each measurement as it is taken (standard error): a long run that is stopped still
    says what it saw; the report on standard output comes at the end."""
    print(line, file=sys.stderr, flush=True)


def floor_ratios(paint: dict) -> dict[str, float]:
    """Our first paint over the two floors' (medians)."""
    ours = statistics.median(paint["ours"])
    return {
        "first_paint_vs_streamlit_floor": round(
            ours / statistics.median(paint["streamlit floor"]), 3
        ),
        "first_paint_vs_static": round(ours / statistics.median(paint["static floor"]), 3),
    }


def report_paint(paint: dict) -> int:
    for name, times in paint.items():
        listed = ", ".join(f"{t:.0f}" for t in times)
        print(f"{name:22s} first paint {statistics.median(times):7.0f} ms ({listed})")
    print(json.dumps(floor_ratios(paint)))
    return 0


def report(paint: dict, change: dict, geometry_bytes: int, drawn_bytes: int) -> int:
    med = statistics.median
    print(
        f"geometry: regions.geojson {geometry_bytes / 1e6:.2f} MB; the Peta page draws "
        f"map_regions.geojson {drawn_bytes / 1e6:.2f} MB"
    )
    for name in change:
        times = ", ".join(f"{t:.0f}" for t in paint[name])
        sizes = [b for b, _ in change[name]]
        server_ms = [ms for _, ms in change[name]]
        print(
            f"{name:9s} first paint {med(paint[name]):7.0f} ms ({times}); "
            f"per filter change {med(sizes) / 1e3:8.1f} kB, {med(server_ms):6.0f} ms "
            f"(min {min(server_ms):.0f}, max {max(server_ms):.0f})"
        )
    ours = med(paint["ours"])
    for name in ("streamlit floor", "static floor"):
        times = ", ".join(f"{t:.0f}" for t in paint[name])
        print(f"{name:15s} first paint {med(paint[name]):7.0f} ms ({times}); ours / that: "
              f"{ours / med(paint[name]):.3f}")  # fmt: skip
    lighter = med(paint["baseline, lighter file"])
    print(
        f"baseline inlining map_regions.geojson: first paint {lighter:.0f} ms; "
        f"ours / that: {ours / lighter:.3f}"
    )
    per_change = med(b for b, _ in change["ours"])
    print(f"bytes per filter change / map_regions.geojson: {per_change / drawn_bytes:.4f}")
    result = {
        "first_paint_ratio": round(ours / med(paint["baseline"]), 3),
        "bytes_per_filter_ratio": round(med(b for b, _ in change["ours"]) / geometry_bytes, 4),
        "filter_server_ms": round(med(ms for _, ms in change["ours"]), 1),
        **floor_ratios(paint),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
