"""Importing a spreadsheet: a dry-run report first, then all of it or nothing.

`check` reads the file, recognises its columns and kind, resolves every row's region and
asks `data.writes.plan` what each row would do, collecting every problem (file row, column,
value, reason) instead of stopping at the first. `apply` then writes the checked rows
through `data.writes` inside one transaction: one refused row and nothing is written. The
shell command and the Kelola page both show the same report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlite_utils import Database

from components.i18n import translate
from data import changes, columns, writes
from data.access import Actor, Refused
from data.catalog import MASTERPLAN_STATUSES, QUICK_WIN_STATUSES, STATUSES
from data.db import write_transaction
from data.importer import Problem
from data.matching import RegionMatcher
from data.readers import Table, Unreadable, read_table, sheet_names

KINDS = columns.KINDS

Progress = Callable[[int, int], None]
#: Statuses each kind accepts, so a word is read as the status of the right vocabulary.
_STATUSES = {
    "stage_events": tuple(STATUSES),
    "masterplans": tuple(MASTERPLAN_STATUSES),
    "quick_wins": tuple(QUICK_WIN_STATUSES),
}
#: Fields that name the fact in a report line, after the region.
_LABEL = {
    "participations": ("cohort_year",),
    "stage_events": ("year", "stage"),
    "masterplans": ("cohort_year",),
    "quick_wins": ("year", "title"),
    "scores": ("year", "index_name", "criterion"),
}
#: Columns filled in by the store itself, not worth a word in the report.
_DERIVED = {"region_code", "participation_id", "track", "flag", "status_provenance"}


@dataclass(frozen=True)
class Line:
    """One file row that can be written: the values given and what writing them would do."""

    row: int
    values: dict
    plan: writes.Plan
    region: str
    label: str

    def fact(self) -> str:
        """The region's official name and what identifies the fact within it."""
        return f"{self.region} · {self.label}" if self.label else self.region

    def changes(self) -> str:
        """`field: old -> new` per changed field, `field: value` for a new row."""
        shown = {k: v for k, v in self.plan.changes.items() if k not in _DERIVED}
        if self.plan.action == "added":
            return "; ".join(f"{name}: {_text(new)}" for name, (_, new) in shown.items())
        return "; ".join(
            f"{name}: {_text(old) or '–'} -> {_text(new)}" for name, (old, new) in shown.items()
        )


@dataclass
class Report:
    """What an import would do (or did): per row added/changed/unchanged, and every problem."""

    filename: str
    kind: str | None = None
    lines: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    rows: int = 0
    applied: bool = False
    #: Restoring an export: demo values may come back, keeping their demo mark.
    restore: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.lines)

    def counts(self) -> dict[str, int]:
        found = {"added": 0, "changed": 0, "unchanged": 0}
        for line in self.lines:
            found[line.plan.action] += 1
        return found


def _problem(report: Report, row: int, column: str, value: object, explain) -> None:
    report.problems.append(
        Problem(report.filename, row, column, _text(value), explain("en"), explain)
    )


def _message(key: str, **params) -> Callable[[str], str]:
    return lambda lang: translate(lang, key, **params)


def _text(value: object) -> str:
    return "" if value is None else str(value)


_REGIONS = """select r.code, r.bps_code, r.name, r.kind, r.province_code,
                     p.name as province_name
              from regions r join provinces p on p.code = r.province_code order by r.code"""


def matcher(db: Database) -> RegionMatcher:
    """The region matcher over the store's own reference regions, built once per set of
    regions (they are reference data; a cheap fingerprint tells one set from another)."""
    fingerprint = db.execute(
        "select count(*), total(length(code || name || kind || province_code)) from regions"
    ).fetchone()
    return _matcher(db, tuple(fingerprint))


