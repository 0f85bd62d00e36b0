import csv

from data.__main__ import main


def test_init_creates_and_seeds_then_reports_nothing_to_do(tmp_path, capsys):
    db = tmp_path / "cli.db"
    assert main(["--db", str(db), "init"]) == 0
    first = capsys.readouterr().out
    assert "participations" in first and "220" in first
    assert main(["--db", str(db), "init"]) == 0
    assert "already seeded" in capsys.readouterr().out


def test_export_writes_one_csv_per_table_with_headers(tmp_path, capsys):
    db, out = tmp_path / "cli.db", tmp_path / "out"
    main(["--db", str(db), "export", str(out)])
    with open(out / "regions.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 514
    assert {"code", "name", "province_code", "lat", "lng"} <= set(rows[0])
    assert (out / "participations.csv").exists()
    assert "regions.csv: 514 rows" in capsys.readouterr().out
