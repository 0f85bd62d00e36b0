"""The Angkatan page through AppTest: filters from the URL, tables, messages, both languages."""

from tests.conftest import run_page

PAGE = "views/angkatan.py"


def texts(elements) -> list[str]:
    return [e.value for e in elements]


#: A column only that table has, to find tables without a widget key.
MARKS = {
    "ready_stats": ("IQR",),
    "ready_changes": ("Perubahan", "Change"),
    "eval_changes": ("Perubahan", "Change"),
    "criteria_table": ("Porsi bobot", "Share of weight"),
    "external_table": ("Angkatan pertama", "First cohort"),
    "eval_published": ("Catatan", "Note"),
}


def table(at, key):
    """The table with widget key `key`, or the one carrying its mark column."""
    for frame in at.dataframe:
        value = frame.value
        if frame.key == key or (frame.key is None and set(MARKS.get(key, ())) & set(value)):
            return value
    raise AssertionError(f"no table {key}")


def test_readiness_view_shows_all_sections_marked_demo():
    at = run_page(PAGE)
    assert not at.exception
    headings = texts(at.subheader)
    names = ["Sebaran skor kesiapan", "Per kriteria", "Peringkat", "Dari tahun ke tahun"]
    assert [h.split(" :orange-badge")[0] for h in headings] == names
    assert all("DEMO" in h for h in headings)
    assert any("Semua nilai kesiapan adalah DEMO" in m for m in texts(at.markdown))
    assert len(table(at, "ready_stats")) == 7  # one row per cohort


def test_english_page():
    at = run_page(PAGE, {"lang": "en"})
    assert at.title[0].value == "Cohort comparison"
    assert "Rank" in table(at, "ready_rank").columns


def test_cohort_filter_in_the_url_narrows_every_table():
    at = run_page(PAGE, {"cohort": "2017,2024"})
    assert table(at, "ready_stats")["Angkatan"].tolist() == ["2017", "2024"]
    assert set(table(at, "ready_rank")["Angkatan"]) == {"2017", "2024"}
    assert at.multiselect(key="_cohorts_cohort").value == ["2017", "2024"]


def test_kind_track_and_province_filters():
    at = run_page(PAGE, {"kind": "kabupaten", "track": "KPPN", "province": "12"})
    ranking = table(at, "ready_rank")
    assert len(ranking) >= 1
    assert set(ranking["Provinsi"]) == {"Sumatera Utara"}
    assert set(ranking["Jalur"]) == {"KPPN"}
    assert ranking["Daerah"].str.startswith("Kabupaten").all()


def test_unknown_url_values_warn_and_keep_the_valid_part():
    at = run_page(PAGE, {"cohort": "2017,1999", "kind": "desa"})
    warnings = texts(at.warning)
    assert any("1999" in w and "cohort" in w for w in warnings)
    assert any("desa" in w and "kind" in w for w in warnings)
    assert table(at, "ready_stats")["Angkatan"].tolist() == ["2017"]


def test_empty_selection_says_so():
    at = run_page(PAGE, {"cohort": "2024", "province": "64"})
    assert not at.exception
    assert any("Tidak ada daerah yang cocok" in i for i in texts(at.info))
    assert not at.subheader


def test_single_region_cohort_gets_a_clear_message():
    at = run_page(PAGE, {"cohort": "2024", "province": "13", "lang": "en"})
    assert not at.exception
    assert any("Cohort 2024 has only one region" in i for i in texts(at.info))
    assert table(at, "ready_rank")["Region"].tolist() == ["Kota Solok"]
    assert any("at least two cohorts" in i for i in texts(at.info))


def test_demo_off_hides_readiness_and_says_there_is_no_sourced_readiness():
    at = run_page(PAGE, {"demo": "0"})
    infos = texts(at.info)
    assert any("Nilai demo disembunyikan" in i for i in infos)
    assert any("Tidak ada data kesiapan bersumber" in i for i in infos)
    assert not at.subheader


def test_criteria_expander_lists_the_rubric():
    at = run_page(PAGE, {"demo": "0", "lang": "en"})
    assert at.expander[0].label == "Criteria"
    assert table(at, "criteria_table")["Criterion"].tolist()[:2] == [
        "Leadership commitment",
        "Policy and regulation",
    ]


def test_evaluation_view_without_demo_shows_only_published_values():
    at = run_page(PAGE, {"view": "evaluation", "demo": "0", "eyear": "2022"})
    assert not at.exception
    ranking = table(at, "eval_rank")
    assert ranking[["Daerah", "Skor", "Dasar"]].values.tolist() == [
        ["Kota Kediri", "3,31", "diterbitkan"]
    ]
    changes = table(at, "eval_changes")
    assert changes[["Daerah", "Perubahan"]].values.tolist() == [["Kota Kediri", "+0,25"]]
    assert "bangsaonline.com" in " ".join(table(at, "eval_published")["Sumber"])


def test_evaluation_view_with_demo_defaults_to_the_latest_year():
    at = run_page(PAGE, {"view": "evaluation", "lang": "en"})
    assert at.segmented_control(key="_cohorts_eyear").value == "2024"
    assert texts(at.subheader)[0].startswith("Distribution of the 2024 evaluation index")
    assert len(table(at, "eval_rank")) > 100


def test_evaluation_weights_choice_lives_in_the_url():
    at = run_page(PAGE, {"view": "evaluation", "ew": "2022", "lang": "en"})
    assert at.segmented_control(key="_cohorts_ew").value == "2022"
    assert any("reproduce Kota Kediri's published 2022 index" in c for c in texts(at.caption))


def test_external_view_lists_published_indices_with_sources():
    at = run_page(PAGE, {"view": "external", "kind": "kabupaten", "lang": "en"})
    external = table(at, "external_table")
    assert set(external["Index"]) == {"Indonesia Smart Nation Award (ISNA, Citiasia) rank"}
    assert external["Source"].str.startswith("http").all()


def test_choosing_a_cohort_writes_it_to_the_url():
    at = run_page(PAGE)
    at.multiselect(key="_cohorts_cohort").select("2021").run()
    assert at.query_params["cohort"] in ("2021", ["2021"])
    assert table(at, "ready_stats")["Angkatan"].tolist() == ["2021"]


def test_colour_note_names_the_palette():
    at = run_page(PAGE, {"lang": "en"})
    assert any("Okabe-Ito" in c and "viridis" in c for c in texts(at.caption))


def test_both_kinds_can_be_chosen_together():
    at = run_page(PAGE, {"kind": "kabupaten,kota", "cohort": "2024"})
    assert at.get("button_group")[0].value == ["kabupaten", "kota"]
    assert len(table(at, "ready_rank")) == 11


def test_sourced_only_sections_carry_no_demo_badge():
    at = run_page(PAGE, {"view": "evaluation", "demo": "0", "eyear": "2022"})
    assert not any("DEMO" in h for h in texts(at.subheader))


def test_rankings_offer_a_csv_download():
    at = run_page(PAGE, {"lang": "en"})
    assert [b.proto.label for b in at.get("download_button")] == ["Download CSV"]
