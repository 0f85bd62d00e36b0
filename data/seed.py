"""First-run seeding: reference regions, the sourced programme rows, then demo values."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from data import changes, demo
from data.catalog import CRITERIA, DIMENSIONS, ELEMENTS, READINESS_SCALE, STAGES
from data.importer import (
    SEED_DIR,
    Problem,
    cohort_records,
    quick_win_records,
    read_csv,
    score_records,
)
from data.matching import RegionMatcher

SEED_ACTOR = "seed"


@dataclass
class SeedReport:
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    skipped: bool = False


def is_seeded(db: Database) -> bool:
    return "meta" in db.table_names() and db["meta"].count_where("key = 'seeded_at'") > 0


def _vocabulary(db: Database) -> None:
    db["stages"].insert_all(
        {"code": c, "position": i, "name_id": n_id, "name_en": n_en}
        for i, (c, n_id, n_en) in enumerate(STAGES)
    )
    db["dimensions"].insert_all(
        {"code": c, "position": i, "name": n, "name_id": n_id, "name_en": n_en}
        for i, (c, n, n_id, n_en) in enumerate(DIMENSIONS)
    )
    db["dimension_elements"].insert_all(
        {"dimension": d, "position": i, "name_id": n_id, "name_en": n_en}
        for d, elements in ELEMENTS.items()
        for i, (n_id, n_en) in enumerate(elements)
    )
    low, high = READINESS_SCALE
    db["criteria"].insert_all(
        {
            "code": c,
            "position": i,
            "name_id": n_id,
            "name_en": n_en,
            "grp": g,
            "weight": 1.0,
            "scale_min": low,
            "scale_max": high,
            **changes.stamp(SEED_ACTOR),
        }
        for i, (c, n_id, n_en, g) in enumerate(CRITERIA)
    )


def _reference(db: Database, seed_dir: Path) -> list[dict]:
    db["provinces"].insert_all(read_csv(seed_dir / "provinces.csv"))
    areas = {r["code"]: float(r["area_km2"]) for r in read_csv(seed_dir / "areas.csv")}
    regions = read_csv(seed_dir / "regions.csv")
    db["regions"].insert_all(
        {
            "code": r["code"],
            "bps_code": r["bps_code"] or None,
            "name": r["name"],
            "kind": r["kind"],
            "province_code": r["province_code"],
            "lat": float(r["lat"]),
            "lng": float(r["lng"]),
            "area_km2": areas.get(r["code"]),
        }
        for r in regions
    )
    return regions


def reference(db: Database, seed_dir: Path = SEED_DIR) -> list[dict]:
    """The vocabulary and the reference regions alone: what an export is restored into."""
    _vocabulary(db)
    return _reference(db, seed_dir)


def _stamped(rows: list[dict]) -> list[dict]:
    audit = changes.stamp(SEED_ACTOR)
    return [{**row, **audit} for row in rows]


def _programme(db: Database, seed_dir: Path, matcher: RegionMatcher) -> list[Problem]:
    cohorts, p1 = cohort_records(read_csv(seed_dir / "cohorts.csv"), matcher)
    db["participations"].insert_all(_stamped(cohorts))
    participations = list(db["participations"].rows_where(order_by="id"))

    quick_wins, p2 = quick_win_records(read_csv(seed_dir / "quick_wins.csv"), matcher)
    by_id = {p["id"]: p for p in participations}
    for qw in quick_wins:
        qw["participation_id"] = _participation_for(participations, qw["region_code"], qw["year"])
        key = f"{qw['region_code']}:{qw['title']}"
        stages = demo.stage_events(by_id[qw["participation_id"]]) if qw["participation_id"] else []
        qw.update(demo.quick_win_progress(key, qw["year"], demo.quick_win_start(stages)))
    db["quick_wins"].insert_all(_stamped(quick_wins))

    scores, p3 = score_records(read_csv(seed_dir / "scores.csv"), matcher)
    db["scores"].insert_all(_stamped(scores))
    problems = p1 + p2 + p3
    db["import_issues"].insert_all(
        {"source": p.source, "row": p.row, "field": p.field, "value": p.value, "reason": p.reason}
        for p in problems
    )
    return problems


def _participation_for(participations: list[dict], region: str, year: int) -> int | None:
    """The latest participation of `region` that started by `year`."""
    fitting = [
        p
        for p in participations
        if p["region_code"] == region and p["cohort_year"] is not None and p["cohort_year"] <= year
    ]
    return max(fitting, key=lambda p: p["cohort_year"])["id"] if fitting else None


def _demo(db: Database) -> None:
    participations = list(db["participations"].rows_where("cohort_year is not null", order_by="id"))
    with_real_qw = {r["participation_id"] for r in db["quick_wins"].rows}
    real_eval = {
        (r["region_code"], r["year"]) for r in db["scores"].rows_where("kind = 'evaluation'")
    }
    events, plans, quick_wins, scores = [], [], [], []
    evaluated: set[str] = set()
    for p in participations:
        p_events = demo.stage_events(p)
        events += p_events
        if plan := demo.masterplan(p, p_events):
            plans.append(plan)
        if p["id"] not in with_real_qw:
            quick_wins += demo.demo_quick_wins(p, p_events)
        assessed = next(e for e in p_events if e["stage"] == "assessment")
        scores += demo.readiness_scores(p, int(assessed["date"][:4]))
        if p["region_code"] not in evaluated:
            evaluated.add(p["region_code"])
            skip = {y for (code, y) in real_eval if code == p["region_code"]}
            scores += demo.evaluation_scores(p["region_code"], p["cohort_year"], skip)
    db["stage_events"].insert_all(_stamped(events))
    db["masterplans"].insert_all(_stamped(plans))
    db["quick_wins"].insert_all(_stamped(quick_wins))
    db["scores"].insert_all(_stamped(scores))


def seed(db: Database, seed_dir: Path = SEED_DIR) -> SeedReport:
    """Load everything once, in one transaction; a seeded store is left untouched."""
    if is_seeded(db):
        return SeedReport(skipped=True)
    with db.atomic():
        regions = reference(db, seed_dir)
        problems = _programme(db, seed_dir, RegionMatcher(regions))
        _demo(db)
        db["meta"].insert_all(
            [
                {"key": "seeded_at", "value": changes.now()},
                {"key": "demo_seed", "value": demo.SEED},
                {"key": "demo_as_of", "value": demo.AS_OF.isoformat()},
            ]
        )
        counts = {t: db[t].count for t in TABLES}
        changes.record(db, SEED_ACTOR, "seed", "*", detail=counts)
    return SeedReport(counts=counts, problems=problems)


TABLES = [
    "provinces",
    "regions",
    "participations",
    "stage_events",
    "masterplans",
    "quick_wins",
    "scores",
    "criteria",
    "import_issues",
]
