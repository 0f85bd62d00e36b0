"""Kelola Data: bring the programme's spreadsheets in, manage users and the readiness
rubric (admins signed in), download templates and export everything (anyone).

Without sign-in configured the app is a read-only public dashboard: the page says how to
enable sign-in and offers only the templates and the export.
"""

import streamlit as st

from components import admin_view, auth_view
from components import kelola_view as view
from components.session import db, t

st.title(t("kelola.title"))
st.caption(t("kelola.subtitle"))
store = db()
actor = auth_view.admin_or_notice(store)  # None: a notice says how to sign in as an admin
if actor is not None:
    view.import_panel(store, actor)
    st.divider()
    admin_view.users_panel(store, actor)
    st.divider()
    admin_view.rubric_panel(store, actor)
st.divider()
view.templates_panel()
st.divider()
view.export_panel()
