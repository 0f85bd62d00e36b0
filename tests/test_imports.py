"""Importing spreadsheets people bring: what the dry run reports and what applying writes."""

from __future__ import annotations

import csv
import hashlib
import io
from contextlib import closing
from pathlib import Path

import pytest
import xlsxwriter

from data import imports, templates
from data.__main__ import main
from data.access import Actor, admin
from data.db import connect
from data.importer import SEED_DIR
from tests.conftest import copy_store

ADMIN = admin("cli:staff")
SOURCE = "https://example.go.id/laporan-2018"


@pytest.fixture
def store_path(session_store, tmp_path) -> Path:
    """A private copy of the seeded store."""
    return copy_store(session_store, tmp_path / "store.db")


@pytest.fixture
def db(store_path):
    with closing(connect(store_path)) as database:
        yield database


def content_hash(db) -> str:
    digest = hashlib.sha256()
    for table in sorted(db.table_names()):
        for row in db.execute(f"select * from [{table}] order by rowid"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def seed_rows(name: str) -> list[list[str]]:
    with open(SEED_DIR / name, encoding="utf-8") as f:
        return list(csv.reader(f))


def csv_bytes(rows, delimiter=",", encoding="utf-8", decimal_comma=False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_comma(c) if decimal_comma else c for c in row])
    return out.getvalue().encode(encoding)


def _comma(cell: str) -> str:
    try:
        float(cell)
    except ValueError:
        return cell
    return cell.replace(".", ",") if "." in cell and cell.count(".") == 1 else cell


