"""Matching region names as the sources spell them to official Kemendagri codes.

Sources write "Kabupaten Gunung Kidul", "Kab. Gunungkidul" or "Kota Bau-Bau" for the same
places, so names are compared by kind (kabupaten/kota) plus a folded core name, then by
fuzzy ratio above a threshold, and always checked against the province when one is given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

FUZZY_THRESHOLD = 90.0
#: The best fuzzy candidate must beat the runner-up by this much to be trusted.
FUZZY_MARGIN = 4.0

_KIND_PREFIXES = [
    ("kota administrasi ", "kota"),
    ("kota adm. ", "kota"),
    ("kota adm ", "kota"),
    ("kabupaten administrasi ", "kabupaten"),
    ("kab. adm. ", "kabupaten"),
    ("kabupaten ", "kabupaten"),
    ("kab. ", "kabupaten"),
    ("kab ", "kabupaten"),
    ("kota ", "kota"),
]

_PROVINCE_ALIASES = {
    "di ": "daerah istimewa ",
    "diy ": "daerah istimewa yogyakarta ",
    "dki ": "daerah khusus ibukota ",
    "kep. ": "kepulauan ",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text.lower()).strip()


def split_kind(name: str) -> tuple[str | None, str]:
    """The kind a name announces ("kabupaten"/"kota"/None) and the rest, folded."""
    folded = _fold(name)
    for prefix, kind in _KIND_PREFIXES:
        if folded.startswith(prefix):
            return kind, folded[len(prefix) :].strip()
    return None, folded


def core_key(text: str) -> str:
    """Letters and digits only: "Gunung Kidul", "Gunungkidul" and "Bau-Bau" fold alike."""
    return re.sub(r"[^a-z0-9]", "", _fold(text))


def province_key(name: str) -> str:
    folded = _fold(name) + " "
    for short, full in _PROVINCE_ALIASES.items():
        if folded.startswith(short):
            folded = full + folded[len(short) :]
    return core_key(folded)


@dataclass(frozen=True)
class Match:
    code: str | None
    score: float
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.code is not None


@dataclass(frozen=True)
class _Entry:
    code: str
    kind: str
    key: str
    province_code: str
    province_key: str


class RegionMatcher:
    """Resolves source spellings to codes; build once from the 514 reference regions."""

    def __init__(self, regions: Iterable[Mapping[str, str]]):
        self.entries: list[_Entry] = []
        for r in regions:
            kind, core = split_kind(r["name"])
            self.entries.append(
                _Entry(
                    code=r["code"],
                    kind=kind or r["kind"],
                    key=core_key(core),
                    province_code=r["province_code"],
                    province_key=province_key(r["province_name"]),
                )
            )
        self._province_names = {e.province_key for e in self.entries}

    def match(self, name: str, province: str | None = None) -> Match:
        if not name or not name.strip():
            return Match(None, 0.0, "empty name")
        kind, core = split_kind(name)
        key = core_key(core)
        candidates = [e for e in self.entries if kind is None or e.kind == kind]
        if province and province.strip():
            pkey = province_key(province)
            if pkey not in self._province_names:
                return Match(None, 0.0, f"unknown province {province!r}")
            in_province = [e for e in candidates if e.province_key == pkey]
        else:
            pkey, in_province = None, candidates

        exact = [e for e in in_province if e.key == key]
        if len(exact) == 1:
            return Match(exact[0].code, 100.0)
        if len(exact) > 1:
            codes = ", ".join(e.code for e in exact)
            return Match(None, 100.0, f"ambiguous: {codes} (name gives no kind)")
        if pkey is not None and any(e.key == key for e in candidates):
            elsewhere = next(e for e in candidates if e.key == key)
            return Match(None, 100.0, f"{name!r} is {elsewhere.code}, not in {province!r}")
        return self._fuzzy(name, key, in_province)

    def _fuzzy(self, name: str, key: str, pool: list[_Entry]) -> Match:
        if not pool:
            return Match(None, 0.0, "no candidate of that kind")
        found = process.extract(key, [e.key for e in pool], scorer=fuzz.ratio, limit=2)
        best_key, best, best_i = found[0]
        runner_up = found[1][1] if len(found) > 1 else 0.0
        if best < FUZZY_THRESHOLD:
            return Match(
                None, best, f"no region close enough (best {pool[best_i].code}, {best:.0f})"
            )
        if best - runner_up < FUZZY_MARGIN:
            return Match(None, best, f"ambiguous fuzzy match for {name!r}")
        return Match(pool[best_i].code, best)
