"""Turning the reference and programme CSVs into validated store rows.

Validation is separate from writing so the same checks serve the seed (which lists
rows it cannot use) and an admin upload (which refuses the whole file on any problem).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from data.catalog import DIMENSION_BY_NAME, flag_for, track_for
from data.matching import RegionMatcher

SEED_DIR = Path(__file__).parent / "seed"

YEARS = range(2015, 2031)


@dataclass(frozen=True)
class Problem:
    """Why one input row cannot be used, naming the row (file line) and the field.

    `reason` is plain English for the shell; `explain`, when set, gives the same reason
    in the reader's language (from the `kelola` catalog) for the app.
    """

    source: str
    row: int
    field: str
    value: str
    reason: str
    explain: Callable[[str], str] | None = field(default=None, compare=False, repr=False)

    def reason_in(self, lang: str) -> str:
        return self.explain(lang) if self.explain else self.reason

    def __str__(self) -> str:
        return f"{self.source} row {self.row}, field {self.field!r} ({self.value!r}): {self.reason}"


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _year(raw: str, field: str, required: bool) -> tuple[int | None, str | None]:
    raw = (raw or "").strip()
    if not raw:
        return None, ("a year is required" if required else None)
    if not re.fullmatch(r"\d{4}", raw) or int(raw) not in YEARS:
        return None, f"must be a year {YEARS[0]}-{YEARS[-1]}"
    return int(raw), None


def _source_problem(raw: str) -> str | None:
    """A source is required: a URL, or a citation where the source has none."""
    value = (raw or "").strip()
    if not value:
        return "a source (URL or citation) is required"
    if value.lower() == "demo":
        return "'demo' is reserved for generated values"
    return None


def _checked(
    rows: Iterable[Mapping[str, str]],
    matcher: RegionMatcher,
    source: str,
    year_field: str,
    year_required: bool,
) -> Iterator[tuple[int, Mapping[str, str], str | None, int | None, list[Problem]]]:
    """The checks every programme CSV shares: region, year and source, per numbered row."""
    for row_no, row in enumerate(rows, start=2):
        problems = []
        match = matcher.match(row.get("region_name", ""), row.get("province"))
        if not match.ok:
            problems.append(
                Problem(
                    source,
                    row_no,
                    "region_name",
                    row.get("region_name", ""),
                    match.reason or "no match",
                )
            )
        year, why = _year(row.get(year_field, ""), year_field, year_required)
        if why:
            problems.append(Problem(source, row_no, year_field, row.get(year_field, ""), why))
        if why := _source_problem(row.get("source_url", "")):
            problems.append(Problem(source, row_no, "source_url", row.get("source_url", ""), why))
        yield row_no, row, match.code, year, problems


def _text(row: Mapping[str, str], field: str) -> str | None:
    return (row.get(field) or "").strip() or None


def cohort_records(
    rows: Iterable[Mapping[str, str]], matcher: RegionMatcher, source: str = "cohorts.csv"
) -> tuple[list[dict], list[Problem]]:
    records, problems = [], []
    for _, row, code, year, found in _checked(rows, matcher, source, "cohort_year", False):
        if found:
            problems.extend(found)
            continue
        note = _text(row, "note")
        records.append(
            {
                "region_code": code,
                "cohort_year": year,
                "track": track_for(year, code.split(".")[0]),
                "flag": flag_for(note or "", year),
                "source_name": row["region_name"],
                "source_province": row.get("province"),
                "provenance": _text(row, "source_url"),
                "note": note,
            }
        )
    return records, problems


def quick_win_records(
    rows: Iterable[Mapping[str, str]], matcher: RegionMatcher, source: str = "quick_wins.csv"
) -> tuple[list[dict], list[Problem]]:
    records, problems = [], []
    for row_no, row, code, year, found in _checked(rows, matcher, source, "year", True):
        dimension = _text(row, "dimension")
        if dimension and dimension not in DIMENSION_BY_NAME:
            allowed = ", ".join(DIMENSION_BY_NAME)
            found.append(
                Problem(source, row_no, "dimension", dimension, f"must be one of {allowed}")
            )
        if not _text(row, "quick_win"):
            found.append(Problem(source, row_no, "quick_win", "", "a title is required"))
        if found:
            problems.extend(found)
            continue
        records.append(
            {
                "region_code": code,
                "title": _text(row, "quick_win"),
                "dimension": DIMENSION_BY_NAME.get(dimension or ""),
                "year": year,
                "provenance": _text(row, "source_url"),
                "source_name": row["region_name"],
                "note": _text(row, "note"),
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
    for row_no, row, code, year, found in _checked(rows, matcher, source, "year", True):
        try:
            value = float((row.get("value") or "").replace(",", "."))
        except ValueError:
            found.append(Problem(source, row_no, "value", row.get("value", ""), "must be a number"))
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
                "scale": _text(row, "scale"),
                "provenance": _text(row, "source_url"),
                "source_name": row["region_name"],
                "note": _text(row, "note"),
            }
        )
    return records, problems
