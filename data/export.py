"""Export every table as CSV, for admins and for anyone who wants the data elsewhere."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlite_utils import Database

from data.seed import TABLES

#: Everything a reader needs to use the export elsewhere: facts, vocabulary and the audit log.
EXPORT_TABLES = [*TABLES, "stages", "dimensions", "dimension_elements", "changes"]


def export_all(db: Database, directory: Path) -> dict[str, int]:
    """Write `<table>.csv` per table (header = column names); return rows written per table."""
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in EXPORT_TABLES:
        columns = [c.name for c in db[table].columns]
        path = directory / f"{table}.csv"
        tmp = path.with_suffix(".csv.tmp")
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(columns)
            count = 0
            for row in db[table].rows:
                writer.writerow([row[c] for c in columns])
                count += 1
        tmp.replace(path)
        written[table] = count
    return written
