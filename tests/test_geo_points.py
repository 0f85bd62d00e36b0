"""Centroid points and map views (the fallback when boundaries are unavailable)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.points import MAX_ZOOM, bounds_for, national_view, with_positions
from settings import ROOT


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data/seed/regions.csv", dtype={"code": str, "province_code": str})


def test_position_is_lng_then_lat():
    frame = pd.DataFrame({"code": ["32.71"], "lat": [-6.6], "lng": [106.8]})
    assert with_positions(frame)["position"].tolist() == [[106.8, -6.6]]


def test_rows_without_a_centroid_are_dropped():
    frame = pd.DataFrame({"code": ["a", "b"], "lat": [-6.6, None], "lng": [106.8, 107.0]})
    assert with_positions(frame)["code"].tolist() == ["a"]


def test_positions_can_be_rounded_for_a_smaller_payload():
    frame = pd.DataFrame({"code": ["32.71"], "lat": [-6.61234], "lng": [106.81279]})
    assert with_positions(frame, decimals=3)["position"].tolist() == [[106.813, -6.612]]


def test_national_view_is_centred_on_indonesia():
    assert national_view() == {"longitude": 118.0, "latitude": -2.5, "zoom": 3.6}


def test_no_known_codes_gives_the_national_view(regions):
    assert bounds_for(["99.99"], regions) == national_view()


def test_province_view_is_centred_on_its_regions_and_closer_than_national(regions):
    jabar = regions[regions["province_code"] == "32"]
    view = bounds_for(jabar["code"], regions)
    assert jabar["lng"].min() < view["longitude"] < jabar["lng"].max()
    assert jabar["lat"].min() < view["latitude"] < jabar["lat"].max()
    assert national_view()["zoom"] + 2 < view["zoom"] < MAX_ZOOM


def test_single_region_zoom_is_capped(regions):
    uncapped = bounds_for(["32.71"], regions, width=4000, height=4000)
    assert uncapped["zoom"] == MAX_ZOOM
    assert bounds_for(["32.71"], regions)["zoom"] < MAX_ZOOM


def test_all_regions_fit_about_the_national_zoom(regions):
    view = bounds_for(regions["code"], regions)
    assert abs(view["zoom"] - national_view()["zoom"]) < 0.5
    assert abs(view["longitude"] - 118) < 1 and abs(view["latitude"] + 2.5) < 1
