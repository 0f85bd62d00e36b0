"""The single write path: one validated, atomic function per kind of fact.

Imports, the Kelola page and the region page's edit forms all change facts through here,
so every change is validated the same way, checked against what the actor may touch,
stamped with who made it, versioned, and audited (before and after) in the transaction
that makes it.

A fact is found by its natural key (a stage event is region + year + stage, a score is
region + year + kind + criterion, ...) so an imported real value lands on the demo row for
the same fact and replaces it, provenance included: the demo mark is simply the provenance
`demo`, and it goes away with the value. `plan` says what a write would do without doing
it; the dry-run report and the write itself share it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from data import access, changes, demo
from data.access import Actor
from data.catalog import (
    DEMO,
    DIMENSIONS,
    MASTERPLAN_STATUSES,
    QUICK_WIN_STATUSES,
    STAGE_ORDER,
    STATUSES,
    TRACKS,
    flag_for,
    track_for,
)
from data.db import write_transaction
from data.importer import YEARS, classify_score

#: Longest text a cell may hold: a title or a note, not a document.
MAX_TEXT = 2000
SCORE_KINDS = ("readiness", "evaluation", "evaluation_detail", "external")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class FieldError:
    """One field that cannot be written: its name, the value given and why, in plain words.

    `code` and `params` select the message in the `kelola` catalog, so the same reason reads
    in Indonesian in the app and in English in the shell.
    """

    field: str
    value: Any
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def reason(self, lang: str = "en") -> str:
        from components.i18n import translate

        return translate(lang, f"kelola.reason.{self.code}", **self.params)

    def __str__(self) -> str:
        return f"{self.field} = {_shown(self.value)}: {self.reason()}"


class Invalid(ValueError):
    """The values cannot be written; nothing was. Names every field that is wrong."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


class Conflict(Exception):
    """The row changed since the caller read it: nothing written; `current` is the row now."""

    def __init__(self, table: str, current: dict | None, expected_version: int):
        self.table, self.current, self.expected_version = table, current, expected_version
        who = current.get("updated_by") if current else None
        when = current.get("updated_at") if current else None
        self.changed_by, self.changed_at = who, when
        state = f"changed by {who} at {when}" if current else "removed"
        super().__init__(f"{table} row was {state} since version {expected_version}")


@dataclass(frozen=True)
class Plan:
    """What writing one candidate row would do: added, changed (old -> new) or unchanged.

    `save` returns it as written: `row_id` and `version` are then the stored row's.
    """

    table: str
    action: str
    region_code: str
    row_id: int | None
    values: dict
    changes: dict[str, tuple[Any, Any]]
    version: int
    #: Demo placeholder rows the new row replaces (quick wins only).
    replaces: tuple[int, ...] = ()


# --- field checks: raw value in, (clean value, error code, params) out ------------------

Checked = tuple[Any, str | None, dict]
Check = Callable[[Any], Checked]


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def text(required: bool = False, limit: int = MAX_TEXT) -> Check:
    def check(value: Any) -> Checked:
        if _blank(value):
            return None, ("required" if required else None), {}
        clean = str(value).strip()
        if len(clean) > limit:
            return None, "too_long", {"limit": limit}
        if _CONTROL.search(clean):
            return None, "control_chars", {}
        return clean, None, {}

    return check


def year(required: bool = True) -> Check:
    def check(value: Any) -> Checked:
        if _blank(value):
            return None, ("required" if required else None), {}
        raw = str(value).strip()
        raw = raw[:-2] if raw.endswith(".0") else raw
        if not re.fullmatch(r"\d{4}", raw) or int(raw) not in YEARS:
            return None, "year", {"low": YEARS[0], "high": YEARS[-1]}
        return int(raw), None, {}

    return check


def iso_date(value: Any) -> Checked:
    if _blank(value):
        return None, None, {}
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat(), None, {}
    raw = str(value).strip()
    try:
        if _ISO_DATE.fullmatch(raw):
            return date.fromisoformat(raw).isoformat(), None, {}
    except ValueError:
        pass
    return None, "date", {}


