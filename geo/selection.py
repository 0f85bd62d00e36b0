"""The map's current selection as GeoJSON: the regions the filters keep, with the table's
columns as properties and their boundary polygons (or centroids when none are built)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd


@functools.lru_cache(maxsize=2)
def _polygons(path: str, modified: float) -> dict[str, dict]:
    """code -> geometry of the built regions file (reread when it is rebuilt)."""
    with open(path, encoding="utf-8") as f:
        collection = json.load(f)
    return {f["properties"]["code"]: f["geometry"] for f in collection["features"]}


def polygons(regions_path: Path | None) -> dict[str, dict]:
    if regions_path is None or not Path(regions_path).exists():
        return {}
    return _polygons(str(regions_path), Path(regions_path).stat().st_mtime)


def feature_collection(
    table: pd.DataFrame, centroids: pd.DataFrame, regions_path: Path | None
) -> bytes:
    """One feature per table row (`code` names the region); `centroids` has code, lat, lng."""
    shapes = polygons(regions_path)
    points = centroids.set_index("code")[["lng", "lat"]]
    features = []
    for row in table.to_dict("records"):
        code = row["code"]
        geometry = shapes.get(code) or {
            "type": "Point",
            "coordinates": [float(points.at[code, "lng"]), float(points.at[code, "lat"])],
        }
        properties = {k: (None if pd.isna(v) else v) for k, v in row.items()}
        features.append(
            {"type": "Feature", "id": code, "properties": properties, "geometry": geometry}
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, default=str).encode("utf-8")
