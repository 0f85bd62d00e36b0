"""Admin commands: `python -m data init`, `import FILE`, `export DIR`, `users ...`."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

import settings
from data import db as store
from data import imports, migrations, seed, templates, users
from data.access import admin
from data.export import WORKBOOK, export_all


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
    print(f"{directory / WORKBOOK}: every table, one sheet each")
    return 0


def import_command(path: Path, args: argparse.Namespace) -> int:
    """Check a spreadsheet and, unless --dry-run, apply it; exit 1 on any problem."""
    db = store.open_store(path)
    actor = admin(args.actor or f"cli:{getpass.getuser()}")
    data = args.file.read_bytes()
    if args.restore and imports.is_export_workbook(data):
        reports = imports.restore_workbook(db, actor, data, args.file.name, _counter("restoring"))
        for report in reports:
            print(imports.text_report(report, dry_run=False))
        return 0 if all(r.applied for r in reports) else 1
    report = imports.check(
        db, data, args.file.name, args.kind, args.source, _counter("checking"), args.restore
    )
    if report.ok and not args.dry_run:
        imports.apply(db, actor, report, _counter("writing"))
    print(imports.text_report(report, dry_run=args.dry_run))
    return 0 if report.ok else 1


def _counter(phase: str):
    """A progress counter on stderr, so stdout stays the report: in place on a terminal
    (every percent), one line per tenth otherwise (a log file)."""
    live = sys.stderr.isatty()
    shown = {"step": -1}

    def progress(done: int, total: int) -> None:
        step = done * (100 if live else 10) // max(total, 1)
        if step != shown["step"]:
            shown["step"] = step
            end = "\n" if done == total or not live else ""
            print(f"\r{phase} {done}/{total} rows", end=end, file=sys.stderr, flush=True)

    return progress


def templates_command(directory: Path, lang: str) -> int:
    """Write the CSV and XLSX import template of every kind into DIRECTORY."""
    directory.mkdir(parents=True, exist_ok=True)
    for kind in templates.KINDS:
        for name, data in templates.files(kind, lang):
            (directory / name).write_bytes(data)
            print(directory / name)
    return 0


def _import_parser(sub) -> None:
    parser = sub.add_parser("import", help="import a CSV/XLSX of facts (dry run with --dry-run)")
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    parser.add_argument("--kind", choices=sorted(imports.KINDS), help="default: from columns")
    parser.add_argument("--actor", help="who the audit log names (default cli:<login>)")
    parser.add_argument("--source", help="source URL for rows without a source column")
    parser.add_argument(
        "--restore",
        action="store_true",
        help="FILE is from `export` (a table's CSV, or the whole workbook): demo values "
        "come back with their demo mark",
    )


def users_command(path: Path, args: argparse.Namespace) -> int:
    """Manage who may edit: the shell is a local administrator (`cli:<login>`)."""
    db = store.open_store(path)
    actor = admin(f"cli:{getpass.getuser()}")
    if args.users_command == "list":
        for row in users.listing(db):
            print(f"{row['email']}\t{row['role']}\t{row['regions'] or ''}")
        return 0
    try:
        if args.users_command == "add":
            saved = users.add(db, actor, args.email, args.role, args.region or [])
            print(f"{saved['email']}: {saved['role']} {' '.join(saved['regions'])}".rstrip())
            return 0
    except users.UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if users.remove(db, actor, args.email):
        print(f"{users.normalise_email(args.email)}: removed (now a viewer)")
        return 0
    print(f"error: no user {args.email!r}", file=sys.stderr)
    return 1


def _users_parser(sub) -> None:
    parser = sub.add_parser("users", help="who may edit: add, list or remove users")
    commands = parser.add_subparsers(dest="users_command", required=True)
    add = commands.add_parser("add", help="give EMAIL a role (editors: one or more regions)")
    add.add_argument("email")
    add.add_argument("--role", choices=["admin", "editor", "viewer"], required=True)
    add.add_argument("--region", action="append", help="a region code such as 32.12")
    commands.add_parser("list", help="every user with role and regions")
    remove = commands.add_parser("remove", help="remove EMAIL (they become a viewer)")
    remove.add_argument("email")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data", description=__doc__)
    parser.add_argument("--db", type=Path, default=None, help="store path (default PANTAU_DB)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create, migrate and seed the store")
    exp = sub.add_parser("export", help="write one CSV per table and one XLSX into DIR")
    exp.add_argument("directory", type=Path)
    _users_parser(sub)
    _import_parser(sub)
    tpl = sub.add_parser("templates", help="write the import templates (CSV and XLSX) into DIR")
    tpl.add_argument("directory", type=Path)
    tpl.add_argument("--lang", choices=["id", "en"], default="id", help="language of the guide")
    args = parser.parse_args(argv)
    path = args.db or settings.db_path()
    if args.command == "init":
        return init(path)
    if args.command == "users":
        return users_command(path, args)
    if args.command == "import":
        return import_command(path, args)
    if args.command == "templates":
        return templates_command(args.directory, args.lang)
    return export(path, args.directory)


if __name__ == "__main__":
    sys.exit(main())
