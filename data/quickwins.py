"""Queries behind the quick-win tracker and the region page's quick-win list.

A quick win's cohort is the cohort of the participation it belongs to; real published
quick wins are tied to the latest participation that started by their year.
"""

from __future__ import annotations

import pandas as pd
from sqlite_utils import Database

from data.queries import frame


def quick_wins(db: Database, region: str | None = None) -> pd.DataFrame:
    """All quick wins (or one region's) with region, province, cohort and both provenances."""
    return frame(
        db,
        """select q.id, q.region_code, r.name as region, r.province_code, p.name as province,
                  pa.cohort_year, q.year, q.title, q.dimension, d.position as dimension_position,
                  q.status, q.start_date, q.due_date, q.launched_date,
                  q.provenance, q.status_provenance, q.source_name, q.note
           from quick_wins q
           join regions r on r.code = q.region_code
           join provinces p on p.code = r.province_code
           left join participations pa on pa.id = q.participation_id
           left join dimensions d on d.code = q.dimension
           where :region is null or q.region_code = :region
           order by r.name, d.position is null, d.position, q.year, q.title""",
        {"region": region},
    )


def cohort_years(db: Database) -> list[int]:
    """The cohort years a quick win can be filtered by."""
    rows = frame(
        db,
        """select distinct cohort_year from participations
           where cohort_year is not null order by cohort_year""",
    )
    return [int(y) for y in rows["cohort_year"]]
