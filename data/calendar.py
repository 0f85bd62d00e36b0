"""Cohort-wide dates that the sources state, each with its source (METHOD.md section 2).

These apply to every region in a cohort because the events were collective (one MoU
signing, one closing ceremony); region-specific dates are demo values.
"""

from __future__ import annotations

RTIK = "http://rtikkediri.or.id/the-hand-rail-is-going-a-little-faster-than-the-moving-sidewalk/"

COHORT_DATES: dict[int, dict[str, tuple[str, str]]] = {
    2017: {
        "assessment": ("2017-05-02", RTIK),
        "selection_letter": (
            "2017-05-05",
            "https://news.republika.co.id/berita/orkcrg371/smart-city-kota-cirebon-tonjolkan-kearifan-lokal",
        ),
        "mou": ("2017-05-22", RTIK),
        "closing": (
            "2017-11-15",
            "http://jatim.metrotvnews.com/peristiwa/Rb1Z3wYk-sidoarjo-raih-gelar-smart-city-2017",
        ),
    },
    2018: {
        "mou": (
            "2018-05-08",
            "https://nationalgeographic.grid.id/amp/13350357/pengembangan-kota-dan-daerah-cerdas-telah-memasuki-tahap-kedua?page=all",
        ),
        "closing": (
            "2018-12-14",
            "https://mubaitcentre.blogspot.com/2018/12/pemkab-muba-terima-smart-city-award.html",
        ),
    },
    2019: {
        "assessment": ("2019-02-21", "https://aptika.kominfo.go.id/?p=3114"),
        "mou": (
            "2019-05-15",
            "https://m.timesindonesia.co.id/read/214110/20190515/235208/membanggakan-kota-batu-bagian-gerakan-menuju-100-smart-city-2019/",
        ),
    },
    2021: {
        "mou": (
            "2021-05-20",
            "https://manggaraitimurkab.go.id/berita/berita-matim/286-penandatanganan-nota-kesepakatan-mou-dalam-rangka-implementasi-gerakan-menuju-smart-city-2.html",
        ),
        "closing": (
            "2021-12-14",
            "https://nationalgeographic.grid.id/amp/133037537/kemenkominfo-fokuskan-gerakan-menuju-smart-city-2021-untuk-dukung-realisasi-10-destinasi-wisata-prioritas",
        ),
    },
    2022: {
        "assessment": (
            "2021-11-01",
            "https://sulsel.fajar.co.id/2022/01/06/luwu-utara-terpilih-untuk-menyusun-masterplan-kota-cerdas-di-indonesia",
        ),
        "selection_letter": (
            "2022-01-03",
            "https://sulsel.fajar.co.id/2022/01/06/luwu-utara-terpilih-untuk-menyusun-masterplan-kota-cerdas-di-indonesia",
        ),
        "mou": (
            "2022-04-21",
            "https://beenews.id/kota-tegal-masuk-50-kab-kota-pendampingan-smart-city-kemkominfo",
        ),
        "closing": ("2022-11-30", "https://buseronline.com/?p=1715"),
    },
    2023: {
        "mou": (
            "2023-02-28",
            "https://madina.inews.id/amp/263212/pemkab-tapanuli-tengah-tanda-tangani-mou-smart-city-dengan-kementerian-kominfo/2",
        ),
        "closing": (
            "2023-12-07",
            "https://infokomputer.grid.id/read/123964831/inilah-50-kotakabupaten-yang-raih-penghargaan-program-smart-city-2023?page=all",
        ),
    },
    2024: {
        "selection_letter": (
            "2023-05-31",
            "https://infopublik.id/kategori/nusantara/749175/site.webmanifest",
        ),
    },
}
