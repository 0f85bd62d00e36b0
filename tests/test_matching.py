import csv

import pytest

from data.importer import SEED_DIR
from data.matching import RegionMatcher, core_key, normalise, split_kind


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
        ("Gunungkidul (Kab.)", None, "34.03"),
        ("Indramayu, Kab", "Jabar", "32.12"),
        ("KAB.INDRAMAYU", "Prov. Jawa Barat", "32.12"),
        ("Kodya Bandung", None, "32.73"),
        ("Kab. Adm. Kep. Seribu", "DKI", "31.01"),
        ("Kota Tg. Pinang", "Kepri", "21.72"),
        ("Tangsel", "Banten", "36.74"),
        ("Kab. Kukar", "Kaltim", "64.02"),
        ("Solo", "Jateng", "33.72"),
        ("Kabupaten Merauke", "Papua", "93.01"),
        ("Kabupaten Sorong", "Irian Jaya Barat", "96.01"),
        ("Kabupaten Indramyu", "Jawa Barat", "32.12"),
        ("Kabupaten Lima Puluh Kota", None, "13.07"),
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


def test_unknown_name_offers_the_three_closest_with_province(matcher):
    result = matcher.match("Kota Cirebonn Raya", None)
    assert result.code is None
    assert len(result.suggestions) == 3
    assert str(result.suggestions[0]) == "Kota Cirebon (32.74, Jawa Barat)"
    assert "Closest: Kota Cirebon (32.74, Jawa Barat)" in result.reason


@pytest.mark.parametrize(
    ("code", "scheme", "expected"),
    [
        ("32.12", None, "32.12"),
        ("3212", None, "32.12"),
        ("32.1", None, "32.10"),
        ("3173", "bps", "31.71"),
        ("31.73", None, "31.73"),
    ],
)
def test_codes_resolve(matcher, code, scheme, expected):
    assert matcher.match_code(code, scheme).code == expected


def test_four_digits_meaning_two_regions_is_ambiguous(matcher):
    result = matcher.match_code("3173")
    assert result.code is None
    assert {s.code for s in result.suggestions} == {"31.71", "31.73"}


def test_name_settles_an_ambiguous_code_without_a_flag(matcher):
    result = matcher.resolve("Kota Jakarta Pusat", None, "3173")
    assert (result.code, result.flagged) == ("31.71", False)


def test_name_wins_over_a_disagreeing_code_and_flags_the_row(matcher):
    result = matcher.resolve("Kota Cirebon", "Jawa Barat", "32.12")
    assert (result.code, result.flagged) == ("32.74", True)
    assert "the name wins" in result.reason


def test_code_alone_resolves(matcher):
    assert matcher.resolve(None, None, "3274").code == "32.74"


def test_normalised_query_is_found_inside_the_normalised_name():
    assert normalise("gunung kidul") in normalise("Kabupaten Gunungkidul")
    assert normalise("Gunungkidul (Kab.)") == normalise("KAB. GUNUNG KIDUL")
