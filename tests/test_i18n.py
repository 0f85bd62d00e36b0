"""The message catalog: complete in both languages and covering every key the code uses."""

import re
from pathlib import Path

from components import i18n

ROOT = Path(__file__).resolve().parent.parent
KEY_CALL = re.compile(r"""\b(?:t|translate|tr)\(\s*(?:lang,\s*)?["']([a-z_]+\.[a-z0-9_.]+)["']""")


def test_both_languages_have_the_same_keys():
    assert set(i18n.catalog("id")) == set(i18n.catalog("en"))


def test_every_literal_key_in_the_code_exists():
    used = set()
    for folder in ("pages", "components"):
        for path in (ROOT / folder).glob("*.py"):
            used |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    used |= set(KEY_CALL.findall((ROOT / "app.py").read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in i18n.catalog("id"))
    assert missing == []


def test_missing_translation_falls_back_to_the_key():
    assert i18n.translate("en", "no.such.key") == "no.such.key"


def test_unknown_language_means_indonesian():
    assert i18n.translate("fr", "nav.map") == "Peta"


def test_numbers_follow_the_language():
    assert i18n.number(1234.5, "id", 1) == "1.234,5"
    assert i18n.number(1234.5, "en", 1) == "1,234.5"
