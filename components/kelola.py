"""The Kelola Data page's tables: an import report and the templates, in the reader's language.

Pure: reports in, DataFrames and file bytes out. Every name and value from the file stays
a plain table cell, so nothing a spreadsheet holds is ever rendered as markup.
"""

from __future__ import annotations

import pandas as pd

from components import i18n
from data import templates
from data.importer import Problem
from data.imports import KINDS, Report

ACTIONS = ("added", "changed", "unchanged")


def kind_label(kind: str | None, lang: str) -> str:
    return i18n.translate(lang, f"kelola.kind.{kind or 'auto'}")


def counts(report: Report) -> dict[str, int]:
    """What the metrics above the report show."""
    return {
        **report.counts(),
        "problems": len(report.problems),
        "warnings": len(report.warnings),
    }


def lines_table(report: Report, lang: str) -> pd.DataFrame:
    """One row per file row that can be written: what it is and what would change."""
    return pd.DataFrame(
        {
            "row": [line.row for line in report.lines],
            "action": [
                i18n.translate(lang, f"kelola.action.{line.plan.action}") for line in report.lines
            ],
            "region": [line.region for line in report.lines],
            "fact": [line.label for line in report.lines],
            "changes": [line.changes() for line in report.lines],
        }
    )


def problems_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """Every problem as file row, column, value and reason (in the reader's language)."""
    return pd.DataFrame(
        {
            "row": [p.row for p in problems],
            "column": [p.field for p in problems],
            "value": [p.value for p in problems],
            "reason": [p.reason_in(lang) for p in problems],
        }
    )


def column_names(lang: str) -> dict[str, str]:
    keys = ("row", "action", "region", "fact", "changes", "column", "value", "reason")
    return {k: i18n.translate(lang, f"kelola.col_head.{k}") for k in keys}


def template_files(kind: str, lang: str) -> list[tuple[str, bytes, str, str]]:
    """(label, bytes, file name, MIME type) of the CSV and XLSX template of one kind."""
    mimes = {"csv": "text/csv", "xlsx": templates.XLSX_MIME}
    return [
        (name.rsplit(".", 1)[1].upper(), data, name, mimes[name.rsplit(".", 1)[1]])
        for name, data in templates.files(kind, lang)
    ]


def kinds() -> list[str]:
    return list(KINDS)
