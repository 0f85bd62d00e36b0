"""The map's selection as GeoJSON: the kept regions, their columns, their polygons."""

import json

import pandas as pd

from geo.selection import feature_collection

CENTROIDS = pd.DataFrame({"code": ["32.12", "32.74"], "lat": [-6.4, -6.73], "lng": [108.2, 108.55]})
SQUARE = {"type": "Polygon", "coordinates": [[[108, -6], [109, -6], [109, -7], [108, -6]]]}


def _regions_file(tmp_path):
    path = tmp_path / "regions.geojson"
    feature = {"type": "Feature", "properties": {"code": "32.12"}, "geometry": SQUARE}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    return path


def test_each_kept_region_is_a_feature_with_its_columns_and_polygon(tmp_path):
    table = pd.DataFrame({"code": ["32.12"], "name": ["Kabupaten Indramayu"], "readiness": [61.5]})
    [feature] = json.loads(feature_collection(table, CENTROIDS, _regions_file(tmp_path)))[
        "features"
    ]
    assert feature["id"] == "32.12"
    assert feature["properties"] == {
        "code": "32.12",
        "name": "Kabupaten Indramayu",
        "readiness": 61.5,
    }
    assert feature["geometry"] == SQUARE


def test_region_without_a_built_polygon_falls_back_to_its_centroid(tmp_path):
    table = pd.DataFrame({"code": ["32.74"], "name": ["Kota Cirebon"]})
    collection = json.loads(feature_collection(table, CENTROIDS, _regions_file(tmp_path)))
    assert collection["features"][0]["geometry"] == {
        "type": "Point",
        "coordinates": [108.55, -6.73],
    }


def test_no_boundaries_at_all_still_gives_points():
    table = pd.DataFrame({"code": ["32.12", "32.74"], "name": ["a", None]})
    features = json.loads(feature_collection(table, CENTROIDS, None))["features"]
    assert [f["geometry"]["type"] for f in features] == ["Point", "Point"]
    assert features[1]["properties"]["name"] is None
