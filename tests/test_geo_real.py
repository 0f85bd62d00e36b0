"""The real boundaries, built once per test run from the mirror beside the repo.

The mirror is required, never skipped: CI always has it (or sets PANTAU_BOUNDARY_SOURCE),
and a missing mirror must show up as a failure rather than as untested geometry.
"""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

import numpy as np
import pytest
import shapely

from geo import cache, reference
from geo.__main__ import main
from geo.boundaries import ensure_boundaries
from geo.build import BuildReport, area_km2
from geo.source import SORONG_COMMIT, is_url

DEFAULT_MIRROR = Path(__file__).resolve().parents[2] / "shared/reference/wilayah_boundaries"


def mirror() -> str:
    source = os.environ.get("PANTAU_BOUNDARY_SOURCE") or str(DEFAULT_MIRROR)
    if not is_url(source) and not Path(source).is_dir():
        pytest.fail(
            f"boundary mirror not found at {source}: put it at {DEFAULT_MIRROR} "
            "or set PANTAU_BOUNDARY_SOURCE to a mirror folder or base URL"
        )
    return source


@pytest.fixture(scope="session")
def built(built_boundaries) -> tuple[Path, BuildReport]:
    """The run's one build from the mirror (conftest) and the report its manifest keeps."""
    return built_boundaries, BuildReport(**cache.valid_manifest(built_boundaries)["checks"])


@pytest.fixture(scope="session")
def regions(built) -> dict[str, shapely.Geometry]:
    collection = json.loads((built[0] / cache.REGIONS).read_text())
    return {
        f["properties"]["code"]: shapely.geometry.shape(f["geometry"])
        for f in collection["features"]
    }


@pytest.fixture(scope="session")
def region_areas(regions) -> dict[str, float]:
    areas = area_km2(np.array(list(regions.values()), dtype=object))
    return dict(zip(regions, areas, strict=True))


def test_514_features_join_one_to_one_to_the_reference(regions):
    assert sorted(regions) == reference.region_codes()
    assert len(regions) == 514


def test_every_region_is_valid_and_not_empty(regions):
    geometries = np.array(list(regions.values()), dtype=object)
    assert shapely.is_valid(geometries).all()
    assert not shapely.is_empty(geometries).any()


def test_index_property_follows_code_order(built):
    features = json.loads((built[0] / cache.REGIONS).read_text())["features"]
    assert [f["properties"]["i"] for f in features] == list(range(514))
    assert [f["properties"]["code"] for f in features] == reference.region_codes()


def test_sorong_is_the_older_polygon(built, region_areas):
    assert built[1].overrides == {"96.01": SORONG_COMMIT}
    assert region_areas["96.01"] == pytest.approx(8196, rel=0.01)  # the newer one is 12,783


def test_38_provinces_all_valid(built):
    collection = json.loads((built[0] / cache.PROVINCES).read_text())
    geometries = [shapely.geometry.shape(f["geometry"]) for f in collection["features"]]
    assert len(geometries) == 38 and all(g.is_valid and not g.is_empty for g in geometries)


def test_median_area_matches_official_areas(region_areas):
    official = reference.official_areas()
    ratios = [area / official[code] for code, area in region_areas.items() if code in official]
    assert 0.95 <= statistics.median(ratios) <= 1.05


def test_vertex_count_and_size_match_the_recipe(built):
    report = built[1]
    assert 130_000 < report.vertices < 160_000
    assert 2_500_000 < report.sizes[cache.REGIONS] < 3_600_000


def test_second_ensure_call_does_not_rebuild(built):
    status = ensure_boundaries(source=mirror(), cache_dir=built[0])
    assert status.available and not status.built


def test_cli_reports_an_up_to_date_cache_with_its_checks(built, capsys):
    assert main(["build", "--source", mirror(), "--cache", str(built[0])]) == 0
    out = capsys.readouterr().out
    assert "up to date" in out and "514 regions, 38 provinces" in out
    assert "96.01 from ce42628" in out


def test_cli_fails_naming_the_file(tmp_path, capsys):
    source = tmp_path / "mirror"
    source.mkdir()
    assert main(["build", "--source", str(source), "--cache", str(tmp_path / "c")]) == 1
    assert "wilayah_boundaries_kab_11.sql" in capsys.readouterr().err
