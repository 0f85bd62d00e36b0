"""geo.mapfiles: the lighter polygons and the border lines the national map draws."""

import json

import shapely

from geo import mapfiles


def _square(x: float, y: float, size: float) -> shapely.Polygon:
    return shapely.box(x, y, x + size, y + size)


def _collection(path, geometries, properties):
    features = [
        {"type": "Feature", "properties": p, "geometry": json.loads(shapely.to_geojson(g))}
        for g, p in zip(geometries, properties, strict=True)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_islets_go_but_each_region_keeps_its_largest_part():
    mainland, islet = _square(0, 0, 0.1), _square(1, 1, 0.001)  # ~123 km², ~0.01 km²
    assert mapfiles.without_islets(shapely.MultiPolygon([mainland, islet])).equals(
        shapely.MultiPolygon([mainland])
    )
    assert mapfiles.without_islets(islet).equals(islet)


def test_interior_lines_are_the_shared_border_without_the_coast():
    west, east = _square(0, 0, 1), _square(1, 0, 1)
    lines = mapfiles.interior_lines([west, east])
    assert lines.equals(shapely.MultiLineString([[(1, 0), (1, 1)]])) or lines.equals(
        shapely.LineString([(1, 0), (1, 1)])
    )


def test_build_keeps_every_feature_and_its_properties(tmp_path):
    shapes = [_square(0, 0, 1), _square(1, 0, 1)]
    props = [{"code": "99.01", "i": 0}, {"code": "99.71", "i": 1}]
    regions = _collection(tmp_path / "regions.geojson", shapes, props)
    provinces = _collection(tmp_path / "provinces.geojson", [shapely.union_all(shapes)], [{}])
    files = {name: json.loads(data) for name, data in mapfiles.build(regions, provinces).items()}
    assert [f["properties"] for f in files[mapfiles.REGIONS]["features"]] == props
    levels = [f["properties"]["level"] for f in files[mapfiles.BORDERS]["features"]]
    assert levels == ["region", "province"]
    assert [f["properties"]["level"] for f in files[mapfiles.PROVINCE_BORDERS]["features"]] == [
        "province"
    ]


def test_nothing_is_derived_without_boundaries():
    from geo.boundaries import BoundaryStatus

    assert mapfiles.ensure_map_files(BoundaryStatus(available=False, reason_code="missing")) is None
