"""Read queries shared by several pages. Each returns a DataFrame ready to display.

Page-specific queries live in their own modules (`data/map.py`, `data/region.py`, ...);
this one holds the programme-wide views.
"""

from __future__ import annotations

import pandas as pd
from sqlite_utils import Database


def frame(db: Database, sql: str, params: dict | tuple = ()) -> pd.DataFrame:
    """A query as a DataFrame; column names survive even when no row matches."""
    cursor = db.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    return pd.DataFrame(cursor.fetchall(), columns=columns)


def regions(db: Database) -> pd.DataFrame:
    return frame(
        db,
        """select r.code, r.name, r.kind, r.province_code, p.name as province,
                  r.lat, r.lng, r.area_km2
           from regions r join provinces p on p.code = r.province_code
           order by r.code""",
    )


def provinces(db: Database) -> pd.DataFrame:
    return frame(db, "select code, name from provinces order by code")


def participations(db: Database) -> pd.DataFrame:
    """Every sourced roster row with its region, flag (conflict/uncertain/...) and source."""
    return frame(
        db,
        """select pa.id, pa.region_code, r.name as region, r.kind, r.province_code,
                  p.name as province, pa.cohort_year, pa.track, pa.flag,
                  pa.source_name, pa.provenance, pa.note
           from participations pa
           join regions r on r.code = pa.region_code
           join provinces p on p.code = r.province_code
           order by pa.cohort_year is null, pa.cohort_year, r.name""",
    )


def cohort_summary(db: Database) -> pd.DataFrame:
    """Roster rows per cohort year, split into confirmed and doubtful as the sources say."""
    return frame(
        db,
        """select cohort_year,
                  count(*) as rows,
                  sum(coalesce(flag, '') in ('', 'inferred')) as confirmed,
                  sum(coalesce(flag, '') = 'conflict') as conflict,
                  sum(coalesce(flag, '') = 'uncertain') as uncertain,
                  sum(coalesce(flag, '') = 'inferred') as inferred
           from participations where cohort_year is not null
           group by cohort_year order by cohort_year""",
    )


def track_summary(db: Database) -> pd.DataFrame:
    return frame(
        db,
        """select track, count(distinct region_code) as regions, min(cohort_year) as first_year,
                  max(cohort_year) as last_year
           from participations where track is not null
           group by track order by first_year, track""",
    )


def province_summary(db: Database) -> pd.DataFrame:
    """Participating regions against all regions, per province."""
    return frame(
        db,
        """select p.code, p.name as province, count(r.code) as regions,
                  count(distinct pa.region_code) as participants
           from provinces p
           join regions r on r.province_code = p.code
           left join participations pa on pa.region_code = r.code
           group by p.code order by participants desc, p.name""",
    )


def totals(db: Database) -> dict[str, int]:
    """Headline numbers: all regions, participants, and those with only doubtful rows."""
    row = next(
        db.query(
            """select (select count(*) from regions) as regions,
                      (select count(distinct region_code) from participations) as participants,
                      (select count(distinct region_code) from participations
                         where flag is null or flag = 'inferred') as confirmed,
                      (select count(*) from participations) as roster_rows,
                      (select count(*) from import_issues) as unmatched"""
        )
    )
    return dict(row)


def unknown_year(db: Database) -> pd.DataFrame:
    return frame(
        db,
        """select pa.region_code, r.name as region, p.name as province, pa.note, pa.provenance
           from participations pa join regions r on r.code = pa.region_code
           join provinces p on p.code = r.province_code
           where pa.cohort_year is null order by r.name""",
    )


def flagged(db: Database) -> pd.DataFrame:
    """Rows the sources mark as conflicting or uncertain, with the note that says why."""
    return frame(
        db,
        """select pa.cohort_year, r.name as region, pa.flag, pa.note, pa.provenance
           from participations pa join regions r on r.code = pa.region_code
           where pa.flag in ('conflict', 'uncertain')
           order by pa.cohort_year, r.name""",
    )


def import_issues(db: Database) -> pd.DataFrame:
    return frame(db, "select source, row, field, value, reason from import_issues order by id")


def demo_counts(db: Database) -> dict[str, int]:
    """How many stored values are demo, per kind, for the overview's disclosure."""
    row = next(
        db.query(
            """select (select count(*) from stage_events where provenance = 'demo') as stage_events,
                      (select count(*) from masterplans where provenance = 'demo') as masterplans,
                      (select count(*) from quick_wins where status_provenance = 'demo')
                        as quick_win_statuses,
                      (select count(*) from scores where provenance = 'demo') as scores"""
        )
    )
    return dict(row)


def store_version(db: Database) -> int:
    """The newest change-log id: every write appends one, so it moves on any change."""
    return next(db.query("select coalesce(max(id), 0) as v from changes"))["v"]


def progress_totals(db: Database) -> dict:
    """Demo-based progress figures for the overview (always shown with a demo mark)."""
    return dict(
        next(
            db.query(
                """select (select count(*) from masterplans where status = 'adopted')
                            as masterplans_adopted,
                          (select count(*) from quick_wins where status = 'launched')
                            as quick_wins_launched,
                          (select count(*) from quick_wins) as quick_wins"""
            )
        )
    )
