"""Concurrent viewers: how many people one app process serves at once.

    python bench/load.py [--viewers 10,25,50,100] [--seconds 40]

Starts the app on a loopback port (or drives `--url`, e.g. nginx in front of several
processes: see bench/cluster.py) and, for each step, that many simulated viewers at once.
A viewer does what a browser does, without rendering: it loads the page over HTTP (which
also picks up a load balancer's sticky cookie), opens Streamlit's `_stcore/stream`
websocket and speaks its protocol, protobuf `BackMsg` up and `ForwardMsg` down: a
`rerun_script` with the page name and query string opens the map (the map alone, then,
with the "map drawn" event a browser sends once it has drawn it, the whole page); every
few seconds it changes the province filter (a `rerun_script` carrying the multiselect's
new widget state and the map fragment's id, as the browser sends it), and one viewer in
four also opens a region page now and then and comes back to the map. Like a browser it
reports the hashes of the large messages it has already received, so the server sends
references to them.

Per step it prints p50/p95 of the rerun time (request sent to the run's `script_finished`
received, on the viewer's clock), also by kind of rerun and over the reruns asked for once
every viewer had the map open (the crowd without its arrival), the number of reruns,
errors (exceptions drawn on the page, dropped connections, runs that never finish) and
server memory per session: the resident memory the server(s) grew by since idle (warm,
no viewers), over the viewers.
Every loop is bounded by `--seconds`; only 127.0.0.1 is contacted.
Target: 50 viewers with p95 <= 500 ms and no errors. The last line is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.components.v2.bidi_component.main import _make_trigger_id  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from bench.harness import rss_bytes, seeded_store, server  # noqa: E402

TARGET_P95_MS = 500
MAP_PAGE, REGION_PAGE = "peta", "daerah"
PROVINCE_KEY = "_map_province"
#: Seconds between a viewer's actions: "every few seconds".
THINK = (2.0, 5.0)
#: Seconds a browser takes to draw the map before it says so ("map drawn"): about 1 s with
#: a GPU; on this machine's software renderer Chromium takes 4 to 6 s.
DRAWING = (1.0, 3.0)
#: One viewer in this many also opens region pages.
REGION_VIEWERS = 4
#: A run not finished after this long counts as an error.
RUN_TIMEOUT = 30.0
REGIONS = ["32.12", "35.78", "34.04", "73.71", "51.71", "64.72", "31.71", "33.74"]
EARLY = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")


@dataclass
class Step:
    """What the viewers of one step measured."""

    times: list[tuple[str, float, float]] = field(default_factory=list)  # kind, ms, sent at
    errors: list[str] = field(default_factory=list)
    arrived: list[float] = field(default_factory=list)  # when each viewer had its map open

    def settled(self) -> list[float]:
        """Rerun times of requests sent once every viewer had the map open: the crowd
        without its arrival (all of a step's viewers open the page within 2 s)."""
        since = max(self.arrived, default=float("inf"))
        return [ms for _, ms, sent in self.times if sent >= since]

    def error(self, text: str) -> None:
        self.errors.append(text)


class Viewer:
    """One simulated browser tab on the map page."""

    def __init__(self, base: str, number: int, step: Step, until: float):
        self.base, self.step, self.until = base, step, until
        self.rng = random.Random(number)
        self.opens_regions = number % REGION_VIEWERS == 0
        self.query, self.page_hash, self.cached = "", "", set()
        self.province: tuple[str, str, list[str]] | None = None  # widget id, fragment, options
        self.signal: str | None = None  # the map page's "map drawn" element, while it waits
        self.cookies = CookieJar()

    # --- the conversation ---------------------------------------------------------------

    async def run(self) -> None:
        from websockets.asyncio.client import connect

        try:
            cookie = await asyncio.to_thread(self._load_page)
            ws_url = "ws" + self.base.removeprefix("http") + "/_stcore/stream"
            headers = {"Cookie": cookie} if cookie else {}
            async with connect(
                ws_url,
                subprotocols=["streamlit"],
                additional_headers=headers,
                max_size=None,
                open_timeout=RUN_TIMEOUT,
                ping_interval=None,
            ) as ws:
                self.ws = ws
                await self.open_map()
                self.step.arrived.append(time.monotonic())
                while time.monotonic() < self.until:
                    await asyncio.sleep(self.rng.uniform(*THINK))
                    if time.monotonic() >= self.until:
                        break
                    if self.opens_regions and self.rng.random() < 0.3:
                        await self.visit_region()
                    else:
                        await self.change_filter()
        except Exception as exc:  # a refused or dropped connection is what we count
            self.step.error(f"{type(exc).__name__}: {exc}"[:200])

    def _load_page(self) -> str:
        """GET the page as a browser would; returns the Cookie header to send back."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        with opener.open(f"{self.base}/{MAP_PAGE}", timeout=RUN_TIMEOUT) as response:
            response.read()
        return "; ".join(f"{c.name}={c.value}" for c in self.cookies)

    async def change_filter(self) -> None:
        if self.province is None:
            self.step.error("no province filter on the map page")
            return
        widget_id, fragment, options = self.province
        chosen = self.rng.sample(options, self.rng.randint(1, 3))
        state = WidgetState(id=widget_id)
        state.string_array_value.data.extend(chosen)
        await self.rerun("filter", page_name=MAP_PAGE, widgets=[state], fragment=fragment)

    async def visit_region(self) -> None:
        """Open a region page, then come back to the map as it was."""
        map_query = self.query
        region = self.rng.choice(REGIONS)
        await self.rerun("region", page_name=REGION_PAGE, query=f"region={region}")
        await asyncio.sleep(self.rng.uniform(*THINK))
        await self.open_map(map_query)

    async def open_map(self, query: str | None = None) -> None:
        """Open the map page as a browser does: the map alone, then, once the browser has
        drawn it (`DRAWING`: nothing is drawn here), the whole page (`map_view.drawn`)."""
        self.signal = None
        await self.rerun("open", page_name=MAP_PAGE, query=query)
        if self.signal is not None:
            await asyncio.sleep(self.rng.uniform(*DRAWING))
            drawn = WidgetState(id=_make_trigger_id(self.signal, "events"))
            drawn.json_trigger_value = json.dumps([{"event": "drawn", "value": True}])
            await self.rerun("whole", page_name=MAP_PAGE, widgets=[drawn])

    async def rerun(
        self,
        kind: str,
        page_name: str,
        query: str | None = None,
        widgets: list[WidgetState] = (),
        fragment: str = "",
    ) -> None:
        """Send one rerun request and read messages until its run has finished."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query if query is None else query
        state.page_name = page_name
        state.page_script_hash = self.page_hash if page_name == MAP_PAGE and fragment else ""
        state.fragment_id = fragment
        state.widget_states.widgets.extend(widgets)
        state.cached_message_hashes.extend(self.cached)
        sent, started = time.monotonic(), time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        deadline = time.monotonic() + RUN_TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.step.error(f"{kind}: no script_finished within {RUN_TIMEOUT:.0f} s")
                return
            raw = await asyncio.wait_for(self.ws.recv(), timeout=left)
            if self.read(ForwardMsg.FromString(raw)):
                break
        self.step.times.append((kind, (time.perf_counter() - started) * 1000, sent))

    def read(self, msg: ForwardMsg) -> bool:
        """Keep what a browser keeps from `msg`; True once a run has finished."""
        if msg.metadata.cacheable and msg.hash:
            self.cached.add(msg.hash)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self.element(msg.delta.new_element, msg.delta.fragment_id)
        elif kind == "script_finished":
            return msg.script_finished != EARLY
        return False

    def element(self, element, fragment: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.step.error(f"exception on the page: {element.exception.message[:120]}")
        elif kind == "bidi_component":
            self.signal = element.bidi_component.id
        elif kind == "multiselect" and element.multiselect.id.endswith(PROVINCE_KEY):
            widget = element.multiselect
            self.province = (widget.id, fragment, list(widget.options))


# --- steps ------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


async def run_step(base: str, viewers: int, seconds: float) -> Step:
    """`viewers` viewers at once for `seconds` (their start spread over the first 2 s)."""
    step = Step()
    until = time.monotonic() + seconds

    async def start(n: int) -> None:
        await asyncio.sleep(2.0 * n / viewers)
        await Viewer(base, n, step, until).run()

    await asyncio.gather(*(start(n) for n in range(viewers)))
    return step


def measure(
    base: str, pids: list[int], counts: list[int], seconds: float, warm: list[str] = ()
) -> list[dict]:
    """Each step in turn; one result dict per step (also printed as a line).

    `warm` are the app processes' own URLs (default `base`): each gets one viewer first,
    so imports and caches are warm, and counted as idle memory, before anything is timed.
    """
    for url in warm or [base]:
        asyncio.run(run_step(url, 1, 3))
    idle = sum(map(rss_bytes, pids))
    results = []
    for viewers in counts:
        step, peak = asyncio.run(_stepped(base, viewers, seconds, pids))
        times = [ms for _, ms, _ in step.times]
        kinds = sorted({kind for kind, _, _ in step.times})
        by_kind = {
            k: percentile([ms for kind, ms, _ in step.times if kind == k], 0.95) for k in kinds
        }
        settled = step.settled()
        row = {
            "viewers": viewers,
            "reruns": len(times),
            "p50_ms": round(percentile(times, 0.5), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "filter_p95_ms": round(by_kind.get("filter", 0.0), 1),
            "p95_ms_by_kind": {k: round(ms, 1) for k, ms in by_kind.items()},
            "settled_reruns": len(settled),
            "settled_p95_ms": round(percentile(settled, 0.95), 1),
            "errors": len(step.errors),
            "rss_mb": round(peak / 1e6, 1),
            "rss_per_session_kb": round(max(peak - idle, 0) / viewers / 1e3, 1),
        }
        results.append(row)
        apart = ", ".join(f"{kind} {ms:.0f}" for kind, ms in by_kind.items())
        print(
            f"{viewers:4d} viewers: {row['reruns']:5d} reruns, p50 {row['p50_ms']:6.0f} ms, "
            f"p95 {row['p95_ms']:6.0f} ms ({apart}; once all arrived "
            f"{row['settled_p95_ms']:.0f} over {row['settled_reruns']}), "
            f"errors {row['errors']}, server {row['rss_mb']:.0f} MB, "
            f"{row['rss_per_session_kb']:.0f} kB per session",
            flush=True,
        )
        for text in sorted(set(step.errors))[:5]:
            print(f"      error: {text}")
    return results


async def _stepped(base: str, viewers: int, seconds: float, pids: list[int]):
    """A step, sampling memory near its end while every viewer is still connected."""
    task = asyncio.create_task(run_step(base, viewers, seconds))
    await asyncio.sleep(max(seconds - 3, 1))
    peak = sum(map(rss_bytes, pids))
    return await task, peak


def served(results: list[dict]) -> int:
    """The most viewers of any step that met the target (p95 and no errors)."""
    ok = [r["viewers"] for r in results if r["p95_ms"] <= TARGET_P95_MS and not r["errors"]]
    return max(ok, default=0)


def steps(argv: list[str] | None, doc: str) -> tuple[list[int], float]:
    """Viewer counts and seconds per step from the command line (this bench and
    bench/cluster.py); the boundaries are built first, so no step times their build."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--viewers", default="10,25,50,100", help="comma-separated steps")
    parser.add_argument("--seconds", type=float, default=40, help="length of each step")
    args = parser.parse_args(argv)

    from geo.boundaries import ensure_boundaries

    ensure_boundaries()
    return [int(n) for n in args.viewers.split(",")], args.seconds


def main(argv: list[str] | None = None) -> int:
    counts, seconds = steps(argv, __doc__)
    workdir = Path(tempfile.mkdtemp(prefix="load-bench-"))
    try:
        cpus = set(os.sched_getaffinity(0))
        with server(ROOT / "app.py", seeded_store(workdir), cpus, workdir) as app:
            print(f"one app process on {urlsplit(app.url).netloc}, {len(cpus)} CPUs shared")
            results = measure(app.url, [app.pid], counts, seconds)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    at50 = next((r for r in results if r["viewers"] == 50), None)
    summary = {"viewers_served_p95_500ms": served(results), "steps": results}
    if at50:
        summary.update(p95_ms_at_50=at50["p95_ms"], errors_at_50=at50["errors"])
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
