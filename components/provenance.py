"""Showing where a value comes from: a source link, or a visible demo mark."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from data.catalog import DEMO


def is_demo(provenance: str | None) -> bool:
    return provenance == DEMO


def label(provenance: str | None, demo_text: str = "DEMO") -> str:
    """Short text for a provenance: the source's host name, or the demo mark."""
    if not provenance:
        return "–"
    if is_demo(provenance):
        return demo_text
    host = urlparse(provenance).netloc
    return host.removeprefix("www.").removeprefix("m.") if host else provenance[:40]


def badge(text: str) -> str:
    """Markdown for the demo badge used next to any demo value."""
    return f":orange-badge[:material/science: {text}]"


def visible(rows: pd.DataFrame, show_demo: bool, column: str = "provenance") -> pd.DataFrame:
    """The rows to show: all of them, or only sourced ones when demo values are switched off."""
    return rows if show_demo else rows[~rows[column].map(is_demo)]
