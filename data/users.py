"""People and their roles: who, once signed in, may change more than nothing.

The identity provider says who someone is (a verified e-mail); this table says what they
may do. Anyone signed in but not listed is a viewer, so granting access is an explicit
act by an admin, recorded in the audit log like every other write.
"""

from __future__ import annotations

import re

from sqlite_utils import Database

from data import changes
from data.access import ROLES, Actor, check
from data.db import write_transaction

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class UserError(ValueError):
    """A user entry that cannot be saved; names the field, the value and why.

    `code` and `params` pick the reason in the `kelola.reason.*` catalog, so the Kelola page
    says it in the reader's language; the English text is for the shell.
    """

    def __init__(self, field: str, value: object, reason: str, code: str, **params: object):
        self.field, self.value, self.reason = field, value, reason
        self.code, self.params = code, params
        super().__init__(f"{field} = {value!r}: {reason}")


def normalise_email(text: str | None) -> str:
    """E-mail addresses compare case-insensitively: stored and looked up in lower case."""
    return (text or "").strip().lower()


def actor_for(db: Database, email: str | None) -> Actor:
    """The acting identity of a signed-in person; no entry (or no e-mail) means viewer."""
    address = normalise_email(email)
    row = db["users"].get(address) if address and _exists(db, address) else None
    if row is None:
        return Actor(name=address or "anonymous")
    regions = frozenset(_regions(db, address)) if row["role"] == "editor" else frozenset()
    return Actor(name=address, role=row["role"], regions=regions)


def _exists(db: Database, email: str) -> bool:
    return db["users"].count_where("email = ?", [email]) > 0


def _regions(db: Database, email: str) -> list[str]:
    rows = db["user_regions"].rows_where("email = ?", [email], order_by="region_code")
    return [row["region_code"] for row in rows]


def listing(db: Database) -> list[dict]:
    """Every user with role and regions (codes and names), by e-mail."""
    rows = db.execute(
        """select u.email, u.role, u.updated_by, u.updated_at,
                  group_concat(ur.region_code, ' ') as regions,
                  group_concat(r.name, ', ') as region_names
           from users u
           left join user_regions ur on ur.email = u.email
           left join regions r on r.code = ur.region_code
           group by u.email order by u.email"""
    ).fetchall()
    keys = ["email", "role", "updated_by", "updated_at", "regions", "region_names"]
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _validated(db: Database, email: str, role: str, regions: list[str]) -> list[str]:
    if not EMAIL.fullmatch(email):
        raise UserError("email", email, "is not an e-mail address", "email")
    if role not in ROLES:
        raise UserError(
            "role", role, f"must be one of {', '.join(ROLES)}", "choice", options=", ".join(ROLES)
        )
    codes = sorted({code.strip() for code in regions if code.strip()})
    if role == "editor" and not codes:
        raise UserError("region", "", "an editor needs at least one region code", "editor_region")
    if role != "editor" and codes:
        raise UserError(
            "region", " ".join(codes), f"only editors have regions, not {role}s", "editor_only"
        )
    for code in codes:
        if db["regions"].count_where("code = ?", [code]) == 0:
            raise UserError(
                "region", code, "is not a known region code (e.g. 32.12)", "unknown_region"
            )
    return codes


def add(db: Database, actor: Actor, email: str, role: str, regions: list[str] = ()) -> dict:
    """Create or replace a user's role and regions (admins only); returns the saved entry."""
    address = normalise_email(email)
    codes = _validated(db, address, role, list(regions))
    with write_transaction(db):
        check(db, actor, None, "users", address)
        before = _snapshot(db, address)
        db["users"].upsert(
            {"email": address, "role": role, **changes.stamp(actor.name)}, pk="email"
        )
        db["user_regions"].delete_where("email = ?", [address])
        db["user_regions"].insert_all([{"email": address, "region_code": c} for c in codes])
        after = {"role": role, "regions": codes}
        action = "change" if before else "add"
        changes.record(db, actor, action, "users", address, {"before": before, "after": after})
    return {"email": address, **after}


def remove(db: Database, actor: Actor, email: str) -> bool:
    """Delete a user (admins only): they become a viewer. False when there was nobody."""
    address = normalise_email(email)
    with write_transaction(db):
        check(db, actor, None, "users", address)
        before = _snapshot(db, address)
        if before is None:
            return False
        db["user_regions"].delete_where("email = ?", [address])
        db["users"].delete(address)
        changes.record(db, actor, "delete", "users", address, {"before": before})
    return True


def _snapshot(db: Database, email: str) -> dict | None:
    if not _exists(db, email):
        return None
    return {"role": db["users"].get(email)["role"], "regions": _regions(db, email)}
