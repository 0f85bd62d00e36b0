"""Opening the store: one SQLite file, created, migrated and seeded on first use."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

import settings
from data import migrations


def connect(path: Path | str | None = None, *, any_thread: bool = False) -> Database:
    """A connection with foreign keys enforced; `":memory:"` gives a throwaway store.

    `any_thread`: usable from any thread (one at a time: the caller serialises), for a
    connection kept by the process rather than opened per run.
    """
    if path == ":memory:":
        db = Database(memory=True)
    else:
        target = Path(path) if path else settings.db_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        db = Database(sqlite3.connect(target, check_same_thread=False) if any_thread else target)
        db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    # Several sessions and processes write the same file: wait for the lock, never fail fast.
    db.execute("PRAGMA busy_timeout = 10000")
    return db


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One all-or-nothing write: `BEGIN IMMEDIATE` takes the write lock up front.

    A deferred `BEGIN` that reads first and writes later can fail with SQLITE_BUSY halfway
    when another process wrote in between; taking the lock first makes concurrent writers
    queue (up to the busy timeout) instead. Inside an open transaction it nests as a
    savepoint, so an import can wrap many single-fact writes in one transaction. A refused
    write (`data.access.Refused`) rolls back and is then audited in a transaction of its own.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException as error:
        db.conn.rollback()
        from data.access import Refused, audit_refusal

        if isinstance(error, Refused):
            audit_refusal(db, error)
        raise
    else:
        db.conn.commit()


def open_store(path: Path | str | None = None, seed_if_empty: bool = True) -> Database:
    """The store ready to query: migrations applied and, on first run, the seed loaded.

    Safe to call on every start: migrations and seeding skip what is already done.
    """
    from data import seed

    db = connect(path)
    migrations.migrate(db)
    if seed_if_empty and not seed.is_seeded(db):
        seed.seed(db)
    return db
