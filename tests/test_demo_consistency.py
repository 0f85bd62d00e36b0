"""Generated demo values agree with the stage order and with each other, for every region.

An exhaustive loop over the seeded store (every participation, quick win and score), so
a page never shows a stage done before the one it follows, an evaluation done without
its scores, or a quick win started before its masterplan was final.
"""

from collections import defaultdict

import pytest

from data import demo
from data.catalog import DEMO, STAGE_ORDER

#: Adoption by Perbup/Perwal is a regional regulation: it follows the final masterplan but
#: may come at any time after it, so it is left out of the chronological chain.
CHAIN = [s for s in STAGE_ORDER if s not in ("masterplan_adopted", "evaluation")]


@pytest.fixture(scope="module")
def rows(session_store):
    from data.db import connect

    db = connect(session_store)
    tables = {
        name: list(db[name].rows)
        for name in ("stage_events", "quick_wins", "scores", "masterplans")
    }
    db.close()
    return tables


@pytest.fixture(scope="module")
def events(rows):
    by_participation = defaultdict(dict)
    for e in rows["stage_events"]:
        key = e["stage"] if e["stage"] != "evaluation" else ("evaluation", e["year"])
        by_participation[e["participation_id"]][key] = e
    return by_participation


def test_stage_dates_follow_the_stage_order(events):
    wrong = []
    for pid, stages in events.items():
        dates = [stages[s]["date"] for s in CHAIN]
        if dates != sorted(dates):
            wrong.append((pid, dates))
        if stages["masterplan_adopted"]["date"] < stages["masterplan_final"]["date"]:
            wrong.append((pid, "adopted before final"))
        for key, e in stages.items():
            if isinstance(key, tuple) and e["date"] < stages["closing"]["date"]:
                wrong.append((pid, f"evaluation {e['year']} before closing"))
    assert wrong == []


def test_a_stage_is_done_only_when_the_stages_before_it_are(events):
    wrong = []
    for pid, stages in events.items():
        statuses = [stages[s]["status"] for s in CHAIN]
        for i, status in enumerate(statuses):
            if status == "done" and any(s != "done" for s in statuses[:i]):
                wrong.append((pid, CHAIN[i]))
    assert wrong == []


def test_a_done_evaluation_has_its_scores_and_scores_have_their_evaluation(rows):
    done = {
        (e["region_code"], e["year"])
        for e in rows["stage_events"]
        if e["stage"] == "evaluation" and e["status"] == "done"
    }
    scored = {(s["region_code"], s["year"]) for s in rows["scores"] if s["kind"] == "evaluation"}
    demo_scored = {
        (s["region_code"], s["year"])
        for s in rows["scores"]
        if s["kind"] == "evaluation" and s["provenance"] == DEMO
    }
    assert sorted(done - scored) == []
    assert sorted(demo_scored - done) == []


def test_quick_wins_start_after_the_final_masterplan_and_the_quick_win_stage(rows, events):
    wrong = []
    for qw in rows["quick_wins"]:
        stages = events.get(qw["participation_id"])
        start = qw["start_date"]
        if stages and start < max(stages["masterplan_final"]["date"], stages["quick_wins"]["date"]):
            wrong.append((qw["region_code"], qw["title"], start))
        if not qw["start_date"] <= qw["due_date"]:
            wrong.append((qw["region_code"], qw["title"], "due before start"))
        if qw["launched_date"] and not start <= qw["launched_date"] <= demo.AS_OF.isoformat():
            wrong.append((qw["region_code"], qw["title"], "launched out of range"))
        if start > demo.AS_OF.isoformat() and qw["status"] != "planned":
            wrong.append((qw["region_code"], qw["title"], "not started yet but " + qw["status"]))
    assert wrong == []


def test_masterplan_status_follows_its_stages(rows, events):
    wrong = []
    for plan in rows["masterplans"]:
        stages = events[plan["participation_id"]]
        final_done = stages["masterplan_final"]["status"] == "done"
        if plan["status"] in ("final", "adopted") and not final_done:
            wrong.append(plan["participation_id"])
    assert wrong == []