def choice(options: list[str] | tuple[str, ...], required: bool = False) -> Check:
    def check(value: Any) -> Checked:
        if _blank(value):
            return None, ("required" if required else None), {}
        clean = str(value).strip()
        if clean not in options:
            return None, "choice", {"options": ", ".join(options)}
        return clean, None, {}

    check.options = tuple(options)  # type: ignore[attr-defined]  # templates list them
    return check


def options(table: str, field_name: str) -> tuple[str, ...]:
    """The codes a field of `table` accepts (empty when it is not a fixed choice)."""
    return getattr(KINDS[table].checks.get(field_name), "options", ())


def number(value: Any) -> Checked:
    if _blank(value):
        return None, "required", {}
    try:
        clean = float(value)
    except (TypeError, ValueError):
        return None, "number", {}
    if not math.isfinite(clean):
        return None, "number", {}
    return clean, None, {}


def identifier(value: Any) -> Checked:
    """A row id another table refers to (a participation), as a positive whole number."""
    if _blank(value):
        return None, None, {}
    raw = str(value).strip().removesuffix(".0")
    if not raw.isdigit() or int(raw) < 1:
        return None, "number", {}
    return int(raw), None, {}


def url(value: Any) -> Checked:
    clean, code, params = text()(value)
    if clean is None or code:
        return clean, code, params
    if not re.match(r"https?://[^\s/]+\.[^\s]+$", clean, re.IGNORECASE):
        return None, "url", {}
    return clean, None, {}


def source(value: Any) -> Checked:
    """Where a value comes from: required, and never the demo mark."""
    clean, code, params = text(required=True)(value)
    if code:
        return None, ("source" if code == "required" else code), params
    if clean.lower() == DEMO:
        return None, "demo_reserved", {}
    return clean, None, {}


# --- the kinds of fact -------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """How one table is written: its field checks, natural key and derived columns."""

    table: str
    checks: Mapping[str, Check]
    key: tuple[str, ...]
    #: Cross-field rules on the merged row.
    rules: Callable[[dict], list[FieldError]] = lambda row: []
    #: Columns computed from the others on every write (track, flag, participation, ...).
    derive: Callable[[Database, dict, dict | None], list[FieldError]] = lambda db, row, existing: []

    @functools.cached_property
    def required(self) -> tuple[str, ...]:
        """Fields every stored row must have (their check refuses an empty value)."""
        return tuple(n for n, check in self.checks.items() if check(None)[1] == "required")


def _not_future(row: dict, date_field: str, status_field: str, done: tuple[str, ...]):
    when = row.get(date_field)
    if row.get(status_field) in done and when and when > date.today().isoformat():
        return [FieldError(date_field, when, "future", {})]
    return []


def _order(row: dict, first: str, then: str) -> list[FieldError]:
    if row.get(first) and row.get(then) and row[then] < row[first]:
        return [FieldError(then, row[then], "before", {"other": first})]
    return []


def _participation_by_year(db: Database, region: str, year: int | None) -> int | None:
    """The latest participation of `region` that started by `year` (the seed's rule)."""
    found = db.execute(
        """select id from participations where region_code = ? and cohort_year <= ?
           order by cohort_year desc, id desc limit 1""",
        (region, year),
    ).fetchone()
    return found[0] if found else None


def _derive_participation(db: Database, row: dict, existing: dict | None) -> list[FieldError]:
    if row.get("region_code") is None:
        return []
    province = row["region_code"].split(".")[0]
    row["track"] = row.get("track") or track_for(row.get("cohort_year"), province)
    row["flag"] = flag_for(row.get("note") or "", row.get("cohort_year"))
    return []


def _own_participation(db: Database, row: dict) -> list[FieldError]:
    """A participation named by id (a restored export) must be one of the row's region."""
    found = db.execute(
        "select region_code from participations where id = ?", (row["participation_id"],)
    ).fetchone()
    if found is None or found[0] != row.get("region_code"):
        return [FieldError("participation_id", row["participation_id"], "no_participation", {})]
    return []


