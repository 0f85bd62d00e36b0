"""ensure_boundaries and the cache, on tiny fake mirrors (two regions, milliseconds to build)."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest
import shapely

import settings
from geo import cache
from geo.boundaries import (
    ensure_boundaries,
    static_url,
    status_without_building,
)
from geo.build import build
from geo.source import (
    MAIN_COMMIT,
    SORONG_COMMIT,
    BoundarySourceError,
    SourceFile,
    fingerprint,
    location,
)

CODES = ["11.01", "11.02"]
UNREACHABLE_URL = "http://127.0.0.1:9"


def square(lat: float, lng: float, size: float) -> list[list[float]]:
    return [[lat, lng], [lat, lng + size], [lat + size, lng + size], [lat + size, lng], [lat, lng]]


def dump(rows: dict[str, object], delete: str = "DELETE FROM wilayah_boundaries;") -> str:
    values = ",\n".join(
        f"\t('{code}','Region {code}',0,0,'{json.dumps(path)}')" for code, path in rows.items()
    )
    header = "/*\nfake upstream file; MIT\n*/\n"
    insert = "INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES"
    return f"{header}{delete}\n{insert}\n{values};\n"


def write(mirror: Path, commit: str, province: str, text: str) -> Path:
    path = mirror / SourceFile(commit, province).relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def mirror(tmp_path) -> Path:
    """11.01 nested 3 deep (with a hole), 11.02 nested 4 deep (two groups)."""
    root = tmp_path / "mirror"
    rows = {
        "11.01": [square(4.0, 96.0, 0.5), square(4.2, 96.2, 0.1)],
        "11.02": [[square(3.0, 97.0, 0.4)], [square(3.0, 97.5, 0.2)]],
    }
    write(root, MAIN_COMMIT, "11", dump(rows))
    return root


@pytest.fixture
def cache_dir(tmp_path) -> Path:
    return tmp_path / "cache"


def ensure(source, cache_dir, **kwargs):
    return ensure_boundaries(
        source=str(source), cache_dir=cache_dir, expected_codes=CODES, **kwargs
    )


def main_file(mirror: Path) -> Path:
    return mirror / SourceFile(MAIN_COMMIT, "11").relpath


def test_first_call_builds_both_files(mirror, cache_dir):
    status = ensure(mirror, cache_dir)
    assert status.available and status.built
    assert status.regions_path.is_file() and status.provinces_path.is_file()


def test_regions_carry_code_name_province_and_index(mirror, cache_dir):
    regions = json.loads(ensure(mirror, cache_dir).regions_path.read_text())
    props = [f["properties"] for f in regions["features"]]
    assert props[1] == {
        "code": "11.02",
        "name": "Kabupaten Aceh Tenggara",
        "province_code": "11",
        "i": 1,
    }


def test_provinces_are_named_from_the_reference(mirror, cache_dir):
    provinces = json.loads(ensure(mirror, cache_dir).provinces_path.read_text())
    assert [f["properties"] for f in provinces["features"]] == [{"code": "11", "name": "Aceh"}]


def test_geojson_is_compact_with_five_decimals(mirror, cache_dir):
    text = ensure(mirror, cache_dir).regions_path.read_text()
    decimals = re.findall(r"\d\.(\d+)", text)
    assert "\n" not in text and ", " not in text
    assert decimals and max(map(len, decimals)) <= 5


def test_second_call_does_not_rebuild(mirror, cache_dir):
    ensure(mirror, cache_dir)
    status = ensure(mirror, cache_dir)
    assert status.available and not status.built


def test_changed_source_triggers_a_rebuild(mirror, cache_dir):
    first = ensure(mirror, cache_dir)
    path = main_file(mirror)
    path.write_text(path.read_text().replace("96.2", "96.25"))
    second = ensure(mirror, cache_dir)
    assert second.built and second.version != first.version


def test_force_rebuilds_an_up_to_date_cache(mirror, cache_dir):
    ensure(mirror, cache_dir)
    assert ensure(mirror, cache_dir, force=True).built


def test_corrupt_file_makes_boundaries_unavailable_naming_the_file(mirror, cache_dir):
    path = main_file(mirror)
    path.write_text(path.read_text()[:300])
    status = ensure(mirror, cache_dir)
    assert not status.available
    assert status.reason_code == "corrupt"
    assert str(path) in status.reason


def test_corrupt_path_json_names_the_file_and_the_row(mirror, cache_dir):
    write(mirror, MAIN_COMMIT, "11", dump({"11.01": "[[1, 2]]", "11.02": [[square(0, 0, 1)]]}))
    with pytest.raises(BoundarySourceError) as info:
        build(str(mirror), cache_dir, CODES)
    assert info.value.code == "corrupt"
    assert str(main_file(mirror)) in str(info.value) and "11.01" in str(info.value)


def test_non_utf8_file_is_corrupt(mirror, cache_dir):
    main_file(mirror).write_bytes(b"\xff\xfe garbage")
    assert ensure(mirror, cache_dir).reason_code == "corrupt"


def test_missing_file_is_reported_with_its_path(mirror, cache_dir):
    path = main_file(mirror)
    path.unlink()
    status = ensure(mirror, cache_dir)
    assert not status.available
    assert status.reason_code == "missing"
    assert str(path) in status.reason


def test_missing_folder_without_cache_is_unreachable_naming_a_file(tmp_path, cache_dir):
    status = ensure(tmp_path / "no-such-mirror", cache_dir)
    assert not status.available and status.reason_code == "unreachable"
    assert "wilayah_boundaries_kab_11.sql" in status.reason


def test_unreachable_url_without_cache_is_unreachable(cache_dir):
    status = ensure(UNREACHABLE_URL, cache_dir)
    assert not status.available and status.reason_code == "unreachable"
    assert UNREACHABLE_URL in status.reason


def test_unreachable_source_falls_back_to_an_existing_cache(mirror, tmp_path, cache_dir):
    ensure(mirror, cache_dir)
    status = ensure(tmp_path / "no-such-mirror", cache_dir)
    assert status.available and not status.built
    assert status.warning


def test_failed_build_leaves_the_previous_cache_untouched(mirror, cache_dir):
    ensure(mirror, cache_dir)
    before = {p.name: p.read_bytes() for p in cache_dir.iterdir()}
    main_file(mirror).write_text("<html>rate limited</html>")
    ensure(mirror, cache_dir)
    assert {p.name: p.read_bytes() for p in cache_dir.iterdir()} == before


def test_row_missing_from_the_source_is_invalid(mirror, cache_dir):
    status = ensure_boundaries(
        source=str(mirror), cache_dir=cache_dir, expected_codes=[*CODES, "11.03"]
    )
    assert status.reason_code == "invalid" and "11.03" in status.reason


def test_unexpected_row_in_the_source_is_invalid(mirror, cache_dir):
    status = ensure_boundaries(source=str(mirror), cache_dir=cache_dir, expected_codes=["11.01"])
    assert status.reason_code == "invalid" and "11.02" in status.reason


def test_override_row_is_taken_from_the_override_commit(tmp_path, cache_dir):
    mirror = tmp_path / "mirror"
    write(mirror, MAIN_COMMIT, "96", dump({"96.01": [square(0, 130, 2)]}))
    delete = "DELETE FROM wilayah_boundaries WHERE LENGTH(kode)=5 AND LEFT(kode,2)='96';"
    old = {"96.01": [square(0, 130, 1)], "96.02": [square(5, 130, 1)]}
    write(mirror, SORONG_COMMIT, "96", dump(old, delete))
    report = build(str(mirror), cache_dir, ["96.01"])
    assert report.overrides == {"96.01": SORONG_COMMIT}
    regions = json.loads((cache_dir / cache.REGIONS).read_text())
    geometry = shapely.geometry.shape(regions["features"][0]["geometry"])
    assert geometry.bounds == (130.0, 0.0, 131.0, 1.0)  # the old 1-degree square


def test_progress_runs_from_zero_to_one(mirror, cache_dir):
    seen = []
    ensure(mirror, cache_dir, progress=lambda fraction, message: seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_status_without_building_before_any_build(cache_dir):
    status = status_without_building(cache_dir)
    assert not status.available and status.reason_code == "not_built"


def test_status_without_building_after_a_build(mirror, cache_dir):
    built = ensure(mirror, cache_dir)
    status = status_without_building(cache_dir)
    assert status.available and status.version == built.version


def test_status_without_building_rejects_a_file_that_no_longer_matches(mirror, cache_dir):
    ensure(mirror, cache_dir)
    (cache_dir / cache.REGIONS).write_text("{}")
    assert not status_without_building(cache_dir).available


def test_mirror_fingerprint_changes_with_content(mirror):
    files = [SourceFile(MAIN_COMMIT, "11")]
    before = fingerprint(str(mirror), files)
    main_file(mirror).write_text(main_file(mirror).read_text() + "\n-- edited\n")
    assert fingerprint(str(mirror), files) != before


def test_url_fingerprint_needs_no_network():
    files = [SourceFile(MAIN_COMMIT, "11")]
    assert fingerprint(UNREACHABLE_URL, files) != fingerprint(UNREACHABLE_URL + "/x", files)


def test_url_is_the_mirror_path_under_the_base():
    file = SourceFile(MAIN_COMMIT, "11")
    expected = f"https://example.org/b/{MAIN_COMMIT}/db/kab/wilayah_boundaries_kab_11.sql"
    assert location("https://example.org/b/", file) == expected


@pytest.fixture
def http_mirror(mirror):
    """The fake mirror served over HTTP on a free localhost port."""
    handler = functools.partial(
        type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
        directory=str(mirror),
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_source_is_read_over_http(http_mirror, cache_dir):
    status = ensure(http_mirror, cache_dir)
    assert status.available and status.built


def test_url_not_found_is_missing_and_names_the_url(http_mirror, mirror, cache_dir):
    main_file(mirror).unlink()
    status = ensure(http_mirror, cache_dir)
    assert status.reason_code == "missing"
    assert location(http_mirror, SourceFile(MAIN_COMMIT, "11")) in status.reason


def test_static_url_for_a_cache_under_static():
    url = static_url(settings.static_dir() / "geo" / cache.REGIONS, "abc123")
    assert url == "/app/static/geo/regions.geojson?v=abc123"


def test_static_url_is_none_outside_static(tmp_path):
    assert static_url(tmp_path / cache.REGIONS, "abc123") is None
