"""Turning the reference and programme CSVs into validated store rows.

Validation is separate from writing so the same checks serve the seed (which lists
rows it cannot use) and an admin upload (which refuses the whole file on any problem).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from data.catalog import DIMENSION_BY_NAME, flag_for, track_for
from data.matching import RegionMatcher

SEED_DIR = Path(__file__).parent / "seed"

COHORT_COLUMNS = ["region_name", "province", "cohort_year", "source_url", "note"]
QUICK_WIN_COLUMNS = ["region_name", "quick_win", "dimension", "year", "source_url", "note"]
SCORE_COLUMNS = ["region_name", "index_name", "year", "value", "scale", "source_url", "note"]

YEARS = range(2015, 2031)


@dataclass(frozen=True)
class Problem:
    """Why one input row cannot be used, naming the row (file line) and the field."""

    source: str
    row: int
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source} row {self.row}, field {self.field!r} ({self.value!r}): {self.reason}"


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def reference_regions(seed_dir: Path = SEED_DIR) -> list[dict[str, str]]:
    return read_csv(seed_dir / "regions.csv")


def missing_columns(
    rows: list[Mapping[str, str]], required: list[str], source: str
) -> list[Problem]:
    if not rows:
        return [Problem(source, 1, "*", "", "the file has no data rows")]
    absent = [c for c in required if c not in rows[0]]
    return [Problem(source, 1, c, "", "required column is missing") for c in absent]


def _year(raw: str, source: str, row: int, required: bool) -> tuple[int | None, Problem | None]:
    raw = (raw or "").strip()
    if not raw:
        if required:
            return None, Problem(source, row, "year", raw, "a year is required")
        return None, None
    if not re.fullmatch(r"\d{4}", raw) or int(raw) not in YEARS:
        return None, Problem(source, row, "year", raw, f"must be a year {YEARS[0]}-{YEARS[-1]}")
    return int(raw), None


def _url(raw: str, source: str, row: int) -> Problem | None:
    """A source is required: a URL, or a citation where the source has none."""
    value = (raw or "").strip()
    if not value:
        return Problem(source, row, "source_url", raw, "a source (URL or citation) is required")
    if value.lower() == "demo":
        return Problem(source, row, "source_url", raw, "'demo' is reserved for generated values")
    return None


def _region(matcher, name, province, source, row) -> tuple[str | None, Problem | None]:
    match = matcher.match(name, province)
    if not match.ok:
        return None, Problem(source, row, "region_name", name, match.reason or "no match")
    return match.code, None


def cohort_records(
    rows: Iterable[Mapping[str, str]], matcher: RegionMatcher, source: str = "cohorts.csv"
) -> tuple[list[dict], list[Problem]]:
    records, problems = [], []
    for row_no, row in enumerate(rows, start=2):
        code, p1 = _region(matcher, row["region_name"], row.get("province"), source, row_no)
        year, p2 = _year(row.get("cohort_year", ""), source, row_no, required=False)
        if p2:
            p2 = Problem(source, row_no, "cohort_year", p2.value, p2.reason)
        p3 = _url(row.get("source_url", ""), source, row_no)
        found = [p for p in (p1, p2, p3) if p]
        if found:
            problems.extend(found)
            continue
        note = (row.get("note") or "").strip()
        records.append(
            {
                "region_code": code,
                "cohort_year": year,
                "track": track_for(year, code.split(".")[0]),
                "flag": flag_for(note, year),
                "source_name": row["region_name"],
                "source_province": row.get("province"),
                "provenance": row["source_url"].strip(),
                "note": note or None,
            }
        )
    return records, problems


def quick_win_records(
    rows: Iterable[Mapping[str, str]], matcher: RegionMatcher, source: str = "quick_wins.csv"
) -> tuple[list[dict], list[Problem]]:
    records, problems = [], []
    for row_no, row in enumerate(rows, start=2):
        code, p1 = _region(matcher, row["region_name"], row.get("province"), source, row_no)
        year, p2 = _year(row.get("year", ""), source, row_no, required=True)
        p3 = _url(row.get("source_url", ""), source, row_no)
        dim_name = (row.get("dimension") or "").strip()
        p4 = None
        if dim_name and dim_name not in DIMENSION_BY_NAME:
            p4 = Problem(
                source,
                row_no,
                "dimension",
                dim_name,
                "must be one of " + ", ".join(DIMENSION_BY_NAME),
            )
        p5 = None
        if not (row.get("quick_win") or "").strip():
            p5 = Problem(source, row_no, "quick_win", "", "a title is required")
        found = [p for p in (p1, p2, p3, p4, p5) if p]
        if found:
            problems.extend(found)
            continue
        records.append(
            {
                "region_code": code,
                "title": row["quick_win"].strip(),
                "dimension": DIMENSION_BY_NAME.get(dim_name),
                "year": year,
                "provenance": row["source_url"].strip(),
                "source_name": row["region_name"],
                "note": (row.get("note") or "").strip() or None,
            }
        )
    return records, problems


def classify_score(index_name: str) -> tuple[str, str | None]:
    """(kind, criterion): Kominfo's own evaluation versus external published indices.

    Readiness is never imported: no source publishes it, so it exists only as demo data.
    """
    name = index_name.strip()
    lower = name.lower()
    if lower.startswith("indeks smart city"):
        if "overall" in lower:
            return "evaluation", "overall"
        for dim in ("baseline", "output", "outcome", "impact"):
            if f"dimension {dim}" in lower:
                return "evaluation", dim
        if "quick win" in lower:
            return "evaluation", "quick_win"
        pillar = re.search(r"pillar (smart \w+)", lower)
        if pillar:
            return "evaluation", DIMENSION_BY_NAME.get(pillar.group(1).title())
        return "evaluation", None
    if lower.startswith(("masterplan program", "smart city evaluation", "smart city impact")):
        return "evaluation_detail", None
    return "external", None


def score_records(
    rows: Iterable[Mapping[str, str]], matcher: RegionMatcher, source: str = "scores.csv"
) -> tuple[list[dict], list[Problem]]:
    records, problems = [], []
    for row_no, row in enumerate(rows, start=2):
        code, p1 = _region(matcher, row["region_name"], row.get("province"), source, row_no)
        year, p2 = _year(row.get("year", ""), source, row_no, required=True)
        p3 = _url(row.get("source_url", ""), source, row_no)
        value, p4 = None, None
        try:
            value = float((row.get("value") or "").replace(",", "."))
        except ValueError:
            p4 = Problem(source, row_no, "value", row.get("value", ""), "must be a number")
        found = [p for p in (p1, p2, p3, p4) if p]
        if found:
            problems.extend(found)
            continue
        kind, criterion = classify_score(row["index_name"])
        records.append(
            {
                "region_code": code,
                "year": year,
                "kind": kind,
                "index_name": row["index_name"].strip(),
                "criterion": criterion,
                "value": value,
                "scale": (row.get("scale") or "").strip() or None,
                "provenance": row["source_url"].strip(),
                "source_name": row["region_name"],
                "note": (row.get("note") or "").strip() or None,
            }
        )
    return records, problems
