"""Opening the store: one SQLite file, created, migrated and seeded on first use."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

import settings
from data import migrations


def connect(path: Path | str | None = None) -> Database:
    """A connection with foreign keys enforced; `":memory:"` gives a throwaway store."""
    if path == ":memory:":
        db = Database(memory=True)
    else:
        target = Path(path) if path else settings.db_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        db = Database(target)
        db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    return db


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
