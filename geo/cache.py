"""The built boundary files on disk, and a check of them cheap enough for every rerun.

The manifest is written last and records each file's size, so a build that died halfway
(or a file replaced by hand) shows up as a mismatch instead of a half-updated map.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

REGIONS = "regions.geojson"
PROVINCES = "provinces.geojson"
MANIFEST = "manifest.json"

# Bump whenever the build writes different output for the same source (recipe, properties),
# so existing caches are rebuilt rather than trusted.
FORMAT = 1


def atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file and os.replace, so readers never see a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_manifest(cache_dir: Path, manifest: dict) -> None:
    atomic_write(cache_dir / MANIFEST, json.dumps(manifest, indent=1).encode())


# (path, size, mtime_ns) -> parsed manifest: a rerun only pays for a stat. It grows by one
# entry per build, so it needs no eviction.
_parsed: dict[tuple[str, int, int], dict | None] = {}


def read_manifest(cache_dir: Path) -> dict | None:
    """The manifest, or None if there is none or it is unreadable."""
    path = Path(cache_dir) / MANIFEST
    try:
        st = path.stat()
    except OSError:
        return None
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _parsed:
        try:
            manifest = json.loads(path.read_bytes())
        except (OSError, ValueError):
            manifest = None
        _parsed[key] = manifest if isinstance(manifest, dict) else None
    return _parsed[key]


def valid_manifest(cache_dir: Path) -> dict | None:
    """The manifest if it is of this FORMAT and every file it lists has its recorded size."""
    manifest = read_manifest(cache_dir)
    if not manifest or manifest.get("format") != FORMAT:
        return None
    files = manifest.get("files") or {}
    if set(files) != {REGIONS, PROVINCES}:
        return None
    for name, info in files.items():
        try:
            if (Path(cache_dir) / name).stat().st_size != info.get("bytes"):
                return None
        except OSError:
            return None
    return manifest
