"""Exports: every table as CSV and one workbook, inert formulas, and a restorable backup."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from data import imports, migrations, seed
from data.access import admin
from data.db import connect
from data.export import export_all, neutralise, table_csv, workbook

FACTS = ["participations", "masterplans", "stage_events", "quick_wins", "scores"]
REFERENCE = ["provinces", "regions", "stages", "dimensions", "dimension_elements", "criteria"]
BOOKKEEPING = {"updated_by", "updated_at", "version"}


def _rows(db, table: str) -> list[tuple]:
    columns = [c.name for c in db[table].columns if c.name not in BOOKKEEPING]
    names = ", ".join(f"[{c}]" for c in columns)
    return db.execute(f"select {names} from [{table}] order by rowid").fetchall()


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_formula_like_text_is_neutralised(value):
    assert neutralise(value) == "'" + value


def test_numbers_and_plain_text_are_left_alone():
    assert (neutralise(-3.5), neutralise("Kota Cirebon")) == (-3.5, "Kota Cirebon")


def test_csv_export_neutralises_a_stored_formula(tmp_path):
    db = connect(tmp_path / "s.db")
    migrations.migrate(db)
    db["provinces"].insert({"code": "32", "bps_code": "32", "name": "=cmd|' /C calc'!A0"})
    assert "'=cmd|' /C calc'!A0" in table_csv(db, "provinces")


def test_workbook_keeps_a_stored_formula_as_quote_prefixed_text(tmp_path):
    db = connect(tmp_path / "s.db")
    migrations.migrate(db)
    db["provinces"].insert({"code": "32", "bps_code": "32", "name": "=cmd|' /C calc'!A0"})
    data = workbook(db)
    cell = pd.read_excel(io.BytesIO(data), engine="calamine", sheet_name="provinces", dtype=str)
    assert cell["name"][0] == "=cmd|' /C calc'!A0"
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert 'quotePrefix="1"' in book.read("xl/styles.xml").decode()
        assert "<f>" not in book.read("xl/worksheets/sheet1.xml").decode()


def test_workbook_has_a_sheet_per_table_with_the_rows(store):
    sheets = pd.read_excel(io.BytesIO(workbook(store)), engine="calamine", sheet_name=None)
    assert {"participations", "stage_events", "changes"} <= set(sheets)
    assert len(sheets["regions"]) == store["regions"].count


def test_export_then_restore_into_an_empty_store_reproduces_it(store, tmp_path):
    export_all(store, tmp_path / "export")
    empty = connect(tmp_path / "empty.db")
    migrations.migrate(empty)
    seed.reference(empty)
    for table in FACTS:
        data = (tmp_path / "export" / f"{table}.csv").read_bytes()
        report = imports.run(empty, admin("cli:restore"), data, table, kind=table, restore=True)
        assert report.applied, [str(p) for p in report.problems[:3]]
    for table in REFERENCE + FACTS:
        assert _rows(empty, table) == _rows(store, table), table
