"""Showing where a value comes from: a source link, a team's report, or a visible demo mark."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from components import i18n
from data.catalog import DEMO
from data.edits import parse_reported


def is_demo(provenance: str | None) -> bool:
    return provenance == DEMO


def label(provenance: str | None, demo_text: str = "DEMO", lang: str = i18n.DEFAULT) -> str:
    """Short text for a provenance: the source's host name, who reported it, or the demo mark."""
    if not provenance:
        return "–"
    if is_demo(provenance):
        return demo_text
    if reported := reported_text(provenance, lang):
        return reported
    host = urlparse(provenance).netloc
    return host.removeprefix("www.").removeprefix("m.") if host else provenance[:40]


def reported_text(provenance: str | None, lang: str) -> str | None:
    """'Reported by the Kabupaten X team (person, date)' for a value entered in the app."""
    reported = parse_reported(provenance)
    if reported is None:
        return None
    key = "auth.reported.team" if reported.role == "editor" else "auth.reported.admin"
    return i18n.translate(
        lang,
        key,
        region=reported.region,
        person=reported.person,
        date=i18n.date_text(reported.day, lang),
    )


def source(provenance: str | None, lang: str) -> str | None:
    """A source column's cell: the URL or name, who reported it, nothing for a demo value."""
    if is_demo(provenance):
        return None
    return reported_text(provenance, lang) or provenance


def badge(text: str) -> str:
    """Markdown for the demo badge used next to any demo value."""
    return f":orange-badge[:material/science: {text}]"


def heading(text: str, demo_text: str, has_demo: bool) -> str:
    """A section heading: any section showing a demo value carries the badge in it."""
    return f"{text} {badge(demo_text)}" if has_demo else text


def any_demo(rows: pd.DataFrame, *columns: str) -> bool:
    """Whether any of `rows` rests on a demo value in any of `columns` (default provenance)."""
    return any(rows[c].map(is_demo).any() for c in columns or ("provenance",))


def visible(rows: pd.DataFrame, show_demo: bool, column: str = "provenance") -> pd.DataFrame:
    """The rows to show: all of them, or only sourced ones when demo values are switched off."""
    return rows if show_demo else rows[~rows[column].map(is_demo)]


def count_text(rows: pd.DataFrame, show_demo: bool, lang: str) -> str:
    """How many of `rows` are shown; with demo hidden, also how many demo ones were left
    out, so a 0 does not read as "none exist"."""
    shown = visible(rows, show_demo)
    hidden = len(rows) - len(shown)
    if not hidden:
        return str(len(shown))
    return i18n.translate(lang, "core.count_hidden", n=len(shown), hidden=hidden)
