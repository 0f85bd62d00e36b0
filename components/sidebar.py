"""Controls every page shares: language and the demo-values switch, both kept in the URL."""

from __future__ import annotations

import streamlit as st

from components import i18n, session, urlstate, widgets
from components.session import t


def _set_language() -> None:
    urlstate.catch_up()
    st.session_state[session.LANG_KEY] = st.session_state["_lang_widget"]
    urlstate.put(session.LANG_KEY, st.session_state["_lang_widget"])


def _set_demo() -> None:
    urlstate.catch_up()
    value = "1" if st.session_state["_demo_widget"] else "0"
    st.session_state[session.DEMO_KEY] = value
    urlstate.put(session.DEMO_KEY, value)


def controls() -> None:
    with st.sidebar:
        widgets.hold("_lang_widget", session.language())
        st.segmented_control(
            t("core.language"),
            options=list(i18n.LANGUAGES),
            format_func=lambda code: t(f"core.language.{code}"),
            key="_lang_widget",
            on_change=_set_language,
            selection_mode="single",
        )
        widgets.hold("_demo_widget", session.show_demo())
        st.toggle(
            t("core.show_demo"),
            key="_demo_widget",
            on_change=_set_demo,
            help=t("core.show_demo.help"),
        )
        st.caption(t("core.footer"))
