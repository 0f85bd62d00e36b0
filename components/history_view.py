"""A region's history ("Riwayat"), its last-update line, and the overview's freshness panel.

Everything shown here comes from the audit log (`data.history`); values people typed are
shown in tables, which render them as text, never as markup.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from components import auth_view, i18n, provenance, session, timeline, widgets
from components.edit_view import CHOICES, FIELD_NAMES, option_label
from components.session import t
from data import history

HISTORY_LIMIT = 200
REGION_URL = "daerah"  # the region page's url_path in app.py


def _when(at: str | None) -> str:
    """An audit timestamp as people read it: date and UTC time."""
    if not at:
        return "–"
    return f"{i18n.date_text(at, session.language())} {at[11:16]} UTC"


def last_updated(store: Database, code: str) -> None:
    """'Last updated by ... on ...' under the region's name (nothing before any change)."""
    last = history.last_update(store, code)
    if last is None:
        st.caption(t("history.never_updated"))
        return
    who = auth_view.person(last["actor"])
    st.caption(t("history.last_updated", person=who, when=_when(last["at"])))


def _values(values: dict[str, Any], table: str) -> str:
    """Changed fields as 'field: value', in words where the forms know the field."""
    lang = session.language()
    return "; ".join(f"{_field(k)}: {_value(table, k, v, lang)}" for k, v in values.items())


def _field(name: str) -> str:
    return t(f"edit.field.{name}") if name in FIELD_NAMES else name


def _value(table: str, name: str, value: Any, lang: str) -> str:
    if value is None:
        return "–"
    if name in ("provenance", "status_provenance"):
        return provenance.label(value, t("core.demo"), lang)
    if name == "date" or name.endswith("_date"):
        return i18n.date_text(str(value), lang)
    if name in CHOICES and isinstance(value, str):
        return option_label(table, name, value, lang)
    return str(value)


def _what(row) -> str:
    """The kind of row and which one: 'Quick win · Sapa Warga', 'Tahapan · Bimtek I 2018'."""
    kind = t(f"history.table.{row.table_name}")
    name = row.item if isinstance(row.item, str) else None
    if name and row.table_name == "stage_events":
        name = timeline.stage_label(name, None, session.language())
    year = str(int(row.item_year)) if pd.notna(row.item_year) else None
    which = " ".join(part for part in (name, year) if part)
    return f"{kind} · {which}" if which else kind


def region_history(store: Database, code: str) -> None:
    """The 'Riwayat' section: who changed what, when, from what to what; refusals included."""
    st.subheader(t("history.title"))
    rows = history.region_history(store, code, HISTORY_LIMIT)
    if rows.empty:
        st.caption(t("history.empty"))
        return
    shown = pd.DataFrame(
        {
            t("history.col.when"): rows["at"].map(_when),
            t("history.col.who"): rows["actor"],
            t("history.col.action"): rows["action"].map(lambda a: t(f"history.action.{a}")),
            t("history.col.what"): [_what(r) for r in rows.itertuples()],
            t("history.col.before"): [
                _values(v, n) for v, n in zip(rows["before"], rows["table_name"], strict=True)
            ],
            t("history.col.after"): [
                _values(v, n) for v, n in zip(rows["after"], rows["table_name"], strict=True)
            ],
        }
    )
    st.dataframe(shown, hide_index=True, key="region_history")
    if len(rows) == HISTORY_LIMIT:
        st.caption(t("history.limited", n=HISTORY_LIMIT))


def freshness(store: Database, today: date | None = None) -> None:
    """Participating regions whose team has not updated anything in 180 days, by province."""
    lang = session.language()
    stale = history.stale_regions(store, today or date.today())
    title = t("history.freshness.title", n=len(stale))
    with st.expander(title, icon=":material/schedule:"):
        st.caption(t("history.freshness.note", days=history.STALE_AFTER_DAYS))
        if stale.empty:
            st.success(t("history.freshness.none"))
            return
        _stale_table(stale, lang)


def _stale_table(stale: pd.DataFrame, lang: str) -> None:
    by_province = stale.groupby("province", sort=True).size()
    st.markdown(t("history.freshness.count", n=len(stale), provinces=len(by_province)))
    table = pd.DataFrame(
        {
            "province": stale["province"],
            "region": stale["name"],
            "last": stale["last_update"].map(
                lambda at: _when(at) if at else t("history.freshness.never")
            ),
            "page": [
                f"/{REGION_URL}?{widgets.REGION_PARAM}={code}&lang={lang}" for code in stale["code"]
            ],
        }
    )
    st.dataframe(
        table.rename(columns={c: t(f"history.freshness.col.{c}") for c in table.columns}),
        hide_index=True,
        key="freshness_table",
        column_config={
            t("history.freshness.col.page"): st.column_config.LinkColumn(
                display_text=t("history.freshness.open")
            )
        },
    )
