"""Per-run context shared by every page: language, demo switch and the store.

`app.py` calls `start()` once per run; pages then call `t()` and `db()` without
threading the language or a connection through every function.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st
from sqlite_utils import Database

import settings
from components import i18n, urlstate
from data import db as store

LANG_KEY = "lang"
DEMO_KEY = "demo"


def language() -> str:
    """The current language: the URL first, then what this session chose last."""
    return i18n.normalise(urlstate.get(LANG_KEY) or st.session_state.get(LANG_KEY))


def show_demo() -> bool:
    """Whether demo values are shown (the global switch; `?demo=0` hides them)."""
    raw = urlstate.get(DEMO_KEY) or st.session_state.get(DEMO_KEY) or "1"
    return raw != "0"


def t(key: str, **values: object) -> str:
    return i18n.translate(language(), key, **values)


@st.cache_resource(show_spinner=False)
def _ready_store(path: str) -> str:
    """Migrate and seed once per process; later runs only open connections."""
    store.open_store(Path(path)).close()
    return path


def db() -> Database:
    """A connection for this run (SQLite connections must not cross Streamlit's threads)."""
    return store.connect(_ready_store(str(settings.db_path())))


def data_version(database: Database) -> int:
    """Changes whenever anything is written, so cached query results know to refresh."""
    from data.queries import store_version

    return store_version(database)


@st.cache_resource(show_spinner=False, max_entries=4)
def _version_reader(path: str) -> tuple[Database, threading.Lock]:
    """One connection per process that only reads the store's version, shared by every
    thread under a lock: opening a connection (file, WAL, pragmas: about 0.8 ms) costs
    far more than the query, and a map filter change needs nothing else from the store.
    A few stores at most (tests switch stores): an evicted reader closes when collected."""
    return store.connect(path, any_thread=True), threading.Lock()


def current_version() -> int:
    """`data_version` of the store as it is now, without opening a connection."""
    reader, lock = _version_reader(_ready_store(str(settings.db_path())))
    with lock:
        return data_version(reader)


def link_notices() -> list[str]:
    """Notices for what the link asks that the app ignores or reads otherwise; call before
    `keep_in_url`, which drops an ignored `lang` or `demo` from the URL."""
    ignored = []
    for key, allowed in ((LANG_KEY, i18n.LANGUAGES), (DEMO_KEY, ("0", "1"))):
        value = urlstate.get(key)
        if value is not None and value not in allowed:
            ignored.append((f"core.url.{key}", {"value": urlstate.shortened(value)}))
    return [t(key, **values) for key, values in ignored + urlstate.oddities()]


def keep_in_url() -> None:
    """Re-assert language and demo switch in the URL after page navigation drops them."""
    st.session_state[LANG_KEY] = language()
    st.session_state[DEMO_KEY] = "1" if show_demo() else "0"
    urlstate.put(LANG_KEY, language(), default=i18n.DEFAULT)
    urlstate.put(DEMO_KEY, st.session_state[DEMO_KEY], default="1")
