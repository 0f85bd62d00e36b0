"""Server CPU per rerun, by kind: what one viewer's filter change, map visit and region
page cost the app process, one at a time.

    python bench/rerun_cpu.py [--runs 16]

Wall-clock latency under a crowd (bench/load.py) is queueing on top of this: a process
runs Python on about one core, so the CPU each kind of rerun takes decides how many
viewers it can serve. One simulated viewer (bench/load.py's protocol client) changes the
province filter (a fragment rerun), opens the map page (a full run) and opens region
pages, `--runs` times each, one request at a time; for each it reads the server's CPU
time (user + system, /proc) before the request and after its `script_finished` plus a
short pause for the sending to end. Region pages cycle through bench/load.py's regions,
so after the first round they are ones the server has seen. CPU time, unlike latency,
barely changes when other programs share the machine. The last line is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import seeded_store, server  # noqa: E402
from bench.load import MAP_PAGE, REGION_PAGE, REGIONS, Step, Viewer  # noqa: E402

#: Seconds left after each request for the server to finish sending (and before the next).
SETTLE = 0.15


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(base: str, pid: int, runs: int) -> dict[str, list[float]]:
    """CPU milliseconds of each rerun, by kind."""
    from websockets.asyncio.client import connect

    step = Step()
    viewer = Viewer(base, 1, step, until=time.monotonic() + 3600)
    cookie = viewer._load_page()
    url = "ws" + base.removeprefix("http") + "/_stcore/stream"
    headers = {"Cookie": cookie} if cookie else {}
    spent: dict[str, list[float]] = {"filter": [], "map": [], "region": []}
    options = {"additional_headers": headers, "max_size": None, "ping_interval": None}
    async with connect(url, subprotocols=["streamlit"], **options) as ws:
        viewer.ws = ws
        await viewer.open_map()
        requests = {
            "filter": lambda n: viewer.change_filter(),
            "map": lambda n: viewer.rerun("open", page_name=MAP_PAGE, query=viewer.query),
            "region": lambda n: viewer.rerun(
                "region", page_name=REGION_PAGE, query=f"region={REGIONS[n % len(REGIONS)]}"
            ),
        }
        for kind, request in requests.items():
            for n in range(runs):
                await asyncio.sleep(SETTLE)
                before = cpu_seconds(pid)
                await request(n)
                await asyncio.sleep(SETTLE)
                spent[kind].append((cpu_seconds(pid) - before) * 1000)
    if step.errors:
        raise RuntimeError(f"errors: {step.errors[:3]}")
    return spent


def warm(base: str, pid: int, tries: int = 3) -> None:
    """Imports, caches and every region once, before anything is measured (a cold first
    map run may outlast a rerun's time limit while it derives the map files)."""
    for attempt in range(tries):
        try:
            asyncio.run(measure(base, pid, len(REGIONS)))
            return
        except (TimeoutError, RuntimeError):
            if attempt == tries - 1:
                raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=16, help="requests of each kind")
    args = parser.parse_args(argv)

    from geo.boundaries import ensure_boundaries

    ensure_boundaries()
    workdir = Path(tempfile.mkdtemp(prefix="rerun-cpu-"))
    try:
        cpus = set(os.sched_getaffinity(0))
        with server(ROOT / "app.py", seeded_store(workdir), cpus, workdir) as app:
            warm(app.url, app.pid)
            spent = asyncio.run(measure(app.url, app.pid, args.runs))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    summary = {kind: round(statistics.median(ms), 1) for kind, ms in spent.items()}
    for kind, ms in spent.items():
        print(f"{kind:7s} server CPU per rerun: median {statistics.median(ms):5.0f} ms, "
              f"mean {statistics.mean(ms):5.0f} ms ({len(ms)} runs)")  # fmt: skip
    print(json.dumps({"cpu_ms_median": summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
