"""The reference lists the boundaries are checked against (data/seed/*.csv).

Read with the csv module on purpose: these are small, and the boundary cache check must
stay cheap enough to import on every page without pulling in pandas.
"""

from __future__ import annotations

import csv
from pathlib import Path

from settings import ROOT

SEED = ROOT / "data" / "seed"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def regions(seed: Path = SEED) -> dict[str, dict[str, str]]:
    """Every kab/kota by code: name, kind, province_code, lat, lng, ..."""
    return {row["code"]: row for row in _rows(seed / "regions.csv")}


def region_codes(seed: Path = SEED) -> list[str]:
    return sorted(regions(seed))


def province_names(seed: Path = SEED) -> dict[str, str]:
    return {row["code"]: row["name"] for row in _rows(seed / "provinces.csv")}


def official_areas(seed: Path = SEED) -> dict[str, float]:
    """Official land area in km2 by code (kab/kota and province); some codes have none."""
    return {row["code"]: float(row["area_km2"]) for row in _rows(seed / "areas.csv")}
