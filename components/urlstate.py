"""The URL is the view: widget state read from and written back to query parameters.

Officials share links, so every choice that changes what a page shows lives in
`st.query_params`; a value the URL does not allow is reported, never raised.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st


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
    if value in (None, "", default):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


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
