"""The URL is the view: widget state read from and written back to query parameters.

Officials share links, so every choice that changes what a page shows lives in
`st.query_params`; a value the URL does not allow is reported, never raised.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx


def get(key: str, default: str | None = None) -> str | None:
    value = st.query_params.get(key)
    return value if value not in (None, "") else default


def get_list(key: str) -> list[str]:
    """A multi-valued parameter written as comma-separated values (`?year=2017,2018`)."""
    raw = st.query_params.get(key) or ""
    return list(dict.fromkeys(part for part in raw.split(",") if part))  # repeats count once


def put(key: str, value: object, default: str | None = None) -> None:
    """Write `value` into the URL; defaults and empty values are dropped to keep links short."""
    if isinstance(value, Iterable) and not isinstance(value, str):
        value = ",".join(str(v) for v in value)
    elif value is not None:
        value = str(value)
    written, sent = _written(), st.query_params.to_dict()
    if not written or sent != written[-1]:
        written[:] = [sent]  # the browser's URL: a link, Back, a reload
    if value in (None, "", default):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
    now = st.query_params.to_dict()
    if now != written[-1]:
        written[:] = [*written[-WRITTEN_KEPT + 1 :], now]


#: Session key of the URLs this session wrote on one page, oldest first: (page, [query]).
WRITTEN_KEY = "_url_written"
#: How many of them are kept: more than a user's quick changes in one server run.
WRITTEN_KEPT = 20


def _page() -> str:
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx else ""


def _written() -> list[dict[str, str]]:
    """The URLs `put` wrote on this page, oldest first (a list kept in the session)."""
    page, written = st.session_state.get(WRITTEN_KEY, (None, []))
    if page != _page():
        written = []
        st.session_state[WRITTEN_KEY] = (_page(), written)
    return written


def catch_up() -> None:
    """Call first in a widget's change callback: when the browser sent the change with a
    URL this session had already replaced, put back the latest one it wrote.

    Each run starts from the URL the browser sends. A user who changes a second filter
    before the first one's URL has reached the browser (a busy server) sends the URL
    without the first: the page then showed it, the user built on it, and the run that
    followed dropped it (quick successive filter changes were lost). A URL the session
    never wrote, or one reached by Back, is the browser's own and stands.
    """
    ctx = get_script_run_ctx()
    written = _written()
    sent = st.query_params.to_dict()
    if ctx and ctx.is_history_navigation or not written or sent == written[-1]:
        return
    if sent in written[:-1]:
        st.query_params.from_dict(written[-1])


def split_valid(values: list[str], allowed: Iterable[str]) -> tuple[list[str], list[str]]:
    """(known, unknown) so a page can keep the good part of a hand-edited link."""
    allowed = {str(a) for a in allowed}
    return [v for v in values if v in allowed], [v for v in values if v not in allowed]


#: Longest URL or typed value a notice repeats; a longer one is cut with an ellipsis.
ECHO_LIMIT = 40


def shortened(value: str, limit: int = ECHO_LIMIT) -> str:
    """A value as a notice repeats it: whole when short, else its start and an ellipsis, so a
    hostile link cannot stretch a warning over the page."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def oddities() -> list[tuple[str, dict[str, object]]]:
    """What the link says that the app reads differently, as (message key, values): a
    parameter given more than once (the last counts) and a value repeated in a list
    (counted once)."""
    found = []
    for key in st.query_params:
        given = st.query_params.get_all(key)
        if len(given) > 1:
            found.append(("core.url.repeated", {"param": key, "n": len(given), "value": given[-1]}))
        parts = [p for p in (given[-1] if given else "").split(",") if p]
        for value in dict.fromkeys(p for p in parts if parts.count(p) > 1):
            found.append(("core.url.duplicates", {"param": key, "value": value}))
    return [(k, {n: shortened(str(v)) for n, v in values.items()}) for k, values in found]
