"""AppTest of the Kelola Data page: upload, read the dry run, apply, see it on the region page."""

from __future__ import annotations

import pytest

from data import templates, users
from data.access import admin
from data.db import connect
from tests.conftest import ADMIN, copy_store, run_page, signed_in, table_with

SOURCE = "https://jabarprov.go.id/berita/bimtek-indramayu"
BIMTEK = (
    "Kabupaten/Kota,Tahun,Tahap,Tanggal,Status,Sumber\r\n"
    f"Kab. Indramayu,2018,Bimtek II,14/08/2018,Selesai,{SOURCE}\r\n"
).encode()


@pytest.fixture(autouse=True)
def private_store(session_store, tmp_path, monkeypatch):
    """The page writes: give it its own copy of the seeded store."""
    path = tmp_path / "pantau.db"
    copy_store(session_store, path)
    db = connect(path)
    users.add(db, admin("test"), ADMIN, "admin")  # importing is for a signed-in admin
    db.close()
    monkeypatch.setenv("PANTAU_DB", str(path))


def _kelola(lang: str = "en"):
    return run_page("views/kelola.py", {"lang": lang}, user=signed_in(ADMIN))


def _upload(data: bytes, name: str = "tahap.csv", lang: str = "en"):
    at = _kelola(lang)
    at.file_uploader(key="kelola_file").upload(name, data, "text/csv")
    return at.run()


def _bimtek_row(at):
    table = table_with(at, "Stage")
    return table[table["Stage"].str.startswith("Bimtek II")].iloc[0]


def test_page_offers_upload_templates_and_export():
    at = _kelola()
    assert not at.exception
    assert at.title[0].value == "Manage data"
    assert len(at.get("download_button")) == 2 * len(templates.KINDS) + 1


def test_upload_shows_the_dry_run_table():
    at = _upload(BIMTEK)
    assert not at.exception
    [line] = table_with(at, "Changes (old -> new)").to_dict("records")
    assert (line["Row"], line["Action"], line["Region"], line["Fact"]) == (
        2,
        "changed",
        "Kabupaten Indramayu",
        "2018 · bimtek_2",
    )
    assert "-> 2018-08-14" in line["Changes (old -> new)"]
    assert [m.value for m in at.metric] == ["0", "1", "0", "0"]


def test_bad_file_lists_problems_and_offers_no_apply():
    at = _upload(BIMTEK.replace(b"2018,Bimtek", b"20x8,Bimtek"))
    problems = table_with(at, "Reason")
    assert problems.iloc[0].to_dict() == {
        "Row": 2,
        "Column": "Tahun",
        "Value": "20x8",
        "Reason": "must be a year 2015-2030",
    }
    assert not [b for b in at.button if b.key == "kelola_apply"]


def test_problem_reasons_follow_the_language():
    at = _upload(BIMTEK.replace(b"2018,Bimtek", b"20x8,Bimtek"), lang="id")
    assert table_with(at, "Alasan").iloc[0]["Alasan"] == "harus berupa tahun 2015-2030"


def test_apply_then_the_region_page_shows_the_value_with_its_source_and_no_demo_mark():
    before = run_page("views/daerah.py", {"region": "32.12", "lang": "en"})
    assert "DEMO" in _bimtek_row(before)["Date"]
    at = _upload(BIMTEK)
    at.button(key="kelola_apply").click().run()
    assert not at.exception
    assert at.success[0].value == "Applied: 0 added, 1 changed, 0 unchanged."
    after = run_page("views/daerah.py", {"region": "32.12", "lang": "en"})
    row = _bimtek_row(after)
    assert row["Date"] == "14 Aug 2018"
    assert row["Source"] == SOURCE
