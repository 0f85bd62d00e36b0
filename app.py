"""Pantau Kota Cerdas: entry point. Builds navigation; every page lives in views/."""

import streamlit as st

import settings
from components import auth_view, presenter, session, sidebar, widgets
from components.session import t

st.set_page_config(
    page_title="Pantau Kota Cerdas",
    page_icon=str(settings.static_dir() / "favicon.png"),
    layout="wide",
)

#: Each page: its script, title key, icon and URL path (the first is the default page).
PAGES = [
    ("views/overview.py", "nav.overview", "dashboard", None),
    ("views/peta.py", "nav.map", "map", "peta"),
    ("views/daerah.py", "nav.region", "location_city", "daerah"),
    ("views/quick_wins.py", "nav.quick_wins", "bolt", "quick-wins"),
    ("views/angkatan.py", "nav.cohorts", "groups", "angkatan"),
    ("views/kelola.py", "kelola.nav", "upload_file", "kelola"),
    ("views/presentasi.py", "nav.presenter", "slideshow", "presentasi"),
]
pages = [
    st.Page(script, title=t(key), icon=f":material/{icon}:", url_path=path, default=path is None)
    for script, key, icon, path in PAGES
]
# The presenter's show fills the projector: no navigation, no sidebar.
show = presenter.in_show(st.query_params.to_dict())
navigation = st.navigation(pages, position="hidden" if show else "sidebar")
widgets.restore_after_back()
notices = session.link_notices()  # before keep_in_url drops an ignored lang or demo
session.keep_in_url()
if not show:
    sidebar.controls()
    auth_view.sidebar_control(session.db())
    for notice in notices:
        st.warning(notice, icon=":material/link:")
navigation.run()
