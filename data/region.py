"""Queries behind the region page ("Daerah"): one region and the peers it is compared with.

Everything is keyed by the Kemendagri code (`32.12`). Readiness rows carry no
participation of their own, so they are tied to one through the assessment stage of
the same region and year: that is how a region assessed twice (2017 and 2021) is
compared with the right cohort each time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
from sqlite_utils import Database

from data import scoring
from data.catalog import EVALUATION_DIMENSIONS
from data.queries import frame
from data.quickwins import quick_wins

CODE = re.compile(r"\d{2}\.\d{2}")


def is_code(text: str | None) -> bool:
    """Whether `text` is shaped like a kab/kota code, so a typo reads differently from a gap."""
    return bool(text and CODE.fullmatch(text))


def region(db: Database, code: str) -> dict | None:
    rows = frame(
        db,
        """select r.code, r.name, r.kind, r.province_code, p.name as province
           from regions r join provinces p on p.code = r.province_code
           where r.code = ?""",
        (code,),
    )
    return rows.iloc[0].to_dict() if len(rows) else None


def choices(db: Database) -> pd.DataFrame:
    """Every region with the label the picker shows: `name — province`."""
    return frame(
        db,
        """select r.code, r.name || ' — ' || p.name as label
           from regions r join provinces p on p.code = r.province_code
           order by r.name, p.name""",
    )


def participations(db: Database, code: str) -> pd.DataFrame:
    return frame(
        db,
        """select id, cohort_year, track, flag, source_name, provenance, note
           from participations where region_code = ?
           order by cohort_year is null, cohort_year, id""",
        (code,),
    )


def province_participants(db: Database, province_code: str) -> pd.DataFrame:
    """The participants of one province, so a non-participant sees its neighbours' links."""
    return frame(
        db,
        """select r.code, r.name,
                  group_concat(coalesce(pa.cohort_year, '?'), ', ') as years
           from participations pa join regions r on r.code = pa.region_code
           where r.province_code = ?
           group by r.code order by r.name""",
        (province_code,),
    )


def stage_events(db: Database, code: str) -> pd.DataFrame:
    """Every stage of every participation, in programme order then date."""
    return frame(
        db,
        """select e.participation_id, pa.cohort_year, e.year, e.stage, s.position,
                  e.date, e.status, e.provenance
           from stage_events e
           join stages s on s.code = e.stage
           join participations pa on pa.id = e.participation_id
           where e.region_code = ?
           order by pa.cohort_year, e.participation_id, s.position, e.year, e.date""",
        (code,),
    )


def masterplans(db: Database, code: str) -> pd.DataFrame:
    return frame(
        db,
        """select m.participation_id, pa.cohort_year, m.status, m.final_date, m.adopted_date,
                  m.regulation, m.document_url, m.provenance
           from masterplans m join participations pa on pa.id = m.participation_id
           where m.region_code = ? order by pa.cohort_year""",
        (code,),
    )


def dimension_elements(db: Database) -> pd.DataFrame:
    """The six dimensions with their three elements, in the store's order."""
    return frame(
        db,
        """select d.code as dimension, d.position, d.name, d.name_id, d.name_en,
                  e.position as element_position, e.name_id as element_id,
                  e.name_en as element_en
           from dimensions d join dimension_elements e on e.dimension = d.code
           order by d.position, e.position""",
    )


_READINESS = """
    select s.region_code, pa.id as participation_id, pa.cohort_year, s.year,
           s.criterion, s.value, s.provenance
    from scores s
    join stage_events e on e.region_code = s.region_code and e.stage = 'assessment'
                       and cast(substr(e.date, 1, 4) as integer) = s.year
    join participations pa on pa.id = e.participation_id
    where s.kind = 'readiness' and s.value is not null and {where}
    order by pa.cohort_year, s.region_code, s.criterion"""


def readiness(db: Database, code: str) -> pd.DataFrame:
    """This region's readiness per criterion, tagged with the cohort it was assessed for."""
    return frame(db, _READINESS.format(where="s.region_code = :code"), {"code": code})


