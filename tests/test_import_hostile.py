"""Hostile and malformed files: always a report, never a traceback, never a partial write.

Hypothesis generates over a thousand files (1,020) (CSV in mixed encodings and separators,
XLSX with formulas and merged cells, and raw bytes); every one carries at least one row
that must be refused, so the store must come out of all of them exactly as it went in.
A real subprocess killed with SIGKILL in the middle of writing leaves the store intact.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from contextlib import closing

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.kelola import lines_table, problems_table
from data import imports, templates
from data.access import admin
from data.db import connect
from data.importer import SEED_DIR, read_csv
from tests.conftest import ROOT, copy_store
from tests.test_imports import content_hash

ADMIN = admin("cli:hostile")
POISON = ["Kota Atlantis", "Jawa Barat", "2018", "https://e.org/a"]
NASTY = [
    '=HYPERLINK("http://evil.example","klik")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**tebal** [tautan](http://evil.example)",
    "\x00",
    "a\x07b\x1b[31m",
    "Kota Cirebon",
    "KAB. INDRAMAYU",
    "2018",
    "20x8",
    "",
    "3,25",
    "1.234,5",
    "NaN",
    "inf",
    "9" * 40,
    "Jawa Barat",
    "https://e.org/a",
    "demo",
    "’“”",
    "🏙️",
    "Ｋｏｔａ",
    "\ufeff",
    '"',
    ";",
    ",",
    "\r\n",
    "31/02/2018",
    "x" * 3000,
]
HEADERS = [[c.header for c in templates.template_columns(k)] for k in templates.KINDS]
cells = st.one_of(st.sampled_from(NASTY), st.text(max_size=12))
rows = st.lists(st.lists(cells, max_size=8), max_size=6)
header = st.one_of(st.sampled_from(HEADERS), st.lists(cells, min_size=1, max_size=8))
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]
EXAMPLES = {"csv": 600, "xlsx": 220, "bytes": 200}


def generated(examples: int):
    """Hypothesis settings for these tests: no deadline (a shared CI core), no example DB."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.fixture(scope="module")
def store(session_store, tmp_path_factory):
    """One copy of the seeded store for every generated file (each must leave it as is)."""
    path = tmp_path_factory.mktemp("hostile") / "store.db"
    copy_store(session_store, path)
    with closing(connect(path)) as database:
        before = content_hash(database)
        yield database
        assert content_hash(database) == before


def _refused_and_untouched(store, data: bytes, name: str) -> None:
    writes_before = store.conn.total_changes
    report = imports.run(store, ADMIN, data, name)
    assert not report.applied and report.problems
    assert store.conn.total_changes == writes_before
    for problem in report.problems:
        assert isinstance(problem.reason_in("id"), str) and isinstance(problem.value, str)
    # What the page would show: plain cells holding the file's text as it was.
    problems_table(report.problems, "id")
    lines_table(report, "en")


def _poisoned(body: list[list[str]], at: int) -> list[list[str]]:
    return [*body[:at], POISON, *body[at:]]


@generated(EXAMPLES["csv"])
@given(
    head=header,
    body=rows,
    at=st.integers(0, 6),
    delimiter=st.sampled_from([";", ",", "\t", "|"]),
    newline=st.sampled_from(["\r\n", "\n"]),
    encodings=st.lists(st.sampled_from(ENCODINGS), min_size=1, max_size=2),
)
def test_hostile_csv_is_refused_with_a_report(store, head, body, at, delimiter, newline, encodings):
    lines = [
        delimiter.join(f'"{c}"' if delimiter in c else c for c in row)
        for row in [head, *_poisoned(body, at)]
    ]
    # Mixed encodings: the first half of the lines in one, the rest in another.
    half = len(lines) // 2
    parts = [newline.join(lines[:half]), newline.join(lines[half:])]
    data = b"".join(
        part.encode(encodings[i % len(encodings)], errors="replace") + newline.encode()
        for i, part in enumerate(parts)
    )
    _refused_and_untouched(store, data, "hostile.csv")


