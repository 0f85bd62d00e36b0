"""The geometry recipe: upstream [lat, lng] rings to valid polygons."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from geo import shapes


def square(lat: float, lng: float, size: float) -> list[list[float]]:
    """A closed ring of [lat, lng] pairs, as upstream writes them."""
    return [[lat, lng], [lat, lng + size], [lat + size, lng + size], [lat + size, lng], [lat, lng]]


def test_pairs_are_swapped_to_lon_lat():
    ring = shapes.parse_path(json.dumps([square(-6.0, 106.0, 1.0)]))[0][0]
    assert tuple(ring[0]) == (106.0, -6.0)


def test_depth_3_inner_ring_becomes_a_hole():
    path = [square(0, 0, 1), square(0.4, 0.4, 0.2)]
    geometry = shapes.from_path(json.dumps(path))
    assert geometry.area == pytest.approx(1 - 0.04)


def test_depth_3_disjoint_ring_becomes_another_part_even_when_listed_first():
    path = [square(5, 5, 0.1), square(0, 0, 1)]
    geometry = shapes.from_path(json.dumps(path))
    assert len(shapely.get_parts(geometry)) == 2
    assert geometry.area == pytest.approx(1.01)


def test_depth_4_groups_are_combined_even_odd_then_unioned():
    group_a = [square(0, 0, 1), square(0.4, 0.4, 0.2)]  # a square with a hole
    group_b = [square(0.5, 0.5, 1)]  # overlaps group a, hole included
    geometry = shapes.from_path(json.dumps([group_a, group_b]))
    expected = shapely.union(
        shapely.Polygon(np.array(group_a[0])[:, ::-1], [np.array(group_a[1])[:, ::-1]]),
        shapely.Polygon(np.array(group_b[0])[:, ::-1]),
    )
    assert geometry.area == pytest.approx(expected.area)
    assert geometry.is_valid


def test_self_intersecting_ring_is_repaired_to_polygons():
    bowtie = [[0, 0], [1, 1], [0, 1], [1, 0], [0, 0]]
    geometry = shapes.from_path(json.dumps([bowtie]))
    assert geometry.is_valid and geometry.geom_type in ("Polygon", "MultiPolygon")


@pytest.mark.parametrize("path", ["[[0, 1]]", "[[[[[0, 1]]]]]", "not json", "[[[[0, 1], [1]]]]"])
def test_malformed_path_raises_value_error(path):
    with pytest.raises(ValueError):
        shapes.from_path(path)


def test_for_web_snaps_to_the_grid_and_stays_valid():
    path = [square(0.123456789, 0.987654321, 0.5)]
    web = shapes.for_web(np.array([shapes.from_path(json.dumps(path))], dtype=object))
    coords = shapely.get_coordinates(web)
    assert shapely.is_valid(web).all()
    assert np.allclose(coords, np.round(coords, 5), atol=1e-9)


def test_dissolve_unions_by_key():
    geometries = np.array(
        [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(5, 5, 6, 6)], dtype=object
    )
    dissolved = shapes.dissolve(geometries, ["11", "11", "12"])
    assert dissolved["11"].equals(shapely.box(0, 0, 2, 1))
    assert list(dissolved) == ["11", "12"]
