"""The Angkatan page's choices, pure: the shared filters plus the view, as the URL gives them.

A shared link must reproduce the view, so cohort, track, province, kind and the view itself
are all query parameters; an export repeats them (and the link) in its first lines. The
widgets live in `components.cohorts_view`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from components import filters
from components.types import Filters, Labels

#: Widget keys start with this (tests find the widgets by it).
KEY = "_cohorts_"
VIEWS = ["readiness", "evaluation", "external"]
#: Where the page lives, for the link an export carries.
PAGE_PATH = "/angkatan"
#: The filter row's widths, in the order `labels` gives the filters.
WIDTHS = [3, 2, 3, 2]


@dataclass(frozen=True)
class Selection:
    """What the URL asks the page to show; empty filters keep everything."""

    filters: Filters = field(default_factory=Filters)
    view: str = "readiness"


def labels(opts: dict, lang: str) -> Labels:
    """The page's filters (from `data.cohorts.options`), in the order its row shows them."""
    return {
        "cohort": {str(y): str(y) for y in opts["cohorts"]},
        "track": {t: t for t in opts["tracks"]},
        "province": dict(opts["provinces"]),
        "kind": filters.kind_labels(lang),
    }
