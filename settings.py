"""Settings read from the environment, with defaults that need no configuration.

Every path defaults to a place inside the project that git ignores, so a fresh clone
runs without any set-up beyond installing the requirements.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The folder app.py was started from, links not followed: Streamlit serves the `static/`
#: beside the main script it was given, so a tree of links to this code with a real
#: `static/` of its own (the tests' app) serves that folder, not this one.
ROOT = Path(__file__).absolute().parent

PUBLIC_BOUNDARY_BASE = "https://raw.githubusercontent.com/cahyadsn/wilayah_boundaries"


def db_path() -> Path:
    """The SQLite store (`PANTAU_DB`)."""
    return Path(os.environ.get("PANTAU_DB") or ROOT / "var" / "pantau.db")


def boundary_source() -> str:
    """A local mirror folder or a base URL (`PANTAU_BOUNDARY_SOURCE`).

    Both have the upstream layout `<commit>/db/kab/wilayah_boundaries_kab_<PP>.sql`.
    """
    return os.environ.get("PANTAU_BOUNDARY_SOURCE") or PUBLIC_BOUNDARY_BASE


def boundary_cache_dir() -> Path:
    """Where built boundaries live (`PANTAU_BOUNDARY_CACHE`).

    The default sits under `static/`, which Streamlit serves as cacheable files, so the
    browser fetches the geometry once instead of receiving it inside every chart.
    """
    return Path(os.environ.get("PANTAU_BOUNDARY_CACHE") or static_dir() / "geo")


def static_dir() -> Path:
    """The folder Streamlit serves at `/app/static` (`server.enableStaticServing`)."""
    return ROOT / "static"
