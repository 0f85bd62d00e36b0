"""Kelola Data: bring the programme's spreadsheets in, download templates, export everything.

Until sign-in decides who may, the page runs as a local administrator: the app on the
embedded default is one person's machine.
"""

import streamlit as st

from components import kelola_view as view
from components.session import db, t
from data.access import admin

LOCAL_ADMIN = admin("app:local-admin")

st.title(t("kelola.title"))
st.caption(t("kelola.subtitle"))
view.import_panel(db(), LOCAL_ADMIN)
st.divider()
view.templates_panel()
st.divider()
view.export_panel()
