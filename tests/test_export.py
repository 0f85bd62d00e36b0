"""Exports: every table as CSV and one workbook, inert formulas, and a restorable backup."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from data import imports, migrations, seed
from data.access import admin
from data.db import connect
from data.export import WORKBOOK, export_all, neutralise, table_csv, workbook

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


def test_csv_export_neutralises_a_stored_formula(empty_store):
    db = empty_store
    db["provinces"].insert({"code": "32", "bps_code": "32", "name": "=cmd|' /C calc'!A0"})
    assert "'=cmd|' /C calc'!A0" in table_csv(db, "provinces")


def test_workbook_keeps_a_stored_formula_as_quote_prefixed_text(empty_store):
    db = empty_store
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


def _empty(tmp_path):
    empty = connect(tmp_path / "empty.db")
    migrations.migrate(empty)
    seed.reference(empty)
    return empty


def test_export_workbook_restored_into_an_empty_store_reproduces_it(store, tmp_path):
    export_all(store, tmp_path / "export")
    empty = _empty(tmp_path)
    data = (tmp_path / "export" / WORKBOOK).read_bytes()
    reports = imports.restore_workbook(empty, admin("cli:restore"), data, WORKBOOK)
    assert [r.applied for r in reports] == [True] * len(FACTS), [
        str(p) for r in reports for p in r.problems[:3]
    ]
    for table in REFERENCE + FACTS:
        assert _rows(empty, table) == _rows(store, table), table


def test_one_exported_csv_restores_its_table(store, tmp_path):
    export_all(store, tmp_path / "export")
    empty = _empty(tmp_path)
    data = (tmp_path / "export" / "participations.csv").read_bytes()
    report = imports.run(empty, admin("cli:restore"), data, "p.csv", restore=True)
    assert report.applied
    assert _rows(empty, "participations") == _rows(store, "participations")


def test_a_refused_sheet_rolls_the_whole_restore_back(store, tmp_path):
    empty = _empty(tmp_path)
    exported = workbook(store)
    # A row already there shifts the ids the export's masterplans refer to: refused.
    empty["participations"].insert({"region_code": "32.12", "cohort_year": 2018})
    before = _rows(empty, "participations")
    reports = imports.restore_workbook(empty, admin("cli:restore"), exported, "w.xlsx")
    assert not any(r.applied for r in reports)
    assert _rows(empty, "participations") == before
    assert empty["masterplans"].count == 0
