"""Benchmark imports: rows per second for a roster and a 50,000-row score sheet, CSV and XLSX.

    python bench/import.py [--scores 50000]

Each case imports into a fresh store holding only the reference regions (what a new
deployment has before its first import), times the dry run (read, match, plan every row)
and the apply (every row through `data.writes`, audited, in one transaction) separately,
and prints rows per second. The baseline, measured in the same run on the same rows, is
a raw `sqlite-utils` bulk insert with no reading, matching, validation or audit: the
ratio says what the checks cost. A roster cannot hold 10,000 distinct facts (514 regions
x 16 cohort years = 8,224), so its file is the 10,000-row sheet as offices send it: all
8,224 facts, then the first 1,776 again word for word; the dry run reads all 10,000 and
reports the repeats, and the apply writes the 8,224 distinct rows. The last line is one
JSON object with every figure.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data import imports, migrations, seed  # noqa: E402
from data.access import admin  # noqa: E402
from data.db import connect  # noqa: E402
from data.importer import YEARS  # noqa: E402

ACTOR = admin("bench")
SOURCE = "https://example.go.id/bench"


def fresh_store(directory: Path, name: str):
    db = connect(directory / f"{name}.db")
    migrations.migrate(db)
    seed.reference(db)
    return db


def roster_rows(db) -> list[list[str]]:
    names = [r[0] for r in db.execute("select name from regions order by code")]
    facts = [[name, str(year), SOURCE] for year in YEARS for name in names]
    return [["Kabupaten/Kota", "Tahun Angkatan", "Sumber"], *facts, *facts[: 10_000 - len(facts)]]


def score_rows(db, count: int) -> list[list[str]]:
    codes = [r[0] for r in db.execute("select code from regions order by code")]
    rows = [["Kode Wilayah", "Tahun", "Indeks", "Nilai", "Sumber"]]
    for i in range(count):
        year = YEARS[i // (len(codes) * 10) % len(YEARS)]
        index = f"Indeks Uji {i // len(codes) % 10} {i // (len(codes) * 10 * len(YEARS))}"
        rows.append([codes[i % len(codes)], str(year), index, f"{i % 997},{i % 10}", SOURCE])
    return rows


def as_csv(rows: list[list[str]]) -> bytes:
    return ("\r\n".join(";".join(row) for row in rows) + "\r\n").encode("utf-8-sig")


def as_xlsx(rows: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            sheet.write_string(r, c, cell)
    book.close()
    return buffer.getvalue()


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def import_case(directory: Path, name: str, kind: str, data: bytes, file_name: str) -> dict:
    db = fresh_store(directory, name)
    report, checking = timed(lambda: imports.check(db, data, file_name, kind))
    in_file, distinct = report.rows, report.lines
    if report.problems:  # the roster's repeated rows: apply the distinct ones
        report = imports.Report(file_name, kind, distinct)
    _, writing = timed(lambda: imports.apply(db, ACTOR, report))
    assert report.applied, [str(p) for p in report.problems[:3]]
    return {
        "rows_in_file": in_file,
        "dry_run_rows_per_s": round(in_file / checking),
        "rows_written": len(distinct),
        "apply_rows_per_s": round(len(distinct) / writing),
        "seconds": round(checking + writing, 2),
    }


def baseline(directory: Path, name: str, table: str, rows: list[dict]) -> float:
    """Rows per second of a bare bulk insert of the same facts."""
    db = fresh_store(directory, name)
    _, seconds = timed(lambda: db[table].insert_all(rows, batch_size=1000))
    return len(rows) / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scores", type=int, default=50_000)
    args = parser.parse_args()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        probe = fresh_store(directory, "probe")
        roster, scores = roster_rows(probe), score_rows(probe, args.scores)
        raw = {
            "participations": [
                {"region_code": c, "cohort_year": y, "provenance": SOURCE}
                for y in YEARS
                for (c,) in probe.execute("select code from regions")
            ],
            "scores": [
                {"region_code": r[0], "year": int(r[1]), "index_name": r[2], "value": 1.0}
                | {"kind": "external", "provenance": SOURCE}
                for r in scores[1:]
            ],
        }
        for kind, rows in (("participations", roster), ("scores", scores)):
            base = baseline(directory, f"base-{kind}", kind, raw[kind])
            for fmt, build in (("csv", as_csv), ("xlsx", as_xlsx)):
                case = f"{kind}-{fmt}"
                figures = import_case(directory, case, kind, build(rows), f"{case}.{fmt}")
                figures["baseline_bulk_insert_rows_per_s"] = round(base)
                figures["apply_vs_bulk_insert"] = round(figures["apply_rows_per_s"] / base, 3)
                results[case] = figures
                print(
                    f"{case:<20} {figures['rows_in_file']:>6} rows in file: dry run "
                    f"{figures['dry_run_rows_per_s']:>6} rows/s, apply "
                    f"{figures['apply_rows_per_s']:>6} rows/s ({figures['rows_written']} "
                    f"written; bulk insert {figures['baseline_bulk_insert_rows_per_s']} rows/s, "
                    f"ratio {figures['apply_vs_bulk_insert']}), {figures['seconds']} s in all"
                )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
