"""`python bench/timed_server.py LOG SCRIPT [streamlit options]`: `streamlit run` that logs
when each rerun request arrives and when its `script_finished` message leaves.

One JSON line per event (`{"event": "rerun"|"finished", "t": perf_counter}`), so the
benchmark reads the server's own time per filter change, untouched by a browser that is
busy drawing.
"""

import json
import sys
import time

from streamlit.runtime.app_session import AppSession
from streamlit.web import cli


def main() -> None:
    log = open(sys.argv[1], "a", buffering=1, encoding="utf-8")  # noqa: SIM115 (lives as long as the server)

    def mark(event: str) -> None:
        log.write(json.dumps({"event": event, "t": time.perf_counter()}) + "\n")

    handle, enqueue = AppSession.handle_backmsg, AppSession._enqueue_forward_msg

    def handle_backmsg(self, msg):
        if msg.WhichOneof("type") == "rerun_script":
            mark("rerun")
        return handle(self, msg)

    def enqueue_forward_msg(self, msg):
        if msg.WhichOneof("type") == "script_finished":
            mark("finished")
        return enqueue(self, msg)

    AppSession.handle_backmsg = handle_backmsg
    AppSession._enqueue_forward_msg = enqueue_forward_msg
    sys.argv = ["streamlit", "run", *sys.argv[2:]]
    cli.main()


if __name__ == "__main__":
    main()
