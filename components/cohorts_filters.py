"""The Angkatan page's filters, kept in the URL, and how an export names them.

A shared link must reproduce the view, so cohort, track, province, kind and the view itself
are all query parameters; an export repeats them (and the link) in its first lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from components import i18n, widgets
from data import cohorts

#: Widget keys start with this (tests find the widgets by it).
KEY = "_cohorts_"
VIEWS = ["readiness", "evaluation", "external"]
#: Where the page lives, for the link an export carries.
PAGE_PATH = "/angkatan"


@dataclass
class Selection:
    """What the URL asks the page to show; an empty list keeps everything."""

    cohorts: list[str]
    tracks: list[str]
    provinces: list[str]
    kinds: list[str]
    view: str = "readiness"

    @property
    def filters(self) -> cohorts.Filters:
        return cohorts.Filters(
            tuple(int(y) for y in self.cohorts),
            tuple(self.tracks),
            tuple(self.provinces),
            tuple(self.kinds),
        )

    @property
    def region_filters(self) -> cohorts.Filters:
        """Only province and kind: published values belong to a region, not to a cohort."""
        return cohorts.Filters(provinces=tuple(self.provinces), kinds=tuple(self.kinds))


def choose(opts: dict, lang: str) -> Selection:
    """The four filters side by side and the view switch; unknown URL values are named."""
    province_names = dict(opts["provinces"])
    cols = st.columns([3, 2, 3, 2])
    chosen: dict[str, list[str]] = {}
    unknown: dict[str, list[str]] = {}
    for column, param, options, names in (
        (cols[0], "cohort", [str(y) for y in opts["cohorts"]], str),
        (cols[1], "track", opts["tracks"], str),
        (cols[2], "province", list(province_names), province_names.get),
    ):
        chosen[param], unknown[param] = widgets.url_multiselect(
            i18n.translate(lang, f"cohorts.filter.{param}"),
            param,
            options,
            format_func=names,
            widget=column.multiselect,
            placeholder=i18n.translate(lang, "cohorts.filter.all"),
            key_prefix=KEY,
        )
    chosen["kind"], unknown["kind"] = widgets.url_multiselect(
        i18n.translate(lang, "cohorts.filter.kind"),
        "kind",
        opts["kinds"],
        widget=cols[3].pills,
        format_func=lambda k: i18n.translate(lang, f"cohorts.kind.{k}"),
        key_prefix=KEY,
    )
    view, unknown["view"] = widgets.url_single(
        i18n.translate(lang, "cohorts.view"),
        "view",
        VIEWS,
        "readiness",
        format_func=lambda v: i18n.translate(lang, f"cohorts.view.{v}"),
        key_prefix=KEY,
    )
    widgets.warn_unknown("cohorts.unknown_value", lang, unknown)
    return Selection(chosen["cohort"], chosen["track"], chosen["province"], chosen["kind"], view)


def csv_header(
    what: str, selection: Selection, opts: dict, demo: bool, query: dict[str, str], lang: str
) -> list[str]:
    """The first lines of every export: what it is, the filters, and the link that shows it."""
    province_names = dict(opts["provinces"])

    def described(values: list[str], names: Callable = str) -> str:
        return ", ".join(names(v) for v in values) or i18n.translate(lang, "cohorts.filter.all")

    return [
        i18n.translate(lang, "cohorts.csv.title", what=what),
        i18n.translate(
            lang,
            "cohorts.csv.filters",
            cohorts=described(selection.cohorts),
            tracks=described(selection.tracks),
            provinces=described(selection.provinces, province_names.get),
            kinds=described(selection.kinds, lambda k: i18n.translate(lang, f"cohorts.kind.{k}")),
            demo=i18n.translate(lang, "cohorts.yes")
            if demo
            else i18n.translate(lang, "cohorts.no"),
        ),
        i18n.translate(lang, "cohorts.csv.link", link=f"{PAGE_PATH}?{urlencode(query)}"),
    ]
