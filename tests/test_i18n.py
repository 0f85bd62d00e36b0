"""The message catalog: complete in both languages, and exactly the keys the code uses.

Keys are read from the code itself, whatever call carries them (`t("...")` in views,
`i18n.translate(lang, "...")` in components, a key handed to a helper that translates it):
every string literal shaped like a key of a catalog namespace is a key in use, and an
f-string such as `f"map.measure.{measure}"` uses every key under its literal prefix. New
`.po` domains are read as they land, because the catalog merges every file.
"""

import ast
import re
import string
from pathlib import Path

import pytest

from components import i18n

ROOT = Path(__file__).resolve().parent.parent
#: Where user-facing text is chosen: the app, its pages and their components.
SOURCES = ["app.py", "views", "components"]
#: Also scanned for keys in use (a report message may name its key in data/).
ALSO_USING = ["data"]
KEY_SHAPE = re.compile(r"[a-z_]+(?:\.[a-z0-9_]+)+")
#: Literals shaped like keys that are file names (`cohorts.csv`), not messages.
FILE_SUFFIXES = {"csv", "xlsx", "pdf", "py", "po", "json", "geojson", "png", "sql"}


def _files(places: list[str]) -> list[Path]:
    found = []
    for place in places:
        path = ROOT / place
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return found


def _namespaces() -> set[str]:
    return {key.split(".")[0] for key in i18n.catalog("id")}


def _literals_and_prefixes(places: list[str]) -> tuple[set[str], set[str]]:
    """Key-shaped string literals, and the literal heads of f-strings that build keys."""
    namespaces = _namespaces()
    literals, prefixes = set(), set()
    for path in _files(places):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        fstring_parts = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                head = node.values[0] if node.values else None
                fstring_parts.update(id(v) for v in node.values)
                text = head.value if isinstance(head, ast.Constant) else None
                if (
                    isinstance(text, str)
                    and text.endswith(".")
                    and text.split(".")[0] in namespaces
                ):
                    prefixes.add(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if id(node) in fstring_parts or not KEY_SHAPE.fullmatch(text):
                    continue
                if text.split(".")[0] in namespaces and text.split(".")[-1] not in FILE_SUFFIXES:
                    literals.add(text)
    return literals, prefixes


@pytest.fixture(scope="module")
def used() -> tuple[set[str], set[str]]:
    return _literals_and_prefixes(SOURCES + ALSO_USING)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_key_the_code_uses_exists(used, lang):
    literals, _ = used
    catalog = i18n.catalog(lang)
    assert sorted(k for k in literals if k not in catalog) == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_key_in_the_catalog_is_used(used, lang):
    literals, prefixes = used
    unused = [
        key
        for key in i18n.catalog(lang)
        if key not in literals and not any(key.startswith(p) for p in prefixes)
    ]
    assert sorted(unused) == []


def test_both_languages_have_the_same_keys():
    assert set(i18n.catalog("id")) == set(i18n.catalog("en"))


def test_both_languages_fill_in_the_same_values():
    """`{n}` in Indonesian and `{count}` in English would raise on one language only."""

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    english = i18n.catalog("en")
    differ = [k for k, v in i18n.catalog("id").items() if fields(v) != fields(english.get(k, ""))]
    assert differ == []


def test_the_scan_sees_keys_in_every_call_form(tmp_path, monkeypatch):
    """The scanner itself: a view's `t`, a component's `translate`, a helper's argument."""
    (tmp_path / "page.py").write_text(
        't("nav.map")\n'
        'i18n.translate(lang, "core.demo")\n'
        'warn("map.unknown_value", lang)\n'
        'i18n.translate(lang, f"map.measure.{m}")\n'
        '"not a key"\n'
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    literals, prefixes = _literals_and_prefixes(["page.py"])
    assert literals == {"nav.map", "core.demo", "map.unknown_value"}
    assert prefixes == {"map.measure."}


#: Ways of translating the app no longer uses: an alias, a wrapper, a partial.
OTHER_IDIOMS = re.compile(
    r"partial\(i18n\.translate|= (?:session\.t|i18n\.translate)\b(?!\()"
    r"|def (?:_t|_tr|tr|t)\(|lambda key[^:]*: i18n\.translate"
)


def test_one_translation_idiom():
    """Views and Streamlit modules call `t(key)` from `components.session`; pure components
    take `lang` and call `i18n.translate(lang, key)`. Nothing else, so a newcomer learns one."""
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files(SOURCES)
        if path.name not in ("session.py", "i18n.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OTHER_IDIOMS.search(line)
    ]
    assert found == []


def test_missing_translation_falls_back_to_the_key():
    assert i18n.translate("en", "no.such.key") == "no.such.key"


def test_unknown_language_means_indonesian():
    assert i18n.translate("fr", "nav.map") == "Peta"


def test_numbers_follow_the_language():
    assert i18n.number(1234.5, "id", 1) == "1.234,5"
    assert i18n.number(1234.5, "en", 1) == "1,234.5"
