"""The Presentasi page's blocks: the control panel, and the show on a projector (layout only).

The show is one keyed container laid over the whole window (dark, sized in viewport
units, so 1920x1080 and 1280x720 look alike and never scroll). A 1 s fragment ticker
advances it by a clock kept in session state; a presentation clicker's keys reach hidden
keyed buttons through Streamlit's own `shortcut`. All CSS targets `st-key-<key>` classes.
"""

from __future__ import annotations

import time
from datetime import date
from functools import partial
from html import escape

import pandas as pd
import streamlit as st

import settings as app_settings
from components import deck, map_view, session, widgets
from components import map as geomap
from components import presenter as show_data
from components.presenter import Clock, Frame, Screen, Settings
from components.session import t
from data.db import connect
from geo import points
from geo.boundaries import status_without_building

CLOCK, SIGNATURE, DRAWN = "_pk_clock", "_pk_signature", "_pk_drawn"
SHOW_KEY = "pk-show"
#: Hidden buttons a clicker presses through their shortcut: (key, shortcut, action).
KEYS = (
    ("pk-next-right", "Right", "next"),
    ("pk-next-pagedown", "PageDown", "next"),
    ("pk-next-space", "Space", "next"),
    ("pk-back-left", "Left", "back"),
    ("pk-back-pageup", "PageUp", "back"),
    ("pk-first", "Home", "first"),
    ("pk-last", "End", "last"),
    ("pk-pause", "P", "pause"),
)
#: The show's map is fitted to this many pixels (its box at 1280x720), so it fits at 1080p too.
MAP_FIT = (980, 460)

CSS = """
.st-key-pk-show {
  position: fixed; inset: 0; z-index: 999990; overflow: hidden;
  background: #0B0F14; color: #F5F7FA; padding: 4vh 4vw 6vh 4vw; gap: 2vh;
  font-size: calc(100vh / 38); line-height: 1.3;
}
.st-key-pk-show .pk-title { font-size: 6.5vh; font-weight: 700; line-height: 1.1; margin: 0; }
.st-key-pk-show .pk-subtitle { font-size: 3.4vh; color: #C9D3DE; margin: 1vh 0 0 0; }
.st-key-pk-show .pk-body { font-size: calc(100vh / 38); }
.st-key-pk-show .pk-demo {
  display: inline-block; background: #E69F00; color: #0B0F14; font-weight: 700;
  font-size: 2.2vh; padding: 0.2vh 0.8vh; border-radius: 0.6vh; vertical-align: middle;
  margin-left: 1vh;
}
.st-key-pk-show .pk-counters {
  display: grid; grid-template-columns: repeat(3, 1fr); gap: 4vh 3vw; margin-top: 4vh;
}
.st-key-pk-show .pk-counter-value { font-size: 11vh; font-weight: 700; color: #56B4E9;
  line-height: 1.05; }
.st-key-pk-show .pk-roll { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0 3vw; }
.st-key-pk-show .pk-roll div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.st-key-pk-show .pk-roll .pk-heading { color: #F0E442; font-weight: 700; }
.st-key-pk-show .pk-spots { display: grid; grid-template-columns: repeat(2, 1fr); gap: 3vh 3vw; }
.st-key-pk-show .pk-spot { border-left: 0.8vh solid #009E73; padding-left: 1.5vh; }
.st-key-pk-show .pk-spot-title { font-weight: 700; display: -webkit-box;
  -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.st-key-pk-show .pk-muted { color: #C9D3DE; }
.st-key-pk-show .pk-closing { text-align: center; margin-top: 12vh; }
.st-key-pk-show .pk-closing .pk-title { font-size: 13vh; }
.st-key-pk-show .pk-closing .pk-subtitle { font-size: 5vh; margin-bottom: 6vh; }
.st-key-pk-show .pk-legend div { margin-bottom: 1.2vh; }
.st-key-pk-show .pk-swatch { display: inline-block; width: 3vh; height: 3vh; border-radius: 0.5vh;
  vertical-align: middle; margin-right: 1vh; }
.st-key-pk-show .pk-corner {
  position: fixed; right: 2vw; bottom: 1.5vh; font-size: 2vh; color: #AEB8C4;
}
.st-key-pk-show .pk-paused { color: #F0E442; font-weight: 700; margin-right: 1.5vw; }
.st-key-pk-show .st-key-pk-mapbox, .st-key-pk-show .st-key-pk-chart {
  flex: 0 0 auto; height: 64vh; min-height: 64vh;
}
.st-key-pk-keys { display: none; }
"""


@st.cache_data(show_spinner=False, max_entries=16)
def _facts(path: str, version: int, cohort: int) -> show_data.Facts:
    db = connect(path)
    try:
        return show_data.facts(db, cohort)
    finally:
        db.close()


def facts(store, cohort: int) -> show_data.Facts:
    """The slides' facts once per store version and cohort: a clicker press then reruns
    the page without a single query."""
    return _facts(str(app_settings.db_path()), session.data_version(store), cohort)