def _derive_stage_event(db: Database, row: dict, existing: dict | None) -> list[FieldError]:
    if row.get("year") is None or row.get("region_code") is None:
        return []
    if row.get("participation_id") is not None:
        return _own_participation(db, row)
    row["participation_id"] = _participation_by_year(db, row["region_code"], row["year"])
    if row.get("participation_id") is None:
        return [FieldError("year", row["year"], "no_participation", {})]
    return []


def _derive_masterplan(db: Database, row: dict, existing: dict | None) -> list[FieldError]:
    """A masterplan belongs to a participation, named by its cohort year (not a column)."""
    if "cohort_year" not in row and row.get("participation_id") is not None:
        return _own_participation(db, row)
    cohort = row.pop("cohort_year", None)
    found = db.execute(
        "select id from participations where region_code = ? and cohort_year is ?",
        (row.get("region_code"), cohort),
    ).fetchone()
    if not found:
        return [FieldError("cohort_year", cohort, "no_participation", {})]
    row["participation_id"] = found[0]
    return []


def _derive_quick_win(db: Database, row: dict, existing: dict | None) -> list[FieldError]:
    if row.get("year") is None or row.get("title") is None:
        return []
    if row.get("participation_id") is not None:
        errors = _own_participation(db, row)
        if errors:
            return errors
    else:
        row["participation_id"] = _participation_by_year(db, row["region_code"], row["year"])
    if existing is None and row.get("status") is None:
        # Like the seed: a sourced quick win without a reported status gets a marked demo one.
        progress = demo.quick_win_progress(f"{row['region_code']}:{row['title']}", row["year"])
        row.update({k: v for k, v in progress.items() if row.get(k) is None})
    return []


def _derive_score(db: Database, row: dict, existing: dict | None) -> list[FieldError]:
    if row.get("kind") == "readiness" and not row.get("index_name"):
        row["index_name"] = "Readiness assessment"
    if not row.get("index_name"):
        return []
    kind, criterion = classify_score(row["index_name"])
    row["kind"] = row.get("kind") or kind
    if row.get("criterion") is None and row["kind"] == kind:
        row["criterion"] = criterion
    return []


def _fields(**checks: Check) -> dict[str, Check]:
    """Every fact names its region and its source; `checks` are the kind's own fields."""
    return {"region_code": text(required=True, limit=10), **checks, "provenance": source}


PARTICIPATIONS = Kind(
    table="participations",
    checks=_fields(
        cohort_year=year(required=False),
        track=choice(TRACKS),
        source_name=text(),
        source_province=text(),
        note=text(),
    ),
    key=("region_code", "cohort_year"),
    derive=_derive_participation,
)

STAGE_EVENTS = Kind(
    table="stage_events",
    checks=_fields(
        participation_id=identifier,
        year=year(),
        stage=choice(STAGE_ORDER, required=True),
        date=iso_date,
        status=choice(STATUSES),
    ),
    key=("participation_id", "year", "stage"),
    rules=lambda row: _not_future(row, "date", "status", ("done",)),
    derive=_derive_stage_event,
)

MASTERPLANS = Kind(
    table="masterplans",
    checks=_fields(
        cohort_year=year(required=False),
        participation_id=identifier,
        status=choice(MASTERPLAN_STATUSES),
        final_date=iso_date,
        adopted_date=iso_date,
        regulation=text(limit=200),
        document_url=url,
    ),
    key=("participation_id",),
    rules=lambda row: (
        _order(row, "final_date", "adopted_date")
        + [
            FieldError(f, row[f], "future", {})
            for f in ("final_date", "adopted_date")
            if row.get(f) and row[f] > date.today().isoformat()
        ]
    ),
    derive=_derive_masterplan,
)

