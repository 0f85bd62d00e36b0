"""Export every table, as CSV files or one XLSX workbook, for admins and anyone who wants
the data elsewhere (and as a backup: `python -m data import --restore` reads it back).

A cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return) would run as a
formula when a spreadsheet opens the file. In CSV it is written with a leading apostrophe,
which spreadsheets show as text (the importer takes it off again); in XLSX it is a text cell
with Excel's own quote prefix (the hidden apostrophe), so editing it keeps it text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import xlsxwriter
from sqlite_utils import Database

from data.readers import FORMULA_STARTS
from data.seed import TABLES

#: Everything a reader needs to use the export elsewhere: facts, vocabulary and the audit log.
EXPORT_TABLES = [*TABLES, "stages", "dimensions", "dimension_elements", "changes"]
#: Excel's limit on the text of one cell.
XLSX_CELL_LIMIT = 32767


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made inert; other values as they are."""
    if is_formula_like(value):
        return "'" + value
    return value


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def table_rows(db: Database, table: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one table, in primary-key order."""
    columns = [c.name for c in db[table].columns]
    return columns, db.execute(f"select * from [{table}] order by rowid").fetchall()


def table_csv(db: Database, table: str) -> str:
    columns, rows = table_rows(db, table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return out.getvalue()


WORKBOOK = "pantau-kota-cerdas.xlsx"


def export_all(db: Database, directory: Path) -> dict[str, int]:
    """Write `<table>.csv` per table (header = column names) and the same as one workbook;
    return rows written per table."""
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in EXPORT_TABLES:
        path = directory / f"{table}.csv"
        tmp = path.with_suffix(".csv.tmp")
        text = table_csv(db, table)
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        written[table] = db[table].count
    book = directory / WORKBOOK
    book.with_suffix(".xlsx.tmp").write_bytes(workbook(db))
    book.with_suffix(".xlsx.tmp").replace(book)
    return written


def workbook(db: Database) -> bytes:
    """One XLSX with a sheet per table; every cell written as what it is, never a formula."""
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    bold = book.add_format({"bold": True})
    inert = book.add_format({"quote_prefix": True})
    for table in EXPORT_TABLES:
        sheet = book.add_worksheet(table[:31])
        columns, rows = table_rows(db, table)
        sheet.write_row(0, 0, columns, bold)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    style = inert if is_formula_like(value) else None
                    sheet.write_string(r, c, value[:XLSX_CELL_LIMIT], style)
                elif value is not None:
                    sheet.write_number(r, c, value)
        sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