# --- the control panel ----------------------------------------------------------------


def notices(items: list[show_data.Notice]) -> None:
    for notice in items:
        st.warning(t(notice.key, **notice.values), icon=":material/info:")


def choices(cohorts: list[int], current: Settings) -> None:
    """Cohort, slides (in the order chosen) and dwell time, each kept in the URL."""
    left, middle, right = st.columns([1, 3, 1])
    with left:
        label, options = t("presenter.panel.cohort"), [str(y) for y in cohorts]
        widgets.bound(st.selectbox, "cohort", str(current.cohort), label, options, key="_pk_cohort")
    with middle:
        widgets.bound(
            st.multiselect,
            "slides",
            list(current.slides),
            t("presenter.panel.slides"),
            list(show_data.SLIDES),
            key="_pk_slides",
            format_func=lambda s: t(f"presenter.slide.{s}"),
            help=t("presenter.panel.slides.help"),
        )
    with right:
        widgets.bound(
            st.number_input,
            "interval",
            current.interval,
            t("presenter.panel.interval"),
            min_value=show_data.MIN_INTERVAL,
            max_value=show_data.MAX_INTERVAL,
            step=1,
            key="_pk_interval",
        )


def link(settings: Settings, lang: str, show_demo: bool) -> None:
    """The show link, ready to copy or bookmark, and the button that opens it."""
    base = st.context.url.split("?")[0] if st.context.url else "/presentasi"
    url = f"{base}?{show_data.show_query(settings, lang, show_demo)}"
    st.subheader(t("presenter.panel.link"))
    st.code(url, language=None, wrap_lines=True)
    st.link_button(
        t("presenter.panel.start"),
        url,
        type="primary",
        icon=":material/slideshow:",
    )
    st.caption(t("presenter.panel.keys"))


def outline(screens: list[Screen]) -> None:
    """What the show will go through, screen by screen."""
    st.subheader(t("presenter.panel.outline", n=len(screens)))
    rows = pd.DataFrame(
        {
            t("presenter.panel.outline.slide"): [t(f"presenter.slide.{s.slide}") for s in screens],
            t("presenter.panel.outline.title"): [s.title for s in screens],
            t("core.demo"): ["✓" if s.demo else "" for s in screens],
        },
        index=range(1, len(screens) + 1),
    )
    st.dataframe(rows)


def pdf_download(settings: Settings, lang: str, show_demo: bool, today: date) -> None:
    """The PDF backup, built only when asked for (charts and map take a while)."""
    st.subheader(t("presenter.panel.backup"))
    st.caption(t("presenter.panel.backup.help"))
    st.download_button(
        t("presenter.panel.backup.download"),
        partial(deck.from_store, app_settings.db_path(), settings, lang, show_demo, today),
        file_name=deck.file_name(settings, lang),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="_pk_pdf",
    )


# --- the show -------------------------------------------------------------------------


def _clock() -> Clock:
    return st.session_state[CLOCK]


def _act(action: str, count: int) -> None:
    now, clock = time.monotonic(), _clock()
    if action == "pause":
        st.session_state[CLOCK] = show_data.toggle_pause(clock, now)
        return
    target = {
        "next": (clock.index + 1) % count,
        "back": (clock.index - 1) % count,
        "first": 0,
        "last": count - 1,
    }[action]
    st.session_state[CLOCK] = show_data.go_to(clock, now, target, count)


def start(signature: tuple) -> None:
    """A new show (or the same link with other settings) starts at its first screen."""
    if st.session_state.get(SIGNATURE) != signature:
        st.session_state[SIGNATURE] = signature
        st.session_state[CLOCK] = Clock(0, time.monotonic())


def _keys(count: int) -> None:
    with st.container(key="pk-keys"):
        for key, shortcut, action in KEYS:
            st.button(
                t(f"presenter.key.{action}"),
                key=key,
                shortcut=shortcut,
                on_click=_act,
                args=(action, count),
            )


def _demo_mark() -> str:
    return f'<span class="pk-demo">{escape(t("core.demo"))}</span>'


def _header(screen: Screen) -> str:
    mark = _demo_mark() if screen.demo else ""
    subtitle = f'<p class="pk-subtitle">{escape(screen.subtitle)}</p>' if screen.subtitle else ""
    return f'<h1 class="pk-title">{escape(screen.title)}{mark}</h1>{subtitle}'


def _note(screen: Screen) -> str:
    return f'<p class="pk-body pk-muted">{escape(screen.note)}</p>' if screen.note else ""


def _stacked(demo: bool, top: tuple[str, str], below: tuple[str, str], box: str = "") -> str:
    """A big line over a small one, each (class, text); the big one marked DEMO when it
    rests on demo values."""
    opening = f'<div class="{box}">' if box else "<div>"
    mark = _demo_mark() if demo else ""
    return (
        f'{opening}<div class="{top[0]}">{escape(top[1])}{mark}</div>'
        f'<div class="{below[0]}">{escape(below[1])}</div></div>'
    )


