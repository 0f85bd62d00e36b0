"""The map legend: a swatch, a name and a count for every colour on the map."""

from __future__ import annotations

from html import escape

from components import i18n, provenance
from components.map_measures import Colouring

SWATCH = (
    "display:inline-block;width:0.9em;height:0.9em;border:1px solid #777;"
    "border-radius:2px;margin-right:0.4em;vertical-align:-0.1em;background:{color}"
)


def title(colouring: Colouring, lang: str) -> str:
    """Markdown heading of the legend; demo-based measures carry the demo badge."""
    text = f"**{colouring.title}**"
    if colouring.demo:
        text += " " + provenance.badge(i18n.translate(lang, "core.demo"))
    return text


def html(colouring: Colouring) -> str:
    """One line per colour (HTML, for `st.markdown(..., unsafe_allow_html=True)`)."""
    rows = [
        f'<div><span style="{SWATCH.format(color=entry.color)}"></span>'
        f"{escape(entry.label)} <span style='color:#666'>({entry.count})</span></div>"
        for entry in colouring.legend
    ]
    return '<div style="font-size:0.88rem;line-height:1.7">' + "".join(rows) + "</div>"


def note(colouring: Colouring, lang: str) -> str | None:
    """What to keep in mind when reading the colours (demo values, first year, latest track)."""
    key = {
        "cohort": "map.legend.note.cohort",
        "track": "map.legend.note.track",
    }.get(colouring.measure, "map.legend.note.demo" if colouring.demo else None)
    return i18n.translate(lang, key) if key else None
