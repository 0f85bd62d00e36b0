"""Daerah: one region's participation, timeline, masterplan, quick wins and scores."""

import streamlit as st

from components import auth_view, edit_view, history_view
from components import region_view as view
from components.session import db, language, show_demo, t

lang, store, demo_on = language(), db(), show_demo()

st.title(t("region.title"))
page = view.chosen_page(store, lang)  # the picker; a notice when none or unknown
if page is None:
    st.stop()

profile = page.profile
view.header(page, lang, demo_on)
history_view.last_updated(store, profile.region["code"])
actor = auth_view.current_actor(store)
if actor.may_edit(profile.region["code"]) and profile.participates:
    edit_view.editor(store, profile, actor, lang)
if profile.participates:
    view.stage_timeline(page, lang, demo_on)
    view.masterplan(page, lang, demo_on)
    view.quick_wins(page, lang, demo_on)
    view.readiness(page, lang, demo_on)
view.indices(page, lang, demo_on)
history_view.region_history(store, profile.region["code"])
