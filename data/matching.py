"""Matching region names and codes as the sources write them to official Kemendagri codes.

Sources write "Kabupaten Gunung Kidul", "KAB. GUNUNGKIDUL", "Gunungkidul (Kab.)", "Kukar",
"3403" or "34.03" for places the reference lists once. `normalise` folds the spelling
(accents, case, punctuation, spacing, the kind written in front); the matcher then compares
kind plus folded core name, expands well-known abbreviations, tries a fuzzy ratio above a
threshold, and always checks the province when one is given (by its name, a common
abbreviation such as Jabar, or its name before the 2022 Papua split). Codes are read as
Kemendagri (`PP.KK`, with or without the dot) or BPS, and a code that disagrees with the
name is overruled by the name and flagged, never silently used.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

FUZZY_THRESHOLD = 90.0
#: The best fuzzy candidate must beat the runner-up by this much to be trusted.
FUZZY_MARGIN = 4.0
SUGGESTIONS = 3
MEMO_LIMIT = 100_000

#: Ways sources write the kind in front of a name, as folded words; longest first.
_KIND_WORDS = [
    (("kota", "administrasi"), "kota"),
    (("kota", "adm"), "kota"),
    (("kota", "madya"), "kota"),
    (("kotamadya",), "kota"),
    (("kodya",), "kota"),
    (("kota",), "kota"),
    (("kabupaten", "administrasi"), "kabupaten"),
    (("kabupaten", "adm"), "kabupaten"),
    (("kab", "adm"), "kabupaten"),
    (("kabupaten",), "kabupaten"),
    (("kab",), "kabupaten"),
]
#: The kind written after the name: "Bandung (Kota)", "Bandung, Kab.".
_KIND_SUFFIX = re.compile(r"^(.*?)\s*(?:\(\s*(\w+)\.?\s*\)|,\s*(\w+)\.?)\s*$")
#: Abbreviated words inside names ("Kep. Seribu", "Tg. Pinang").
_WORDS = {
    "kep": "kepulauan",
    "kepl": "kepulauan",
    "tg": "tanjung",
    "tj": "tanjung",
    "sel": "selatan",
    "utr": "utara",
    "tim": "timur",
    "bar": "barat",
    "tgh": "tengah",
}

#: Well-known short names and nicknames: folded core -> (kind, official folded core).
ALIASES: dict[str, tuple[str, str]] = {
    "jakpus": ("kota", "jakartapusat"),
    "jakut": ("kota", "jakartautara"),
    "jakbar": ("kota", "jakartabarat"),
    "jaksel": ("kota", "jakartaselatan"),
    "jaktim": ("kota", "jakartatimur"),
    "tangsel": ("kota", "tangerangselatan"),
    "jogja": ("kota", "yogyakarta"),
    "jogjakarta": ("kota", "yogyakarta"),
    "yogya": ("kota", "yogyakarta"),
    "solo": ("kota", "surakarta"),
    "gunkid": ("kabupaten", "gunungkidul"),
    "kukar": ("kabupaten", "kutaikartanegara"),
    "kutim": ("kabupaten", "kutaitimur"),
    "kubar": ("kabupaten", "kutaibarat"),
    "ppu": ("kabupaten", "penajampaserutara"),
    "kobar": ("kabupaten", "kotawaringinbarat"),
    "kotim": ("kabupaten", "kotawaringintimur"),
    "hst": ("kabupaten", "hulusungaitengah"),
    "hss": ("kabupaten", "hulusungaiselatan"),
    "hsu": ("kabupaten", "hulusungaiutara"),
    "muba": ("kabupaten", "musibanyuasin"),
    "oki": ("kabupaten", "ogankomeringilir"),
    "oku": ("kabupaten", "ogankomeringulu"),
    "inhil": ("kabupaten", "indragirihilir"),
    "inhu": ("kabupaten", "indragirihulu"),
    "kuansing": ("kabupaten", "kuantansingingi"),
    "rohul": ("kabupaten", "rokanhulu"),
    "rohil": ("kabupaten", "rokanhilir"),
    "pasbar": ("kabupaten", "pasamanbarat"),
    "madina": ("kabupaten", "mandailingnatal"),
    "sergai": ("kabupaten", "serdangbedagai"),
    "tapsel": ("kabupaten", "tapanuliselatan"),
    "tapteng": ("kabupaten", "tapanulitengah"),
    "taput": ("kabupaten", "tapanuliutara"),
    "tanjabbar": ("kabupaten", "tanjungjabungbarat"),
    "tanjabtim": ("kabupaten", "tanjungjabungtimur"),
    "lamsel": ("kabupaten", "lampungselatan"),
    "lamteng": ("kabupaten", "lampungtengah"),
    "lamtim": ("kabupaten", "lampungtimur"),
    "tuba": ("kabupaten", "tulangbawang"),
    "lobar": ("kabupaten", "lombokbarat"),
    "loteng": ("kabupaten", "lomboktengah"),
    "lotim": ("kabupaten", "lomboktimur"),
    "klu": ("kabupaten", "lombokutara"),
    "ksb": ("kabupaten", "sumbawabarat"),
    "tts": ("kabupaten", "timortengahselatan"),
    "ttu": ("kabupaten", "timortengahutara"),
    "mabar": ("kabupaten", "manggaraibarat"),
    "pangkep": ("kabupaten", "pangkajenedankepulauan"),
    "sidrap": ("kabupaten", "sidenrengrappang"),
    "polman": ("kabupaten", "polewalimandar"),
    "lutra": ("kabupaten", "luwuutara"),
    "lutim": ("kabupaten", "luwutimur"),
    "torut": ("kabupaten", "torajautara"),
    "bolmong": ("kabupaten", "bolaangmongondow"),
    "minut": ("kabupaten", "minahasautara"),
    "minsel": ("kabupaten", "minahasaselatan"),
    "konsel": ("kabupaten", "konaweselatan"),
    "halsel": ("kabupaten", "halmaheraselatan"),
    "halut": ("kabupaten", "halmaherautara"),
    "malteng": ("kabupaten", "malukutengah"),
    "sbb": ("kabupaten", "serambagianbarat"),
    "sbt": ("kabupaten", "serambagiantimur"),
}

#: Province short names and former names: folded key -> official folded province names.
PROVINCE_ALIASES: dict[str, tuple[str, ...]] = {
    "nad": ("aceh",),
    "nanggroeacehdarussalam": ("aceh",),
    "sumut": ("sumaterautara",),
    "sumbar": ("sumaterabarat",),
    "sumsel": ("sumateraselatan",),
    "babel": ("kepulauanbangkabelitung",),
    "bangkabelitung": ("kepulauanbangkabelitung",),
    "kepri": ("kepulauanriau",),
    "dki": ("daerahkhususibukotajakarta",),
    "dkijakarta": ("daerahkhususibukotajakarta",),
    "jakarta": ("daerahkhususibukotajakarta",),
    "daerahkhususjakarta": ("daerahkhususibukotajakarta",),
    "jabar": ("jawabarat",),
    "jateng": ("jawatengah",),
    "jatim": ("jawatimur",),
    "diy": ("daerahistimewayogyakarta",),
    "diyogyakarta": ("daerahistimewayogyakarta",),
    "yogyakarta": ("daerahistimewayogyakarta",),
    "ntb": ("nusatenggarabarat",),
    "ntt": ("nusatenggaratimur",),
    "kalbar": ("kalimantanbarat",),
    "kalteng": ("kalimantantengah",),
    "kalsel": ("kalimantanselatan",),
    "kaltim": ("kalimantantimur",),
    "kaltara": ("kalimantanutara",),
    "sulut": ("sulawesiutara",),
    "sulteng": ("sulawesitengah",),
    "sulsel": ("sulawesiselatan",),
    "sultra": ("sulawesitenggara",),
    "sulbar": ("sulawesibarat",),
    "malut": ("malukuutara",),
    # Before the 2022 split, Papua held today's Papua Selatan, Tengah and Pegunungan, and
    # Papua Barat held Papua Barat Daya: older sheets name the old province.
    "papua": ("papua", "papuaselatan", "papuatengah", "papuapegunungan"),
    "irianjaya": ("papua", "papuaselatan", "papuatengah", "papuapegunungan"),
    "papuabarat": ("papuabarat", "papuabaratdaya"),
    "pabar": ("papuabarat", "papuabaratdaya"),
    "irianjayabarat": ("papuabarat", "papuabaratdaya"),
}


def _fold(text: str) -> str:
    """Accents, case and punctuation away; words separated by single spaces."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def split_kind(name: str) -> tuple[str | None, str]:
    """The kind a name announces ("kabupaten"/"kota"/None) and the rest, folded to words."""
    suffix_kind = None
    suffix = _KIND_SUFFIX.match(str(name).strip())
    if suffix and (written := _kind_of((suffix.group(2) or suffix.group(3) or "").lower())):
        name, suffix_kind = suffix.group(1), written
    words = _fold(name).split()
    kind = suffix_kind
    for prefix, prefix_kind in _KIND_WORDS:
        if tuple(words[: len(prefix)]) == prefix and len(words) > len(prefix):
            words, kind = words[len(prefix) :], prefix_kind
            break
    return kind, " ".join(_WORDS.get(w, w) for w in words)


