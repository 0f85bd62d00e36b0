"""Presentasi: the closing-ceremony show (`?show=1`), or the panel that prepares its link."""

from datetime import date

import streamlit as st

from components import presenter
from components import presenter_view as view
from components.session import db, language, show_demo, t

lang, store, demo_on, today = language(), db(), show_demo(), date.today()
settings, notices = presenter.parse(st.query_params.to_dict(), presenter.cohort_years(store))
facts = view.facts(store, settings.cohort)
screens = presenter.screens(facts, settings, lang, demo_on, today)

if presenter.in_show(st.query_params.to_dict()):
    view.show(facts, screens, settings, lang, demo_on)
else:
    st.title(t("presenter.title"))
    st.caption(t("presenter.subtitle"))
    view.notices(notices)
    view.choices(facts.cohorts, settings)
    view.link(settings, lang, demo_on)
    view.outline(screens)
    view.pdf_download(settings, lang, demo_on, today)
