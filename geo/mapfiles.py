"""The two files the national map draws, derived once from the boundary cache.

The cache is faithful; a map without a GPU needs less. Two things dominate its first frame:

- islets: 17,566 of the 18,707 polygon parts are under 6 km² and carry more than half the
  vertices. Parts under `MIN_PART_KM2` (a 500 m square; under two pixels even at the map's
  closest zoom) are dropped, except each region's largest part, so none disappears.
- coastlines: stroking polygons outlines every island. The fills already show the coast,
  so the map draws only the borders *between* areas: ~3 thousand vertices for provinces,
  ~47 thousand for regions, against 144 thousand in the polygons.

`map_regions.geojson` keeps every feature and property (`i` indexes the colour list);
`map_borders.geojson` holds two line features, `level` "region" then "province", and
`map_province_borders.geojson` the province one alone: at national zoom region borders are
sub-pixel clutter, and their 47 thousand vertices cost a CPU-drawn map over a second.
A small manifest records the boundary version the files came from, so a rebuilt cache
gets new ones.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from geo import cache
from geo.boundaries import BoundaryStatus, static_url

REGIONS = "map_regions.geojson"
BORDERS = "map_borders.geojson"
PROVINCE_BORDERS = "map_province_borders.geojson"
MANIFEST = "map_files.json"
DECIMALS = 4  # ~11 m: finer than a pixel at any zoom the map allows
MIN_PART_KM2 = 0.25
KM2_PER_SQUARE_DEGREE = 12_300  # at the equator; Indonesia spans 6°N-11°S

FILES = (REGIONS, BORDERS, PROVINCE_BORDERS)

_lock = threading.Lock()


@dataclass(frozen=True)
class MapFiles:
    regions_url: str
    borders_url: str
    province_borders_url: str


def _rounded(geometry: shapely.Geometry) -> dict:
    rounded = shapely.transform(geometry, lambda xy: np.round(xy, DECIMALS))
    return json.loads(shapely.to_geojson(rounded))


def without_islets(geometry: shapely.Geometry) -> shapely.Geometry:
    """The geometry minus parts under MIN_PART_KM2, always keeping its largest part."""
    parts = shapely.get_parts(geometry)
    if len(parts) < 2:
        return geometry
    areas = shapely.area(parts) * KM2_PER_SQUARE_DEGREE
    keep = (areas >= MIN_PART_KM2) | (areas == areas.max())
    return shapely.multipolygons(parts[keep])


def interior_lines(geometries: list[shapely.Geometry]) -> shapely.Geometry:
    """The parts of the polygons' outlines that are not on the outline of their union."""
    shapes = np.asarray(geometries, dtype=object)
    outlines = shapely.union_all(shapely.boundary(shapes))
    coast = shapely.boundary(shapely.union_all(shapes))
    shared = shapely.difference(outlines, coast)
    parts = [p for p in shapely.get_parts(shared) if shapely.get_type_id(p) in (1, 5)]
    if not parts:
        return shapely.MultiLineString()
    return shapely.line_merge(shapely.multilinestrings(parts))


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_bytes())["features"]


def _geometry(feature: dict) -> shapely.Geometry:
    return shapely.from_geojson(json.dumps(feature["geometry"]))


def _collection(features: list[dict]) -> bytes:
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":")).encode()


def build(regions_path: Path, provinces_path: Path) -> dict[str, bytes]:
    """Both map files for one boundary cache, as GeoJSON bytes by file name."""
    regions = _features(regions_path)
    region_shapes = [_geometry(f) for f in regions]
    province_shapes = [_geometry(f) for f in _features(provinces_path)]
    light = [
        {"type": "Feature", "properties": f["properties"], "geometry": _rounded(without_islets(g))}
        for f, g in zip(regions, region_shapes, strict=True)
    ]
    region, province = (
        {"type": "Feature", "properties": {"level": level}, "geometry": _rounded(lines)}
        for level, lines in (
            ("region", interior_lines(region_shapes)),
            ("province", interior_lines(province_shapes)),
        )
    )
    return {
        REGIONS: _collection(light),
        BORDERS: _collection([region, province]),
        PROVINCE_BORDERS: _collection([province]),
    }


def _current(cache_dir: Path, version: str | None) -> bool:
    try:
        recorded = json.loads((cache_dir / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return False
    files_there = all((cache_dir / name).exists() for name in FILES)
    return recorded.get("version") == version and files_there


def ensure_map_files(
    status: BoundaryStatus, progress: Callable[[float, str], None] | None = None
) -> MapFiles | None:
    """URLs of the map files for `status`'s cache, deriving them first if needed.

    None when boundaries are unavailable or their cache is not served from ./static.
    Deriving takes several seconds, once per boundary build.
    """
    if not status.available or status.regions_path is None or status.provinces_path is None:
        return None
    cache_dir = status.regions_path.parent
    with _lock:
        if not _current(cache_dir, status.version):
            if progress:
                progress(0.0, "Tracing borders")
            for name, data in build(status.regions_path, status.provinces_path).items():
                cache.atomic_write(cache_dir / name, data)
            manifest = json.dumps({"version": status.version}).encode()
            cache.atomic_write(cache_dir / MANIFEST, manifest)
            if progress:
                progress(1.0, "Map files ready")
    urls = [static_url(cache_dir / name, status.version) for name in FILES]
    return MapFiles(*urls) if all(urls) else None
