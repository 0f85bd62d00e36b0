"""Downloadable import templates: Indonesian column names, one example row, and (in XLSX)
a second sheet explaining each column, so a secretariat can fill one in without a manual.

The example rows are real enough to pass a dry run on the seeded store, which a test checks.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import xlsxwriter

from components.i18n import translate
from data.columns import KINDS, Column
from data.writes import options

#: The template leaves out the BPS code (the Kemendagri code or the name is enough) and
#: what only an export carries.
_LEFT_OUT = {"bps_code", "participation_id", "source_name", "source_province", "status_provenance"}


def template_columns(kind: str) -> list[Column]:
    return [c for c in KINDS[kind] if c.field not in _LEFT_OUT]


def explanation(kind: str, column: Column, lang: str) -> str:
    """What a column holds, and the codes it accepts, in the reader's language."""
    text = translate(lang, f"kelola.col.{column.field}")
    allowed = options(kind, column.field)
    if allowed:
        text += " " + translate(lang, "kelola.template.allowed", values=", ".join(allowed))
    return text


def csv_template(kind: str) -> bytes:
    """UTF-8 with a BOM (so Excel shows the accents), comma separated, header + example."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in template_columns(kind)])
    writer.writerow([c.example for c in template_columns(kind)])
    return out.getvalue().encode("utf-8-sig")


def xlsx_template(kind: str, lang: str) -> bytes:
    """A workbook: the data sheet (every cell text, so codes keep their zeros) and a guide."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    # A fixed creation date: the same template is the same bytes (docs/templates is checked).
    book.set_properties({"created": datetime(2026, 1, 1, tzinfo=UTC)})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = book.add_format({"num_format": "@"})
    data = book.add_worksheet(translate(lang, "kelola.template.data_sheet"))
    for i, column in enumerate(template_columns(kind)):
        data.write_string(0, i, column.header, bold)
        data.write_string(1, i, column.example, text)
        data.set_column(i, i, max(14, len(column.header) + 2, len(column.example) + 2), text)
    data.freeze_panes(1, 0)
    guide = book.add_worksheet(translate(lang, "kelola.template.guide_sheet"))
    heads = ("kelola.template.column", "kelola.template.required", "kelola.template.meaning")
    for i, key in enumerate(heads):
        guide.write_string(0, i, translate(lang, key), bold)
    yes, no = translate(lang, "kelola.template.yes"), translate(lang, "kelola.template.no")
    for row, column in enumerate(template_columns(kind), start=1):
        guide.write_string(row, 0, column.header)
        needed = column.required or column.field in ("region_name", "source_url")
        guide.write_string(row, 1, yes if needed else no)
        guide.write_string(row, 2, explanation(kind, column, lang))
    guide.set_column(0, 0, 24)
    guide.set_column(1, 1, 10)
    guide.set_column(2, 2, 100)
    book.close()
    return buffer.getvalue()


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def files(kind: str, lang: str) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the CSV and XLSX template of one kind."""
    stem = f"templat-{kind.replace('_', '-')}"
    return [(f"{stem}.csv", csv_template(kind)), (f"{stem}.xlsx", xlsx_template(kind, lang))]
