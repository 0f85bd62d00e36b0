"""Admin-only panels of the Kelola page: who may edit what, and the readiness rubric.

Both write through `data` (`data.users`, `data.cohorts.update_criterion`), which check the
acting identity again: hiding these panels from non-admins is a convenience, not the rule.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from components.session import t
from data import cohorts, users
from data.access import ROLES, Actor, Refused
from data.region import choices


def users_panel(store: Database, actor: Actor) -> None:
    """The users table, a form to add or change one, and removal."""
    st.subheader(t("auth.users.title"))
    st.caption(t("auth.users.note"))
    rows = pd.DataFrame(
        users.listing(store), columns=["email", "role", "regions", "updated_by", "updated_at"]
    )
    st.dataframe(
        rows.rename(columns={c: t(f"auth.users.col.{c}") for c in rows.columns}),
        hide_index=True,
        key="users_table",
    )
    regions = choices(store)
    labels = dict(zip(regions["code"], regions["label"], strict=True))
    with st.form("user_form"):
        email = st.text_input(t("auth.users.email"), key="user_email")
        role = st.selectbox(
            t("auth.users.role"), ROLES, format_func=lambda r: t(f"auth.role.{r}"), key="user_role"
        )
        codes = st.multiselect(
            t("auth.users.regions"),
            list(labels),
            format_func=lambda c: f"{c} · {labels[c]}",
            placeholder=t("edit.choose"),
            key="user_regions",
        )
        if st.form_submit_button(t("auth.users.save"), type="primary"):
            _attempt(lambda: users.add(store, actor, email, role, codes), "auth.users.saved")
    if len(rows):
        gone = st.selectbox(t("auth.users.remove_pick"), rows["email"], key="user_remove_pick")
        if st.button(t("auth.users.remove"), key="user_remove"):
            _attempt(lambda: users.remove(store, actor, gone), "auth.users.removed")


def _attempt(write, done_key: str) -> None:
    """Run one write; say it worked, or which field was wrong, or that it was refused."""
    try:
        write()
    except (users.UserError, cohorts.CriterionError) as error:
        reason = f"{error.field}: {t(f'kelola.reason.{error.code}', **error.params)}"
        st.error(t("auth.field_error", reason=reason), icon=":material/error:")
        return
    except Refused:
        st.error(t("auth.admin_only"))
        return
    st.success(t(done_key))
    st.rerun()


RUBRIC_COLUMNS = list(cohorts.EDITABLE)


def rubric_panel(store: Database, actor: Actor) -> None:
    """Criteria names, groups, weights and scales as an editable table, saved row by row."""
    st.subheader(t("auth.rubric.title"))
    st.caption(t("auth.rubric.note"))
    current = pd.DataFrame(store["criteria"].rows_where(order_by="position"))
    shown = current[["code", *RUBRIC_COLUMNS]]
    edited = st.data_editor(
        shown,
        hide_index=True,
        disabled=["code"],
        key="rubric_editor",
        column_config={
            "code": st.column_config.TextColumn(t("auth.rubric.col.code")),
            "name_id": st.column_config.TextColumn(t("auth.rubric.col.name_id")),
            "name_en": st.column_config.TextColumn(t("auth.rubric.col.name_en")),
            "grp": st.column_config.SelectboxColumn(
                t("auth.rubric.col.grp"), options=list(cohorts.GROUPS)
            ),
            "weight": st.column_config.NumberColumn(t("auth.rubric.col.weight"), min_value=0),
            "scale_min": st.column_config.NumberColumn(t("auth.rubric.col.scale_min")),
            "scale_max": st.column_config.NumberColumn(t("auth.rubric.col.scale_max")),
        },
    )
    if st.button(t("auth.rubric.save"), type="primary", key="rubric_save"):
        _attempt(lambda: _save_rubric(store, actor, shown, edited), "auth.rubric.saved")


def _save_rubric(store: Database, actor: Actor, before: pd.DataFrame, after: pd.DataFrame):
    """Each changed criterion through `update_criterion` (validated, admin-checked, audited)."""
    for old, new in zip(before.to_dict("records"), after.to_dict("records"), strict=True):
        update = {k: new[k] for k in RUBRIC_COLUMNS if new[k] != old[k]}
        if update:
            cohorts.update_criterion(store, old["code"], actor, **update)
