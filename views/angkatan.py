"""Angkatan: are later cohorts better prepared, in which criteria, and who stands out?"""

from datetime import date

import streamlit as st

from components import cohorts_sections_view
from components.cohorts_view import Context, choose, page_link
from components.session import db, language, show_demo, t
from data import cohorts

lang, store, demo = language(), db(), show_demo()
opts = cohorts.options(store)

st.title(t("cohorts.title"))
st.caption(t("cohorts.subtitle"))

# Cohort, track, province and kind filters and the view switch, all in the URL.
selection = choose(opts, lang, demo)
page = Context(store, lang, demo, opts, selection, page_link(), date.today())

if selection.view == "readiness":
    cohorts_sections_view.readiness(page)
elif selection.view == "evaluation":
    cohorts_sections_view.evaluation(page)
else:
    cohorts_sections_view.external(page)

st.caption(t("cohorts.colour_caption"))
