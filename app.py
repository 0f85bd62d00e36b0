"""Pantau Kota Cerdas: entry point. Builds navigation; every page lives in views/."""

import streamlit as st

import settings
from components import auth_view, presenter, session, sidebar, widgets
from components.session import t

st.set_page_config(
    page_title="Pantau Kota Cerdas",
    page_icon=str(settings.ROOT / "static" / "favicon.png"),
    layout="wide",
)

pages = [
    st.Page(
        "views/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True
    ),
    st.Page("views/peta.py", title=t("nav.map"), icon=":material/map:", url_path="peta"),
    st.Page(
        "views/daerah.py", title=t("nav.region"), icon=":material/location_city:", url_path="daerah"
    ),
    st.Page(
        "views/quick_wins.py",
        title=t("nav.quick_wins"),
        icon=":material/bolt:",
        url_path="quick-wins",
    ),
    st.Page(
        "views/angkatan.py", title=t("nav.cohorts"), icon=":material/groups:", url_path="angkatan"
    ),
    st.Page(
        "views/kelola.py", title=t("kelola.nav"), icon=":material/upload_file:", url_path="kelola"
    ),
    st.Page(
        "views/presentasi.py",
        title=t("nav.presenter"),
        icon=":material/slideshow:",
        url_path="presentasi",
    ),
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
