"""Reading office spreadsheets as people bring them: every cell as text, row numbers kept.

A CSV may come in UTF-8 with or without a BOM, UTF-16 or Windows-1252, with `;` or `,`,
CRLF line ends, a title row, blank rows and notes. An XLSX may have a title row and a
header merged over two rows; it is read with python-calamine through pandas with
`dtype=str`, so codes such as `32.10` or `0812` stay text. What the columns mean is the
importer's business: it passes a scoring function that says how many cells of a row it
recognises as column names, and the best-scoring row near the top is the header.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

#: How far down a title block may push the header row.
HEADER_SEARCH_ROWS = 20
DELIMITERS = (";", ",", "\t", "|")
#: First words of rows that are notes or totals rather than data.
NOTE_MARKERS = (
    "catatan",
    "keterangan",
    "ket.",
    "ket:",
    "note",
    "sumber:",
    "source:",
    "*",
    "#",
    "total",
    "jumlah",
)
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
#: What a cell may begin with that a spreadsheet would run as a formula; exports put an
#: apostrophe in front (see `data.export`), and reading takes it off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A cell may be long (the validation says so in words); the csv module must not choke first.
csv.field_size_limit(64 * 1024 * 1024)

HeaderScore = Callable[[list[str]], int]


class Unreadable(ValueError):
    """The file cannot be read as a table; `why` names a `kelola.file.*` message."""

    def __init__(self, why: str, **params: object):
        self.why, self.params = why, params
        super().__init__(why)


@dataclass(frozen=True)
class Table:
    """A sheet as text: its header and data rows, each with its row number in the file."""

    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]]
    sheet: str | None = None
    delimiter: str | None = None
    encoding: str | None = None


def cell_text(raw: str) -> str:
    """A cell's text without surrounding spaces or an export's formula-guarding apostrophe."""
    text = raw.strip()
    if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def is_spreadsheet(data: bytes) -> bool:
    return data.startswith((_ZIP, _OLE))


def read_table(data: bytes, score: HeaderScore, sheet: str | None = None) -> Table:
    """The table in `data` (XLSX/XLS/ODS by their signature, CSV otherwise): in a workbook,
    the sheet named `sheet`, else the sheet whose header is recognised best."""
    if not data or not data.strip():
        raise Unreadable("empty")
    if is_spreadsheet(data):
        return _read_workbook(data, score, sheet)
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    grid = _csv_rows(text, delimiter)
    table = _table(grid, score)
    return Table(table.headers, table.header_row, table.rows, None, delimiter, encoding)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: BOMs first, then UTF-16 by its zero bytes, UTF-8,
    and Windows-1252 (what Excel writes for "CSV" on an Indonesian Windows)."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return _decoded(data, encoding)
    head = data[:4000]
    if head.count(b"\x00") > len(head) // 4:
        odd_zeros = head[1::2].count(b"\x00") > head[0::2].count(b"\x00")
        return _decoded(data, "utf-16-le" if odd_zeros else "utf-16-be")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _decoded(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        raise Unreadable("encoding", encoding=encoding) from error


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most equally long rows."""
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    sample = "\n".join(lines)
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        common = Counter(w for w in widths if w > 1).most_common(1)
        count, width = (common[0][1], common[0][0]) if common else (0, 0)
        if (count, width) > best_score:
            best, best_score = delimiter, (count, width)
    return best


def _csv_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Rows with the file line each starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    try:
        for cells in reader:
            rows.append((line, [cell_text(c) for c in cells]))
            line = reader.line_num + 1
    except csv.Error as error:
        raise Unreadable("csv", line=line, detail=str(error)) from error
    return rows


def sheet_names(data: bytes) -> list[str]:
    """The sheets of a workbook (none for anything that is not one)."""
    try:
        return list(pd.ExcelFile(io.BytesIO(data), engine="calamine").sheet_names)
    except Exception:  # not a workbook, or a damaged one: read_table will say which
        return []


def _read_workbook(data: bytes, score: HeaderScore, sheet: str | None) -> Table:
    try:
        sheets = pd.read_excel(
            io.BytesIO(data), engine="calamine", dtype=str, header=None, sheet_name=sheet
        )
    except Exception as error:  # a damaged or disguised file, whatever the library says
        raise Unreadable("workbook", detail=type(error).__name__) from error
    sheets = {sheet: sheets} if sheet is not None else sheets
    best: Table | None = None
    best_score = -1
    for name, frame in sheets.items():
        grid = [
            (i + 1, ["" if pd.isna(v) else cell_text(str(v)) for v in values])
            for i, values in enumerate(frame.itertuples(index=False, name=None))
        ]
        try:
            table = _table(grid, score)
        except Unreadable:
            continue
        found = score(table.headers)
        if found > best_score:
            best, best_score = Table(table.headers, table.header_row, table.rows, name), found
    if best is None:
        raise Unreadable("no_header")
    return best


def _table(grid: list[tuple[int, list[str]]], score: HeaderScore) -> Table:
    """Find the header near the top (blank cells filled from the row above, as a merged
    header leaves them) and keep the data rows below it that hold anything but a note."""
    top = [(i, cells) for i, (_, cells) in enumerate(grid) if any(cells)][:HEADER_SEARCH_ROWS]
    best_at, best_headers, best_score = None, [], 0
    for position, (index, cells) in enumerate(top):
        above = top[position - 1][1] if position else []
        headers = [cell or (above[i] if i < len(above) else "") for i, cell in enumerate(cells)]
        found = score(headers)
        if found > best_score:
            best_at, best_headers, best_score = index, headers, found
    if best_at is None:
        raise Unreadable("no_header")
    width = len(best_headers)
    rows = []
    for number, cells in grid[best_at + 1 :]:
        cells = (cells + [""] * width)[:width] if len(cells) < width else cells
        if not any(cells) or _is_note(cells):
            continue
        rows.append((number, cells))
    return Table(best_headers, grid[best_at][0], rows)


def _is_note(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) == 1 and filled[0].lower().startswith(NOTE_MARKERS)
