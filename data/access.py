"""Who may change what: the acting identity every write function takes.

The check lives in the data layer, not in the UI: a hidden button is a convenience, the
refusal here is the rule. A refused attempt is itself written to the audit log, in its own
transaction, so it survives the rollback of the write it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from data import changes

ROLES = ("admin", "editor", "viewer")


@dataclass(frozen=True)
class Actor:
    """The identity a write is made as.

    `name` is what the audit log records: a verified e-mail for people signed in to the app,
    `cli:<user>` for the shell, `seed` for first-run seeding.
    """

    name: str
    role: str = "viewer"
    regions: frozenset[str] = field(default_factory=frozenset)

    def may_edit(self, region_code: str | None) -> bool:
        """Admins change anything; editors only rows of their own regions; viewers nothing."""
        if self.role == "admin":
            return True
        return self.role == "editor" and region_code is not None and region_code in self.regions


def admin(name: str) -> Actor:
    """A local administrator: the shell, the seed, or the Kelola page run without sign-in."""
    return Actor(name=name, role="admin")


class Refused(PermissionError):
    """The actor may not make this change; nothing was written."""

    def __init__(self, actor: Actor, region_code: str | None, table: str, row_id=None):
        self.actor, self.region_code, self.table, self.row_id = actor, region_code, table, row_id
        self.audited = False
        where = f"region {region_code}" if region_code else "this data"
        super().__init__(f"{actor.name} ({actor.role}) may not change {table} of {where}")


def check(db: Database, actor: Actor, region_code: str | None, table: str, row_id=None) -> None:
    """Raise `Refused` unless `actor` may write this row; the attempt is audited either way.

    Outside a transaction the refusal is recorded at once. Inside `db.write_transaction`
    it is recorded by that transaction after its rollback, so the audit row survives.
    """
    if actor.may_edit(region_code):
        return
    refusal = Refused(actor, region_code, table, row_id)
    if not db.conn.in_transaction:
        audit_refusal(db, refusal)
    raise refusal


def audit_refusal(db: Database, refusal: Refused) -> None:
    """Record a refused attempt in its own transaction (call with no transaction open)."""
    if refusal.audited:
        return
    detail = {"role": refusal.actor.role, "region_code": refusal.region_code}
    with db.atomic():
        changes.record(
            db, refusal.actor, "refused", refusal.table, refusal.row_id, detail, refusal.region_code
        )
    refusal.audited = True