def body_html(screen: Screen) -> str:
    """The text of a screen as HTML (the map and the stage chart are drawn beside it)."""
    if screen.slide == "glance":
        cells = "".join(
            _stacked(c.demo, ("pk-counter-value", c.value), ("pk-body", c.label))
            for c in screen.counters
        )
        return f'<div class="pk-counters">{cells}</div>'
    if screen.slide == "rollcall":
        cols = "".join(
            "<div>"
            + "".join(
                f'<div class="pk-body{" pk-heading" if line.heading else ""}">'
                f"{escape(line.text)}{' *' if line.doubtful else ''}</div>"
                for line in column
            )
            + "</div>"
            for column in screen.columns
        )
        return f'<div class="pk-roll">{cols}</div>'
    if screen.slide == "quickwins":
        spots = "".join(
            _stacked(
                s.demo,
                ("pk-body pk-spot-title", s.title),
                ("pk-body pk-muted", f"{s.region} · {s.dimension}"),
                box="pk-spot",
            )
            for s in screen.spotlights
        )
        return f'<div class="pk-spots">{spots}</div>'
    if screen.slide == "closing":
        lines = "".join(f'<p class="pk-body">{escape(line)}</p>' for line in screen.lines)
        return f'<div class="pk-closing">{_header(screen)}{lines}</div>'
    return ""


def legend_html(screen: Screen, shown: int) -> str:
    rows = "".join(
        f'<div class="pk-body"><span class="pk-swatch" style="background:{e.color}"></span>'
        f"{'<b>' if e.label == str(screen.reveal[-1]) else ''}{escape(e.label)} · {e.count}"
        f"{'</b>' if e.label == str(screen.reveal[-1]) else ''}</div>"
        for e in screen.legend
        if int(e.label) <= shown
    )
    return f'<div class="pk-legend">{rows}</div>'


def _corner(index: int, count: int, paused: bool) -> str:
    mark = f'<span class="pk-paused">❚❚ {escape(t("presenter.paused"))}</span>' if paused else ""
    return (
        f'<div class="pk-corner">{mark}{escape(t("presenter.program"))} · '
        f'<span class="pk-position">{index + 1}/{count}</span></div>'
    )


def _map(facts: show_data.Facts, screen: Screen, cohort: int, shown: int, lang: str) -> None:
    # Built at set-up (`python -m geo build`): the show never starts a build mid-ceremony.
    geometry = map_view.geometry(status_without_building())
    regions = map_view.facts(None)
    colouring = show_data.map_colouring(facts, cohort, shown)
    view = points.bounds_for(regions["code"], regions, *MAP_FIT, padding=0.02)
    left, right = st.columns([5, 1], vertical_alignment="center")
    with left, st.container(key="pk-mapbox"):
        st.pydeck_chart(
            geomap.deck(regions, colouring, geometry, view),
            height="stretch",
            key="pk-deck",
            alt=geomap.alt_text(colouring, lang),
        )
    right.html(legend_html(screen, shown))


def _draw(facts, screen: Screen, settings: Settings, frame: Frame, count: int, lang: str):
    with st.container(key=SHOW_KEY):
        if screen.slide != "closing":  # the closing screen centres its own, larger title
            st.html(_header(screen))
        if screen.slide == "map":
            _map(facts, screen, settings.cohort, frame.shown, lang)
        elif screen.slide == "stages":
            with st.container(key="pk-chart"):
                if screen.bars:
                    st.plotly_chart(
                        show_data.stages_figure(screen, lang),
                        height="stretch",
                        theme=None,
                        config={"staticPlot": True},
                        key="pk-stages",
                    )
        else:
            st.html(body_html(screen))
        st.html(_note(screen) + _corner(frame.index, count, frame.paused))


def _frame(screens: list[Screen], settings: Settings) -> Frame:
    """Advance the clock if the dwell is over; what the screen should show now."""
    now = time.monotonic()
    clock = show_data.tick(_clock(), now, settings.interval, len(screens))
    st.session_state[CLOCK] = clock
    return show_data.frame(clock, screens, now, settings.interval)


@st.fragment(run_every=1)
def ticker(screens: list[Screen], settings: Settings) -> None:
    """Each second: when the screen should change (next slide, or the map's next cohort),
    rerun the page; otherwise nothing is sent, so the projector's browser stays idle."""
    if _frame(screens, settings) != st.session_state.get(DRAWN):
        st.rerun()


def show(facts, screens: list[Screen], settings: Settings, lang: str, show_demo: bool) -> None:
    st.html(f"<style>{CSS}{geomap.SEA_CSS}</style>")
    start((settings, lang, show_demo, len(screens)))
    _keys(len(screens))
    frame = _frame(screens, settings)
    _draw(facts, screens[frame.index], settings, frame, len(screens), lang)
    st.session_state[DRAWN] = frame
    ticker(screens, settings)
