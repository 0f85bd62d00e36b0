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
    return [part for part in raw.split(",") if part]


def put(key: str, value: str | Iterable[str] | None, default: str | None = None) -> None:
    """Write `value` into the URL; defaults and empty values are dropped to keep links short."""
    if value is not None and not isinstance(value, str):
        value = ",".join(str(v) for v in value)
    if value in (None, "", default):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def split_valid(values: list[str], allowed: Iterable[str]) -> tuple[list[str], list[str]]:
    """(known, unknown) so a page can keep the good part of a hand-edited link."""
    allowed = {str(a) for a in allowed}
    return [v for v in values if v in allowed], [v for v in values if v not in allowed]
