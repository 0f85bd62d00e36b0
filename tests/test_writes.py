"""The single write path: validation, natural keys, versions, access and the audit row."""

from __future__ import annotations

import json

import pytest

from data import migrations, writes
from data.access import Actor, Refused, admin
from data.db import connect

ADMIN = admin("cli:staff")
EDITOR = Actor("tim@indramayu.go.id", "editor", frozenset({"32.12"}))
SOURCE = "https://example.go.id/laporan"


@pytest.fixture
def db(tmp_path):
    """A migrated store holding only Indramayu and Cirebon, one participation each."""
    database = connect(tmp_path / "store.db")
    migrations.migrate(database)
    database["provinces"].insert({"code": "32", "bps_code": "32", "name": "Jawa Barat"})
    for code, name, kind in (
        ("32.12", "Kabupaten Indramayu", "kabupaten"),
        ("32.74", "Kota Cirebon", "kota"),
    ):
        database["regions"].insert(
            {"code": code, "name": name, "kind": kind, "province_code": "32", "lat": 0, "lng": 0}
        )
    database["stages"].insert_all(
        {"code": c, "position": i, "name_id": c, "name_en": c}
        for i, c in enumerate(["mou", "masterplan_adopted"])
    )
    database["dimensions"].insert({"code": "governance", "position": 0, "name": "Smart Governance"})
    for pid, code in ((1, "32.12"), (2, "32.74")):
        database["participations"].insert(
            {"id": pid, "region_code": code, "cohort_year": 2018, "provenance": SOURCE}
        )
    yield database
    database.close()


def _demo_event(db, **values):
    row = {
        "participation_id": 1,
        "region_code": "32.12",
        "year": 2018,
        "stage": "mou",
        "date": "2018-05-20",
        "status": "done",
        "provenance": "demo",
    }
    return db["stage_events"].insert({**row, **values}).last_pk


def _event(**values):
    return {
        "region_code": "32.12",
        "year": "2018",
        "stage": "mou",
        "date": "2018-05-22",
        "status": "done",
        "provenance": SOURCE,
        **values,
    }


def test_imported_value_replaces_the_demo_row_for_the_same_fact(db):
    row_id = _demo_event(db)
    writes.save_stage_event(db, ADMIN, _event())
    [row] = db["stage_events"].rows
    assert (row["id"], row["date"], row["provenance"]) == (row_id, "2018-05-22", SOURCE)


def test_write_stamps_actor_and_raises_version(db):
    _demo_event(db)
    writes.save_stage_event(db, ADMIN, _event())
    [row] = db["stage_events"].rows
    assert (row["updated_by"], row["version"]) == ("cli:staff", 1)


def test_audit_row_holds_before_and_after(db):
    _demo_event(db)
    writes.save_stage_event(db, ADMIN, _event())
    [entry] = db["changes"].rows
    detail = json.loads(entry["detail"])
    assert (entry["action"], entry["actor"]) == ("change", "cli:staff")
    assert detail["before"] == {"date": "2018-05-20", "provenance": "demo"}
    assert detail["after"] == {"date": "2018-05-22", "provenance": SOURCE}


def test_plan_reports_old_and_new_without_writing(db):
    _demo_event(db)
    planned = writes.plan(db, "stage_events", _event())
    assert planned.action == "changed"
    assert planned.changes["date"] == ("2018-05-20", "2018-05-22")
    assert db["stage_events"].get(1)["date"] == "2018-05-20"
    assert db["changes"].count == 0


def test_same_values_again_are_unchanged_and_not_audited(db):
    writes.save_stage_event(db, ADMIN, _event())
    again = writes.save_stage_event(db, ADMIN, _event())
    assert again.action == "unchanged"
    assert db["changes"].count == 1


def test_new_fact_is_added_to_the_participation_of_its_year(db):
    planned = writes.save_stage_event(db, ADMIN, _event(stage="masterplan_adopted"))
    assert planned.action == "added"
    assert db["stage_events"].get(1)["participation_id"] == 1


def test_bad_values_name_every_field_and_write_nothing(db):
    with pytest.raises(writes.Invalid) as raised:
        writes.save_stage_event(db, ADMIN, _event(year="20x8", status="finished"))
    assert {e.field for e in raised.value.errors} == {"year", "status"}
    assert "must be a year" in str(raised.value)
    assert db["stage_events"].count == 0


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"provenance": None}, "source"),
        ({"provenance": "demo"}, "reserved for generated values"),
        ({"date": "2999-01-01"}, "in the future"),
        ({"region_code": "99.99"}, "not a known region code"),
        ({"date": "14 Mei"}, "must be a date"),
    ],
)
def test_refused_stage_event_says_why_and_writes_nothing(db, values, reason):
    with pytest.raises(writes.Invalid, match=reason):
        writes.save_stage_event(db, ADMIN, _event(**values))
    assert db["stage_events"].count == 0


def test_editor_of_another_region_is_refused_and_audited(db):
    with pytest.raises(Refused):
        writes.save_stage_event(db, EDITOR, _event(region_code="32.74"))
    assert db["stage_events"].count == 0
    assert [r["action"] for r in db["changes"].rows] == ["refused"]


def test_editor_writes_own_region(db):
    writes.save_stage_event(db, EDITOR, _event())
    assert db["stage_events"].get(1)["updated_by"] == "tim@indramayu.go.id"


def test_stale_version_is_a_conflict_carrying_the_current_row(db):
    writes.save_stage_event(db, ADMIN, _event())
    with pytest.raises(writes.Conflict) as raised:
        writes.save_stage_event(db, EDITOR, _event(date="2018-05-23"), expected_version=0)
    assert raised.value.changed_by == "cli:staff"
    assert raised.value.current["date"] == "2018-05-22"
    assert db["stage_events"].get(1)["date"] == "2018-05-22"


