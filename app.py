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


def page(name: str, title: str, icon: str, url_path: str | None = None) -> st.Page:
    """`views/<name>.py` under its catalog title and Material icon; the one without a URL
    path is the default page."""
    return st.Page(
        f"views/{name}.py",
        title=t(title),
        icon=f":material/{icon}:",
        url_path=url_path,
        default=url_path is None,
    )


pages = [
    page("overview", "nav.overview", "dashboard"),
    page("peta", "nav.map", "map", "peta"),
    page("daerah", "nav.region", "location_city", "daerah"),
    page("quick_wins", "nav.quick_wins", "bolt", "quick-wins"),
    page("angkatan", "nav.cohorts", "groups", "angkatan"),
    page("kelola", "kelola.nav", "upload_file", "kelola"),
    page("presentasi", "nav.presenter", "slideshow", "presentasi"),
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
