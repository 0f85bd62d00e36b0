"""Reading upstream `wilayah_boundaries` SQL dumps into rows."""

from __future__ import annotations

import pytest

from geo.upstream_sql import read_insert_rows

HEADER = "/*\nfilename : db/kab/wilayah_boundaries_kab_11.sql; MIT License\n*/\n"
INSERT = "INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n"
SQUARE = "[[[0,0],[0,1],[1,1],[1,0],[0,0]]]"


def row(code: str, name: str = "Kabupaten X", path: str = SQUARE) -> str:
    return f"\t('{code}','{name}',0.5,0.5,'{path}')"


def test_reads_rows_in_code_order():
    sql = HEADER + INSERT + ",\n".join([row("11.02"), row("11.01")]) + ";\n"
    assert [r["kode"] for r in read_insert_rows(sql)] == ["11.01", "11.02"]


def test_row_has_every_column():
    rows = read_insert_rows(INSERT + row("11.01") + ";")
    assert rows == [
        {"kode": "11.01", "nama": "Kabupaten X", "lat": 0.5, "lng": 0.5, "path": SQUARE}
    ]


def test_skips_a_delete_sqlite_cannot_parse():
    delete = "DELETE FROM wilayah_boundaries WHERE LENGTH(kode)=5 AND LEFT(kode,2)='96';\n"
    sql = HEADER + delete + INSERT + row("96.01") + ";\n"
    assert [r["kode"] for r in read_insert_rows(sql)] == ["96.01"]


def test_reads_every_insert_statement():
    sql = INSERT + row("11.01") + ";\n" + INSERT + row("11.02") + ";\n"
    assert len(read_insert_rows(sql)) == 2


def test_semicolon_inside_a_value_does_not_split_the_statement():
    sql = INSERT + row("11.01", name="Kota A; B") + ";\n"
    assert read_insert_rows(sql)[0]["nama"] == "Kota A; B"


def test_path_is_returned_nested_four_deep_as_published():
    path = "[[[[0,0],[0,1],[1,1],[0,0]]],[[[2,2],[2,3],[3,3],[2,2]]]]"
    assert read_insert_rows(INSERT + row("11.01", path=path) + ";")[0]["path"] == path


def test_truncated_dump_raises():
    with pytest.raises(ValueError, match="unfinished"):
        read_insert_rows(INSERT + row("11.01") + ",\n\t('11.02','Kab")


def test_dump_without_insert_raises():
    with pytest.raises(ValueError, match="no INSERT"):
        read_insert_rows(HEADER + "DELETE FROM wilayah_boundaries;\n")


def test_repeated_code_raises():
    with pytest.raises(ValueError, match="UNIQUE"):
        read_insert_rows(INSERT + ",\n".join([row("11.01"), row("11.01")]) + ";")


def test_garbage_raises():
    with pytest.raises(ValueError):
        read_insert_rows("INSERT INTO wilayah_boundaries VALUES (1, 2;\n<html>oops</html>;")
