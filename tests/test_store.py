"""Migrations, seeding and the demo generator."""

from data import migrations, seed
from data.db import connect, open_store


def _snapshot(db) -> dict[str, list]:
    return {t: list(db[t].rows) for t in seed.TABLES + ["stage_events", "masterplans"]}


def test_new_store_is_migrated_to_the_latest_version():
    db = open_store(":memory:")
    assert migrations.applied_versions(db) == [v for v, _, _ in migrations.MIGRATIONS]


def test_migrate_twice_applies_nothing_the_second_time():
    db = connect(":memory:")
    assert migrations.migrate(db)
    assert migrations.migrate(db) == []


def test_seeding_twice_changes_nothing(tmp_path):
    path = tmp_path / "s.db"
    db = open_store(path)
    before = _snapshot(db)
    db.close()
    again = open_store(path)
    assert seed.seed(again).skipped
    assert _snapshot(again) == before


def test_old_schema_upgrades_in_place_keeping_rows():
    db = connect(":memory:")
    migrations.migrate(db, upto=1)
    db["provinces"].insert({"code": "32", "bps_code": "32", "name": "Jawa Barat"})
    db["regions"].insert(
        {
            "code": "32.12",
            "name": "Kabupaten Indramayu",
            "kind": "kabupaten",
            "province_code": "32",
            "lat": -6.4,
            "lng": 108.2,
        }
    )
    assert "area_km2" not in db["regions"].columns_dict
    assert migrations.migrate(db) == [v for v, _, _ in migrations.MIGRATIONS][1:]
    assert db["regions"].get("32.12")["name"] == "Kabupaten Indramayu"
    assert "area_km2" in db["regions"].columns_dict
    assert "quick_wins" in db.table_names()


def test_demo_values_are_deterministic():
    first, second = open_store(":memory:"), open_store(":memory:")
    query = "select region_code, stage, date, status from stage_events order by id"
    assert list(first.query(query)) == list(second.query(query))
    scores = "select region_code, criterion, value from scores where kind='readiness' order by id"
    assert list(first.query(scores)) == list(second.query(scores))


def test_generated_values_are_stored_as_demo(store):
    kinds = {
        r["provenance"]
        for r in store.query("select distinct provenance from scores where kind = 'readiness'")
    }
    assert kinds == {"demo"}
    assert store["quick_wins"].count_where("status_provenance != 'demo'") == 0


def test_a_2017_region_has_long_finished_bimtek_iv(store):
    row = next(
        store.query(
            """select e.status, e.date from stage_events e join participations p
           on p.id = e.participation_id
           where p.region_code = '32.74' and p.cohort_year = 2017 and e.stage = 'bimtek_4'"""
        )
    )
    assert row["status"] == "done"
    assert row["date"] < "2018-01-01"


def test_sourced_cohort_dates_carry_their_source(store):
    row = next(
        store.query(
            """select e.date, e.provenance from stage_events e join participations p
           on p.id = e.participation_id where p.cohort_year = 2018 and e.stage = 'mou' limit 1"""
        )
    )
    assert row["date"] == "2018-05-08"
    assert row["provenance"].startswith("https://nationalgeographic")


def test_seed_writes_are_attributed(store):
    assert store["participations"].count_where("updated_by = 'seed'") == 220
    assert store["changes"].count_where("actor = 'seed' and action = 'seed'") == 1
