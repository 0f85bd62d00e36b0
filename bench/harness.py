"""What every benchmark needs: free loopback ports, CPUs split from the browser, timed servers.

Benchmarks start their own servers on 127.0.0.1 and stop them on the way out; nothing
here listens on another address.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def split_cpus() -> tuple[set[int], set[int]]:
    """(server CPUs, client CPUs): apart, so the client cannot starve the server.

    Headless Chromium draws WebGL on the CPU (no GPU here) and would otherwise take every
    core while the server is still finishing the very run being timed; in production the
    two never share a machine.
    """
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return set(cpus), set(cpus)
    half = len(cpus) // 2
    return set(cpus[half:]), set(cpus[:half])


def wait_until_up(url: str, proc: subprocess.Popen, what: str, limit: float = 90) -> None:
    """Poll `url` until it answers; fail early if `proc` died."""
    deadline = time.time() + limit
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"{what} exited with {proc.returncode}") from None
            if time.time() > deadline:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    """Terminate one process we started, killing it if it does not go."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@dataclass
class Server:
    url: str
    log: Path
    pid: int

    def events(self) -> list[tuple[str, float]]:
        """(event, seconds) logged by bench/timed_server.py: "rerun" and "finished"."""
        lines = self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []
        return [(e["event"], e["t"]) for e in map(json.loads, lines)]


@contextmanager
def server(
    script: Path,
    env: dict[str, str],
    cpus: set[int],
    workdir: Path,
) -> Iterator[Server]:
    """A timed `streamlit run` of `script` on a loopback port and `cpus`."""
    port = free_port()
    log = workdir / f"{script.stem}-{port}.jsonl"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "timed_server.py"), str(log), str(script),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=lambda: os.sched_setaffinity(0, cpus),
    )  # fmt: skip
    with answering(proc, port, "/_stcore/health", script.name) as url:
        yield Server(url, log, proc.pid)


@contextmanager
def answering(proc: subprocess.Popen, port: int, health: str, what: str) -> Iterator[str]:
    """The loopback URL of `proc` once it answers `health`; `proc` stops when the block ends."""
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + health, proc, what)
        yield url
    finally:
        stop(proc)


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def seeded_store(workdir: Path) -> dict[str, str]:
    """A fresh seeded store in `workdir`; the environment that points the app at it."""
    from data.db import open_store

    db = workdir / "pantau.db"
    open_store(db).close()
    return {"PANTAU_DB": str(db)}
