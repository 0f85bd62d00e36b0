"""Turn upstream `path` values into clean polygons (the recipe in the reference README).

Upstream rings carry no role: a group can mix shells, holes and disjoint islands, and the
first ring is not always the shell. The even-odd rule (symmetric difference) needs no
roles: a ring inside another becomes a hole, a ring outside it another part.
"""

from __future__ import annotations

import functools
import json

import numpy as np
import shapely
from shapely.errors import GEOSException

SIMPLIFY_DEGREES = 0.0005  # ~55 m: invisible at the zooms a national dashboard uses
GRID_DEGREES = 1e-5  # ~1 m; matches the 5 decimals written to GeoJSON

Geometry = shapely.Geometry


def parse_path(path_json: str) -> list[list[np.ndarray]]:
    """Parse a `path` into groups of (lon, lat) rings.

    Upstream pairs are [lat, lng]; they are swapped here, once. A 3-deep path is one group
    of rings, a 4-deep path a list of groups. Raises ValueError on anything else.
    """
    try:
        path = json.loads(path_json)
    except (TypeError, json.JSONDecodeError) as e:
        raise ValueError(f"path is not JSON: {e}") from e
    depth, probe = 0, path
    while isinstance(probe, list) and probe:
        depth, probe = depth + 1, probe[0]
    if depth == 3:
        groups = [path]
    elif depth == 4:
        groups = path
    else:
        raise ValueError(f"path is nested {depth} deep; expected 3 or 4")
    try:
        return [[_ring(ring) for ring in group] for group in groups]
    except (TypeError, ValueError) as e:
        raise ValueError(f"path has a malformed ring: {e}") from e


def _ring(ring: list) -> np.ndarray:
    coords = np.asarray(ring, dtype=float)
    if coords.ndim != 2 or coords.shape[1] != 2 or len(coords) < 3:
        raise ValueError(f"a ring needs at least 3 [lat, lng] pairs, got shape {coords.shape}")
    if not np.isfinite(coords).all():
        raise ValueError("a ring has a non-finite coordinate")
    return coords[:, ::-1]


def even_odd(rings: list[np.ndarray]) -> Geometry:
    polygons = [shapely.Polygon(ring) for ring in rings]
    try:
        return functools.reduce(shapely.symmetric_difference, polygons)
    except GEOSException:
        # Only if GEOS refuses a badly self-intersecting ring: repair the rings one by one.
        return functools.reduce(shapely.symmetric_difference, shapely.make_valid(polygons))


def polygonal(geometry: Geometry) -> Geometry:
    """Keep only the polygonal parts, dropping the lines and points make_valid can leave."""
    if shapely.get_type_id(geometry) in (3, 6):  # Polygon, MultiPolygon
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if shapely.get_type_id(p) in (3, 6)]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def from_path(path_json: str) -> Geometry:
    """The full-resolution polygon for one upstream row: even-odd per group, then union."""
    groups = [even_odd(group) for group in parse_path(path_json)]
    return polygonal(shapely.make_valid(shapely.union_all(groups)))


def for_web(geometries: np.ndarray) -> np.ndarray:
    """Simplify, snap to the output grid and repair, so what is written stays valid.

    Snapping after simplifying (not the other way round) keeps the grid the last word on
    coordinates, and the final make_valid repairs the rare self-touch that snapping makes.
    """
    simple = shapely.simplify(geometries, SIMPLIFY_DEGREES, preserve_topology=True)
    snapped = shapely.set_precision(simple, GRID_DEGREES)
    repaired = shapely.make_valid(snapped)
    return np.array([polygonal(g) for g in repaired], dtype=object)


def dissolve(geometries: np.ndarray, keys: list[str]) -> dict[str, Geometry]:
    """Union the geometries sharing a key (kab/kota into provinces)."""
    keys_array = np.asarray(keys)
    return {key: shapely.union_all(geometries[keys_array == key]) for key in sorted(set(keys))}