def _matcher(db: Database, fingerprint: tuple) -> RegionMatcher:
    if fingerprint not in _MATCHERS:
        cursor = db.execute(_REGIONS)
        names = [c[0] for c in cursor.description]
        _MATCHERS[fingerprint] = RegionMatcher(
            [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        )
    return _MATCHERS[fingerprint]


_MATCHERS: dict[tuple, RegionMatcher] = {}


def check(
    db: Database,
    data: bytes,
    filename: str,
    kind: str | None = None,
    source: str | None = None,
    progress: Progress | None = None,
    restore: bool = False,
    sheet: str | None = None,
) -> Report:
    """The dry run: read, recognise and plan every row; write nothing."""
    report = Report(filename, restore=restore)
    try:
        table = read_table(data, columns.recognised, sheet)
    except Unreadable as error:
        _problem(report, 0, "", filename, _message(f"kelola.file.{error.why}", **error.params))
        return report
    report.kind = kind or columns.detect_kind(table.headers)
    if report.kind not in columns.KINDS:
        seen = ", ".join(h for h in table.headers if h)
        _problem(report, table.header_row, "", seen, _message("kelola.file.kind", columns=seen))
        return report
    fields = columns.header_fields(table.headers, report.kind)
    report.ignored = [h for i, h in enumerate(table.headers) if h and i not in fields]
    if not _columns_ok(report, table, fields, source):
        return report
    _plan_rows(db, report, table, fields, source, progress)
    return report


def _columns_ok(report: Report, table: Table, fields: dict[int, str], source) -> bool:
    present = set(fields.values())
    missing = [
        c.header for c in columns.KINDS[report.kind] if c.required and c.field not in present
    ]
    if not present & columns.REGION_FIELDS:
        missing.insert(0, columns.REGION[0].header)
    if "source_url" not in present and not (source and source.strip()):
        missing.append(columns.SOURCE.header)
    for header in missing:
        _problem(report, table.header_row, header, "", _message("kelola.file.missing_column"))
    if not table.rows and not missing:
        _problem(report, table.header_row, "", "", _message("kelola.file.no_rows"))
    return not missing and bool(table.rows)


def _plan_rows(db, report: Report, table: Table, fields, source, progress) -> None:
    headers = {f: table.headers[i] for i, f in fields.items()}
    comma = columns.decimal_comma(
        [cells[i] for _, cells in table.rows for i, f in fields.items() if f == "value"],
        default=table.delimiter == ";",
    )
    regions = matcher(db)
    seen: dict[tuple, int] = {}
    report.rows = len(table.rows)
    for done, (row, cells) in enumerate(table.rows, start=1):
        given = {f: cells[i] for i, f in fields.items() if i < len(cells) and cells[i]}
        region = _region(report, regions, row, given, headers)
        if region is not None:
            values = _values(report.kind, given, region, source, comma)
            _plan_row(db, report, row, values, headers, seen, regions.name(region))
        if progress:
            progress(done, report.rows)


def _region(report, regions: RegionMatcher, row: int, given: dict, headers: dict) -> str | None:
    code = given.get("region_code") or given.get("bps_code")
    scheme = None if given.get("region_code") else "bps"
    match = regions.resolve(given.get("region_name"), given.get("province"), code, scheme)
    column = next(
        (headers[f] for f in ("region_name", "region_code", "bps_code") if f in given),
        columns.REGION[0].header,
    )
    value = given.get("region_name") or code or ""
    if match.flagged or not match.ok:
        problem = Problem(report.filename, row, column, value, match.reason, match.reason_in)
        (report.warnings if match.ok else report.problems).append(problem)
    return match.code


def _values(kind: str, given: dict, region: str, source: str | None, comma: bool) -> dict:
    """What the row gives, as `data.writes` takes it; blank cells are left out (kept)."""
    values: dict = {"region_code": region, "provenance": given.get("source_url") or source}
    for name, text in given.items():
        if name in columns.REGION_FIELDS or name == "source_url":
            continue
        if name in columns.DATE_FIELDS:
            text = columns.parse_date(text)
        elif name in columns.NUMBER_FIELDS:
            text = columns.parse_number(text, comma)
        elif name in ("stage", "dimension", "status"):
            text = columns.parse_word(name, text, _STATUSES.get(kind) if name == "status" else None)
        values[name] = text
    if kind in ("participations", "quick_wins", "scores") and given.get("region_name"):
        values.setdefault("source_name", given["region_name"])
    if kind == "participations" and given.get("province"):
        values.setdefault("source_province", given["province"])
    return values


def _plan_row(db, report: Report, row, values: dict, headers: dict, seen: dict, name) -> None:
    try:
        planned = writes.plan(db, report.kind, values, allow_demo=report.restore)
    except writes.Invalid as error:
        for e in error.errors:
            column = _column_of(e.field, headers)
            _problem(report, row, column, e.value, e.reason)
        return
    key = writes.fact_key(planned)
    if key in seen:
        explain = _message("kelola.file.duplicate", row=seen[key])
        _problem(report, row, headers.get(_LABEL[report.kind][-1], ""), "", explain)
        return
    seen[key] = row
    label = " · ".join(_text(values.get(f)) for f in _LABEL[report.kind] if values.get(f))
    report.lines.append(Line(row, values, planned, name, label))


def _column_of(field_name: str, headers: dict) -> str:
    if field_name == "provenance":
        return headers.get("source_url", "--source")
    if field_name == "region_code":
        return headers.get("region_name") or headers.get("region_code", "")
    return headers.get(field_name, field_name)


def apply(db: Database, actor: Actor, report: Report, progress: Progress | None = None) -> Report:
    """Write a checked report's rows in one transaction; on any refusal write nothing.

    A row that changed since the dry run is a conflict: the report is what the person saw
    and agreed to, so nothing is applied over a newer value.
    """
    if not report.ok:
        return report
    total = len(report.lines)
    try:
        with write_transaction(db):
            for done, line in enumerate(report.lines, start=1):
                expected = line.plan.version if line.plan.row_id is not None else None
                writes.save_within(db, actor, report.kind, line.values, expected, report.restore)
                if progress:
                    progress(done, total)
            detail = {"file": report.filename, **report.counts()}
            changes.record(db, actor, "import", report.kind, None, detail)
    except writes.Invalid as error:
        for e in error.errors:
            _problem(report, line.row, e.field, e.value, e.reason)
    except writes.Conflict as error:
        explain = _message("kelola.file.conflict", by=error.changed_by, at=error.changed_at)
        _problem(report, line.row, "", "", explain)
    except Refused:
        _problem(report, line.row, "", line.region, _message("kelola.file.refused"))
    else:
        report.applied = True
    return report


def run(
    db: Database,
    actor: Actor,
    data: bytes,
    filename: str,
    kind: str | None = None,
    source: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    restore: bool = False,
) -> Report:
    """Check, and unless `dry_run` (or a problem) apply: what the shell command does."""
    report = check(db, data, filename, kind, source, progress, restore)
    if dry_run or not report.ok:
        return report
    return apply(db, actor, report, progress)


def text_report(report: Report, dry_run: bool) -> str:
    """The report as the shell prints it: every row, then every problem, then the outcome."""
    out = [f"file: {report.filename}  kind: {report.kind or '?'}  rows: {report.rows}"]
    if report.ignored:
        out.append(f"ignored columns: {', '.join(report.ignored)}")
    for line in report.lines:
        detail = f": {line.changes()}" if line.changes() else ""
        out.append(f"row {line.row}: {line.plan.action} {line.fact()}{detail}")
    for title, found in (("warnings", report.warnings), ("problems", report.problems)):
        if found:
            out.append(f"{title} ({len(found)}):")
            out += [f"  row {p.row}, column {p.field!r} ({p.value!r}): {p.reason}" for p in found]
    counts = ", ".join(f"{k} {v}" for k, v in report.counts().items())
    if report.problems:
        outcome = "refused: nothing written"
    elif report.applied:
        outcome = "applied"
    else:
        outcome = "dry run: nothing written" if dry_run else "nothing to write"
    out.append(f"{counts}; problems {len(report.problems)}; {outcome}")
    return "\n".join(out)


#: The order facts are restored in: each refers to the participations before it.
RESTORE_ORDER = ["participations", "masterplans", "stage_events", "quick_wins", "scores"]


def is_export_workbook(data: bytes) -> bool:
    """Whether `data` is the workbook `data.export.workbook` writes (a sheet per table)."""
    return set(RESTORE_ORDER) <= set(sheet_names(data))


def restore_workbook(
    db: Database, actor: Actor, data: bytes, filename: str, progress: Progress | None = None
) -> list[Report]:
    """Read an export workbook back, fact table by fact table, in one transaction: every
    sheet applied, or (the first report with a problem says why) none."""
    reports = []
    try:
        with write_transaction(db):
            for table in RESTORE_ORDER:
                report = check(db, data, f"{filename}:{table}", table, None, progress, True, table)
                reports.append(apply(db, actor, report, progress))
                if not report.applied:
                    raise _Abandoned
    except _Abandoned:
        for report in reports:
            report.applied = False
    return reports


class _Abandoned(Exception):
    """A sheet of a restore was refused: roll the sheets before it back too."""
