"""Versioned schema migrations.

Each migration runs once, in order, inside a transaction, and is recorded in
`_migrations`. Old stores upgrade in place; running `migrate` again is a no-op.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlite_utils import Database

Migration = tuple[int, str, Callable[[Database], None]]

AUDIT = {"updated_by": str, "updated_at": str}


def _m1_reference(db: Database) -> None:
    db["provinces"].create({"code": str, "bps_code": str, "name": str}, pk="code")
    db["regions"].create(
        {
            "code": str,
            "bps_code": str,
            "name": str,
            "kind": str,
            "province_code": str,
            "lat": float,
            "lng": float,
        },
        pk="code",
        foreign_keys=[("province_code", "provinces", "code")],
    )
    db["participations"].create(
        {
            "id": int,
            "region_code": str,
            "cohort_year": int,
            "track": str,
            "flag": str,
            "source_name": str,
            "source_province": str,
            "provenance": str,
            "note": str,
            **AUDIT,
        },
        pk="id",
        foreign_keys=[("region_code", "regions", "code")],
    )
    db["participations"].create_index(["region_code"])
    db["import_issues"].create(
        {"id": int, "source": str, "row": int, "field": str, "value": str, "reason": str},
        pk="id",
    )
    db["meta"].create({"key": str, "value": str}, pk="key")


def _m2_programme(db: Database) -> None:
    db["stages"].create({"code": str, "position": int, "name_id": str, "name_en": str}, pk="code")
    db["dimensions"].create(
        {"code": str, "position": int, "name": str, "name_id": str, "name_en": str}, pk="code"
    )
    db["dimension_elements"].create(
        {"dimension": str, "position": int, "name_id": str, "name_en": str},
        pk=("dimension", "position"),
        foreign_keys=[("dimension", "dimensions", "code")],
    )
    db["stage_events"].create(
        {
            "id": int,
            "participation_id": int,
            "region_code": str,
            "year": int,
            "stage": str,
            "date": str,
            "status": str,
            "provenance": str,
            **AUDIT,
        },
        pk="id",
        foreign_keys=[
            ("participation_id", "participations", "id"),
            ("region_code", "regions", "code"),
            ("stage", "stages", "code"),
        ],
    )
    db["stage_events"].create_index(["region_code"])
    db["masterplans"].create(
        {
            "id": int,
            "participation_id": int,
            "region_code": str,
            "status": str,
            "final_date": str,
            "adopted_date": str,
            "regulation": str,
            "document_url": str,
            "provenance": str,
            **AUDIT,
        },
        pk="id",
        foreign_keys=[
            ("participation_id", "participations", "id"),
            ("region_code", "regions", "code"),
        ],
    )
    db["quick_wins"].create(
        {
            "id": int,
            "region_code": str,
            "participation_id": int,
            "title": str,
            "dimension": str,
            "year": int,
            "status": str,
            "start_date": str,
            "due_date": str,
            "launched_date": str,
            "provenance": str,
            "status_provenance": str,
            "source_name": str,
            "note": str,
            **AUDIT,
        },
        pk="id",
        foreign_keys=[
            ("region_code", "regions", "code"),
            ("participation_id", "participations", "id"),
            ("dimension", "dimensions", "code"),
        ],
    )
    db["quick_wins"].create_index(["region_code"])
    db["scores"].create(
        {
            "id": int,
            "region_code": str,
            "year": int,
            "kind": str,
            "index_name": str,
            "criterion": str,
            "value": float,
            "scale": str,
            "provenance": str,
            "source_name": str,
            "note": str,
            **AUDIT,
        },
        pk="id",
        foreign_keys=[("region_code", "regions", "code")],
    )
    db["scores"].create_index(["region_code", "kind"])


def _m3_readiness_model_and_audit(db: Database) -> None:
    db["criteria"].create(
        {
            "code": str,
            "position": int,
            "name_id": str,
            "name_en": str,
            "grp": str,
            "weight": float,
            "scale_min": float,
            "scale_max": float,
        },
        pk="code",
    )
    db["changes"].create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "table_name": str,
            "row_id": str,
            "detail": str,
        },
        pk="id",
    )


def _m4_region_area(db: Database) -> None:
    db["regions"].add_column("area_km2", float)


def _m5_criteria_audit(db: Database) -> None:
    """Criteria are edited by admins, so they carry who changed them last, like fact rows."""
    for column in AUDIT:
        db["criteria"].add_column(column, str)


def _m6_users(db: Database) -> None:
    """Who may sign in with more than read access: a role, and for editors their regions."""
    db["users"].create({"email": str, "role": str, **AUDIT}, pk="email")
    db["user_regions"].create(
        {"email": str, "region_code": str},
        pk=("email", "region_code"),
        foreign_keys=[("email", "users", "email"), ("region_code", "regions", "code")],
    )


#: The tables people and imports edit through `data.writes`, each row carrying a version.
VERSIONED = ["participations", "stage_events", "masterplans", "quick_wins", "scores", "criteria"]


def _m7_row_versions(db: Database) -> None:
    """A version per editable row, raised by every write: a form saved over a newer row is
    refused instead of silently overwriting someone else's change. The indexes serve the
    natural keys an import looks rows up by."""
    for table in VERSIONED:
        db[table].add_column("version", int, not_null_default=0)
    db["stage_events"].create_index(["participation_id", "year", "stage"])
    db["scores"].create_index(["region_code", "year", "kind"])
    db["quick_wins"].create_index(["region_code", "year"])


def _m8_change_region(db: Database) -> None:
    """Each change names the region it touched and the role it was made in, so a region's
    history and its team's last update are one indexed lookup, deletions and refusals
    included."""
    db["changes"].add_column("region_code", str)
    db["changes"].add_column("role", str)
    db["changes"].create_index(["region_code", "at"])


MIGRATIONS: list[Migration] = [
    (1, "reference tables and participations", _m1_reference),
    (2, "stages, masterplans, quick wins and scores", _m2_programme),
    (3, "readiness criteria and change log", _m3_readiness_model_and_audit),
    (4, "official land area per region", _m4_region_area),
    (5, "audit columns on criteria", _m5_criteria_audit),
    (6, "users, roles and the regions editors may change", _m6_users),
    (7, "row versions on editable tables", _m7_row_versions),
    (8, "region and role of each change", _m8_change_region),
]


def applied_versions(db: Database) -> list[int]:
    if "_migrations" not in db.table_names():
        return []
    return [row["version"] for row in db["_migrations"].rows_where(order_by="version")]


def migrate(db: Database, upto: int | None = None) -> list[int]:
    """Apply pending migrations (up to `upto`, for tests of upgrades); return those applied."""
    if "_migrations" not in db.table_names():
        db["_migrations"].create({"version": int, "name": str, "applied_at": str}, pk="version")
    done = set(applied_versions(db))
    applied = []
    for version, name, apply in MIGRATIONS:
        if version in done or (upto is not None and version > upto):
            continue
        with db.atomic():
            apply(db)
            db["_migrations"].insert(
                {"version": version, "name": name, "applied_at": datetime.now(UTC).isoformat()}
            )
        applied.append(version)
    return applied
