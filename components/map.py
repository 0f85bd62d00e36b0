"""The national map's deck, pure: layers, colour expressions, views and click parsing.

The ~3 MB of polygons never travel through the websocket. deck.gl fetches the GeoJSON
from `/app/static/geo/...` once (the URL carries the build's version, so a rebuilt cache
is fetched anew) and each rerun sends only a palette and one small integer per region: the
fill accessor is a deck.gl JSON expression that looks the colour up by the feature's
`i` property. Without boundaries the map falls back to centroid points.

No Streamlit here: caching, the process-wide boundary state and the progress bar live in
`components.map_view`, so this module is tested as plain functions.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from components import i18n
from components.map_measures import FIRST_MEASURE_CLASS, Colouring
from geo import points
from geo.boundaries import BoundaryStatus

#: Layer ids; a click on either opens the region page.
REGIONS, POINTS, BORDERS = "regions", "points", "borders"
SEA_COLOR = [183, 212, 230, 255]
#: The sea is the canvas's own background (deck.gl clears to transparent), not a layer:
#: a full-screen polygon was one more model to build and fill on every frame, and
#: without a GPU every frame is drawn pixel by pixel. Pages with a map add this rule.
SEA_CSS = (
    '[data-testid="stDeckGlJsonChart"] canvas '
    f"{{ background: rgb({SEA_COLOR[0]} {SEA_COLOR[1]} {SEA_COLOR[2]}); }}"
)
#: Border colour and width (pixels) by the feature's `level`: regions first, provinces on top.
BORDER_STYLE = {
    "line": "properties.level == 'province' ? [70, 74, 80, 230] : [255, 255, 255, 190]",
    "width": "properties.level == 'province' ? 1.2 : 0.6",
}
HEIGHT = 440
#: Non-participants smaller than this (km²) get a point: their polygon is a speck.
SMALL_KM2 = 1000
#: From this zoom on, region borders are drawn too (a province fills the map at ~6).
ZOOMED = 5.0
#: Views are fitted to a map this wide (a laptop screen's map column), so nothing is cut.
FIT_WIDTH = 760
#: ... and on a phone (a 390 px screen less the page's margins).
PHONE_WIDTH = 340
#: Farthest zoom: all of Indonesia on a phone is about 2.3.
MIN_ZOOM = 2


@dataclass(frozen=True)
class Geometry:
    """Where the browser fetches polygons and borders, and which region each feature `i` is."""

    regions_url: str
    borders_url: str
    province_borders_url: str
    order: tuple[str, ...]


def unavailable_reason(status: BoundaryStatus) -> str:
    """Why polygons are missing: a reason code the catalog translates (`map.boundaries.*`)."""
    if status.available:
        # built outside ./static (the browser cannot fetch it), or the map files failed
        return "error" if status.regions_url else "not_served"
    return status.reason_code or "error"


# --- the deck -------------------------------------------------------------------------


class CompactDeck(pdk.Deck):
    """A Deck serialised without pydeck's indentation: the spec is resent on every rerun,
    and two-space indents make it about half again as big."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def view_for(
    facts: pd.DataFrame,
    provinces: Sequence[str],
    region: str | None = None,
    width: int = FIT_WIDTH,
) -> dict[str, float]:
    """All of Indonesia; or the focused region, or the chosen provinces, filling a map
    `width` pixels wide."""
    if region:
        codes = [region]
    elif provinces:
        chosen = set(provinces)
        pairs = zip(facts["code"].tolist(), facts["province_code"].tolist(), strict=True)
        codes = [code for code, province in pairs if province in chosen]
    else:  # the whole country: its centroids leave room enough for the coasts
        return points.bounds_for(facts["code"].tolist(), facts, width, HEIGHT, padding=0.03)
    return points.bounds_for(codes, facts, width=width, height=HEIGHT)