def xlsx_bytes(rows, title: str | None = None, merged_header: bool = False) -> bytes:
    """A workbook as offices make them: a merged title row and a header merged over two rows."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Data")
    top = 0
    if title:
        sheet.merge_range(0, 0, 0, len(rows[0]) - 1, title)
        top = 2
    header, *data = rows
    if merged_header:
        sheet.merge_range(top, 0, top + 1, 0, header[0])
        sheet.merge_range(top, 1, top, len(header) - 1, "Keterangan roster")
        for i, name in enumerate(header[1:], start=1):
            sheet.write_string(top + 1, i, name)
        top += 2
    else:
        sheet.write_row(top, 0, header)
        top += 1
    for r, row in enumerate(data):
        for c, cell in enumerate(row):
            sheet.write_string(top + r, c, cell)
    book.close()
    return buffer.getvalue()


# --- done means: the seed's own files come back unchanged ---------------------------------


def test_seed_roster_from_semicolon_bom_export_changes_nothing(db):
    data = csv_bytes(seed_rows("cohorts.csv"), ";", "utf-8-sig", decimal_comma=True)
    report = imports.check(db, data, "angkatan.csv")
    assert report.problems == []
    assert report.counts() == {"added": 0, "changed": 0, "unchanged": 220}


def test_seed_scores_with_decimal_comma_change_nothing(db):
    data = csv_bytes(seed_rows("scores.csv"), ";", "utf-8-sig", decimal_comma=True)
    report = imports.check(db, data, "nilai.csv")
    assert report.problems == []
    assert report.counts()["changed"] == report.counts()["added"] == 0


def test_seed_roster_from_xlsx_with_title_and_merged_header_changes_nothing(db):
    data = xlsx_bytes(seed_rows("cohorts.csv"), "Daftar Angkatan 2017-2023", merged_header=True)
    report = imports.check(db, data, "angkatan.xlsx")
    assert report.problems == []
    assert report.counts() == {"added": 0, "changed": 0, "unchanged": 220}


# --- reading office files ------------------------------------------------------------------

ROSTER = [
    ["Kabupaten/Kota", "Provinsi", "Tahun Angkatan", "Sumber"],
    ["KAB. INDRAMAYU", "Jabar", "2018", SOURCE],
]


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8"])
def test_encodings_read_alike(db, encoding):
    rows = [*ROSTER, ["Kota Cirebon", "Jawa Barat", "2017", SOURCE + "?ü=é"]]
    report = imports.check(db, csv_bytes(rows, ",", encoding), "roster.csv")
    assert [line.region for line in report.lines] == ["Kabupaten Indramayu", "Kota Cirebon"]
    assert report.lines[1].values["provenance"].endswith("?ü=é")


def test_title_blank_and_note_rows_are_skipped_and_rows_keep_file_numbers(db):
    text = (
        "Daftar peserta Gerakan Menuju Smart City\r\n\r\n"
        "Nama Daerah;Provinsi;Tahun;Sumber\r\n"
        "Kab. Indramayu;Jawa Barat;2018;https://e.org/a\r\n\r\n"
        "Catatan: data sementara\r\n"
        "Kota Atlantis;Jawa Barat;2018;https://e.org/a\r\n"
    )
    report = imports.check(db, text.encode(), "roster.csv")
    assert [line.row for line in report.lines] == [4]
    assert [(p.row, p.field, p.value) for p in report.problems] == [
        (7, "Nama Daerah", "Kota Atlantis")
    ]


def test_english_headers_and_codes_without_names(db):
    rows = [["Region code", "Cohort year", "Source"], ["3212", "2018", SOURCE]]
    report = imports.check(db, csv_bytes(rows), "roster.csv")
    assert [line.region for line in report.lines] == ["Kabupaten Indramayu"]


def test_xlsx_codes_stay_text(db):
    rows = [["Kode Wilayah", "Tahun Angkatan", "Sumber"], ["32.10", "2018", SOURCE]]
    report = imports.check(db, xlsx_bytes(rows), "roster.xlsx")
    assert report.lines[0].plan.region_code == "32.10"


def test_decimal_comma_and_thousands_dot(db):
    rows = [
        ["Kabupaten/Kota", "Tahun", "Indeks", "Nilai", "Sumber"],
        ["Kota Cirebon", "2019", "Indeks Kota Cerdas Indonesia", "1.234,5", SOURCE],
    ]
    report = imports.check(db, csv_bytes(rows, ";"), "nilai.csv")
    assert report.lines[0].plan.values["value"] == 1234.5


def test_semicolon_file_with_decimal_points_keeps_them(db):
    rows = [
        ["Kabupaten/Kota", "Tahun", "Indeks", "Nilai", "Sumber"],
        ["Kota Cirebon", "2019", "Indeks Kota Cerdas Indonesia", "1.234", SOURCE],
        ["Kota Bandung", "2019", "Indeks Kota Cerdas Indonesia", "61.5", SOURCE],
    ]
    report = imports.check(db, csv_bytes(rows, ";"), "nilai.csv")
    assert [line.plan.values["value"] for line in report.lines] == [1.234, 61.5]


def test_words_people_write_become_codes(db):
    rows = [
        ["Kabupaten/Kota", "Tahun", "Tahap", "Tanggal", "Status", "Sumber"],
        ["Kab. Indramayu", "2018", "Bimtek II", "14 Agustus 2018", "Selesai", SOURCE],
    ]
    [line] = imports.check(db, csv_bytes(rows), "tahap.csv").lines
    assert (line.values["stage"], line.values["date"], line.values["status"]) == (
        "bimtek_2",
        "2018-08-14",
        "done",
    )


@pytest.mark.parametrize("kind", sorted(templates.KINDS))
def test_kind_is_detected_from_the_template_columns(db, kind):
    assert imports.check(db, templates.csv_template(kind), "t.csv").kind == kind


@pytest.mark.parametrize("kind", sorted(templates.KINDS))
def test_template_example_row_passes_the_dry_run(db, kind):
    report = imports.check(db, templates.xlsx_template(kind, "id"), "t.xlsx")
    assert report.problems == [] and len(report.lines) == 1


# --- the report ----------------------------------------------------------------------------


def _stage_file(date: str = "22/05/2018", name: str = "Kab. Indramayu") -> bytes:
    rows = [
        ["Kabupaten/Kota", "Tahun", "Tahap", "Tanggal", "Status", "Sumber"],
        [name, "2018", "mou", date, "selesai", SOURCE],
    ]
    return csv_bytes(rows)


def test_dry_run_shows_old_and_new_and_writes_nothing(db):
    before = content_hash(db)
    [line] = imports.check(db, _stage_file(), "tahap.csv").lines
    assert line.plan.action == "changed"
    assert "date: 2018-05-08 -> 2018-05-22" in line.changes()
    assert content_hash(db) == before


def test_unknown_region_offers_three_closest_with_province(db):
    [problem] = imports.check(db, _stage_file(name="Kab. Indramyau Raya"), "t.csv").problems
    assert (problem.row, problem.field) == (2, "Kabupaten/Kota")
    assert "Closest: Kabupaten Indramayu (32.12, Jawa Barat)" in problem.reason


def test_code_and_name_disagreeing_is_flagged_and_the_name_wins(db):
    rows = [
        ["Kabupaten/Kota", "Kode Wilayah", "Tahun Angkatan", "Sumber"],
        ["Kabupaten Indramayu", "32.74", "2018", SOURCE],
    ]
    report = imports.check(db, csv_bytes(rows), "roster.csv")
    assert report.lines[0].plan.region_code == "32.12"
    assert "the name wins" in report.warnings[0].reason


def test_same_fact_twice_in_a_file_is_a_problem(db):
    rows = [*ROSTER, ["Kabupaten Indramayu", "Jawa Barat", "2018", SOURCE]]
    [problem] = imports.check(db, csv_bytes(rows), "roster.csv").problems
    assert problem.row == 3 and "row 2" in problem.reason


def test_reasons_read_in_indonesian_in_the_app(db):
    rows = [["Kabupaten/Kota", "Tahun Angkatan", "Sumber"], ["Kota Cirebon", "20x8", SOURCE]]
    [problem] = imports.check(db, csv_bytes(rows), "roster.csv").problems
    assert problem.reason_in("id") == "harus berupa tahun 2015-2030"


# --- applying ------------------------------------------------------------------------------


def test_missing_source_refuses_the_file(db):
    rows = [["Kabupaten/Kota", "Tahun Angkatan"], ["Kota Cirebon", "2017"]]
    [problem] = imports.check(db, csv_bytes(rows), "roster.csv").problems
    assert problem.field == "Sumber"


def test_source_for_the_whole_file(db):
    rows = [["Kabupaten/Kota", "Tahun Angkatan"], ["Kabupaten Indramayu", "2018"]]
    report = imports.check(db, csv_bytes(rows), "roster.csv", source=SOURCE)
    assert report.lines[0].plan.values["provenance"] == SOURCE


def test_one_bad_row_and_nothing_is_written(db):
    before = content_hash(db)
    rows = [*ROSTER, ["Kota Cirebon", "Jawa Barat", "20x8", SOURCE]]
    report = imports.run(db, ADMIN, csv_bytes(rows), "roster.csv")
    assert not report.applied
    assert content_hash(db) == before


def test_applied_value_replaces_demo_and_names_source_and_actor(db):
    report = imports.run(db, ADMIN, _stage_file(), "tahap.csv")
    assert report.applied
    [row] = db.query(
        "select date, provenance, updated_by from stage_events "
        "where region_code = '32.12' and year = 2018 and stage = 'mou'"
    )
    assert row == {"date": "2018-05-22", "provenance": SOURCE, "updated_by": "cli:staff"}
    assert db.execute("select count(*) from changes where action = 'import'").fetchone()[0] == 1


def test_row_changed_after_the_dry_run_is_a_conflict(db):
    report = imports.check(db, _stage_file(), "tahap.csv")
    imports.run(db, ADMIN, _stage_file(date="23/05/2018"), "tahap.csv")
    before = content_hash(db)
    assert not imports.apply(db, ADMIN, report).applied
    assert "after the dry run" in report.problems[0].reason
    assert content_hash(db) == before


def test_editor_cannot_import_another_region(db):
    editor = Actor("tim@cirebonkota.go.id", "editor", frozenset({"32.74"}))
    report = imports.run(db, editor, _stage_file(), "tahap.csv")
    assert not report.applied
    assert "may not change" in report.problems[0].reason


# --- the shell -----------------------------------------------------------------------------


def test_cli_dry_run_prints_the_report_and_exits_zero(store_path, tmp_path, capsys):
    path = tmp_path / "tahap.csv"
    path.write_bytes(_stage_file())
    assert main(["--db", str(store_path), "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "row 2: changed Kabupaten Indramayu · 2018 · mou: date: 2018-05-08 -> 2018-05-22" in (
        out.out
    )
    assert "dry run: nothing written" in out.out
    assert "checking 1/1 rows" in out.err


def test_cli_exits_non_zero_on_any_problem(store_path, tmp_path, capsys):
    path = tmp_path / "tahap.csv"
    path.write_bytes(_stage_file(date="31/02/2018"))
    assert main(["--db", str(store_path), "import", str(path)]) == 1
    assert "row 2, column 'Tanggal' ('31/02/2018'): must be a date" in capsys.readouterr().out


def test_cli_applies_as_the_named_actor(store_path, db, tmp_path):
    path = tmp_path / "tahap.csv"
    path.write_bytes(_stage_file())
    assert main(["--db", str(store_path), "import", str(path), "--actor", "cli:budi"]) == 0
    assert db.execute("select actor from changes where action = 'import'").fetchone() == (
        "cli:budi",
    )


@pytest.mark.parametrize("kind", sorted(templates.KINDS))
def test_templates_in_docs_are_the_ones_the_app_offers(kind):
    docs = Path(__file__).resolve().parent.parent / "docs" / "templates"
    for name, data in templates.files(kind, "id"):
        assert (docs / name).read_bytes() == data, "run: python -m data templates docs/templates"
