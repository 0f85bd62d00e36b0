"""The message catalog: Bahasa Indonesia by default, English on request.

Messages live in gettext `.po` files under `locales/<lang>/LC_MESSAGES/`, one domain per
area of the app (core, overview, map, ...), read with Babel so translators use standard
tools. Message ids are stable keys such as `overview.title`, not source-language text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("id", "en")
DEFAULT = "id"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


@functools.cache
def catalog(lang: str) -> dict[str, str]:
    """All messages of one language, merged across domains."""
    messages: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with open(path, "rb") as f:
            for message in read_po(f, locale=lang):
                if message.id and message.string:
                    messages[str(message.id)] = str(message.string)
    return messages


def normalise(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT


def translate(lang: str, key: str, **values: object) -> str:
    """The message for `key`; a missing translation falls back to Indonesian, then the key."""
    text = catalog(normalise(lang)).get(key) or catalog(DEFAULT).get(key) or key
    return text.format(**values) if values else text


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    if value is None:
        return "–"
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=fmt, locale=_locale(lang))


def percent(value: float | None, lang: str) -> str:
    return "–" if value is None else format_percent(value, locale=_locale(lang))


def date_text(iso: str | None, lang: str) -> str:
    """A stored ISO date as people read it (`14 Des 2018` / `14 Dec 2018`)."""
    if not isinstance(iso, str) or not iso:  # None, or NaN from a pandas column
        return "–"
    from datetime import date

    return format_date(date.fromisoformat(iso[:10]), format="medium", locale=_locale(lang))


def separators(lang: str) -> str:
    """Plotly's `layout.separators` (decimal mark, then thousands) as the language writes
    numbers, so a chart's 3,33 matches the table beside it."""
    return ",." if normalise(lang) == "id" else ".,"


#: Month steps a time axis may use, so it shows at most `MAX_TICKS` labels.
MONTH_STEPS = (1, 2, 3, 4, 6, 12, 24, 36, 60)
MAX_TICKS = 8


def month_ticks(dates: Iterable[str], lang: str) -> dict:
    """Ticks for a time axis with month names in the language ("Mei 2018"); plotly itself
    writes English month names whatever the page's language."""
    from datetime import date

    days = sorted(date.fromisoformat(d[:10]) for d in dates if isinstance(d, str) and d)
    if not days:
        return {}
    first, last = days[0], days[-1]
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((s for s in MONTH_STEPS if count / s <= MAX_TICKS), MONTH_STEPS[-1])
    start = first.year * 12 + (first.month - 1 if step < 12 else 0)  # whole years from January
    end = last.year * 12 + last.month - 1
    months = range(start, end + 1, step)
    ticks = [date(m // 12, m % 12 + 1, 1) for m in months]
    return {
        "tickmode": "array",
        "tickvals": [d.isoformat() for d in ticks],
        "ticktext": [format_date(d, "MMM yyyy", locale=_locale(lang)) for d in ticks],
    }


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse("id_ID" if normalise(lang) == "id" else "en_GB")
