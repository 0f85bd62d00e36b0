"""The filter row, bound to the URL: one widget per filter, reading and writing `?name=a,b`.

Values the URL carries but the page does not offer are named in a warning above the row
and dropped; filters that rest on demo values are set aside, with a note, while demo
values are hidden.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from components import filters, widgets
from components.session import t
from components.types import DEMO_FIELDS, Filters, Labels

#: Drawn as pills (two short choices), the others as multiselects.
PILLS = ("kind",)


def choose(
    labels: Labels,
    lang: str,
    demo_on: bool,
    key_prefix: str,
    widths: Sequence[float] | None = None,
) -> Filters:
    """The filters `labels` offers, side by side in that order; the URL holds the choice."""
    notices = st.container()
    columns = st.columns(widths or [1] * len(labels))
    chosen: dict[str, tuple[str, ...]] = {}
    unknown: dict[str, list[str]] = {}
    for column, (name, names) in zip(columns, labels.items(), strict=True):
        if name in DEMO_FIELDS and not demo_on:  # in its place, say why it is not there
            column.caption(t("filters.off_without_demo", filter=filters.label(name, lang)))
            continue
        pills = name in PILLS
        values, unknown[name] = widgets.url_multiselect(
            filters.label(name, lang),
            name,
            list(names),
            format_func=names.get,
            widget=column.pills if pills else column.multiselect,
            key_prefix=key_prefix,
            **({} if pills else {"placeholder": t("filters.all")}),
        )
        chosen[name] = tuple(values)
    with notices:
        widgets.warn_unknown("filters.unknown_value", lang, unknown)
    return Filters(**chosen)
