"""More than one app process: viewers served behind nginx, 1 process against 2.

    python bench/cluster.py [--viewers 10,25,50,100] [--seconds 40]

Streamlit keeps each session in the memory of the process serving it, so capacity past one
process means several processes behind a load balancer that keeps each viewer on one of
them (docs/deploy.md). This starts Debian's nginx on loopback (installing it with apt-get
when missing and run as root) with the sticky configuration docs/deploy.md describes, in
front of 1 and then 2 app processes sharing one store and one cookie secret, and runs
bench/load.py's viewers through it. It prints each step and, per process count, the most
viewers served with p95 <= 500 ms and no errors. Everything listens on 127.0.0.1 and stops
on the way out.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import answering, free_port, seeded_store, server  # noqa: E402
from bench.load import measure, served, steps  # noqa: E402

#: The sticky-session proxy of docs/deploy.md, for loopback: the first response sets a
#: random `pantau_node` cookie, and the hash of that cookie picks the process, so a
#: viewer's page, websocket and downloads all reach the process that holds its session.
NGINX_CONF = """
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;

    map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
    map $cookie_pantau_node $pantau_node {{ "" $request_id; default $cookie_pantau_node; }}
    map $cookie_pantau_node $pantau_set_node {{
        "" "pantau_node=$request_id; Path=/; HttpOnly; SameSite=Lax";
        default "";
    }}
    upstream pantau {{
        hash $pantau_node consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://pantau;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 1h;
            proxy_buffering off;
            add_header Set-Cookie $pantau_set_node;
        }}
    }}
}}
"""


def nginx_binary() -> str:
    """Debian's nginx, installed with apt-get when missing (as root)."""
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("nginx is missing: sudo apt-get install nginx-light")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=True, env=env)
    return "/usr/sbin/nginx"


@contextmanager
def nginx(upstreams: list[str], workdir: Path):
    """nginx on a free loopback port in front of `upstreams` (host:port); yields its URL."""
    work = workdir / f"nginx-{len(upstreams)}"
    work.mkdir()
    port = free_port()
    servers = "\n".join(f"        server {u};" for u in upstreams)
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(work=work, servers=servers, port=port), encoding="utf-8")
    proc = subprocess.Popen(
        [nginx_binary(), "-c", str(conf), "-p", str(work), "-e", str(work / "nginx-error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with answering(proc, port, "/_stcore/health", "nginx") as url:
        yield url


def run(processes: int, counts: list[int], seconds: float, workdir: Path) -> list[dict]:
    """`processes` app processes on one store and one cookie secret, behind nginx."""
    env = {**seeded_store(workdir), "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    cpus = set(os.sched_getaffinity(0))
    with ExitStack() as stack:
        apps = [
            stack.enter_context(server(ROOT / "app.py", env, cpus, workdir))
            for _ in range(processes)
        ]
        url = stack.enter_context(nginx([a.url.removeprefix("http://") for a in apps], workdir))
        print(f"{processes} app process(es) behind nginx at {url}", flush=True)
        results = measure(url, [a.pid for a in apps], counts, seconds, [a.url for a in apps])
        reruns = [sum(e == "rerun" for e, _ in a.events()) for a in apps]
        print(f"reruns per process (the sticky hash spreads viewers): {reruns}")
        return results


def main(argv: list[str] | None = None) -> int:
    nginx_binary()
    counts, seconds = steps(argv, __doc__)
    summary = {}
    for processes in (1, 2):
        workdir = Path(tempfile.mkdtemp(prefix=f"cluster-bench-{processes}-"))
        try:
            summary[processes] = served(run(processes, counts, seconds, workdir))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    for processes, viewers in summary.items():
        print(f"{processes} process(es): {viewers} viewers served at p95 <= 500 ms, no errors")
    print(json.dumps({"served_1_process": summary[1], "served_2_processes": summary[2]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