QUICK_WINS = Kind(
    table="quick_wins",
    checks=_fields(
        year=year(),
        title=text(required=True, limit=300),
        dimension=choice([code for code, *_ in DIMENSIONS]),
        status=choice(QUICK_WIN_STATUSES),
        start_date=iso_date,
        due_date=iso_date,
        launched_date=iso_date,
        participation_id=identifier,
        status_provenance=text(),
        source_name=text(),
        note=text(),
    ),
    key=("region_code", "year", "title"),
    rules=lambda row: (
        _order(row, "start_date", "due_date")
        + _not_future(row, "launched_date", "status", ("launched",))
    ),
    derive=_derive_quick_win,
)

SCORES = Kind(
    table="scores",
    checks=_fields(
        year=year(),
        kind=choice(SCORE_KINDS),
        index_name=text(required=True, limit=300),
        criterion=text(limit=100),
        value=number,
        scale=text(limit=300),
        source_name=text(),
        note=text(),
    ),
    key=("region_code", "year", "kind", "criterion|index_name"),
    derive=_derive_score,
)

KINDS: dict[str, Kind] = {
    k.table: k for k in (PARTICIPATIONS, STAGE_EVENTS, MASTERPLANS, QUICK_WINS, SCORES)
}

#: Columns a plan compares; bookkeeping columns are never a "change".
_BOOKKEEPING = {"id", "version", "updated_by", "updated_at"}
#: Quick-win fields whose source is `status_provenance` rather than `provenance`.
_QUICK_WIN_STATUS = ("status", "start_date", "due_date", "launched_date")


# --- planning ------------------------------------------------------------------------------


def _validated(db: Database, kind: Kind, values: Mapping[str, Any], allow_demo: bool) -> dict:
    """The given fields cleaned; unknown fields and bad values raise `Invalid`."""
    clean, errors = {}, []
    for name, value in values.items():
        if name == "id":
            continue
        check = kind.checks.get(name)
        if check is None:
            errors.append(FieldError(name, value, "unknown_field", {}))
            continue
        cleaned, code, params = check(value)
        if code == "demo_reserved" and allow_demo:
            clean[name] = DEMO
        elif code:
            errors.append(FieldError(name, value, code, params))
        else:
            clean[name] = cleaned
    if "provenance" not in values:
        # Every write says where its value comes from, or it would keep an old (demo) source.
        errors.append(FieldError("provenance", None, "source", {}))
    code = clean.get("region_code")
    if code and not db.execute("select 1 from regions where code = ?", (code,)).fetchone():
        errors.append(FieldError("region_code", code, "unknown_region", {}))
    if errors:
        raise Invalid(errors)
    return clean


def _missing(kind: Kind, row: dict) -> list[FieldError]:
    return [
        FieldError(name, None, "required", {}) for name in kind.required if row.get(name) is None
    ]


def _key_pairs(kind: Kind, row: dict) -> list[tuple[str, Any]]:
    """(column, value) of the natural key; "a|b" means a when set, else b."""
    pairs = []
    for column in kind.key:
        if "|" in column:
            first, fallback = column.split("|")
            column = first if row.get(first) is not None else fallback
        pairs.append((column, row.get(column)))
    return pairs


def fact_key(planned: Plan) -> tuple:
    """The fact a plan writes: its stored row, or a new row's natural key (to spot two file
    rows about one fact)."""
    if planned.row_id is not None:
        return (planned.table, planned.row_id)
    return (planned.table, *(v for _, v in _key_pairs(KINDS[planned.table], planned.values)))


def _find(db: Database, kind: Kind, row: dict) -> dict | None:
    """The stored row with the same natural key (null-safe), or None."""
    pairs = _key_pairs(kind, row)
    where = " and ".join(f"[{c}] is ?" for c, _ in pairs)
    found = db.execute(
        f"select * from [{kind.table}] where {where} order by id limit 1", [v for _, v in pairs]
    )
    columns = [c[0] for c in found.description]
    hit = found.fetchone()
    return dict(zip(columns, hit, strict=True)) if hit else None


