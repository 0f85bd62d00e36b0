"""Admin commands: `python -m data init` and `python -m data export DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import settings
from data import db as store
from data import migrations, seed
from data.export import export_all


def init(path: Path) -> int:
    db = store.connect(path)
    applied = migrations.migrate(db)
    print(f"store: {path}")
    print(f"migrations applied: {applied or 'none (schema up to date)'}")
    report = seed.seed(db)
    if report.skipped:
        print("seed: already seeded, nothing changed")
        return 0
    for table, count in report.counts.items():
        print(f"  {table:<16} {count:>6} rows")
    print(f"roster/quick-win/score rows not imported: {len(report.problems)}")
    for problem in report.problems:
        print(f"  - {problem}")
    return 0


def export(path: Path, directory: Path) -> int:
    db = store.open_store(path)
    for table, count in export_all(db, directory).items():
        print(f"{directory / (table + '.csv')}: {count} rows")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data", description=__doc__)
    parser.add_argument("--db", type=Path, default=None, help="store path (default PANTAU_DB)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create, migrate and seed the store")
    exp = sub.add_parser("export", help="write one CSV per table into DIR")
    exp.add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    path = args.db or settings.db_path()
    if args.command == "init":
        return init(path)
    return export(path, args.directory)


if __name__ == "__main__":
    sys.exit(main())
