"""Where the upstream boundary files come from, and how to tell whether they changed.

The source is either a local mirror folder or a base URL with the same layout
(`<commit>/db/kab/wilayah_boundaries_kab_<PP>.sql`), so an offline machine and a fresh clone
use the same code. Commits are pinned: the data at a commit never changes, which is what
makes a cheap fingerprint for a URL source possible.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from geo import reference

MAIN_COMMIT = "3c5a7960f4d227a38489094d84252bdbb3f978a5"
SORONG_COMMIT = "ce42628af5956ec539f0d5e88ffdde168ed75307"

# Rows taken from another commit than MAIN_COMMIT. The current 96.01 Kabupaten Sorong polygon
# is 12,783 km2 (official 7,565) and overlaps Tambrauw by ~5,000 km2; the older one is right.
OVERRIDES: Mapping[str, str] = {"96.01": SORONG_COMMIT}

TIMEOUT_SECONDS = 10.0


class BoundaryError(Exception):
    """Boundaries could not be built; `location` names the file (path or URL) at fault.

    `code` is a short reason the UI can translate: "unreachable" (the source as a whole
    cannot be reached), "missing" (the source answers but lacks this file), "corrupt" (the
    file is there but unusable) or "invalid" (the files read fine but fail the checks).
    """

    def __init__(self, message: str, location: str, code: str):
        super().__init__(message)
        self.location = location
        self.code = code


class BoundarySourceError(BoundaryError):
    """A source file could not be read or parsed (code unreachable, missing or corrupt)."""


@dataclass(frozen=True)
class SourceFile:
    """One upstream SQL file: a province's kab/kota rows at one commit."""

    commit: str
    province: str

    @property
    def relpath(self) -> str:
        return f"{self.commit}/db/kab/wilayah_boundaries_kab_{self.province}.sql"


def required_files(
    codes: Iterable[str], overrides: Mapping[str, str] = OVERRIDES
) -> list[SourceFile]:
    """The files that hold `codes`: each province at MAIN_COMMIT, plus override files.

    Deriving the list from the codes (rather than a fixed 38) lets tests use a tiny mirror.
    """
    codes = set(codes)
    files = {SourceFile(MAIN_COMMIT, code[:2]) for code in codes}
    files |= {SourceFile(commit, code[:2]) for code, commit in overrides.items() if code in codes}
    return sorted(files, key=lambda f: (f.commit != MAIN_COMMIT, f.commit, f.province))


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def location(source: str, file: SourceFile) -> str:
    """The path or URL of `file`, as shown in error messages."""
    if is_url(source):
        return f"{source.rstrip('/')}/{file.relpath}"
    return str(Path(source) / file.relpath)


def _require_folder(source: str, where: str) -> None:
    """A mirror folder that is not there at all is unreachable, not one missing file."""
    if not Path(source).is_dir():
        raise BoundarySourceError(
            f"{where}: boundary source folder {source} does not exist", where, "unreachable"
        )


def read_bytes(source: str, file: SourceFile, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Fetch one file, turning every failure into a BoundarySourceError that names it."""
    where = location(source, file)
    if is_url(source):
        try:
            with urllib.request.urlopen(where, timeout=timeout) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            code = "missing" if e.code == 404 else "unreachable"
            raise BoundarySourceError(f"{where}: HTTP {e.code}", where, code) from e
        except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
            reason = getattr(e, "reason", e)
            raise BoundarySourceError(f"{where}: {reason}", where, "unreachable") from e
    _require_folder(source, where)
    try:
        return Path(where).read_bytes()
    except FileNotFoundError as e:
        raise BoundarySourceError(f"{where}: file not found", where, "missing") from e
    except OSError as e:
        raise BoundarySourceError(f"{where}: {e.strerror or e}", where, "missing") from e


def read_text(source: str, file: SourceFile, timeout: float = TIMEOUT_SECONDS) -> str:
    where = location(source, file)
    try:
        return read_bytes(source, file, timeout).decode("utf-8")
    except UnicodeDecodeError as e:
        raise BoundarySourceError(f"{where}: not UTF-8 text ({e})", where, "corrupt") from e


def read_all(
    source: str,
    files: list[SourceFile],
    progress: Callable[[int, SourceFile], None] | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> dict[SourceFile, str]:
    """Read every file, stopping at the first failure so an offline URL costs one timeout."""
    texts = {}
    for n, file in enumerate(files):
        if progress:
            progress(n, file)
        texts[file] = read_text(source, file, timeout)
    return texts


# (path, size, mtime_ns) -> sha256, so repeated fingerprints in one process only stat files.
_digests: dict[tuple[str, int, int], str] = {}


def _file_digest(path: Path, where: str) -> str:
    try:
        st = path.stat()
        key = (str(path), st.st_size, st.st_mtime_ns)
        if key not in _digests:
            _digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        return _digests[key]
    except OSError as e:
        raise BoundarySourceError(f"{where}: {e.strerror or e}", where, "missing") from e


def fingerprint(source: str, files: list[SourceFile] | None = None) -> str:
    """A string that changes whenever the content of `files` at `source` could change.

    A URL source needs no network here: the URLs embed pinned commits, so the list of URLs
    is itself the fingerprint. A mirror folder can be edited, so its files are hashed
    (each hash is remembered per size and mtime, so calling this again is cheap).
    `files` defaults to those holding every region in data/seed/regions.csv.
    Raises BoundarySourceError when a mirror file cannot be read.
    """
    if files is None:
        files = required_files(reference.region_codes())
    h = hashlib.sha256()
    if is_url(source):
        h.update(b"url\n")
        for file in files:
            h.update(f"{location(source, file)}\n".encode())
        return "url:" + h.hexdigest()
    _require_folder(source, location(source, files[0]) if files else source)
    h.update(b"mirror\n")
    for file in files:
        where = location(source, file)
        h.update(f"{file.relpath} {_file_digest(Path(where), where)}\n".encode())
    return "sha256:" + h.hexdigest()


def describe(source: str) -> str:
    """The source as recorded in the manifest: a URL as is, a folder as an absolute path."""
    return source if is_url(source) else os.path.abspath(source)