def _by_id(db: Database, kind: Kind, row_id: Any) -> dict:
    try:
        return db[kind.table].get(int(row_id))
    except (TypeError, ValueError, LookupError) as error:
        raise Invalid([FieldError("id", row_id, "no_row", {})]) from error


def _merged(db: Database, kind: Kind, existing: dict | None, clean: dict):
    """The stored row overlaid with the given fields, derived columns recomputed."""
    base = {k: v for k, v in (existing or {}).items() if k not in _BOOKKEEPING}
    row = {**base, **clean}
    return row, kind.derive(db, row, existing)


def plan(db: Database, table: str, values: Mapping[str, Any], allow_demo: bool = False) -> Plan:
    """What saving `values` into `table` would do, without writing anything.

    `values` holds only the fields being set: a field left out keeps its stored value (a
    status update need not repeat the title). With an `id` the row is that one (a form
    editing it, which may rename it); otherwise it is found by its natural key.
    `allow_demo` accepts the provenance `demo`: only restoring an export may, so that a
    restored demo value keeps its mark.
    """
    kind = KINDS[table]
    clean = _validated(db, kind, values, allow_demo)
    existing = _by_id(db, kind, values["id"]) if values.get("id") is not None else None
    row, errors = _merged(db, kind, existing, clean)
    if not errors and not _missing(kind, row):
        same_key = _find(db, kind, row)
        if existing is None and same_key is not None:
            existing = same_key
            row, errors = _merged(db, kind, existing, clean)
        elif same_key is not None and same_key["id"] != existing["id"]:
            errors.append(FieldError(kind.key[-1], row.get(kind.key[-1]), "duplicate", {}))
    if existing and row.get("region_code") != existing["region_code"]:
        errors.append(FieldError("region_code", row.get("region_code"), "moved", {}))
    errors += _missing(kind, row) + kind.rules(row)
    if errors:
        raise Invalid(errors)
    _provenance(kind, row, clean, existing)
    return _compare(db, kind, row, existing)


def _provenance(kind: Kind, row: dict, clean: dict, existing: dict | None) -> None:
    """Quick wins keep two sources: one for the title, one for the status and dates."""
    if kind is not QUICK_WINS:
        return
    if existing is not None and existing.get("provenance") != DEMO:
        row["provenance"] = existing["provenance"]
    if "status_provenance" in clean:
        row["status_provenance"] = clean["status_provenance"]
    elif any(f in clean for f in _QUICK_WIN_STATUS):
        row["status_provenance"] = clean["provenance"]


def _compare(db: Database, kind: Kind, row: dict, existing: dict | None) -> Plan:
    region = row["region_code"]
    if existing is None:
        replaces = _placeholders(db, row) if kind is QUICK_WINS else ()
        added = {k: (None, v) for k, v in row.items() if v is not None}
        return Plan(kind.table, "added", region, None, row, added, 0, replaces)
    diff = {
        k: (existing.get(k), v)
        for k, v in row.items()
        if k not in _BOOKKEEPING and existing.get(k) != v
    }
    action = "changed" if diff else "unchanged"
    return Plan(kind.table, action, region, existing["id"], row, diff, existing["version"])


def _placeholders(db: Database, row: dict) -> tuple[int, ...]:
    """Demo quick wins of the participation a real quick win now fills."""
    if row.get("provenance") == DEMO or row.get("participation_id") is None:
        return ()
    found = db.execute(
        "select id from quick_wins where participation_id = ? and provenance = ? order by id",
        (row["participation_id"], DEMO),
    )
    return tuple(r[0] for r in found.fetchall())


# --- writing -------------------------------------------------------------------------------


def save(db: Database, actor: Actor, table: str, values: Mapping[str, Any], **options) -> Plan:
    """Validate, check the actor, and write one fact atomically with its audit row.

    `options`: `expected_version` and `allow_demo`, as for `save_within`. Returns the plan
    as written (the row's id and new version). Raises `Invalid` (bad values),
    `access.Refused` (not the actor's region; audited) or `Conflict` (the row moved past
    `expected_version`); in each case nothing is written.
    """
    with write_transaction(db):
        return save_within(db, actor, table, values, **options)