def cohort_readiness(db: Database, cohort_years: list[int]) -> pd.DataFrame:
    """Readiness of every region assessed for the given cohorts (the peer groups)."""
    if not cohort_years:
        return frame(db, _READINESS.format(where="0"))
    marks = ", ".join(f":y{i}" for i in range(len(cohort_years)))
    params = {f"y{i}": int(year) for i, year in enumerate(cohort_years)}
    return frame(db, _READINESS.format(where=f"pa.cohort_year in ({marks})"), params)


def composites(readiness_rows: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Composite readiness (0-100, `data.scoring`) per region and assessment, with its cohort."""
    out = scoring.composite(readiness_rows, criteria)
    cohorts = readiness_rows[["region_code", "year", "cohort_year"]].drop_duplicates()
    return out.merge(cohorts, on=["region_code", "year"], how="left")


def evaluations(db: Database, code: str) -> pd.DataFrame:
    """Kominfo evaluation scores (sourced and demo) for the yearly evaluation trend."""
    return frame(
        db,
        """select region_code, year, criterion, value, scale, provenance, index_name, note
           from scores where region_code = ? and kind = 'evaluation' and value is not null
           order by year, criterion""",
        (code,),
    )


def evaluation_years(evaluations: pd.DataFrame) -> pd.DataFrame:
    """One row per evaluated year: the overall index and the five dimensions side by side.

    The overall index is the published one where a source gives it, otherwise the
    weighted mean of the dimensions (`data.scoring`); a mean of demo values is demo.
    """
    columns = ["year", "index", "basis", "demo", "provenance", *EVALUATION_DIMENSIONS]
    if evaluations.empty:  # scoring.evaluation_index needs at least one row
        return pd.DataFrame(columns=columns)
    overall = scoring.evaluation_index(evaluations)
    dims = (
        evaluations[evaluations["criterion"].isin(EVALUATION_DIMENSIONS)]
        .pivot_table(index="year", columns="criterion", values="value", aggfunc="first")
        .reindex(columns=EVALUATION_DIMENSIONS)
    )
    out = overall[columns[:5]].join(dims, on="year")
    return out.sort_values("year", ascending=False, ignore_index=True)[columns]


def published(db: Database, code: str) -> pd.DataFrame:
    """Sourced index values and ranks (Kominfo evaluation, IKCI, RKCI, ISNA, ...), as published."""
    return frame(
        db,
        """select year, kind, index_name, value, scale, provenance, note
           from scores
           where region_code = ? and kind != 'readiness' and provenance != 'demo'
           order by year desc, kind, index_name""",
        (code,),
    )


@dataclass
class Profile:
    """Everything the region page and its report card show about one region."""

    region: dict
    participations: pd.DataFrame
    events: pd.DataFrame
    masterplans: pd.DataFrame
    quick_wins: pd.DataFrame
    readiness: pd.DataFrame
    peers: pd.DataFrame
    criteria: pd.DataFrame
    composites: pd.DataFrame
    evaluations: pd.DataFrame
    published: pd.DataFrame
    dimensions: pd.DataFrame
    neighbours: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def participates(self) -> bool:
        return len(self.participations) > 0


def profile(db: Database, code: str) -> Profile | None:
    """One region's page in one read, or None for a code the store does not know."""
    place = region(db, code)
    if place is None:
        return None
    taking_part = participations(db, code)
    years = [int(y) for y in taking_part["cohort_year"].dropna().unique()]
    peers = cohort_readiness(db, years)
    criteria = scoring.criteria(db)
    return Profile(
        region=place,
        participations=taking_part,
        events=stage_events(db, code),
        masterplans=masterplans(db, code),
        quick_wins=quick_wins(db, region=code),
        readiness=readiness(db, code),
        peers=peers,
        criteria=criteria,
        composites=composites(peers, criteria),
        evaluations=evaluations(db, code),
        published=published(db, code),
        dimensions=dimension_elements(db),
        neighbours=province_participants(db, place["province_code"]),
    )
