"""Shapes that several pages pass around, in one place (after streamlit/demo-culture-map).

`Filters` is what a page's filter row chose; every value is the string the URL carries
(`?cohort=2017,2018&kind=kota`), so a choice, its link and its CSV header agree.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

#: Every filter a page may offer, in the order filter rows and CSV headers list them.
FIELDS = ("cohort", "track", "province", "kind", "stage", "dimension", "status", "region")
#: Filters that rest on demo values: set aside while demo values are hidden.
DEMO_FIELDS = ("stage", "status")
#: Filters on where a region is, not on its participation.
PLACE_FIELDS = ("province", "kind", "region")

#: Allowed values per filter with the label each is shown by, in display order.
Labels = dict[str, dict[str, str]]


@dataclass(frozen=True)
class Filters:
    """What a page's filters keep; an empty tuple keeps everything."""

    cohort: tuple[str, ...] = ()
    track: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()
    dimension: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    region: tuple[str, ...] = ()

    def places(self) -> Filters:
        """Only the place filters: for values that belong to a region, not to a cohort."""
        return Filters(**{f: getattr(self, f) for f in PLACE_FIELDS})

    def without(self, *names: str) -> Filters:
        return replace(self, **{name: () for name in names})

    def chosen(self) -> dict[str, tuple[str, ...]]:
        """The filters that keep less than everything."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
