"""Build the boundary cache: upstream SQL in, checked and compact GeoJSON out.

Everything the map needs is decided here, once, so the app only serves static files. The
checks are part of the build: a cache that does not join 1:1 to the reference regions is
never written, because a silently missing region would look like a region with no data.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import shapely

import settings
from geo import cache, reference, shapes
from geo.source import (
    MAIN_COMMIT,
    OVERRIDES,
    TIMEOUT_SECONDS,
    BoundaryError,
    BoundarySourceError,
    SourceFile,
    describe,
    fingerprint,
    location,
    read_all,
    required_files,
)
from geo.upstream_sql import read_insert_rows

Progress = Callable[[float, str], None]

# Share of the progress bar spent reading files; the rest is geometry and writing.
READ_SHARE = 0.5
DECIMALS = 5


class BoundaryValidationError(BoundaryError):
    """The files read fine, but the result fails a check (code "invalid")."""

    def __init__(self, message: str, location: str):
        super().__init__(message, location, "invalid")


@dataclass
class BuildReport:
    """What was built and how it fared against the checks; also stored in the manifest."""

    fingerprint: str
    source: str
    regions: int
    provinces: int
    invalid: int
    missing: list[str]
    extra: list[str]
    overrides: dict[str, str]
    vertices: int
    sizes: dict[str, int]
    area_ratio_median: float | None
    area_ratio_within_10pct: int
    area_ratio_compared: int
    seconds: float
    paths: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Row:
    code: str
    name: str
    path: str
    origin: SourceFile


def _noop(fraction: float, message: str) -> None:
    pass


def collect_rows(
    texts: Mapping[SourceFile, str],
    source: str,
    codes: Collection[str],
    overrides: Mapping[str, str],
) -> tuple[dict[str, _Row], list[str]]:
    """Pick each code's row from the right file; return the rows and any unexpected codes.

    A main-commit file supplies every row except overridden codes; an override file supplies
    only the codes overridden to its commit, and must contain them.
    """
    rows: dict[str, _Row] = {}
    extra: set[str] = set()
    for file, text in texts.items():
        where = location(source, file)
        try:
            upstream = read_insert_rows(text)
        except ValueError as e:
            raise BoundarySourceError(f"{where}: {e}", where, "corrupt") from e
        wanted = {c for c, commit in overrides.items() if commit == file.commit and c in codes}
        found = set()
        for row in upstream:
            code = row["kode"]
            if overrides.get(code, MAIN_COMMIT) != file.commit:
                continue  # this code is taken from another commit's file
            if code not in codes:
                extra.add(code)
                continue
            if not isinstance(row["path"], str):
                raise BoundarySourceError(f"{where}: row {code} has no path", where, "corrupt")
            rows[code] = _Row(code, row["nama"] or code, row["path"], file)
            found.add(code)
        if file.commit != MAIN_COMMIT and wanted - found:
            missing = ", ".join(sorted(wanted - found))
            raise BoundaryValidationError(f"{where}: override rows {missing} not found", where)
    return rows, sorted(extra)


def region_geometries(
    rows: dict[str, _Row], source: str, progress: Progress, start: float, share: float
) -> np.ndarray:
    """Full-resolution geometry per code (in sorted code order)."""
    out = []
    codes = sorted(rows)
    for n, code in enumerate(codes):
        row = rows[code]
        try:
            geometry = shapes.from_path(row.path)
        except (ValueError, shapely.errors.GEOSException) as e:
            where = location(source, row.origin)
            raise BoundarySourceError(f"{where}: row {code}: {e}", where, "corrupt") from e
        out.append(geometry)
        if n % 50 == 0:
            progress(start + share * n / len(codes), f"Polygons {n}/{len(codes)}")
    return np.array(out, dtype=object)


def area_km2(geometries: np.ndarray) -> np.ndarray:
    """Areas on an equal-area projection (EPSG:6933), good to a fraction of a percent."""
    from pyproj import Transformer

    to_equal_area = Transformer.from_crs(4326, 6933, always_xy=True)

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(to_equal_area.transform(xy[:, 0], xy[:, 1]))

    return shapely.area(shapely.transform(geometries, project)) / 1e6


def area_ratios(codes: list[str], geometries: np.ndarray) -> dict[str, float]:
    """Polygon area / official area, for the codes that have an official area."""
    official = reference.official_areas()
    areas = area_km2(geometries)
    return {c: float(a / official[c]) for c, a in zip(codes, areas, strict=True) if official.get(c)}


def _round(coords: list | tuple) -> list:
    if isinstance(coords[0], float):
        return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
    return [_round(c) for c in coords]


def feature_collection(features: list[tuple[str, dict, shapely.Geometry]]) -> bytes:
    """Compact GeoJSON (RFC 7946: counter-clockwise shells, 5 decimals, no whitespace)."""
    out = []
    for feature_id, properties, geometry in features:
        mapping = shapely.geometry.mapping(shapely.orient_polygons(geometry))
        out.append(
            {
                "type": "Feature",
                "id": feature_id,
                "properties": properties,
                "geometry": {
                    "type": mapping["type"],
                    "coordinates": _round(mapping["coordinates"]),
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": out}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode()


def check_geometries(kind: str, codes: list[str], geometries: np.ndarray, where: str) -> None:
    """Raise unless every geometry is valid, polygonal and non-empty."""
    bad = ~shapely.is_valid(geometries) | shapely.is_empty(geometries)
    bad |= ~np.isin(shapely.get_type_id(geometries), (3, 6))
    if bad.any():
        names = ", ".join(c for c, b in zip(codes, bad, strict=True) if b)
        raise BoundaryValidationError(f"{kind} with invalid or empty geometry: {names}", where)


def read_rows(
    source: str,
    codes: list[str],
    overrides: Mapping[str, str],
    progress: Progress,
    timeout: float,
) -> dict[str, _Row]:
    """Read the files holding `codes` and pick their rows; raise unless they join 1:1."""
    files = required_files(codes, overrides)

    def on_read(n: int, file: SourceFile) -> None:
        progress(READ_SHARE * n / len(files), f"Reading {file.relpath}")

    texts = read_all(source, files, on_read, timeout)
    rows, extra = collect_rows(texts, source, set(codes), overrides)
    missing = sorted(set(codes) - set(rows))
    if missing or extra:
        raise BoundaryValidationError(
            f"boundaries do not join 1:1 to the {len(codes)} reference regions: "
            f"missing {missing or 'none'}, extra {extra or 'none'}",
            describe(source),
        )
    return rows


def region_features(
    codes: list[str], province_of: list[str], geometries: np.ndarray, rows: dict[str, _Row]
) -> list[tuple[str, dict, shapely.Geometry]]:
    """Features in code order; `i` is the position, so the map can index a colour list."""
    names = {code: row["name"] for code, row in reference.regions().items()}
    triples = zip(codes, province_of, geometries, strict=True)
    return [
        (
            code,
            {"code": code, "name": names.get(code) or rows[code].name, "province_code": p, "i": i},
            geometry,
        )
        for i, (code, p, geometry) in enumerate(triples)
    ]


def province_features(
    codes: list[str], geometries: np.ndarray
) -> list[tuple[str, dict, shapely.Geometry]]:
    names = reference.province_names()
    return [
        (code, {"code": code, "name": names.get(code, code)}, geometry)
        for code, geometry in zip(codes, geometries, strict=True)
    ]


def write_cache(cache_dir: Path, outputs: dict[str, bytes], manifest: dict) -> None:
    """Replace each file atomically, the manifest last: it vouches for the others' sizes."""
    for name, data in outputs.items():
        cache.atomic_write(cache_dir / name, data)
    manifest = {
        **manifest,
        "format": cache.FORMAT,
        "version": hashlib.sha256(b"".join(outputs.values())).hexdigest()[:12],
        "files": {
            name: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in outputs.items()
        },
    }
    cache.write_manifest(cache_dir, manifest)


