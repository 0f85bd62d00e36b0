"""Queries behind the national map ("Peta"): one row of facts per kab/kota.

The map can be wound back to the end of any year (`as_of`), so every fact here is read
"as it stood then": a region counts as a participant once its cohort year has come, and
stages, masterplans and quick wins count only when dated on or before 31 December of
that year. `as_of=None` means now, i.e. every stored value as it is.
"""

from __future__ import annotations

import pandas as pd
from sqlite_utils import Database

from data import queries, scoring
from data.queries import frame

#: Columns of `region_facts`, in order.
FACT_COLUMNS = [
    "code", "name", "kind", "province_code", "province", "lat", "lng", "area_km2",
    "participant", "cohorts", "first_year", "track", "tracks", "flag",
    "stage", "stage_demo", "masterplan", "masterplan_demo",
    "quick_wins", "quick_wins_launched", "quick_wins_demo",
    "readiness", "readiness_demo",
]  # fmt: skip


def _bounds(as_of: int | None) -> dict:
    """SQL parameters: `year`/`end` cut-offs, and `now` when nothing is wound back."""
    return {
        "now": int(as_of is None),
        "year": as_of if as_of is not None else 9999,
        "end": f"{as_of}-12-31" if as_of is not None else "9999-12-31",
    }


def cohort_years(db: Database) -> list[int]:
    """Every cohort year with at least one participant (the growth slider's range ends here)."""
    rows = frame(
        db,
        "select distinct cohort_year from participations "
        "where cohort_year is not null order by cohort_year",
    )
    return [int(y) for y in rows["cohort_year"]]


def participations(db: Database, as_of: int | None = None) -> pd.DataFrame:
    """Roster rows that had started by `as_of`; rows of unknown year count only for "now"."""
    return frame(
        db,
        """select id, region_code, cohort_year, track, flag
           from participations
           where cohort_year <= :year or (cohort_year is null and :now)
           order by region_code, cohort_year is null, cohort_year, id""",
        _bounds(as_of),
    )


#: Each region's most recent participation by the cut-off (a CTE body; a known year wins).
LATEST_PARTICIPATION = """
    select region_code, id from (
      select region_code, id, row_number() over (
        partition by region_code order by cohort_year is null, cohort_year desc, id desc) as n
      from participations
      where cohort_year <= :year or (cohort_year is null and :now))
    where n = 1"""


def current_stages(db: Database, as_of: int | None = None) -> pd.DataFrame:
    """Each participant's furthest stage done by `as_of`, in its most recent participation.

    Yearly evaluations hang off a region's first participation, so they are read for any
    of its participations: a 2017 region evaluated in 2022 is "in evaluation" then.
    """
    return frame(
        db,
        f"""with latest as ({LATEST_PARTICIPATION}),
           done as (
             select e.region_code, e.stage, e.provenance, row_number() over (
                      partition by e.region_code order by s.position desc, e.date desc) as n
             from stage_events e
             join stages s on s.code = e.stage
             join latest l on l.region_code = e.region_code
             where e.status = 'done' and e.date <= :end
               and (e.participation_id = l.id or e.stage = 'evaluation'))
           select region_code, stage, provenance = 'demo' as stage_demo from done where n = 1""",
        _bounds(as_of),
    )


def masterplan_status(db: Database, as_of: int | None = None) -> pd.DataFrame:
    """The masterplan status of each participant's most recent participation, by `as_of`.

    Winding back uses the stored dates: adopted once its adoption date has passed, final
    once its final date has, otherwise drafting (a participant is at least drafting).
    """
    return frame(
        db,
        f"""with latest as ({LATEST_PARTICIPATION})
           select m.region_code,
                  case when :now then m.status
                       when m.adopted_date <= :end then 'adopted'
                       when m.final_date <= :end then 'final'
                       when m.status = 'not_started' then 'not_started'
                       else 'drafting' end as masterplan,
                  m.provenance = 'demo' as masterplan_demo
           from masterplans m join latest l on l.id = m.participation_id""",
        _bounds(as_of),
    )


def quick_win_counts(db: Database, as_of: int | None = None) -> pd.DataFrame:
    """Quick wins started by `as_of` per region, and how many of them had launched."""
    return frame(
        db,
        """select region_code, count(*) as quick_wins,
                  sum(status = 'launched' and (:now or launched_date <= :end))
                    as quick_wins_launched,
                  max(status_provenance = 'demo') as quick_wins_demo
           from quick_wins where year <= :year or (year is null and :now)
           group by region_code""",
        _bounds(as_of),
    )


def readiness(db: Database, as_of: int | None = None) -> pd.DataFrame:
    """Each region's latest readiness composite (0-100) assessed by `as_of`."""
    composites = scoring.readiness_composites(db)
    if as_of is not None:
        composites = composites[composites["year"] <= as_of]
    latest = scoring.latest_per_region(composites)
    return latest.rename(columns={"composite": "readiness", "demo": "readiness_demo"})[
        ["region_code", "readiness", "readiness_demo"]
    ]


def _roster(rows: pd.DataFrame) -> pd.DataFrame:
    """Per region: cohort years as text, first year, latest track and the doubt flags."""
    if rows.empty:
        columns = ["region_code", "cohorts", "first_year", "track", "tracks", "flag"]
        return pd.DataFrame(columns=columns)
    years = rows["cohort_year"].map(lambda y: "?" if pd.isna(y) else str(int(y)))
    rows = rows.assign(year_text=years)

    def joined(values: pd.Series) -> str:
        return ", ".join(dict.fromkeys(v for v in values if isinstance(v, str) and v))

    return rows.groupby("region_code", as_index=False).agg(
        cohorts=("year_text", joined),
        first_year=("cohort_year", "min"),
        track=("track", lambda s: s.dropna().iloc[-1] if s.notna().any() else None),
        tracks=("track", joined),
        flag=("flag", joined),
    )


def region_facts(db: Database, as_of: int | None = None) -> pd.DataFrame:
    """All 514 regions with what the map can colour them by (`FACT_COLUMNS`).

    Non-participants keep empty programme columns, so the map can show them muted and a
    region missing from every table is still on the map.
    """
    facts = queries.regions(db)
    roster = _roster(participations(db, as_of))
    facts = facts.merge(roster, how="left", left_on="code", right_on="region_code")
    facts["participant"] = facts["region_code"].notna()
    for part in (
        current_stages(db, as_of),
        masterplan_status(db, as_of),
        quick_win_counts(db, as_of),
        readiness(db, as_of),
    ):
        facts = facts.drop(columns="region_code").merge(
            part, how="left", left_on="code", right_on="region_code"
        )
        facts.loc[~facts["participant"], part.columns.drop("region_code")] = None
    facts["first_year"] = facts["first_year"].astype("Int64")
    for column in ("quick_wins", "quick_wins_launched"):
        facts[column] = facts[column].fillna(0).astype(int)
    for column in ("stage_demo", "masterplan_demo", "quick_wins_demo", "readiness_demo"):
        facts[column] = pd.to_numeric(facts[column]).fillna(0).astype(bool)
    return facts[FACT_COLUMNS].reset_index(drop=True)
