"""The change log: every write names who made it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def record(
    db: Database, actor: str, action: str, table: str, row_id: Any = None, detail: Any = None
) -> None:
    """Append one entry; call inside the same `db.atomic()` block as the write itself."""
    db["changes"].insert(
        {
            "at": now(),
            "actor": actor,
            "action": action,
            "table_name": table,
            "row_id": None if row_id is None else str(row_id),
            "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
        }
    )


def stamp(actor: str) -> dict[str, str]:
    """The audit columns every fact row carries."""
    return {"updated_by": actor, "updated_at": now()}
