"""Regions as centroid points, and map views that fit a set of regions.

Points are the fallback when boundaries are unavailable, and a layer on top of polygons
anyway: small kota are only a few pixels wide at national zoom. Views are plain dicts with
pydeck's ViewState fields, so this module needs no pydeck import.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

# deck.gl draws the whole Web Mercator world 512 px wide at zoom 0.
WORLD_PX = 512
#: The closest zoom anywhere: views are fitted up to it and the map stops there (the
#: islets the map files leave out stay under two pixels).
MAX_ZOOM = 10.0
MARGIN_DEGREES = 0.3  # centroids sit inside their polygons; leave room for the shapes


def with_positions(regions: pd.DataFrame, decimals: int | None = None) -> pd.DataFrame:
    """A copy with `position` = [lng, lat] (pydeck's order), without rows lacking either.

    `decimals` rounds the positions: 3 (about 100 m) is plenty for a national map and
    keeps the payload resent on every rerun small.
    """
    located = regions.dropna(subset=["lat", "lng"]).copy()
    located["position"] = [
        [_rounded(lng, decimals), _rounded(lat, decimals)]
        for lng, lat in zip(located["lng"], located["lat"], strict=True)
    ]
    return located


def _rounded(value: float, decimals: int | None) -> float:
    return float(value) if decimals is None else round(float(value), decimals)


def national_view() -> dict[str, float]:
    """All of Indonesia in a 1200x600 map, Sabang to Merauke."""
    return {"longitude": 118.0, "latitude": -2.5, "zoom": 3.6}


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _latitude(y: float) -> float:
    return math.degrees(math.atan(math.sinh(y)))


def bounds_for(
    codes: Iterable[str],
    regions: pd.DataFrame,
    width: int = 1200,
    height: int = 600,
    padding: float = 0.1,
) -> dict[str, float]:
    """The view that fits the centroids of `codes` (looked up in `regions`: code, lat, lng).

    Falls back to national_view() when none of the codes has a centroid. The zoom is the
    largest at which the box, widened by MARGIN_DEGREES, fits inside the map minus
    `padding` on each side, computed in Web Mercator as deck.gl does.
    """
    wanted = set(codes)
    rows = np.array([code in wanted for code in regions["code"].tolist()], dtype=bool)
    lat = regions["lat"].to_numpy(dtype=float)[rows]
    lng = regions["lng"].to_numpy(dtype=float)[rows]
    return fit(lat, lng, width, height, padding)


def fit(
    lat: np.ndarray,
    lng: np.ndarray,
    width: int = 1200,
    height: int = 600,
    padding: float = 0.1,
) -> dict[str, float]:
    """`bounds_for` from the centroids' coordinates (NaN where unknown): for callers that
    keep them as arrays, since a filter change asks for a view every time."""
    located = ~(np.isnan(lat) | np.isnan(lng))
    if not located.any():
        return national_view()
    lat, lng = lat[located], lng[located]
    west = float(lng.min()) - MARGIN_DEGREES
    east = float(lng.max()) + MARGIN_DEGREES
    south = max(float(lat.min()) - MARGIN_DEGREES, -85.0)
    north = min(float(lat.max()) + MARGIN_DEGREES, 85.0)
    y_south, y_north = _mercator_y(south), _mercator_y(north)
    usable = 1 - 2 * padding
    zoom_x = math.log2(width * usable * 360 / (WORLD_PX * (east - west)))
    zoom_y = math.log2(height * usable * 2 * math.pi / (WORLD_PX * (y_north - y_south)))
    return {
        "longitude": round((west + east) / 2, 5),
        "latitude": round(_latitude((y_south + y_north) / 2), 5),
        "zoom": round(min(zoom_x, zoom_y, MAX_ZOOM), 2),
    }
