"""What the region page's edit forms read, and the source a team's value is stored with.

Forms write through `data.writes` only; this module gives them the rows as stored (with
`id` and `version`, so a save can say which version it was made against) and the
provenance string a reported value carries instead of a URL or the demo mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from data.access import Actor

EDITABLE = ("stage_events", "masterplans", "quick_wins")
_ORDER = {
    "stage_events": """(select pa.cohort_year from participations pa
                         where pa.id = t.participation_id), t.year,
                       (select position from stages s where s.code = t.stage), t.id""",
    "masterplans": """(select pa.cohort_year from participations pa
                        where pa.id = t.participation_id), t.id""",
    "quick_wins": "t.year, t.title, t.id",
}
#: Provenance of a value a person entered in the app: `reported|code|region|role|person|day`.
REPORTED = "reported"


def rows(db: Database, table: str, region_code: str) -> list[dict]:
    """The region's rows of an editable table as stored, in the order the forms list them."""
    if table not in EDITABLE:
        raise ValueError(f"{table} is not edited on the region page")
    cursor = db.execute(
        f"select t.* from [{table}] t where t.region_code = ? order by {_ORDER[table]}",
        (region_code,),
    )
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def row(db: Database, table: str, row_id: int) -> dict | None:
    """One row as stored now (to show what someone else changed)."""
    if table not in EDITABLE:
        raise ValueError(f"{table} is not edited on the region page")
    found = list(db[table].rows_where("id = ?", [row_id]))
    return found[0] if found else None


def cohort_years(db: Database, region_code: str) -> list[int]:
    """The cohort years the region took part in: a new quick win belongs to one of them."""
    found = db.execute(
        """select distinct cohort_year from participations
           where region_code = ? and cohort_year is not null order by cohort_year""",
        (region_code,),
    )
    return [r[0] for r in found.fetchall()]


@dataclass(frozen=True)
class Reported:
    """A provenance string taken apart: which region's team (or an admin), who, when."""

    region_code: str
    region: str
    role: str
    person: str
    day: str


def reported_source(actor: Actor, region_code: str, region: str, day: date) -> str:
    """The provenance a value entered in the app is stored with (never a URL, never demo)."""
    clean = [str(part).replace("|", "/") for part in (region_code, region, actor.role, actor.name)]
    return "|".join([REPORTED, *clean, day.isoformat()])


def parse_reported(provenance: str | None) -> Reported | None:
    """The parts of a reported provenance, or None for a URL, a name or the demo mark."""
    if not isinstance(provenance, str) or not provenance.startswith(REPORTED + "|"):
        return None
    parts = provenance.split("|")
    return Reported(*parts[1:6]) if len(parts) == 6 else None