def _xlsx(head: list[str], body: list[list[str]], merge: bool, formulas: bool) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet()
    top = 0
    if merge:
        sheet.merge_range(0, 0, 0, max(len(head), 2) - 1, "Judul laporan")
        top = 1
    for r, row in enumerate([head, *body], start=top):
        for c, cell in enumerate(row):
            if formulas and cell.startswith("="):
                sheet.write_formula(r, c, cell)
            else:
                sheet.write_string(r, c, cell[:32767])
    book.close()
    return buffer.getvalue()


@generated(EXAMPLES["xlsx"])
@given(head=header, body=rows, at=st.integers(0, 6), merge=st.booleans(), formulas=st.booleans())
def test_hostile_xlsx_is_refused_with_a_report(store, head, body, at, merge, formulas):
    data = _xlsx(head, _poisoned(body, at), merge, formulas)
    _refused_and_untouched(store, data, "hostile.xlsx")


@generated(EXAMPLES["bytes"])
@given(
    prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\xff\xfe", b"\xef\xbb\xbf"]),
    noise=st.binary(max_size=400),
)
def test_random_bytes_are_refused_with_a_report(store, prefix, noise):
    _refused_and_untouched(store, prefix + noise, "noise.xlsx")


def test_one_megabyte_cell_is_named_and_refused(store):
    rows = [
        "Kabupaten/Kota,Tahun Angkatan,Sumber,Catatan",
        f"Kabupaten Indramayu,2018,https://e.org/a,{'x' * 1_000_000}",
    ]
    report = imports.run(store, ADMIN, "\n".join(rows).encode(), "besar.csv")
    [problem] = report.problems
    assert (problem.row, problem.field) == (2, "Catatan")
    assert "too long" in problem.reason


def test_hundred_thousand_rows_give_a_report_and_write_nothing(store):
    body = "Kota Atlantis,2018,https://e.org/a\n" * 100_000
    data = ("Kabupaten/Kota,Tahun Angkatan,Sumber\n" + body).encode()
    writes_before = store.conn.total_changes
    report = imports.run(store, ADMIN, data, "banyak.csv")
    assert report.rows == 100_000 and len(report.problems) == 100_000
    assert report.problems[-1].row == 100_001
    assert store.conn.total_changes == writes_before


def _scores_file(rows: int) -> bytes:
    """Distinct facts: 78 regions x 25 indices per year, decimal commas, a BOM."""
    regions = [r["code"] for r in read_csv(SEED_DIR / "regions.csv")][:78]
    per_year = len(regions) * 25
    lines = ["Kode Wilayah;Tahun;Indeks;Nilai;Sumber"]
    lines += [
        f"{regions[i % len(regions)]};{2015 + i // per_year};Indeks Uji {i // len(regions) % 25};"
        f"{i % 97},5;https://e.org/s"
        for i in range(rows)
    ]
    return "\r\n".join(lines).encode("utf-8-sig")


def test_sigkill_while_writing_leaves_the_store_as_it_was(session_store, tmp_path):
    path = tmp_path / "store.db"
    copy_store(session_store, path)
    with closing(connect(path)) as db:
        counts = {t: db[t].count for t in ("scores", "changes")}
    upload = tmp_path / "nilai.csv"
    upload.write_bytes(_scores_file(6_000))
    process = subprocess.Popen(
        [sys.executable, "-m", "data", "--db", str(path), "import", str(upload)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    seen = []
    for line in process.stderr:
        seen.append(line)
        # The second "writing" line comes a tenth of the way in: over a thousand rows
        # written inside the open transaction.
        if len([s for s in seen if s.startswith("writing")]) == 2:
            process.send_signal(signal.SIGKILL)
            break
    assert process.wait(timeout=60) == -signal.SIGKILL, seen
    with closing(connect(path)) as db:
        assert db.execute("pragma integrity_check").fetchone() == ("ok",)
        assert {t: db[t].count for t in counts} == counts
