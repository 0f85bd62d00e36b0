"""The programme's fixed vocabulary: stages, dimensions, tracks and default criteria.

Names are stored in both languages because they are shown to users; everything else
about them (order, grouping, weights) is data the app reads from the store.
"""

from __future__ import annotations

STAGES = [
    ("assessment", "Asesmen kesiapan", "Readiness assessment"),
    ("selection_letter", "Surat hasil seleksi", "Selection letter"),
    ("mou", "Nota kesepakatan (MoU)", "MoU signed"),
    ("bimtek_1", "Bimtek I", "Bimtek I"),
    ("bimtek_2", "Bimtek II", "Bimtek II"),
    ("bimtek_3", "Bimtek III", "Bimtek III"),
    ("bimtek_4", "Bimtek IV", "Bimtek IV"),
    ("masterplan_final", "Masterplan final", "Masterplan final"),
    ("masterplan_adopted", "Ditetapkan Perbup/Perwal", "Adopted by Perbup/Perwal"),
    ("quick_wins", "Quick win berjalan", "Quick wins under way"),
    ("closing", "Penutupan & penghargaan", "Closing & award"),
    ("evaluation", "Evaluasi tahunan", "Yearly evaluation"),
]
STAGE_ORDER = [code for code, _, _ in STAGES]

STATUSES = ["done", "in_progress", "late", "not_started"]
MASTERPLAN_STATUSES = ["not_started", "drafting", "final", "adopted"]
QUICK_WIN_STATUSES = ["planned", "in_progress", "launched", "stalled", "cancelled"]

DIMENSIONS = [
    ("governance", "Smart Governance", "Tata kelola cerdas", "Smart Governance"),
    ("branding", "Smart Branding", "Branding cerdas", "Smart Branding"),
    ("economy", "Smart Economy", "Ekonomi cerdas", "Smart Economy"),
    ("living", "Smart Living", "Lingkungan hidup cerdas", "Smart Living"),
    ("society", "Smart Society", "Masyarakat cerdas", "Smart Society"),
    ("environment", "Smart Environment", "Lingkungan cerdas", "Smart Environment"),
]
DIMENSION_BY_NAME = {name: code for code, name, _, _ in DIMENSIONS}

ELEMENTS = {
    "governance": [
        ("Layanan publik", "Service"),
        ("Birokrasi", "Bureaucracy"),
        ("Kebijakan publik", "Policy"),
    ],
    "branding": [
        ("Pariwisata", "Tourism"),
        ("Bisnis", "Business"),
        ("Wajah kota", "City appearance"),
    ],
    "economy": [
        ("Ekosistem industri berdaya saing", "Industry"),
        ("Kesejahteraan rakyat", "Welfare"),
        ("Ekosistem transaksi keuangan", "Transaction"),
    ],
    "living": [
        ("Harmonisasi tata ruang", "Harmony"),
        ("Kesehatan", "Health"),
        ("Mobilitas/transportasi", "Mobility"),
    ],
    "society": [
        ("Interaksi masyarakat efisien", "Community"),
        ("Ekosistem belajar", "Learning"),
        ("Keamanan masyarakat", "Security"),
    ],
    "environment": [
        ("Proteksi lingkungan", "Protection"),
        ("Tata kelola sampah & limbah", "Waste"),
        ("Tata kelola energi", "Energy"),
    ],
}

TRACKS = ["100 Smart City", "KPPN", "IKN", "Smart City"]

#: The default readiness rubric (METHOD.md section 3); admins may change it in the store.
CRITERIA = [
    ("leadership", "Komitmen pimpinan daerah", "Leadership commitment", "structure"),
    ("policy", "Kebijakan dan regulasi", "Policy and regulation", "superstructure"),
    ("budget", "Anggaran", "Budget", "structure"),
    ("planning", "Perencanaan", "Planning", "superstructure"),
    ("internet", "Akses internet", "Internet access", "infrastructure"),
    ("it_staff", "SDM TIK", "IT staff", "structure"),
    ("applications", "Aplikasi", "Applications", "infrastructure"),
    ("infrastructure", "Infrastruktur TIK", "ICT infrastructure", "infrastructure"),
]
READINESS_SCALE = (1.0, 5.0)

#: Kominfo evaluation dimensions (METHOD.md section 6).
EVALUATION_DIMENSIONS = ["baseline", "output", "outcome", "impact", "quick_win"]

DEMO = "demo"


def track_for(cohort_year: int | None, province_code: str) -> str | None:
    """The programme track a roster row belongs to.

    2017-2019 is the original 100 Smart City; 2021 split into tourism areas (KPPN) and
    the new capital, whose three signatories are all in Kalimantan Timur (64); from
    2022 the programme runs as Gerakan Menuju Smart City.
    """
    if cohort_year is None:
        return None
    if cohort_year <= 2019:
        return "100 Smart City"
    if cohort_year == 2021:
        return "IKN" if province_code == "64" else "KPPN"
    return "Smart City"


def flag_for(note: str, cohort_year: int | None) -> str | None:
    """The doubt a source row carries, from the markers its note uses."""
    upper = (note or "").upper()
    if cohort_year is None:
        return "unknown_year"
    for marker, flag in (
        ("CONFLICT", "conflict"),
        ("UNCERTAIN", "uncertain"),
        ("INFERRED", "inferred"),
    ):
        if marker in upper:
            return flag
    return None
