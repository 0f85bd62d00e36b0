"""Read the rows out of an upstream `wilayah_boundaries` SQL dump.

The boundary files are published as SQL, so the honest way to read them is to let SQLite run
them: the values use SQL quoting rules that a regular expression would get subtly wrong.
Only the INSERT statements are run, against an empty in-memory table; each file also starts
with a DELETE that clears its province, and one older file writes that DELETE with MySQL's
`LEFT()`, which SQLite cannot parse. The DELETE does nothing to an empty table, so skipping
every DELETE changes no result.
"""

from __future__ import annotations

import re
import sqlite3

SCHEMA = (
    "CREATE TABLE wilayah_boundaries "
    "(kode TEXT PRIMARY KEY, nama TEXT, lat REAL, lng REAL, path TEXT)"
)

_LEADING_COMMENTS = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", re.DOTALL)


def split_statements(sql_text: str) -> list[str]:
    """Cut a dump into complete statements, letting SQLite decide where each one ends.

    `sqlite3.complete_statement` knows about quoted semicolons and comments, so a `;` inside
    a name or a path never splits a statement. Text left over at the end (a truncated
    download) is an error rather than something to drop silently.
    """
    statements: list[str] = []
    pending: list[str] = []
    for line in sql_text.splitlines(keepends=True):
        pending.append(line)
        if ";" in line and sqlite3.complete_statement("".join(pending)):
            statements.append("".join(pending))
            pending = []
    rest = "".join(pending)
    if _LEADING_COMMENTS.sub("", rest).strip():
        raise ValueError("the dump ends inside an unfinished statement (truncated?)")
    return statements


def first_keyword(statement: str) -> str:
    """The statement's first word, upper-cased, after any leading comments."""
    body = _LEADING_COMMENTS.sub("", statement)
    match = re.match(r"[A-Za-z]+", body)
    return match.group(0).upper() if match else ""


def read_insert_rows(sql_text: str) -> list[dict]:
    """Run the dump's INSERT statements and return its rows, ordered by `kode`.

    Raises ValueError when the text is not a usable dump: unparsable or truncated SQL, an
    INSERT that SQLite rejects (including a repeated `kode`), or no INSERT at all, since an
    upstream file without rows means the download went wrong, not that a province is empty.
    """
    inserts = [s for s in split_statements(sql_text) if first_keyword(s) == "INSERT"]
    if not inserts:
        raise ValueError("no INSERT INTO wilayah_boundaries statement found")
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(SCHEMA)
        for statement in inserts:
            try:
                conn.execute(statement)
            except sqlite3.Error as e:
                raise ValueError(f"SQLite rejected an INSERT: {e}") from e
        conn.row_factory = sqlite3.Row
        query = "SELECT kode, nama, lat, lng, path FROM wilayah_boundaries ORDER BY kode"
        return [dict(row) for row in conn.execute(query)]
    finally:
        conn.close()
