"""Queries behind the closing-ceremony show (`/presentasi`) and its PDF backup.

The show counts the programme as it stands and one featured cohort; each count comes with
how much of it rests on demo values, so a slide can mark it or, with demo values hidden,
leave it out.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
from sqlite_utils import Database

from data.queries import frame


def memberships(db: Database) -> pd.DataFrame:
    """Every dated roster row: region, its province and the cohort year (one row per cohort)."""
    return frame(
        db,
        """select pa.region_code, r.name as region, r.province_code, p.name as province,
                  pa.cohort_year, pa.flag
           from participations pa
           join regions r on r.code = pa.region_code
           join provinces p on p.code = r.province_code
           where pa.cohort_year is not null
           order by pa.cohort_year, p.name, r.name""",
    )


class Tally(NamedTuple):
    """Rows in one state, how many of those no demo value stands behind, and how many rows
    have a sourced value at all (none: the count cannot be shown without demo values)."""

    hits: int
    sourced_hits: int
    sourced_rows: int


def tally(db: Database, table: str, status: str, provenance: str) -> Tally:
    """The `Tally` of `table`'s rows whose status is `status`, sourced by `provenance`."""
    row = next(
        db.query(
            f"""select coalesce(sum(status = :status), 0),
                       coalesce(sum(status = :status and {provenance} != 'demo'), 0),
                       coalesce(sum({provenance} != 'demo'), 0)
                from {table}""",
            {"status": status},
        )
    )
    return Tally(*row.values())


def progress(db: Database) -> dict[str, Tally]:
    """Masterplans adopted and quick wins launched (a quick win counts as sourced when its
    status is)."""
    return {
        "masterplans": tally(db, "masterplans", "adopted", "provenance"),
        "quick_wins": tally(db, "quick_wins", "launched", "status_provenance"),
    }


def cohort_quick_wins(db: Database, year: int) -> pd.DataFrame:
    """The featured cohort's quick wins: sourced titles first, then by region and title."""
    return frame(
        db,
        """select q.title, q.dimension, r.name as region, q.provenance
           from quick_wins q
           join participations pa on pa.id = q.participation_id
           join regions r on r.code = q.region_code
           where pa.cohort_year = :year
           order by q.provenance = 'demo', r.name, q.title""",
        {"year": year},
    )


def cohort_stages(db: Database, year: int) -> pd.DataFrame:
    """Per stage of the featured cohort's own year: participants, how many are done, and
    how many of those counts rest on sourced rows only."""
    return frame(
        db,
        """select e.stage, count(*) as total, sum(e.status = 'done') as done,
                  sum(e.provenance != 'demo') as sourced_total,
                  sum(e.status = 'done' and e.provenance != 'demo') as sourced_done
           from stage_events e
           join participations pa on pa.id = e.participation_id
           where pa.cohort_year = :year and e.year = :year
           group by e.stage""",
        {"year": year},
    )