def build(
    source: str | None = None,
    cache_dir: Path | str | None = None,
    expected_codes: Collection[str] | None = None,
    progress: Progress | None = None,
    overrides: Mapping[str, str] = OVERRIDES,
    timeout: float = TIMEOUT_SECONDS,
) -> BuildReport:
    """Read, process, check and write the boundary cache; return what was done.

    `expected_codes` defaults to every code in data/seed/regions.csv; tests pass a few codes
    to build from a tiny mirror. Raises BoundaryError (see geo.source) naming the file at
    fault; nothing in the cache changes unless every check passes.
    """
    started = time.perf_counter()
    source = source or settings.boundary_source()
    cache_dir = Path(cache_dir or settings.boundary_cache_dir())
    progress = progress or _noop
    codes = sorted(expected_codes if expected_codes is not None else reference.region_codes())
    where = describe(source)

    progress(0.0, "Checking the boundary source")
    source_fingerprint = fingerprint(source, required_files(codes, overrides))
    rows = read_rows(source, codes, overrides, progress, timeout)
    raw = region_geometries(rows, source, progress, READ_SHARE, 0.2)

    progress(0.7, "Simplifying regions")
    regions = shapes.for_web(raw)
    check_geometries("regions", codes, regions, where)

    progress(0.8, "Dissolving provinces")
    known = reference.regions()
    province_of = [known.get(c, {}).get("province_code") or c[:2] for c in codes]
    dissolved = shapes.dissolve(raw, province_of)
    province_codes = list(dissolved)
    provinces = shapes.for_web(np.array(list(dissolved.values()), dtype=object))
    check_geometries("provinces", province_codes, provinces, where)

    progress(0.9, "Writing GeoJSON")
    outputs = {
        cache.REGIONS: feature_collection(region_features(codes, province_of, regions, rows)),
        cache.PROVINCES: feature_collection(province_features(province_codes, provinces)),
    }
    ratios = list(area_ratios(codes, regions).values())
    report = BuildReport(
        fingerprint=source_fingerprint,
        source=where,
        regions=len(codes),
        provinces=len(province_codes),
        invalid=0,
        missing=[],
        extra=[],
        overrides={c: rows[c].origin.commit for c in codes if c in overrides},
        vertices=int(shapely.get_num_coordinates(regions).sum()),
        sizes={name: len(data) for name, data in outputs.items()},
        area_ratio_median=float(np.median(ratios)) if ratios else None,
        area_ratio_within_10pct=sum(abs(r - 1) <= 0.1 for r in ratios),
        area_ratio_compared=len(ratios),
        seconds=round(time.perf_counter() - started, 2),
        paths={name: str(cache_dir / name) for name in outputs},
    )
    write_cache(
        cache_dir,
        outputs,
        {
            "fingerprint": source_fingerprint,
            "source": where,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "codes": codes,
            "checks": report.as_dict(),
        },
    )
    progress(1.0, "Boundaries ready")
    return report
