"""The columns an import accepts per kind of fact, and how a cell's text becomes a value.

Each kind has template headers in Indonesian (what the downloadable templates use) plus the
variants office sheets write, in Indonesian and English. Headers are compared folded
(case, spacing and punctuation ignored), so "Kabupaten/Kota", "KABUPATEN KOTA" and
"kabupaten_kota" are one header. Values people type in their own way (dates as 14/12/2018
or "14 Desember 2018", numbers with a decimal comma, statuses in Indonesian) are turned
into what `data.writes` validates; anything not understood is passed on unchanged so the
validation names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from data.catalog import DIMENSIONS, STAGES
from data.matching import core_key


@dataclass(frozen=True)
class Column:
    """One accepted column: the field it fills, its template header and other spellings."""

    field: str
    header: str
    example: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def spellings(self) -> set[str]:
        return {core_key(name) for name in (self.field, self.header, *self.aliases)}


REGION = [
    Column(
        "region_name",
        "Kabupaten/Kota",
        "Kabupaten Indramayu",
        (
            "Nama Daerah",
            "Daerah",
            "Nama Kabupaten/Kota",
            "Kab/Kota",
            "Kota/Kabupaten",
            "Wilayah",
            "Nama Wilayah",
            "Pemda",
            "Nama Pemda",
            "Region",
            "Region name",
            "City/Regency",
            "Regency/City",
        ),
    ),
    Column("province", "Provinsi", "Jawa Barat", ("Propinsi", "Prov", "Province")),
    Column(
        "region_code",
        "Kode Wilayah",
        "32.12",
        ("Kode", "Kode Kemendagri", "Kode Daerah", "Kode Wilayah Kemendagri", "Region code"),
    ),
    Column("bps_code", "Kode BPS", "3212", ("BPS code", "Kode Wilayah BPS")),
]
SOURCE = Column(
    "source_url",
    "Sumber",
    "https://jabarprov.go.id/berita/contoh",
    (
        "Sumber Data",
        "URL Sumber",
        "Tautan Sumber",
        "Link Sumber",
        "Source",
        "Source URL",
        "Provenance",
    ),
)
NOTE = Column("note", "Catatan", "", ("Keterangan", "Ket", "Note", "Notes"))
YEAR = Column("year", "Tahun", "2018", ("Year", "Tahun Pelaksanaan"), required=True)
COHORT = Column(
    "cohort_year",
    "Tahun Angkatan",
    "2018",
    ("Angkatan", "Cohort", "Cohort year", "Tahun Seleksi", "Tahun"),
)
STATUS = Column("status", "Status", "done", ("Keadaan",))
# Columns an export carries so that importing it restores the store exactly; templates
# leave them out (the importer fills them in itself).
PARTICIPATION = Column("participation_id", "ID Keikutsertaan", "")
SOURCE_NAME = Column("source_name", "Nama di Sumber", "")

KINDS: dict[str, list[Column]] = {
    "participations": [
        *REGION,
        COHORT,
        Column("track", "Jalur", "", ("Track", "Program")),
        SOURCE,
        NOTE,
        SOURCE_NAME,
        Column("source_province", "Provinsi di Sumber", ""),
    ],
    "stage_events": [
        *REGION,
        YEAR,
        Column("stage", "Tahap", "mou", ("Tahapan", "Stage", "Kegiatan"), required=True),
        Column("date", "Tanggal", "22/05/2018", ("Tgl", "Date", "Tanggal Pelaksanaan")),
        STATUS,
        SOURCE,
        PARTICIPATION,
    ],
    "masterplans": [
        *REGION,
        COHORT,
        Column("status", "Status Masterplan", "adopted", ("Status",)),
        Column("final_date", "Tanggal Final", "10/01/2019", ("Final date", "Masterplan final")),
        Column(
            "adopted_date",
            "Tanggal Penetapan",
            "01/06/2019",
            ("Tanggal Ditetapkan", "Adopted date", "Ditetapkan"),
        ),
        Column(
            "regulation",
            "Nomor Perbup/Perwal",
            "Perbup No. 12 Tahun 2019",
            ("Perbup/Perwal", "Nomor Peraturan", "Peraturan", "Regulation"),
        ),
        Column(
            "document_url",
            "Tautan Dokumen",
            "https://indramayukab.go.id/masterplan.pdf",
            ("Dokumen", "URL Dokumen", "Document URL", "Document"),
        ),
        SOURCE,
        PARTICIPATION,
    ],
    "quick_wins": [
        *REGION,
        YEAR,
        Column(
            "title",
            "Quick Win",
            "Indramayu Sehat",
            ("Judul", "Nama Quick Win", "Judul Quick Win", "Program Quick Win", "Title"),
            required=True,
        ),
        Column("dimension", "Dimensi", "Smart Living", ("Dimension",)),
        Column("status", "Status", "launched", ("Status Quick Win",)),
        Column("start_date", "Tanggal Mulai", "01/03/2018", ("Mulai", "Start date")),
        Column("due_date", "Target Selesai", "31/12/2018", ("Tenggat", "Due date", "Target")),
        Column(
            "launched_date",
            "Tanggal Peluncuran",
            "15/11/2018",
            ("Diluncurkan", "Launched date", "Tanggal Diluncurkan"),
        ),
        SOURCE,
        NOTE,
        Column("status_provenance", "Sumber Status", ""),
        SOURCE_NAME,
        PARTICIPATION,
    ],
    "scores": [
        *REGION,
        YEAR,
        Column(
            "index_name",
            "Indeks",
            "Indeks Smart City - Overall",
            ("Nama Indeks", "Index", "Index name"),
            required=True,
        ),
        Column("value", "Nilai", "3,25", ("Skor", "Value", "Score"), required=True),
        Column("scale", "Skala", "maks. 5", ("Scale",)),
        Column("kind", "Jenis", "", ("Jenis Nilai", "Kind")),
        Column("criterion", "Kriteria", "", ("Criterion", "Aspek")),
        SOURCE,
        NOTE,
        SOURCE_NAME,
    ],
}

#: The column whose presence says which kind a file is, most specific first.
DISTINCTIVE = [
    ("scores", ("value", "index_name")),
    ("quick_wins", ("title",)),
    ("stage_events", ("stage",)),
    ("masterplans", ("final_date", "adopted_date", "regulation", "document_url")),
    ("participations", ("cohort_year",)),
]
#: Fields whose cells are numbers, dates or words from a fixed vocabulary.
NUMBER_FIELDS = {"value"}
DATE_FIELDS = {"date", "final_date", "adopted_date", "start_date", "due_date", "launched_date"}
#: Fields that say which region a row is about; the rest are written as they are.
REGION_FIELDS = {c.field for c in REGION}


#: Per kind, every folded spelling of a header -> its field (the first column claiming it).
SPELLINGS: dict[str, dict[str, str]] = {
    kind: {
        spelling: column.field
        for column in reversed(kind_columns)
        for spelling in column.spellings()
    }
    for kind, kind_columns in KINDS.items()
}


def header_fields(headers: list[str], kind: str) -> dict[int, str]:
    """Column index -> field for the headers `kind` recognises (first of duplicates wins)."""
    return _fields([core_key(h) if h else "" for h in headers], kind)


def _fields(keys: list[str], kind: str) -> dict[int, str]:
    fields: dict[int, str] = {}
    for index, key in enumerate(keys):
        found = SPELLINGS[kind].get(key) if key else None
        if found and found not in fields.values():
            fields[index] = found
    return fields


def recognised(headers: list[str]) -> int:
    """How many cells of a row name a column of some kind: the header is the best row."""
    keys = [core_key(h) if h else "" for h in headers]
    return max(len(_fields(keys, kind)) for kind in KINDS)


def detect_kind(headers: list[str]) -> str | None:
    """The kind whose distinctive column the headers hold (None when none does)."""
    for kind, fields in DISTINCTIVE:
        if set(fields) & set(header_fields(headers, kind).values()):
            return kind
    return None


# --- cell text to values -----------------------------------------------------------------

MONTHS = {
    "jan": 1,
    "januari": 1,
    "january": 1,
    "feb": 2,
    "februari": 2,
    "pebruari": 2,
    "february": 2,
    "mar": 3,
    "maret": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "agu": 8,
    "agt": 8,
    "agus": 8,
    "agustus": 8,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "nop": 11,
    "november": 11,
    "nopember": 11,
    "des": 12,
    "desember": 12,
    "dec": 12,
    "december": 12,
}
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(text: str) -> str:
    """ISO date from what people type (day first); the text itself when not understood."""
    raw = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", raw)
    numeric = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", raw)
    named = re.fullmatch(r"(\d{1,2})[\s\-]+([A-Za-z]+)\.?[\s\-]+(\d{4})", raw)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        if numeric:
            return date(int(numeric[3]), int(numeric[2]), int(numeric[1])).isoformat()
        if named and named[2].lower() in MONTHS:
            return date(int(named[3]), MONTHS[named[2].lower()], int(named[1])).isoformat()
        if re.fullmatch(r"\d{5}(\.0)?", raw) and 20000 < float(raw) < 80000:
            # An Excel date serial in a cell formatted as a number.
            return (_EXCEL_EPOCH + timedelta(days=int(float(raw)))).isoformat()
    except ValueError:
        pass
    return raw


def decimal_comma(cells: list[str], default: bool) -> bool:
    """Whether a file's numbers use a decimal comma (3,25 and 1.234,5) rather than a point;
    `default` when its numbers do not tell (a `;`-separated file usually means a comma)."""
    comma = sum(bool(re.fullmatch(r"-?[\d.]*\d,\d+", c.strip())) for c in cells)
    point = sum(bool(re.fullmatch(r"-?[\d,]*\d\.\d+", c.strip())) for c in cells)
    return default if comma == point else comma > point


def parse_number(text: str, comma: bool) -> str:
    """Plain `1234.5` from `1.234,5` (decimal comma) or `1,234.5`; the text when not a number."""
    raw = text.strip().replace(" ", "").replace("\u00a0", "")
    thousands, decimal = (".", ",") if comma else (",", ".")
    pattern = rf"-?\d{{1,3}}(\{thousands}\d{{3}})*(\{decimal}\d+)?|-?\d+(\{decimal}\d+)?"
    if not re.fullmatch(pattern, raw):
        return raw
    return raw.replace(thousands, "").replace(decimal, ".")


def _vocabulary(pairs: list[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    return {core_key(word): code for code, words in pairs for word in (code, *words)}


#: Words people use for the stored codes, in both languages (data, not interface text).
VOCABULARY: dict[str, dict[str, str]] = {
    "stage": _vocabulary([(code, (n_id, n_en)) for code, n_id, n_en in STAGES]),
    "dimension": _vocabulary(
        [(code, (name, n_id, name.removeprefix("Smart "))) for code, name, n_id, _ in DIMENSIONS]
    ),
    "status": _vocabulary(
        [
            ("done", ("selesai", "sudah", "terlaksana", "completed")),
            ("in_progress", ("berjalan", "sedang berjalan", "proses", "dalam proses", "ongoing")),
            ("late", ("terlambat", "tertunda", "delayed")),
            ("not_started", ("belum mulai", "belum", "belum dimulai", "not started")),
            ("drafting", ("penyusunan", "disusun", "draft")),
            ("final", ("masterplan final", "selesai disusun")),
            ("adopted", ("ditetapkan", "sudah ditetapkan", "perbup", "perwal")),
            ("planned", ("rencana", "direncanakan")),
            ("launched", ("diluncurkan", "sudah diluncurkan", "live")),
            ("stalled", ("mandek", "terhenti", "macet")),
            ("cancelled", ("dibatalkan", "batal", "canceled")),
        ]
    ),
}


def parse_word(field: str, text: str, allowed: tuple[str, ...] | None = None) -> str:
    """The stored code for a word people write ("Selesai" -> done); the text otherwise."""
    table = VOCABULARY.get("status" if field == "status" else field, {})
    code = table.get(core_key(text))
    if code is None or (allowed is not None and code not in allowed):
        return text.strip()
    return code
