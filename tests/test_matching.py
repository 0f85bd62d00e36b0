import csv

import pytest

from data.importer import SEED_DIR
from data.matching import RegionMatcher, core_key, split_kind


@pytest.fixture(scope="module")
def matcher():
    with open(SEED_DIR / "regions.csv", encoding="utf-8") as f:
        return RegionMatcher(list(csv.DictReader(f)))


def test_every_roster_row_matches_a_code(matcher):
    with open(SEED_DIR / "cohorts.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    unmatched = [
        (r["region_name"], matcher.match(r["region_name"], r["province"]).reason)
        for r in rows
        if not matcher.match(r["region_name"], r["province"]).ok
    ]
    assert len(rows) == 220
    assert unmatched == []


@pytest.mark.parametrize(
    ("name", "province", "code"),
    [
        ("Kabupaten Gunung Kidul", "DI Yogyakarta", "34.03"),
        ("Kota Pematang Siantar", "Sumatera Utara", "12.72"),
        ("Kota Baubau", "Sulawesi Tenggara", "74.72"),
        ("Kota Bau-Bau", None, "74.72"),
        ("Kab. Indramayu", "Jawa Barat", "32.12"),
        ("KOTA  ADM. JAKARTA SELATAN", "DKI Jakarta", "31.74"),
    ],
)
def test_known_variants_resolve(matcher, name, province, code):
    assert matcher.match(name, province).code == code


def test_fuzzy_match_above_threshold_resolves(matcher):
    result = matcher.match("Kabupaten Pangkajene Kepulauan", "Sulawesi Selatan")
    assert result.code == "73.10"
    assert result.score < 100


def test_near_miss_does_not_match(matcher):
    result = matcher.match("Kabupaten Lombok", "Nusa Tenggara Barat")
    assert result.code is None
    assert "close enough" in result.reason


def test_kota_is_not_matched_to_the_kabupaten_of_the_same_name(matcher):
    assert matcher.match("Kota Bandung", None).code == "32.73"
    assert matcher.match("Kabupaten Bandung", None).code == "32.04"


def test_name_in_another_province_is_refused_with_the_reason(matcher):
    result = matcher.match("Kota Bandung", "Jawa Timur")
    assert result.code is None
    assert "32.73" in result.reason


def test_name_without_kind_that_fits_both_is_ambiguous(matcher):
    result = matcher.match("Bandung", "Jawa Barat")
    assert result.code is None
    assert "ambiguous" in result.reason


def test_unknown_province_is_reported(matcher):
    assert "unknown province" in matcher.match("Kota Bandung", "Atlantis").reason


def test_kind_prefixes_and_spelling_fold_alike():
    assert split_kind("Kab. Gunungkidul") == ("kabupaten", "gunungkidul")
    assert core_key("Gunung Kidul") == core_key("Gunungkidul") == "gunungkidul"