def test_current_version_saves_and_returns_the_new_one(db):
    writes.save_stage_event(db, ADMIN, _event())
    saved = writes.save_stage_event(db, EDITOR, _event(date="2018-05-23"), expected_version=1)
    assert saved.version == db["stage_events"].get(1)["version"] == 2


def test_masterplan_is_found_by_region_and_cohort_year(db):
    db["masterplans"].insert(
        {"participation_id": 1, "region_code": "32.12", "status": "final", "provenance": "demo"}
    )
    writes.save_masterplan(
        db,
        EDITOR,
        {
            "region_code": "32.12",
            "cohort_year": 2018,
            "status": "adopted",
            "final_date": "2019-01-10",
            "adopted_date": "2019-06-01",
            "provenance": "reported by Kabupaten Indramayu team",
        },
    )
    [plan] = db["masterplans"].rows
    assert (plan["status"], plan["provenance"]) == (
        "adopted",
        "reported by Kabupaten Indramayu team",
    )


def test_adoption_before_final_date_is_refused(db):
    with pytest.raises(writes.Invalid, match="before final_date"):
        writes.save_masterplan(
            db,
            ADMIN,
            {
                "region_code": "32.12",
                "cohort_year": 2018,
                "final_date": "2019-06-01",
                "adopted_date": "2019-01-10",
                "provenance": SOURCE,
            },
        )


def test_document_url_must_be_http(db):
    with pytest.raises(writes.Invalid, match="http"):
        writes.save_masterplan(
            db,
            ADMIN,
            {"region_code": "32.12", "cohort_year": 2018, "document_url": "javascript:alert(1)"}
            | {"provenance": SOURCE},
        )


def _quick_win(**values):
    return {
        "region_code": "32.12",
        "year": 2018,
        "title": "Indramayu Sehat",
        "provenance": SOURCE,
        **values,
    }


def test_real_quick_win_replaces_the_demo_placeholders(db):
    db["quick_wins"].insert(
        {"region_code": "32.12", "participation_id": 1, "title": "Demo: X", "year": 2018}
        | {"provenance": "demo"}
    )
    writes.save_quick_win(db, ADMIN, _quick_win())
    assert [r["title"] for r in db["quick_wins"].rows] == ["Indramayu Sehat"]
    assert [r["action"] for r in db["changes"].rows] == ["add", "delete"]


def test_quick_win_status_update_keeps_title_source(db):
    writes.save_quick_win(db, ADMIN, _quick_win())
    writes.save_quick_win(
        db, EDITOR, _quick_win(status="launched", launched_date="2019-02-01", provenance="tim")
    )
    [row] = db["quick_wins"].rows
    assert (row["provenance"], row["status_provenance"]) == (SOURCE, "tim")


def test_quick_win_renamed_by_id(db):
    row_id = writes.save_quick_win(db, ADMIN, _quick_win()).row_id
    renamed = {"id": row_id, "title": "Indramayu Sehat 2", "provenance": "tim"}
    writes.save_quick_win(db, EDITOR, renamed)
    assert db["quick_wins"].get(row_id)["title"] == "Indramayu Sehat 2"


def test_quick_win_cannot_move_region(db):
    writes.save_quick_win(db, ADMIN, _quick_win())
    with pytest.raises(writes.Invalid, match="another region"):
        writes.save_quick_win(db, ADMIN, {"id": 1, "region_code": "32.74", "provenance": "x"})


@pytest.mark.parametrize(
    ("title", "reason"), [("  ", "required"), ("a\x00b", "control"), ("x" * 301, "too long")]
)
def test_bad_quick_win_title_is_refused(db, title, reason):
    with pytest.raises(writes.Invalid, match=reason):
        writes.save_quick_win(db, ADMIN, _quick_win(title=title))


def test_score_replaces_demo_value_for_the_same_criterion(db):
    db["scores"].insert(
        {
            "region_code": "32.12",
            "year": 2019,
            "kind": "evaluation",
            "index_name": "Indeks Smart City - baseline",
            "criterion": "baseline",
            "value": 3.1,
            "provenance": "demo",
        }
    )
    writes.save_score(
        db,
        ADMIN,
        {
            "region_code": "32.12",
            "year": 2019,
            "index_name": "Indeks Smart City 2019 Dimension Baseline",
            "value": "3.4",
            "provenance": SOURCE,
        },
    )
    [row] = db["scores"].rows
    assert (row["value"], row["provenance"]) == (3.4, SOURCE)


def test_score_value_must_be_a_number(db):
    with pytest.raises(writes.Invalid, match="number"):
        writes.save_score(
            db,
            ADMIN,
            {"region_code": "32.12", "year": 2019, "index_name": "IKCI", "value": "tinggi"}
            | {"provenance": SOURCE},
        )


def test_roster_row_derives_track_and_flag(db):
    writes.save_participation(
        db,
        ADMIN,
        {"region_code": "32.74", "cohort_year": 2019, "note": "UNCERTAIN", "provenance": SOURCE},
    )
    row = db["participations"].get(3)
    assert (row["track"], row["flag"]) == ("100 Smart City", "uncertain")


def test_writes_nest_in_one_import_transaction(db):
    from data.db import write_transaction

    with pytest.raises(writes.Invalid), write_transaction(db):
        writes.save_stage_event(db, ADMIN, _event())
        writes.save_stage_event(db, ADMIN, _event(stage="nope"))
    assert db["stage_events"].count == 0


def test_save_within_needs_the_callers_transaction(db):
    with pytest.raises(RuntimeError):
        writes.save_within(db, ADMIN, "stage_events", _event())
