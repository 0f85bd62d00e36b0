"""The change log: every write names who made it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

if TYPE_CHECKING:
    from data.access import Actor


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def record(
    db: Database,
    actor: Actor | str,
    action: str,
    table: str,
    row_id: Any = None,
    detail: Any = None,
    region_code: str | None = None,
) -> None:
    """Append one entry; call inside the same transaction as the write itself.

    Given an `Actor`, the entry keeps the role it acted in, so a region's history can
    tell its own team's updates from an admin's or an import's; `region_code` files the
    entry under the region whose page shows it.
    """
    name, role = (actor, None) if isinstance(actor, str) else (actor.name, actor.role)
    entry = {
        "at": now(),
        "actor": name,
        "role": role,
        "region_code": region_code,
        "action": action,
        "table_name": table,
        "row_id": None if row_id is None else str(row_id),
        "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
    }
    # Plain SQL: an import appends thousands of entries, and sqlite-utils' insert inspects
    # the table on every call.
    db.execute(
        f"insert into changes ({', '.join(entry)}) values ({', '.join('?' * len(entry))})",
        list(entry.values()),
    )


def stamp(actor: str) -> dict[str, str]:
    """The audit columns every fact row carries."""
    return {"updated_by": actor, "updated_at": now()}
