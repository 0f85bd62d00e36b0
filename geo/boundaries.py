"""The one entry point the app uses: make sure boundaries exist, and say so if they cannot.

The dashboard must start without boundaries (it then maps regions as centroid points), so
nothing here raises for a missing, unreachable or broken source: it returns a
BoundaryStatus with a reason code the UI can translate. Building imports shapely and pyproj
lazily, so the cache-hit path (every page rerun) only stats a few files.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import settings
from geo import cache, reference
from geo.source import BoundaryError, fingerprint, required_files

log = logging.getLogger(__name__)

# One build at a time per process: concurrent sessions wait and then find the cache fresh.
_build_lock = threading.Lock()

STATIC_URL = "/app/static"


@dataclass(frozen=True)
class BoundaryStatus:
    """Whether polygons can be drawn, and where they are.

    `reason_code` (when not available): "unreachable", "missing", "corrupt", "invalid",
    "not_built" (no cache yet, nothing tried) or "error" (unexpected; see the log).
    `version` is a short hash of the built files, to append to their URLs for cache-busting.
    `warning` is set when an older cache is used because the source could not be reached.
    """

    available: bool
    reason: str | None = None
    reason_code: str | None = None
    regions_path: Path | None = None
    provinces_path: Path | None = None
    built: bool = False
    version: str | None = None
    warning: str | None = None

    @property
    def regions_url(self) -> str | None:
        return static_url(self.regions_path, self.version)

    @property
    def provinces_url(self) -> str | None:
        return static_url(self.provinces_path, self.version)


def static_url(path: Path | None, version: str | None) -> str | None:
    """The URL Streamlit serves `path` at, or None if it lies outside the served folder."""
    if path is None:
        return None
    try:
        relative = Path(path).resolve().relative_to(settings.static_dir().resolve())
    except ValueError:
        return None
    query = f"?v={version}" if version else ""
    return f"{STATIC_URL}/{relative.as_posix()}{query}"


def _available(
    cache_dir: Path, manifest: dict, built: bool, warning: str | None = None
) -> BoundaryStatus:
    return BoundaryStatus(
        available=True,
        regions_path=cache_dir / cache.REGIONS,
        provinces_path=cache_dir / cache.PROVINCES,
        built=built,
        version=manifest.get("version"),
        warning=warning,
    )


def _unavailable(reason: str, code: str) -> BoundaryStatus:
    return BoundaryStatus(available=False, reason=reason, reason_code=code)


def status_without_building(cache_dir: Path | str | None = None) -> BoundaryStatus:
    """Is there a complete cache? Costs three stats on a rerun; never reads the source."""
    cache_dir = Path(cache_dir or settings.boundary_cache_dir())
    manifest = cache.valid_manifest(cache_dir)
    if manifest is None:
        return _unavailable(f"no complete boundary cache in {cache_dir}", "not_built")
    return _available(cache_dir, manifest, built=False)


def is_current(manifest: dict | None, source_fingerprint: str, codes: list[str]) -> bool:
    """Whether a cache was built from this exact source for these regions."""
    return bool(
        manifest
        and manifest.get("fingerprint") == source_fingerprint
        and manifest.get("codes") == codes
    )


def ensure_boundaries(
    progress: Callable[[float, str], None] | None = None,
    source: str | None = None,
    cache_dir: Path | str | None = None,
    expected_codes: Collection[str] | None = None,
    force: bool = False,
) -> BoundaryStatus:
    """Build the boundary cache if the source changed since the last build; never raises.

    Cheap when the cache is current: a URL source is fingerprinted from its pinned URLs, a
    mirror from file hashes remembered per mtime. An unreachable source falls back to any
    complete cache; a missing, corrupt or invalid file makes boundaries unavailable, with
    the file named in `reason`.
    """
    source = source or settings.boundary_source()
    cache_dir = Path(cache_dir or settings.boundary_cache_dir())
    codes = sorted(expected_codes) if expected_codes is not None else reference.region_codes()
    try:
        current = fingerprint(source, required_files(codes))
        manifest = cache.valid_manifest(cache_dir)
        if not force and is_current(manifest, current, codes):
            return _available(cache_dir, manifest, built=False)
        with _build_lock:
            manifest = cache.valid_manifest(cache_dir)
            if not force and is_current(manifest, current, codes):
                return _available(cache_dir, manifest, built=False)
            from geo.build import build

            build(source, cache_dir, codes, progress)
            manifest = cache.valid_manifest(cache_dir)
            if manifest is None:
                return _unavailable(f"the cache in {cache_dir} changed while building", "error")
            return _available(cache_dir, manifest, built=True)
    except BoundaryError as e:
        stale = cache.valid_manifest(cache_dir)
        if e.code == "unreachable" and stale:
            log.warning("boundary source unreachable, using the cache: %s", e)
            return _available(cache_dir, stale, built=False, warning=str(e))
        log.warning("boundaries unavailable (%s): %s", e.code, e)
        return _unavailable(str(e), e.code)
    except Exception as e:  # the map falls back to points rather than take the app down
        log.exception("building boundaries failed")
        return _unavailable(f"building boundaries failed: {e!r}", "error")
