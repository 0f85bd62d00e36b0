"""Benchmark the national map against a naive page that inlines the GeoJSON.

    python bench/map_load.py [--runs 3] [--changes 20]

Starts two local Streamlit servers (the app, and `bench/baseline_map.py`), drives headless
Chromium and prints, in one run:

- first paint: navigation start to the region polygons drawn on the canvas (read from
  deck.gl itself: the fill layer exists and nothing is waiting to be drawn), median of
  `--runs` cold browser contexts, ours / baseline inlining the built regions.geojson
  (target <= 0.4); also printed against the baseline inlining the lighter file we draw;
- bytes per filter change: what the browser receives (websocket frames, and HTTP, which
  carries Streamlit's large messages) from a filter change (one more province) until the
  network is quiet, median of `--changes`, over the size of the regions GeoJSON
  (target <= 0.05);
- server time per filter change: the filter's rerun request arriving at the server to its
  `script_finished` message leaving (logged by bench/timed_server.py), median of
  `--changes` (target <= 150 ms).

Bytes are counted by the browser's network stack (Chrome DevTools Protocol); first paint
is read in the page. Servers and browser run on separate CPUs (see `split_cpus`). The
last line is one JSON object with `first_paint_ratio`, `bytes_per_filter_ratio` and
`filter_server_ms`.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one Chromium set-up for all)

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def split_cpus() -> tuple[set[int], set[int]]:
    """(server CPUs, browser CPUs): apart, so software rendering cannot starve the server.

    Headless Chromium draws WebGL on the CPU (no GPU here) and would otherwise take every
    core while the server is still finishing the very run being timed; in production the
    two never share a machine.
    """
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return set(cpus), set(cpus)
    half = len(cpus) // 2
    return set(cpus[half:]), set(cpus[:half])


@dataclass
class Server:
    url: str
    log: Path

    def events(self) -> list[tuple[str, float]]:
        """(event, seconds) logged by bench/timed_server.py: "rerun" and "finished"."""
        lines = self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []
        return [(e["event"], e["t"]) for e in map(json.loads, lines)]


@contextmanager
def server(script: Path, env: dict[str, str], cpus: set[int], workdir: Path):
    """A timed `streamlit run` of `script` on a free port and `cpus`."""
    port = free_port()
    log = workdir / f"{script.stem}-{port}.jsonl"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "timed_server.py"), str(log), str(script),
         "--server.port", str(port), "--server.headless", "true",
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=lambda: os.sched_setaffinity(0, cpus),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2)
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError(f"{script.name} did not start") from None
                time.sleep(0.3)
        yield Server(url, log)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


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
        return float(page.wait_for_function(PAINTED, polling="raf", timeout=120_000).json_value())
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
    try:
        page.wait_for_function(PAINTED, polling="raf", timeout=120_000)
        quiet(page, network)
        field = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Provinsi")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold page loads per side")
    parser.add_argument("--changes", type=int, default=20, help="filter changes (<= 38)")
    args = parser.parse_args(argv)

    from data.db import open_store
    from geo.boundaries import ensure_boundaries
    from geo.mapfiles import REGIONS, ensure_map_files

    status = ensure_boundaries()
    if not status.available or not ensure_map_files(status):
        print(f"boundaries unavailable: {status.reason}", file=sys.stderr)
        return 1
    geometry_bytes = status.regions_path.stat().st_size
    drawn = status.regions_path.parent / REGIONS
    workdir = Path(tempfile.mkdtemp(prefix="map-bench-"))
    try:
        db = workdir / "pantau.db"
        open_store(db).close()
        env = {
            "PANTAU_DB": str(db),
            "BENCH_GEOJSON": str(status.regions_path),
            "BENCH_MAP_GEOJSON": str(drawn),
        }
        server_cpus, browser_cpus = split_cpus()
        with (
            server(ROOT / "app.py", env, server_cpus, workdir) as ours,
            server(ROOT / "bench" / "baseline_map.py", env, server_cpus, workdir) as naive,
        ):
            os.sched_setaffinity(0, browser_cpus)  # Playwright's browser inherits it
            print(f"CPUs: servers {sorted(server_cpus)}, browser {sorted(browser_cpus)}")
            paint, change = drive(ours, naive, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return report(paint, change, geometry_bytes, drawn.stat().st_size)


def drive(ours: Server, naive: Server, args: argparse.Namespace) -> tuple[dict, dict]:
    """First paints and filter changes on both apps, in one headless Chromium."""
    from playwright.sync_api import sync_playwright

    sides = (("ours", ours, "/peta"), ("baseline", naive, "/"))
    loads = (*sides, ("baseline, lighter file", naive, "/?geometry=map"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        warm(browser, ours.url)
        paint = {
            name: [first_paint(browser, app.url + path) for _ in range(args.runs)]
            for name, app, path in loads
        }
        provinces = province_names(args.changes)
        change = {name: filter_changes(browser, app, path, provinces) for name, app, path in sides}
        browser.close()
    return paint, change


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
    result = {
        "first_paint_ratio": round(med(paint["ours"]) / med(paint["baseline"]), 3),
        "bytes_per_filter_ratio": round(med(b for b, _ in change["ours"]) / geometry_bytes, 4),
        "filter_server_ms": round(med(ms for _, ms in change["ours"]), 1),
    }
    lighter = med(paint["baseline, lighter file"])
    print(
        f"baseline inlining map_regions.geojson: first paint {lighter:.0f} ms; "
        f"ours / that: {med(paint['ours']) / lighter:.3f}"
    )
    per_change = med(b for b, _ in change["ours"])
    print(f"bytes per filter change / map_regions.geojson: {per_change / drawn_bytes:.4f}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
