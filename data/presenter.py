"""Queries behind the closing-ceremony show (`/presentasi`) and its PDF backup.

The show counts the programme as it stands and one featured cohort; each count comes with
how much of it rests on demo values, so a slide can mark it or, with demo values hidden,
leave it out.
"""

from __future__ import annotations

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


def progress(db: Database) -> dict[str, int]:
    """Masterplans adopted and quick wins launched: all of them, and those no demo value
    stands behind (a sourced masterplan row; a quick win whose status is sourced)."""
    return dict(
        next(
            db.query(
                """select
                     (select count(*) from masterplans where status = 'adopted')
                       as masterplans_adopted,
                     (select count(*) from masterplans
                        where status = 'adopted' and provenance != 'demo')
                       as masterplans_adopted_sourced,
                     (select count(*) from masterplans where provenance != 'demo')
                       as masterplans_sourced,
                     (select count(*) from quick_wins where status = 'launched')
                       as quick_wins_launched,
                     (select count(*) from quick_wins
                        where status = 'launched' and status_provenance != 'demo')
                       as quick_wins_launched_sourced,
                     (select count(*) from quick_wins where status_provenance != 'demo')
                       as quick_wins_status_sourced"""
            )
        )
    )


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
