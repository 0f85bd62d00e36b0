"""Exported tables carry their own context, so a CSV passed around still says what it holds."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pandas as pd

from data.export import neutralise


def csv_with_header(table: pd.DataFrame, lines: Sequence[str]) -> str:
    """CSV whose first lines (starting with `#`) say what was exported and how it was filtered.

    Text a spreadsheet would run as a formula (a quick win titled `=HYPERLINK(...)`) is
    written inert, as in every export (`data.export.neutralise`).
    """
    out = io.StringIO()
    for line in lines:
        out.write(f"# {line}\n")
    table.map(neutralise).to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL)
    return out.getvalue()


def for_excel(text: str) -> bytes:
    """The CSV as UTF-8 with a byte-order mark: without it Excel on Windows reads the file
    in the local ANSI code page and garbles "—", "–" and accented names."""
    return text.encode("utf-8-sig")
