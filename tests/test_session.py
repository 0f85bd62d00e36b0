"""The run context shared by every page: here, the store version read without a connection."""

from contextlib import closing

from components import session
from data import writes
from data.access import admin
from data.db import connect


def test_current_version_follows_a_write_made_on_another_connection(fresh_store_path):
    before = session.current_version()
    with closing(connect(fresh_store_path)) as db:
        row = next(db.query("select region_code, cohort_year from participations"))
        region, year = row["region_code"], row["cohort_year"]
        event = {
            "region_code": region,
            "year": str(year),
            "stage": "mou",
            "date": f"{year}-05-22",
            "status": "done",
            "provenance": "https://example.go.id/laporan",
        }
        writes.save_stage_event(db, admin("cli:test"), event)
    assert session.current_version() > before
