"""Placeholder until this page's issue lands."""

import streamlit as st

from components.session import t

st.info(t("core.coming_soon"))