def _kind_of(word: str) -> str | None:
    return next((kind for prefix, kind in _KIND_WORDS if prefix == (word,)), None)


def core_key(text: str) -> str:
    """Letters and digits only: "Gunung Kidul", "Gunungkidul" and "Bau-Bau" fold alike."""
    return _fold(text).replace(" ", "")


def normalise(name: str) -> str:
    """The one folding of a region name that matching and search share.

    Kind written out in front, then letters and digits only: "Kab. Gunung Kidul",
    "KABUPATEN GUNUNGKIDUL" and "Gunungkidul (Kab.)" all give "kabupatengunungkidul". Equal
    keys are the same name; a query's key inside a name's key is a search hit ("gunung
    kidul" finds Kabupaten Gunungkidul).
    """
    kind, core = split_kind(name)
    return (kind or "") + core.replace(" ", "")


def province_key(name: str) -> str:
    """A province name folded; "Prov. Jawa Barat" and "Provinsi Jawa Barat" fold alike."""
    words = _fold(name).split()
    if words[:1] in (["provinsi"], ["prov"], ["propinsi"]):
        words = words[1:]
    return "".join(words)


@dataclass(frozen=True)
class Candidate:
    """A region offered when a name does not match: code, official name and province."""

    code: str
    name: str
    province: str

    def __str__(self) -> str:
        return f"{self.name} ({self.code}, {self.province})"