def save_within(
    db: Database,
    actor: Actor,
    table: str,
    values: Mapping[str, Any],
    expected_version: int | None = None,
    allow_demo: bool = False,
) -> Plan:
    """`save` for a caller holding one `write_transaction` around many facts (an import):
    the same checks and audit, without a savepoint per row; the caller's transaction makes
    it all or nothing, and audits a refusal after its rollback."""
    if not db.conn.in_transaction:
        raise RuntimeError("save_within needs an open write_transaction")
    planned = plan(db, table, values, allow_demo)
    access.check(db, actor, planned.region_code, table, planned.row_id)
    if expected_version is not None and (
        planned.row_id is None or planned.version != expected_version
    ):
        current = db[table].get(planned.row_id) if planned.row_id else None
        raise Conflict(table, current, expected_version)
    if planned.action == "unchanged":
        return planned
    row_id = _write(db, actor, planned)
    return replace(planned, row_id=row_id, version=planned.version + 1)


def _insert(db: Database, table: str, values: dict) -> int:
    names = ", ".join(f"[{n}]" for n in values)
    marks = ", ".join("?" * len(values))
    return db.execute(
        f"insert into [{table}] ({names}) values ({marks})", list(values.values())
    ).lastrowid


def _update(db: Database, table: str, row_id: int, values: dict) -> None:
    assignments = ", ".join(f"[{n}] = ?" for n in values)
    db.execute(f"update [{table}] set {assignments} where id = ?", [*values.values(), row_id])


def _write(db: Database, actor: Actor, planned: Plan) -> int:
    """Plain SQL rather than sqlite-utils' insert: an import makes thousands of these."""
    values = {**planned.values, **changes.stamp(actor.name), "version": planned.version + 1}
    values.pop("id", None)
    if planned.action == "added":
        row_id = _insert(db, planned.table, values)
        detail = {"before": None, "after": planned.values}
        changes.record(db, actor, "add", planned.table, row_id, detail, planned.region_code)
    else:
        row_id = planned.row_id
        _update(db, planned.table, row_id, values)
        before = {k: old for k, (old, _) in planned.changes.items()}
        after = {k: new for k, (_, new) in planned.changes.items()}
        detail = {"before": before, "after": after}
        changes.record(db, actor, "change", planned.table, row_id, detail, planned.region_code)
    for placeholder in planned.replaces:
        gone = db[planned.table].get(placeholder)
        db[planned.table].delete(placeholder)
        detail = {"before": gone, "after": None, "replaced_by": row_id}
        changes.record(db, actor, "delete", planned.table, placeholder, detail, planned.region_code)
    return row_id


def save_participation(db, actor, values, expected_version=None) -> Plan:
    """A roster row: region + cohort year, with its source; track and flag follow from it."""
    return save(db, actor, "participations", values, expected_version=expected_version)


def save_stage_event(db, actor, values, expected_version=None) -> Plan:
    """A stage of the yearly cycle: region + year + stage, with date and status."""
    return save(db, actor, "stage_events", values, expected_version=expected_version)


def save_masterplan(db, actor, values, expected_version=None) -> Plan:
    """A participation's masterplan: region + cohort year, status, dates, regulation, URL."""
    return save(db, actor, "masterplans", values, expected_version=expected_version)


def save_quick_win(db, actor, values, expected_version=None) -> Plan:
    """A quick win: region + year + title (or its id, to rename), status and dates."""
    return save(db, actor, "quick_wins", values, expected_version=expected_version)


def save_score(db, actor, values, expected_version=None) -> Plan:
    """A score: region + year + kind + criterion (or index name for external indices)."""
    return save(db, actor, "scores", values, expected_version=expected_version)


def _shown(value: Any) -> str:
    text_value = repr(value) if not isinstance(value, str) else repr(value[:80])
    return text_value + ("…" if isinstance(value, str) and len(value) > 80 else "")
