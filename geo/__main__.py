"""`python -m geo build`: build the boundary cache and print the checks.

Exits 1 with the failing file named when the source cannot be read or fails a check, so a
deploy script can stop before the app starts without polygons.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import settings
from geo import boundaries, cache, reference
from geo.source import BoundaryError, fingerprint, required_files


def print_progress(fraction: float, message: str) -> None:
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr)


def print_checks(checks: dict, manifest: dict) -> None:
    sizes = ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in checks["sizes"].items())
    median = checks["area_ratio_median"]
    print(f"features:          {checks['regions']} regions, {checks['provinces']} provinces")
    print(f"invalid:           {checks['invalid']}")
    missing, extra = checks["missing"] or "none", checks["extra"] or "none"
    print(f"join to regions:   missing {missing}, extra {extra}")
    overrides = ", ".join(f"{c} from {commit[:7]}" for c, commit in checks["overrides"].items())
    print(f"overrides applied: {overrides or 'none'}")
    print(f"vertices:          {checks['vertices']:,}")
    print(f"sizes:             {sizes}")
    if median is not None:
        print(
            f"area / official:   median {median:.3f}, {checks['area_ratio_within_10pct']} of "
            f"{checks['area_ratio_compared']} within 10%"
        )
    print(f"build time:        {checks['seconds']:.1f} s (built {manifest.get('built_at')})")
    print(f"version:           {manifest.get('version')}")


def build_command(args: argparse.Namespace) -> int:
    from geo.build import build

    source = args.source or settings.boundary_source()
    cache_dir = Path(args.cache or settings.boundary_cache_dir())
    codes = reference.region_codes()
    try:
        current = fingerprint(source, required_files(codes))
        manifest = cache.valid_manifest(cache_dir)
        if not args.force and boundaries.is_current(manifest, current, codes):
            print(f"{cache_dir}: up to date with {source} (use --force to rebuild)")
        else:
            started = time.perf_counter()
            build(source, cache_dir, codes, print_progress, timeout=args.timeout)
            print(f"built {cache_dir} in {time.perf_counter() - started:.1f} s")
    except BoundaryError as e:
        print(f"error ({e.code}): {e}", file=sys.stderr)
        return 1
    manifest = cache.valid_manifest(cache_dir)
    print_checks(manifest["checks"], manifest)
    # Derive the map's lighter files now, at set-up, rather than on the first map view.
    from geo.mapfiles import ensure_map_files

    ensure_map_files(boundaries.status_without_building(cache_dir), print_progress)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="build the boundary cache")
    build_parser.add_argument("--source", help="mirror folder or base URL (default: settings)")
    build_parser.add_argument("--cache", help="cache folder (default: settings)")
    build_parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    build_parser.add_argument("--timeout", type=float, default=10.0, help="seconds per download")
    args = parser.parse_args(argv)
    return build_command(args)


if __name__ == "__main__":
    sys.exit(main())
