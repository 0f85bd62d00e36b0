"""Edit forms on the region page, for an editor of the region or an admin.

Every save goes through `data.writes` (the one write path): it validates, checks the
actor against the row's region, and refuses a save made against an older version of the
row. A form remembers the row as it was when it opened; after someone else's save the
form shows what they changed instead of overwriting it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from components import auth_view, i18n, session, timeline
from components import quickwins as qw
from components.session import t
from data import edits, writes
from data.access import Actor, Refused
from data.catalog import DIMENSIONS, MASTERPLAN_STATUSES, QUICK_WIN_STATUSES, STATUSES
from data.region import Profile

FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2030, 12, 31)


@dataclass(frozen=True)
class Field:
    """One input of a form: a column, its widget kind and, for choices, the options."""

    name: str
    kind: str  # "text", "date" or "choice"
    options: tuple[str, ...] = ()


STAGE_FIELDS = (Field("date", "date"), Field("status", "choice", tuple(STATUSES)))
MASTERPLAN_FIELDS = (
    Field("status", "choice", tuple(MASTERPLAN_STATUSES)),
    Field("final_date", "date"),
    Field("adopted_date", "date"),
    Field("regulation", "text"),
    Field("document_url", "text"),
)
QUICK_WIN_FIELDS = (
    Field("title", "text"),
    Field("dimension", "choice", tuple(code for code, *_ in DIMENSIONS)),
    Field("status", "choice", tuple(QUICK_WIN_STATUSES)),
    Field("start_date", "date"),
    Field("due_date", "date"),
    Field("launched_date", "date"),
)

#: Every field a form edits, a new quick win's year and the sources: history names them.
FIELD_NAMES = {f.name for f in STAGE_FIELDS + MASTERPLAN_FIELDS + QUICK_WIN_FIELDS} | {
    "year",
    "provenance",
    "status_provenance",
}
CHOICES = {f.name for f in STAGE_FIELDS + MASTERPLAN_FIELDS + QUICK_WIN_FIELDS if f.options}


def option_label(table: str, field: str, value: str, lang: str) -> str:
    """A status or dimension code in words (forms and history)."""
    if field == "dimension":
        return qw.dimension_label(value, lang)
    if table == "stage_events":
        return timeline.status_label(value, lang)
    if table == "masterplans":
        return t(f"region.masterplan.{value}")
    return qw.status_label(value, lang)


def editor(store: Database, profile: Profile, actor: Actor, lang: str) -> None:
    """The edit section: masterplan, stages and quick wins of this region, in tabs."""
    code = profile.region["code"]
    with st.expander(t("edit.title"), icon=":material/edit:"):
        st.caption(
            t("edit.intro", region=profile.region["name"], role=t(f"auth.role.{actor.role}"))
        )
        plans, stages, wins = st.tabs(
            [t("edit.tab.masterplan"), t("edit.tab.stages"), t("edit.tab.quick_wins")]
        )
        with plans:
            _masterplans(store, profile, actor, lang, edits.rows(store, "masterplans", code))
        with stages:
            _stages(store, profile, actor, lang, edits.rows(store, "stage_events", code))
        with wins:
            _quick_wins(store, profile, actor, lang, edits.rows(store, "quick_wins", code))


def _masterplans(store, profile, actor, lang, rows: list[dict]) -> None:
    if not rows:
        st.caption(t("edit.none"))
        return
    years = {r["id"]: _cohort(profile, r["participation_id"]) for r in rows}
    chosen = st.selectbox(
        t("edit.pick.masterplan"),
        [r["id"] for r in rows],
        format_func=lambda i: t("region.cohort", cohorts=years[i]),
        key="edit_pick_masterplan",
    )
    current = next(r for r in rows if r["id"] == chosen)
    _form(store, profile, actor, lang, "masterplans", current, MASTERPLAN_FIELDS)


def _stages(store, profile, actor, lang, rows: list[dict]) -> None:
    if not rows:
        st.caption(t("edit.none"))
        return

    def label(row_id: int) -> str:
        r = next(r for r in rows if r["id"] == row_id)
        name = timeline.stage_label(r["stage"], None, lang)
        return f"{r['year']} · {name} · {i18n.date_text(r['date'], lang)}"

    chosen = st.selectbox(
        t("edit.pick.stage"),
        [r["id"] for r in rows],
        format_func=label,
        key="edit_pick_stage",
    )
    current = next(r for r in rows if r["id"] == chosen)
    _form(store, profile, actor, lang, "stage_events", current, STAGE_FIELDS)


def _quick_wins(store, profile, actor, lang, rows: list[dict]) -> None:
    titles = {r["id"]: f"{r['year']} · {r['title']}" for r in rows}
    chosen = st.selectbox(
        t("edit.pick.quick_win"),
        [0, *titles],
        format_func=lambda i: titles.get(i) or t("edit.new_quick_win"),
        key="edit_pick_quick_win",
    )
    current = next((r for r in rows if r["id"] == chosen), None)
    _form(store, profile, actor, lang, "quick_wins", current, QUICK_WIN_FIELDS)


def _cohort(profile: Profile, participation_id: int) -> str:
    rows = profile.participations[profile.participations["id"] == participation_id]
    return "–" if rows.empty else str(int(rows.iloc[0]["cohort_year"]))


# --- one form ---------------------------------------------------------------------------


def _form(store, profile, actor, lang, table, current: dict | None, fields) -> None:
    """A row's form, opened at the row's version (None: a new quick win)."""
    slot = f"{table}_{current['id'] if current else 'new'}"
    state = st.session_state
    if f"opened_{slot}" not in state:
        state[f"opened_{slot}"] = current or {}
    opened = state[f"opened_{slot}"]
    prefix = f"edit_{slot}_v{opened.get('version', state.get(f'added_{slot}', 0))}"
    _notices(slot, fields, lang)
    errors = state.get(f"errors_{slot}", {})
    with st.form(prefix, border=True):
        if current is None:
            years = list(range(_first_year(profile), date.today().year + 1))
            st.selectbox(t("edit.field.year"), years, index=len(years) - 1, key=f"{prefix}_year")
            _field_error(errors, "year")
        for field in fields:
            _widget(table, field, opened.get(field.name), f"{prefix}_{field.name}", lang)
            _field_error(errors, field.name)
        st.form_submit_button(
            t("edit.save"),
            type="primary",
            on_click=_save,
            args=(actor, profile.region, table, slot, prefix, fields, lang),
        )
    if current is not None:
        st.caption(t("edit.opened_version", version=opened.get("version", 0)))


def _first_year(profile: Profile) -> int:
    years = profile.participations["cohort_year"].dropna()
    return int(years.min()) if len(years) else date.today().year


def _widget(table: str, field: Field, value: Any, key: str, lang: str) -> None:
    label = t(f"edit.field.{field.name}")
    if field.kind == "date":
        st.date_input(
            label,
            value=date.fromisoformat(value[:10]) if value else None,
            min_value=FIRST_DAY,
            max_value=LAST_DAY,
            format="DD/MM/YYYY",
            key=key,
        )
    elif field.kind == "choice":
        options = list(field.options)
        st.selectbox(
            label,
            options,
            index=options.index(value) if value in options else None,
            format_func=lambda v: option_label(table, field.name, v, lang),
            placeholder=t("edit.choose"),
            key=key,
        )
    else:
        st.text_input(label, value=value or "", key=key)


def _field_error(errors: dict[str, str], name: str) -> None:
    if name in errors:
        st.error(errors[name], icon=":material/error:")


def _notices(slot: str, fields, lang: str) -> None:
    """What the last save of this form did: saved, refused, or overtaken by someone else."""
    state = st.session_state
    if state.pop(f"saved_{slot}", False):
        st.success(t("edit.saved"), icon=":material/check_circle:")
    general = state.get(f"errors_{slot}", {}).get("")
    if general:
        st.error(general, icon=":material/block:")
    conflict = state.get(f"conflict_{slot}")
    if conflict:
        st.warning(
            t(
                "edit.conflict",
                person=auth_view.person(conflict["by"] or "–"),
                when=conflict["at"] or "–",
            ),
            icon=":material/sync_problem:",
        )
        st.dataframe(
            pd.DataFrame(conflict["diff"]).rename(
                columns={
                    "field": t("edit.conflict.field"),
                    "opened": t("edit.conflict.opened"),
                    "now": t("edit.conflict.now"),
                }
            ),
            hide_index=True,
            key=f"conflict_table_{slot}",
        )
        st.button(t("edit.reload"), key=f"reload_{slot}", on_click=_reload, args=(slot,))


def _reload(slot: str) -> None:
    """Open the form again at the row as it is now (the user's unsaved input is dropped)."""
    for name in (f"opened_{slot}", f"conflict_{slot}", f"errors_{slot}"):
        st.session_state.pop(name, None)


def _value(field: Field, raw: Any) -> Any:
    if field.kind == "date":
        return raw.isoformat() if raw else None
    if field.kind == "text":
        return (raw or "").strip() or None
    return raw


def _save(actor: Actor, region: dict, table: str, slot: str, prefix: str, fields, lang: str):
    """Submit: write through `data.writes`; keep errors or the conflict for the next run."""
    state = st.session_state
    opened = state.get(f"opened_{slot}") or {}
    values = {f.name: _value(f, state.get(f"{prefix}_{f.name}")) for f in fields}
    if opened:
        values["id"] = opened["id"]
    else:
        values.update(region_code=region["code"], year=state.get(f"{prefix}_year"))
    values["provenance"] = edits.reported_source(
        actor, region["code"], region["name"], date.today()
    )
    for name in (f"errors_{slot}", f"conflict_{slot}"):
        state.pop(name, None)
    store = session.db()
    try:
        saved = writes.save(
            store, actor, table, values, expected_version=opened.get("version") if opened else None
        )
        if opened:  # the form now stands at the version just written
            state[f"opened_{slot}"] = edits.row(store, table, saved.row_id)
        else:  # a fresh, empty form for the next quick win
            state[f"added_{slot}"] = state.get(f"added_{slot}", 0) + 1
        state[f"saved_{slot}"] = True
    except writes.Invalid as error:
        shown = {f.name for f in fields} | {"year"}
        state[f"errors_{slot}"] = {
            (e.field if e.field in shown else ""): _reason(e) for e in error.errors
        }
    except writes.Conflict as error:
        state[f"conflict_{slot}"] = _conflict(error, opened, fields)
    except Refused:
        state[f"errors_{slot}"] = {"": t("edit.refused")}
    finally:
        store.close()


def _reason(error: writes.FieldError) -> str:
    """Why a field was refused, naming another field by its label ("before Final date")."""
    params = dict(error.params)
    if params.get("other") in FIELD_NAMES:
        params["other"] = t(f"edit.field.{params['other']}")
    return t(f"kelola.reason.{error.code}", **params)


def _conflict(error: writes.Conflict, opened: dict, fields) -> dict:
    """Who changed the row since the form opened, and each field as opened and as now."""
    now = error.current or {}
    diff = [
        {
            "field": t(f"edit.field.{f.name}"),
            "opened": _shown(opened.get(f.name)),
            "now": _shown(now.get(f.name)),
        }
        for f in fields
        if opened.get(f.name) != now.get(f.name)
    ]
    when = (error.changed_at or "")[:16].replace("T", " ")
    return {"by": error.changed_by, "at": f"{when} UTC" if when else None, "diff": diff}


def _shown(value: Any) -> str:
    return "–" if value is None else str(value)
