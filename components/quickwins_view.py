"""The Quick Wins page's Streamlit pieces: the filter row and tables whose rows open a region."""

from __future__ import annotations

import pandas as pd

from components import filters_view, widgets
from components import quickwins as view
from components.types import Filters, Labels

KEY = "_qw_"


def choose(labels: Labels, lang: str, demo_on: bool) -> Filters:
    """The tracker's filters side by side, bound to the URL (status only with demo values)."""
    return filters_view.choose(labels, lang, demo_on, KEY)


def clickable(rows: pd.DataFrame, lang: str, key: str) -> None:
    """Quick wins as a table whose rows open their region's page."""
    names = view.column_names(lang)
    widgets.open_region_on_click(
        rows.rename(columns=names), key, column_config={names["source"]: widgets.source_column()}
    )