@dataclass(frozen=True)
class Match:
    """The outcome of matching one name or code.

    `why` names the reason (a `kelola.match.*` message) when there is no code, or the
    warning when there is one but the row deserves a look (`flagged`).
    """

    code: str | None
    score: float
    why: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)
    suggestions: tuple[Candidate, ...] = ()

    @property
    def ok(self) -> bool:
        return self.code is not None

    @property
    def flagged(self) -> bool:
        return self.ok and self.why is not None

    def reason_in(self, lang: str) -> str | None:
        if self.why is None:
            return None
        from components.i18n import translate

        text = translate(lang, f"kelola.match.{self.why}", **self.params)
        if self.suggestions:
            closest = "; ".join(str(s) for s in self.suggestions)
            text += ". " + translate(lang, "kelola.match.closest", regions=closest)
        return text

    @functools.cached_property
    def reason(self) -> str | None:
        """In plain English words, for the shell and the seed's list of unused rows (matches
        are memoised, so a name repeated down a sheet is explained once)."""
        return self.reason_in("en")


@dataclass(frozen=True)
class _Entry:
    code: str
    bps_code: str | None
    name: str
    kind: str
    key: str
    province_code: str
    province: str
    province_key: str


class RegionMatcher:
    """Resolves source spellings and codes; build once from the 514 reference regions."""

    def __init__(self, regions: Iterable[Mapping[str, str]]):
        self.entries: list[_Entry] = []
        for r in regions:
            kind, core = split_kind(r["name"])
            self.entries.append(
                _Entry(
                    code=r["code"],
                    bps_code=r.get("bps_code") or None,
                    name=r["name"],
                    kind=kind or r["kind"],
                    key=core_key(core),
                    province_code=r["province_code"],
                    province=r["province_name"],
                    province_key=province_key(r["province_name"]),
                )
            )
        self._by_code = {e.code: e for e in self.entries}
        self._by_bps = {e.bps_code: e for e in self.entries if e.bps_code}
        self._province_names = {e.province_key for e in self.entries}
        self._by_key: dict[str, list[_Entry]] = {}
        for e in self.entries:
            self._by_key.setdefault(e.key, []).append(e)
        self._memo: dict[tuple, Match] = {}

    def name(self, code: str) -> str:
        """The official name of a code the matcher returned."""
        return self._by_code[code].name

    # --- names ---------------------------------------------------------------------------

    def provinces(self, text: str) -> set[str] | None:
        """The official province keys a written province may mean; None when unknown."""
        key = province_key(text)
        if key in PROVINCE_ALIASES:
            return set(PROVINCE_ALIASES[key])
        if key in self._province_names:
            return {key}
        for long_form, official in (("daerahistimewa", ""), ("kepulauan", "kep")):
            if (
                key.startswith(official)
                and long_form + key[len(official) :] in self._province_names
            ):
                return {long_form + key[len(official) :]}
        return None

    def match(self, name: str | None, province: str | None = None) -> Match:
        """The region a name (and province) means; sheets repeat names, so it is memoised."""
        memo_key = (name, province)
        if len(self._memo) > MEMO_LIMIT:  # a long-running app meets many sheets
            self._memo.clear()
        if memo_key not in self._memo:
            self._memo[memo_key] = self._match(name, province)
        return self._memo[memo_key]

    def _match(self, name: str | None, province: str | None) -> Match:
        if not name or not str(name).strip():
            return Match(None, 0.0, "empty")
        kind, core = split_kind(name)
        key = core_key(core)
        if key in ALIASES and kind in (None, ALIASES[key][0]):
            kind, key = ALIASES[key]

        def fits(entries: list[_Entry]) -> list[_Entry]:
            return [
                e for e in entries if (kind is None or e.kind == kind) and e.province_key in keys
            ]

        keys = self._province_names
        if province and str(province).strip():
            keys = self.provinces(province)
            if keys is None:
                return Match(None, 0.0, "unknown_province", {"province": province})
        exact = fits(self._by_key.get(key, []))
        if len(exact) == 1:
            return Match(exact[0].code, 100.0)
        if len(exact) > 1:
            return Match(None, 100.0, "ambiguous", {"name": name}, self._offer(exact))
        elsewhere = [e for e in self._by_key.get(key, []) if kind is None or e.kind == kind]
        if elsewhere:
            found = elsewhere[0]
            params = {"name": name, "code": found.code, "province": province}
            return Match(None, 100.0, "other_province", params, self._offer(elsewhere))
        return self._fuzzy(name, key, fits(self.entries))

    def _fuzzy(self, name: str, key: str, pool: list[_Entry]) -> Match:
        if not pool or not key:
            return Match(None, 0.0, "no_match", {"name": name}, self.closest(name))
        found = process.extract(key, [e.key for e in pool], scorer=fuzz.ratio, limit=2)
        _, best, best_i = found[0]
        runner_up = found[1][1] if len(found) > 1 else 0.0
        if best < FUZZY_THRESHOLD:
            return Match(None, best, "no_match", {"name": name}, self.closest(name, pool))
        if best - runner_up < FUZZY_MARGIN:
            return Match(None, best, "ambiguous", {"name": name}, self.closest(name, pool))
        return Match(pool[best_i].code, best)

    def closest(self, name: str, pool: list[_Entry] | None = None) -> tuple[Candidate, ...]:
        """The regions whose names come nearest `name` (within `pool`, else anywhere)."""
        pool = pool or self.entries
        target = normalise(name)
        keys = [(e.kind if split_kind(name)[0] else "") + e.key for e in pool]
        found = process.extract(target, keys, scorer=fuzz.ratio, limit=SUGGESTIONS)
        return self._offer([pool[i] for _, _, i in found])

    @staticmethod
    def _offer(entries: list[_Entry]) -> tuple[Candidate, ...]:
        return tuple(Candidate(e.code, e.name, e.province) for e in entries[:SUGGESTIONS])

    # --- codes ---------------------------------------------------------------------------

    def match_code(self, raw: str | None, scheme: str | None = None) -> Match:
        """A Kemendagri (`32.12`, `3212`) or BPS (`3212`) code; `scheme` says which if known.

        A spreadsheet that stored `32.10` as a number shows `32.1`: one digit after the
        dot cannot be a Kemendagri code, so it is read as the number it was.
        """
        text = re.sub(r"\s+", "", str(raw or ""))
        if not text:
            return Match(None, 0.0, "empty")
        dotted = re.fullmatch(r"(\d{2})\.(\d{1,2})", text)
        if dotted and scheme != "bps":
            code = f"{dotted.group(1)}.{dotted.group(2).ljust(2, '0')}"
            return self._coded(code, self._by_code.get(code), raw)
        if not re.fullmatch(r"\d{4}", text):
            return Match(None, 0.0, "bad_code", {"code": raw})
        kemendagri = None if scheme == "bps" else self._by_code.get(f"{text[:2]}.{text[2:]}")
        bps = None if scheme == "kemendagri" else self._by_bps.get(text)
        if kemendagri and bps and kemendagri is not bps:
            return Match(None, 0.0, "ambiguous_code", {"code": raw}, self._offer([kemendagri, bps]))
        return self._coded(text, kemendagri or bps, raw)

    @staticmethod
    def _coded(code: str, entry: _Entry | None, raw: str) -> Match:
        if entry is None:
            return Match(None, 0.0, "unknown_code", {"code": raw})
        return Match(entry.code, 100.0)

    def resolve(
        self,
        name: str | None = None,
        province: str | None = None,
        code: str | None = None,
        scheme: str | None = None,
    ) -> Match:
        """One region from whatever a row gives: name (and province), code, or both.

        When both are given and disagree, the name wins if it is unambiguous and the match
        is flagged; a code alone is used when the name matches nothing, also flagged.
        """
        has_name = bool(name and str(name).strip())
        has_code = bool(code and str(code).strip())
        if not has_code:
            return self.match(name, province)
        by_code = self.match_code(code, scheme)
        if not has_name:
            return by_code
        by_name = self.match(name, province)
        if by_name.ok:
            if by_code.ok and by_code.code == by_name.code:
                return by_name
            if by_code.why == "ambiguous_code" and any(
                s.code == by_name.code for s in by_code.suggestions
            ):
                return by_name
            params = {"code": code, "name": name, "region": by_name.code}
            return Match(by_name.code, by_name.score, "code_disagrees", params)
        offered = {s.code for s in by_name.suggestions}
        if by_code.ok and by_name.why == "ambiguous" and by_code.code in offered:
            return by_code
        if by_code.ok and by_name.why not in ("ambiguous", "other_province"):
            params = {"code": code, "name": name, "region": by_code.code}
            return Match(by_code.code, 0.0, "name_unmatched", params)
        return by_name


def search(query: str, names: Mapping[str, str]) -> list[str]:
    """The keys of `names` whose name holds `query`, both folded by `normalise`, so the
    pickers find what the importer would match ("gunung kidul" finds Gunungkidul)."""
    key = normalise(query)
    return [code for code, name in names.items() if key in normalise(name)] if key else []