def fill_expression(colouring: Colouring, order: tuple[str, ...]) -> str:
    """deck.gl JSON expression: palette[class of feature `properties.i`].

    deck.gl evaluates it once per polygon, and an array literal in it is rebuilt on every
    evaluation: a list of 514 classes cost 514 numbers (and their garbage) per polygon.
    The classes travel as two strings instead, their tens and units digits by feature
    index: a string literal costs nothing to evaluate (function calls are not allowed in
    these expressions; unary `+` turns a digit into a number). Parenthesised because the
    parser allows member access only after a group or a name.
    """
    classes = [colouring.class_of.get(code, 0) for code in order]
    tens = "".join(str(k // 10) for k in classes)
    units = "".join(str(k % 10) for k in classes)
    palette = json.dumps(colouring.palette, separators=(",", ":"))
    return f'({palette})[10 * +("{tens}")[properties.i] + +("{units}")[properties.i]]'


def feature_order(facts: pd.DataFrame, geometry: Geometry | None) -> tuple[str, ...]:
    """Region codes by feature index `i`: the geometry's order, or the facts' without it."""
    return geometry.order if geometry is not None else tuple(facts["code"])


@dataclass(frozen=True)
class Points:
    """The centroid points a map draws, before colouring: fixed for a store version, year
    and geometry, so worked out once for every viewer (`located_points`)."""

    codes: tuple[str, ...]
    positions: tuple[tuple[float, float], ...]
    features: tuple[int, ...]

    def records(self, colouring: Colouring) -> list[dict]:
        """The point layer's data; `k` is the region's palette index (colour and size
        follow from it), `i` its feature index, so point and polygon share a tooltip."""
        class_of = colouring.class_of
        return [
            {"p": position, "k": class_of.get(code, 0), "code": code, "i": i}
            for code, position, i in zip(self.codes, self.positions, self.features, strict=True)
        ]


def located_points(facts: pd.DataFrame, order: tuple[str, ...], polygons: bool) -> Points:
    """Every participant, and non-participants too small to see as shapes (or every region
    without `polygons`), at its centroid."""
    small = facts["area_km2"].isna() | (facts["area_km2"] < SMALL_KM2)
    wanted = facts["participant"] | small | (not polygons)
    located = points.with_positions(facts.loc[wanted, ["code", "lat", "lng"]], decimals=3)
    index = {code: i for i, code in enumerate(order)}
    kept = [
        (code, tuple(position), index[code])
        for code, position in zip(located["code"], located["position"], strict=True)
        if code in index
    ]
    return (
        Points(*(tuple(column) for column in zip(*kept, strict=True)))
        if kept
        else Points((), (), ())
    )


def point_records(
    facts: pd.DataFrame, colouring: Colouring, order: tuple[str, ...], polygons: bool
) -> list[dict]:
    """Centroid points with their colours (`Points.records`)."""
    return located_points(facts, order, polygons).records(colouring)


#: The hover template of polygons and points alike: an empty element naming the feature
#: index; its text comes from `tooltip_css`. Streamlit's tooltip can only show fields of
#: the hovered object, and a polygon's are those of the static file (its name): the text
#: that changes with measure, year and language travels as one stylesheet instead, which
#: a filter change does not alter (so Streamlit resends only a reference to it).
TOOLTIP = {
    "html": '<span class="pantau-tip" data-i="{i}"></span>',
    "style": {
        "whiteSpace": "pre-line",
        "fontSize": "13px",
        "maxWidth": "320px",
        "pointerEvents": "none",
    },
}


def _css_text(text: str) -> str:
    """`text` as a CSS string: quotes and backslashes escaped, newlines as line breaks."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return '"' + escaped.replace("\n", "\\A ") + '"'


def tooltip_css(tips: pd.Series, order: tuple[str, ...]) -> str:
    """A stylesheet giving each feature index its hover text (see `TOOLTIP`)."""
    rules = [
        f'.pantau-tip[data-i="{i}"]::after{{content:{_css_text(tips[code])}}}'
        for i, code in enumerate(order)
        if code in tips.index
    ]
    return "<style>" + "".join(rules) + "</style>"


def point_style(colouring: Colouring, polygons: bool) -> dict[str, str]:
    """Accessor expressions: palette colour; shown participants bigger and outlined."""
    big, small = (4, 1.5) if polygons else (6, 3)
    shown = f"k >= {FIRST_MEASURE_CLASS}"
    palette = json.dumps(colouring.palette, separators=(",", ":"))
    return {
        "get_fill_color": f"({palette})[k]",
        "get_radius": f"{shown} ? {big} : {small}",
        "get_line_width": f"{shown} ? 1 : 0",
    }


#: Every deck is a copy of this one with its own layers and view: pydeck's `Deck()` looks
#: for Jupyter widgets five times (a failing import each, milliseconds per map run).
_BLANK_DECK = CompactDeck(layers=[], map_provider=None, tooltip=TOOLTIP)


def deck(
    facts: pd.DataFrame,
    colouring: Colouring,
    geometry: Geometry | None,
    view: dict[str, float],
    located: Points | None = None,
    borders: bool = True,
) -> pdk.Deck:
    """Region polygons and borders (static files), centroid points; the sea is `SEA_CSS`.

    Region borders only once zoomed in (`view` closer than national): nationally they
    are sub-pixel, and drawing them slows the first frame on a machine without a GPU.
    `located` is `located_points(facts, ...)` when the caller keeps it between runs.
    Without `borders`, the fill alone (the Peta page's first drawing).
    """
    if located is None:
        located = located_points(facts, feature_order(facts, geometry), geometry is not None)
    zoomed = view["zoom"] >= ZOOMED
    layers = []
    if geometry is not None:
        layers += [
            pdk.Layer(
                "GeoJsonLayer",
                id=REGIONS,
                data=geometry.regions_url,
                get_fill_color=fill_expression(colouring, geometry.order),
                update_triggers={"getFillColor": colouring.digest},
                stroked=False,  # coastlines would triple the vertices; borders come next
                pickable=True,
            )
        ]
    if geometry is not None and borders:
        layers += [
            pdk.Layer(
                "GeoJsonLayer",
                id=BORDERS,
                data=geometry.borders_url if zoomed else geometry.province_borders_url,
                get_line_color=BORDER_STYLE["line"],
                get_line_width=BORDER_STYLE["width"],
                line_width_units="'pixels'",
            ),
        ]
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            id=POINTS,
            data=located.records(colouring),
            get_position="p",
            **point_style(colouring, geometry is not None),
            radius_units="'pixels'",  # quoted: pydeck reads bare strings as accessors
            stroked=True,
            get_line_color=[40, 40, 40, 220],
            line_width_units="'pixels'",
            pickable=True,
        )
    )
    made = copy.copy(_BLANK_DECK)
    made.layers = layers
    made.initial_view_state = pdk.ViewState(**view, min_zoom=MIN_ZOOM, max_zoom=points.MAX_ZOOM)
    return made


def clicked_code(event) -> str | None:
    """The region code of a clicked polygon or point, if any."""
    objects = (event or {}).get("selection", {}).get("objects", {})
    for layer in (POINTS, REGIONS):
        for obj in objects.get(layer, []):
            code = obj.get("code") or (obj.get("properties") or {}).get("code")
            if code:
                return code
    return None


def alt_text(colouring: Colouring, lang: str) -> str:
    """What a screen reader hears instead of the canvas: the measure and the legend counts."""
    parts = [f"{entry.label}: {entry.count}" for entry in colouring.legend]
    return i18n.translate(lang, "map.alt", measure=colouring.title, legend="; ".join(parts))
