"""Deterministic demo values for what no source publishes.

Every value here is stored with provenance `demo` and shown with a demo mark. Each
value draws from its own seeded generator keyed by what it describes, so the same
region gets the same numbers whatever order regions are processed in.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from data.calendar import COHORT_DATES
from data.catalog import CRITERIA, DEMO, DIMENSIONS, ELEMENTS, EVALUATION_DIMENSIONS

SEED = "pantau-kota-cerdas-1"
#: Demo statuses describe the programme as of this fixed date, so reseeding is repeatable.
AS_OF = date(2026, 6, 30)
#: The last year with (demo) evaluation results: events and scores both stop here.
LAST_EVALUATION_YEAR = 2024
#: Days between the final masterplan and a sourced closing ceremony, at the least.
CLOSING_GAP = 15
#: Placeholder quick wins are titled "Demo: <element>", the element in Bahasa Indonesia.
TITLE_PREFIX = "Demo: "


def rng(*key: object) -> random.Random:
    return random.Random(":".join(str(k) for k in (SEED, *key)))


def _d(value: str) -> date:
    return date.fromisoformat(value)


def _status(when: date, previous_done: bool) -> str:
    if when <= AS_OF:
        return "done"
    return "in_progress" if previous_done else "not_started"


def stage_events(participation: dict) -> list[dict]:
    """The yearly cycle for one participation, sourced cohort dates first, demo otherwise."""
    year = participation["cohort_year"]
    if year is None:
        return []
    r = rng("stages", participation["region_code"], year)
    known = COHORT_DATES.get(year, {})
    plan: dict[str, tuple[date, str]] = {}

    def put(stage: str, fallback: date) -> date:
        if stage in known:
            plan[stage] = (_d(known[stage][0]), known[stage][1])
        else:
            plan[stage] = (fallback, DEMO)
        return plan[stage][0]

    mou = put("mou", date(year, 5, 10) + timedelta(days=r.randint(0, 20)))
    # A sourced selection letter anchors the assessment before it; else work back from the MoU.
    if "selection_letter" in known:
        letter = put("selection_letter", mou)
        put("assessment", letter - timedelta(days=r.randint(20, 60)))
    else:
        assessment = put("assessment", mou - timedelta(days=r.randint(60, 100)))
        put("selection_letter", assessment + timedelta(days=r.randint(5, 25)))
    # Bimtek I-IV then the final masterplan; squeezed in before a sourced closing ceremony.
    gaps = [r.randint(25, 45)] + [r.randint(24, 40) for _ in range(4)] + [r.randint(7, 30)]
    room = (_d(known["closing"][0]) - mou).days - CLOSING_GAP if "closing" in known else None
    if room is not None and sum(gaps) > room:
        gaps = [g * room // sum(gaps) for g in gaps]
    current = mou
    for n, gap in enumerate(gaps[:4], start=1):
        current += timedelta(days=gap)
        plan[f"bimtek_{n}"] = (current, DEMO)
    final = current + timedelta(days=gaps[4] + gaps[5])
    plan["masterplan_final"] = (final, DEMO)
    closing = put("closing", final + timedelta(days=r.randint(CLOSING_GAP, 40)))
    # Quick wins get under way between the final masterplan and the closing ceremony.
    plan["quick_wins"] = (final + timedelta(days=r.randint(0, (closing - final).days)), DEMO)
    plan["masterplan_adopted"] = (final + timedelta(days=r.randint(60, 420)), DEMO)

    events, previous_done = [], True
    order = [
        "assessment",
        "selection_letter",
        "mou",
        "bimtek_1",
        "bimtek_2",
        "bimtek_3",
        "bimtek_4",
        "masterplan_final",
        "masterplan_adopted",
        "quick_wins",
        "closing",
    ]
    never_adopted = r.random() < (0.15 if year <= 2019 else 0.3)
    for stage in order:
        when, provenance = plan[stage]
        status = _status(when, previous_done)
        if stage == "masterplan_adopted" and never_adopted:
            status = "late" if when <= AS_OF else "not_started"
        events.append(_event(participation, year, stage, when, status, provenance))
        previous_done = status == "done"
    for eval_year in range(year + 1, LAST_EVALUATION_YEAR + 1):
        when = date(eval_year, 6, 1) + timedelta(
            days=rng("eval", participation["region_code"], eval_year).randint(0, 60)
        )
        events.append(
            _event(participation, eval_year, "evaluation", when, _status(when, True), DEMO)
        )
    return events


def _event(p: dict, year: int, stage: str, when: date, status: str, provenance: str) -> dict:
    return {
        "participation_id": p["id"],
        "region_code": p["region_code"],
        "year": year,
        "stage": stage,
        "date": when.isoformat(),
        "status": status,
        "provenance": provenance,
    }


def masterplan(participation: dict, events: list[dict]) -> dict | None:
    """Masterplan status follows the stage events; no document or regulation is invented."""
    if not events:
        return None
    by_stage = {e["stage"]: e for e in events}
    final, adopted = by_stage["masterplan_final"], by_stage["masterplan_adopted"]
    if adopted["status"] == "done":
        status = "adopted"
    elif final["status"] == "done":
        status = "final"
    elif by_stage["bimtek_1"]["status"] == "done":
        status = "drafting"
    else:
        status = "not_started"
    return {
        "participation_id": participation["id"],
        "region_code": participation["region_code"],
        "status": status,
        "final_date": final["date"] if final["status"] == "done" else None,
        "adopted_date": adopted["date"] if status == "adopted" else None,
        "regulation": None,
        "document_url": None,
        "provenance": DEMO,
    }


def quick_win_start(events: list[dict]) -> date | None:
    """The earliest a quick win can start: once the masterplan is final and quick wins under way."""
    by_stage = {e["stage"]: _d(e["date"]) for e in events}
    if "quick_wins" not in by_stage:
        return None
    return max(by_stage["masterplan_final"], by_stage["quick_wins"])


def quick_win_progress(key: str, year: int, not_before: date | None = None) -> dict:
    """Demo status and dates for one quick win: old ones mostly launched, some stalled.

    It starts no earlier than `not_before` (`quick_win_start` of its participation) and,
    when nothing says otherwise, some months into its year.
    """
    r = rng("qw", key)
    earliest = max(not_before or date(year, 1, 1), date(year, 1, 1))
    start = earliest + timedelta(days=r.randint(0, 120) if not_before else r.randint(120, 330))
    due = start + timedelta(days=r.randint(300, 720))
    roll = r.random()
    if due <= AS_OF - timedelta(days=365):
        # Long past due: settled one way or the other, not still "in progress" for years.
        status = "launched" if roll < 0.78 else "stalled" if roll < 0.92 else "cancelled"
    elif due <= AS_OF:
        status = "launched" if roll < 0.65 else "in_progress" if roll < 0.9 else "stalled"
    else:
        status = "planned" if roll < 0.3 else "in_progress" if roll < 0.8 else "launched"
    if start > AS_OF:
        status = "planned"
    launched = None
    if status == "launched":
        launched = max(start, min(due + timedelta(days=r.randint(-150, 60)), AS_OF))
    return {
        "status": status,
        "start_date": start.isoformat(),
        "due_date": due.isoformat(),
        "launched_date": launched.isoformat() if launched else None,
        "status_provenance": DEMO,
    }


def demo_quick_wins(participation: dict, events: list[dict]) -> list[dict]:
    """Placeholder quick wins for participants no source lists any for, titled as demo."""
    year = participation["cohort_year"]
    r = rng("qw-list", participation["region_code"], year)
    chosen = r.sample([code for code, *_ in DIMENSIONS], k=r.randint(2, 4))
    rows = []
    for dimension in chosen:
        element_id, _ = r.choice(ELEMENTS[dimension])
        key = f"{participation['region_code']}:{year}:{dimension}"
        rows.append(
            {
                "region_code": participation["region_code"],
                "participation_id": participation["id"],
                "title": f"{TITLE_PREFIX}{element_id}",
                "dimension": dimension,
                "year": year,
                "provenance": DEMO,
                "source_name": None,
                "note": None,
                **quick_win_progress(key, year, quick_win_start(events)),
            }
        )
    return rows


def readiness_scores(participation: dict, assessment_year: int) -> list[dict]:
    """One 1-5 score per default criterion; later cohorts tend to arrive better prepared."""
    region, year = participation["region_code"], participation["cohort_year"]
    r = rng("readiness", region, year)
    level = 2.55 + 0.1 * (year - 2017) + r.gauss(0, 0.35)
    return [
        {
            "region_code": region,
            "year": assessment_year,
            "kind": "readiness",
            "index_name": "Readiness assessment",
            "criterion": code,
            "value": round(min(5.0, max(1.0, level + r.gauss(0, 0.4))), 1),
            "scale": "1-5",
            "provenance": DEMO,
        }
        for code, *_ in CRITERIA
    ]


def evaluation_scores(region: str, cohort_year: int, skip_years: set[int]) -> list[dict]:
    """Yearly Kominfo evaluation dimensions after the cohort year (observed range ~2.7-3.7)."""
    rows = []
    r = rng("evaluation", region, cohort_year)
    level = 2.8 + r.gauss(0, 0.2)
    for year in range(cohort_year + 1, LAST_EVALUATION_YEAR + 1):
        if year in skip_years:
            continue
        level += r.uniform(-0.06, 0.1)
        for dimension in EVALUATION_DIMENSIONS:
            rows.append(
                {
                    "region_code": region,
                    "year": year,
                    "kind": "evaluation",
                    "index_name": f"Indeks Smart City - {dimension}",
                    "criterion": dimension,
                    "value": round(min(5.0, max(1.0, level + r.gauss(0, 0.25))), 2),
                    "scale": "1-5",
                    "provenance": DEMO,
                }
            )
    return rows
