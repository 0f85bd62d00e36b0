"""A region's change history and how fresh each region's data is.

Both read the audit log (`changes`): every accepted or refused write is filed there under
the region it touched and the role it was made in (migration 8), so these are indexed
lookups, not joins against every fact table.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd
from sqlite_utils import Database

from data.queries import frame

#: A participating region whose team has not updated anything for this long is chased.
STALE_AFTER_DAYS = 180


def region_history(db: Database, code: str, limit: int = 200) -> pd.DataFrame:
    """The region's changes, newest first: who, when, what, and the changed fields' values
    before and after (dicts; empty for a refusal). `item` and `item_year` name the row: a
    quick win's title, a stage and its year, a masterplan's cohort."""
    rows = frame(
        db,
        """select c.id, c.at, c.actor, c.role, c.action, c.table_name, c.row_id, c.detail,
                  case c.table_name
                    when 'quick_wins' then coalesce(
                      (select title from quick_wins where id = cast(c.row_id as integer)),
                      json_extract(c.detail, '$.before.title'))
                    when 'stage_events' then (select stage from stage_events
                                              where id = cast(c.row_id as integer))
                  end as item,
                  case c.table_name
                    when 'stage_events' then (select year from stage_events
                                              where id = cast(c.row_id as integer))
                    when 'masterplans' then (
                      select pa.cohort_year from masterplans m
                      join participations pa on pa.id = m.participation_id
                      where m.id = cast(c.row_id as integer))
                  end as item_year
           from changes c where c.region_code = ? order by c.at desc, c.id desc limit ?""",
        (code, limit),
    )
    parsed = [_before_after(text) for text in rows["detail"]]
    rows["before"] = [b for b, _ in parsed]
    rows["after"] = [a for _, a in parsed]
    return rows.drop(columns=["detail"])


def _before_after(detail: str | None) -> tuple[dict, dict]:
    """Split an audit detail into the changed fields' old and new values."""
    data = json.loads(detail) if detail else {}
    before = data.get("before") or {}
    after = data.get("after") or {}
    return (before if isinstance(before, dict) else {}), (after if isinstance(after, dict) else {})


def last_update(db: Database, code: str) -> dict | None:
    """The latest accepted change to the region's data: who made it and when."""
    rows = frame(
        db,
        """select actor, role, at from changes
           where region_code = ? and action != 'refused'
           order by at desc, id desc limit 1""",
        (code,),
    )
    return rows.iloc[0].to_dict() if len(rows) else None


def stale_regions(db: Database, today: date, days: int = STALE_AFTER_DAYS) -> pd.DataFrame:
    """Participating regions whose own team (an editor) has not changed anything in `days`.

    Admin edits and imports do not count: the point is to find teams that fell silent.
    `last_update` is empty for a region whose team never updated anything.
    """
    since = (today - timedelta(days=days)).isoformat()
    return frame(
        db,
        """with team as (
             select region_code, max(at) as last_update from changes
             where role = 'editor' and action != 'refused' and region_code is not null
             group by region_code)
           select p.name as province, r.province_code, r.code, r.name, t.last_update
           from regions r
           join provinces p on p.code = r.province_code
           left join team t on t.region_code = r.code
           where r.code in (select region_code from participations)
             and (t.last_update is null or t.last_update < :since)
           order by p.name, r.name""",
        {"since": since},
    )
