"""The Peta page's blocks, in the order the page shows them, and what they need from Streamlit.

Numbers come from `data.map` through `components.map_summary`, colours from
`components.map_measures`, the deck from `components.map` (pure); this module arranges
them, so `views/peta.py` reads as a description of the page. It also holds what is
Streamlit- or process-bound: the cached facts, the boundary state shared by every
session of the process (retried at most once per RETRY_SECONDS) and the progress bar.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date
from functools import cache, partial
from pathlib import Path

import pandas as pd
import streamlit as st

import settings
from components import filters, filters_view, i18n, provenance, session, urlstate, widgets
from components import map as geomap
from components import map_filters as controls
from components import map_legend as legend
from components import map_summary as summary
from components.map_measures import DEFAULT, DEMO_MEASURES, MEASURES, Colouring, available
from components.map_shared import Markup, Shared
from components.session import t
from components.types import DEMO_FIELDS, Filters
from data import map as data
from data.db import connect
from geo import cache as geo_cache
from geo.boundaries import BoundaryStatus, ensure_boundaries, status_without_building
from geo.mapfiles import ensure_map_files
from geo.selection import feature_collection as selection_geojson

Progress = Callable[[float, str], None]
log = logging.getLogger(__name__)

DECK_KEY = "_map_deck"
PICKER_KEY = "_map_picker"
PLAYING, NEXT_STEP, TIMER = "_map_playing", "_map_next_step", "_map_timer"
#: Seconds each year stays on screen while the growth animation plays.
PLAY_SECONDS = 1.2
#: Keyed blocks of the page (`st-key-<key>` classes), reordered on narrow screens.
CHOICES, KPIS, MAP, TABLE = "map-choices", "map-kpis", "map-deck", "map-table"
PICKER_BLOCK = "map-picker"
#: On a phone the map comes first, then its numbers, then the long stack of filters.
#: (A keyed block sits in a layout wrapper: the wrapper is what its parent orders.)
_ORDER = " ".join(
    f'[data-testid="stLayoutWrapper"]:has(> .st-key-{key}) {{ order: {n}; }}'
    for n, key in enumerate((MAP, KPIS, CHOICES, TABLE), 1)
)
NARROW_CSS = f"@media (max-width: 640px) {{ {_ORDER} }}"
#: Until the map is drawn, the height its picker, filters and tiles will take (px, wide
#: screen, demo shown), kept empty so the map does not jump down when they come.
ROOM = {PICKER_BLOCK: 70, CHOICES: 140, KPIS: 114}
#: A failed boundary build is retried after this long, not on every rerun.
RETRY_SECONDS = 300.0
#: Set once the browser has drawn the map in this session (`map_drawn.js`).
DRAWN = "_map_drawn"
#: The signal's key, which names its element (`st-key-map-pending`) while it waits.
PENDING = "map-pending"
#: How long the page must be free of long tasks after the polygons arrive, and how long
#: the signal waits at most, in milliseconds.
QUIET_MS, LIMIT_MS = 300, 15_000


# --- facts --------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=16)
def _shared(path: str, version: int, as_of: int | None) -> Shared:
    """One per store version and year for the whole process (`cache_resource`: every
    session gets the same object, not an unpickled copy; nothing modifies it)."""
    db = connect(path)
    try:
        return Shared(data.region_facts(db, as_of), data.cohort_years(db))
    finally:
        db.close()


def shared(as_of: int | None) -> Shared:
    """The map's facts for `as_of` and what every viewer derives from them alone
    (`components.map_shared`): a filter change then costs one small query (the store's
    version, on the process's reader: no connection opened) and little work."""
    return _shared(str(settings.db_path()), session.current_version(), as_of)


def facts(as_of: int | None) -> pd.DataFrame:
    """`data.map.region_facts`, computed once per store version and year."""
    return shared(as_of).facts


@st.cache_resource(show_spinner=False, max_entries=16)
def _options(path: str, version: int) -> controls.Options:
    now = _shared(path, version, None)
    return controls.options(now.facts, now.years)


def options() -> controls.Options:
    """The filters' choices, once per store version for every session (the version read
    as `shared` reads it)."""
    return _options(str(settings.db_path()), session.current_version())


# --- boundaries: process-wide state --------------------------------------------------

_last: dict[str, object] = {"status": None, "at": 0.0}
_lock = threading.Lock()


def boundary_status(progress: Progress | None = None) -> BoundaryStatus:
    """Boundaries for this process: built (with `progress`) at most once per RETRY_SECONDS.

    After a successful check a rerun costs one stat of the cache; after a failure the
    map keeps drawing points until the retry is due, so an unreachable source does not
    slow every page view.
    """
    with _lock:
        last, at = _last["status"], float(_last["at"])
        fresh = time.monotonic() - at < RETRY_SECONDS
        if isinstance(last, BoundaryStatus) and last.available:
            current = status_without_building()
            if current.available:
                return current
        elif isinstance(last, BoundaryStatus) and fresh:
            return last
        status = ensure_boundaries(progress=progress)
        _last.update(status=status, at=time.monotonic())
        return status


def geometry(status: BoundaryStatus, progress: Progress | None = None) -> geomap.Geometry | None:
    """The static URLs and feature order, or None when polygons cannot be drawn.

    The map's own files are derived from the cache on first use (seconds, once per build).
    """
    manifest = geo_cache.read_manifest(status.regions_path.parent) if status.available else None
    order = (manifest or {}).get("codes")
    if not order:
        return None
    try:
        files = ensure_map_files(status, progress)
    except Exception:  # the map falls back to points rather than fail the page
        log.exception("deriving the map files failed")
        return None
    if files is None:
        return None
    return geomap.Geometry(
        files.regions_url, files.borders_url, files.province_borders_url, tuple(order)
    )


class LazyProgress:
    """A progress callback that draws its bar only once there is progress to show."""

    def __init__(self, text: str):
        self.text, self.bar = text, None

    def __call__(self, fraction: float, message: str) -> None:
        """`message` (the builder's, in English) is left out: the bar speaks the user's language."""
        if self.bar is None:
            self.bar = st.progress(0.0, text=self.text)
        self.bar.progress(min(max(fraction, 0.0), 1.0), text=self.text)

    def done(self) -> None:
        if self.bar is not None:
            self.bar.empty()


# --- boundaries: the page's block ------------------------------------------------------


def boundaries(lang: str) -> geomap.Geometry | None:
    """Polygons if we have them (building them once, with a progress bar); else a banner."""
    bar = LazyProgress(t("map.building"))
    status = boundary_status(bar)
    drawn = geometry(status, bar)
    bar.done()
    if drawn is None:
        st.warning(t(f"map.boundaries.{geomap.unavailable_reason(status)}"))
        if status.reason:
            st.caption(t("map.boundaries.detail", detail=status.reason))
    elif status.warning:
        st.caption(t("map.boundaries.stale"))
    return drawn


# --- the map first --------------------------------------------------------------------


def drawn() -> bool:
    """Whether the whole page is shown: the browser has drawn the map in this session.

    Until then the page is its title and the map. On a machine without a GPU the browser
    draws the polygons on the CPU, and the filters, tiles, legend and table rendering at
    the same time made the map take twice as long as a page with the map alone.
    """
    return bool(st.session_state.get(DRAWN))


@cache
def _signal():
    source = Path(__file__).with_name("map_drawn.js").read_text(encoding="utf-8")
    return st.components.v2.component("pantau_map_drawn", js=source)


def _mark_drawn() -> None:
    st.session_state[DRAWN] = True


def await_drawn(geometry: geomap.Geometry | None) -> None:
    """The browser's word that the map is drawn; it reruns the page, whole this time."""
    url = geometry.regions_url if geometry is not None else None
    _signal()(
        key=PENDING,
        data={"url": url, "quiet_ms": QUIET_MS, "limit_ms": LIMIT_MS},
        on_drawn_change=_mark_drawn,
    )


def keep_room(block: str, where=st) -> None:
    """Until the map is drawn, the empty height `block` will take (`ROOM`)."""
    where.space(ROOM[block])


def url_selection(opts: controls.Options, lang: str, demo_on: bool) -> controls.Selection:
    """What `choices` will return, read from the URL alone: the map drawn before its
    filters shows what they will show. Unknown values are named once they are drawn."""
    chosen = {
        name: tuple(urlstate.split_valid(urlstate.get_list(name), names)[0])
        for name, names in controls.labels(opts, lang).items()
        if demo_on or name not in DEMO_FIELDS
    }
    measure, asof = urlstate.get("measure"), urlstate.get("asof")
    region = urlstate.get(widgets.REGION_PARAM)
    return controls.Selection(
        measure=measure if measure in available(demo_on) else DEFAULT,
        filters=Filters(**chosen),
        asof=asof if asof in opts.asof else controls.NOW,
        region=region if region in opts.regions else None,
    )


# --- choosing -------------------------------------------------------------------------


def region_picker(opts: controls.Options, lang: str, whole: bool = True) -> None:
    """Type a name, press Enter: the region's page opens (the map's keyboard route).

    Typed text the list does not hold ("gunung kidul") is looked up as the importer would.
    Before the map is drawn only its place is kept: an element moved in the page is a new
    one to the browser, and the map below it would be drawn again.
    """
    with st.container(key=PICKER_BLOCK):
        if whole:
            _picker(opts, lang)
        else:
            keep_room(PICKER_BLOCK)


def _picker(opts: controls.Options, lang: str) -> None:
    value = st.selectbox(
        t("map.picker"),
        list(opts.regions),
        index=None,
        format_func=lambda code: opts.regions.get(code, code),
        placeholder=t("map.picker.placeholder"),
        key=PICKER_KEY,
        accept_new_options=True,
    )
    widgets.open_region(widgets.found_region(value, opts.regions, lang))


def choices(opts: controls.Options, lang: str, demo_on: bool) -> controls.Selection:
    """Measure and filters drawn as widgets bound to the URL; unknown values are named.
    What they choose is what the URL says, read as the map drawn first reads it."""
    _, unknown = _measure(lang, demo_on)
    filters_view.choose(controls.labels(opts, lang), lang, demo_on, controls.KEY, controls.WIDTHS)
    _, unknown_region = _focused_region(opts)
    asof = urlstate.get("asof") or controls.NOW
    unknown["asof"] = [] if asof in opts.asof else [asof]
    widgets.warn_unknown("map.unknown_value", lang, unknown)
    widgets.warn_unknown("map.unknown_region", lang, unknown_region)
    return url_selection(opts, lang, demo_on)


def _measure(lang: str, demo_on: bool) -> tuple[str, dict[str, list[str]]]:
    """The measure switch; a demo-based measure in the URL waits while demo is hidden."""
    wanted = urlstate.get("measure")
    if not demo_on and wanted in DEMO_MEASURES:
        st.info(t("map.measure_needs_demo", measure=controls.measure_label(wanted, lang)))
    measure, unknown = widgets.url_single(
        t("map.measure"),
        "measure",
        available(demo_on),
        DEFAULT,
        format_func=lambda m: controls.measure_label(m, lang),
        key_prefix=controls.KEY,
    )
    if not demo_on:
        st.caption(t("map.measures_need_demo"))
    return measure, {"measure": [u for u in unknown if u not in MEASURES]}


def _year(opts: controls.Options, lang: str) -> None:
    """The growth slider: the map as it stood at the end of a year, or now.

    While the animation plays it owns the year, shown as a bar that fills year by year in
    the slider's place; Stop brings the slider back at the year reached. A slider that only
    showed the year (disabled) let a lagging browser send the year it last showed as a
    change: the animation jumped back a year, or to "now" and stopped, and after Stop the
    slider could show an earlier year than the map. A widget-free bar has no value to send,
    and the bound slider takes no change while playing (`_still`).
    """
    label, options = t("map.asof"), opts.asof
    if not playing():
        shown = {"format_func": lambda y: controls.asof_label(y, lang), "help": t("map.asof.help")}
        bind = {"widget": st.select_slider, "key_prefix": controls.KEY, "accept": _still}
        widgets.url_single(label, "asof", options, controls.NOW, **bind, **shown)
        return
    year = urlstate.get("asof")
    year = year if year in options else controls.NOW
    reached = (options.index(year) + 1) / len(options)
    st.progress(reached, text=t("map.asof.playing", year=controls.asof_label(year, lang)))


def _focused_region(opts: controls.Options) -> tuple[str | None, dict[str, list[str]]]:
    """`?region=32.12` centres the map on one region; an unknown code is reported."""
    code = urlstate.get(widgets.REGION_PARAM)
    if code is None or code in opts.regions:
        return code, {}
    return None, {widgets.REGION_PARAM: [code]}


# --- tiles, map, legend ---------------------------------------------------------------


def narrow_layout() -> None:
    """On narrow screens, the map before the filters (CSS order on the keyed blocks);
    and the map's sea."""
    st.html(f"<style>{NARROW_CSS} {geomap.SEA_CSS}</style>")


def fit_width() -> int:
    """The width views are fitted to: a phone's, so all of Indonesia fits its screen.

    Streamlit does not tell the server how wide the screen is; a phone browser says
    "Mobile" in its User-Agent, which is what decides.
    """
    agent = st.context.headers.get("User-Agent") or ""
    return geomap.PHONE_WIDTH if "Mobile" in agent else geomap.FIT_WIDTH


def kpi_tiles(where, numbers: dict, lang: str, demo_on: bool) -> None:
    """The four headline numbers, in `where` (a container kept above the map)."""
    cols = where.columns(4)
    cols[0].metric(t("map.kpi.regions"), i18n.number(numbers["regions"], lang))
    if not demo_on:
        cols[1].info(t("core.demo_hidden"))
        return
    median = numbers["readiness_median"]
    cols[1].metric(t("map.kpi.masterplans_final"), numbers["masterplans_final"])
    cols[2].metric(
        t("map.kpi.quick_wins_launched"),
        t("map.kpi.of", n=numbers["quick_wins_launched"], total=numbers["quick_wins"]),
    )
    cols[3].metric(t("map.kpi.readiness_median"), i18n.number(median, lang, 1))
    for col in cols[1:]:
        col.markdown(provenance.badge(t("core.demo")))


def map_slot() -> tuple:
    """Room for the map and its legend, filled by `map_and_legend`."""
    left, right = st.columns([5, 1])
    return left.empty(), right.container()


def map_and_legend(
    slot: tuple,
    shared: Shared,
    colouring: Colouring,
    geometry: geomap.Geometry | None,
    view: dict,
    tips_css: Markup,
    lang: str,
    whole: bool = True,
) -> None:
    """The deck (a click opens the region page) with its legend beside it.

    Sent before the rest of the page's blocks (tiles, table): the browser starts loading
    deck.gl and the geometry while the server is still building them. Before the map is
    drawn (`drawn`), the fill alone, no borders, and of the legend only its title.
    """
    deck_slot, legend_slot = slot
    located = shared.points(geometry)
    event = deck_slot.pydeck_chart(
        geomap.deck(shared.facts, colouring, geometry, view, located, borders=whole),
        on_select="rerun",
        selection_mode="single-object",
        key=DECK_KEY,
        height=geomap.HEIGHT,
        alt=geomap.alt_text(colouring, lang),
    )
    widgets.open_region(geomap.clicked_code(event))
    with legend_slot:
        st.markdown(legend.title(colouring, lang))  # first too: a demo measure says so at once
        if not whole:
            return
        st.html(tips_css)
        st.markdown(legend.html(colouring), unsafe_allow_html=True)
        note = legend.note(colouring, lang)
        if note:
            st.caption(note)


# --- growth over the years ------------------------------------------------------------


def playing() -> bool:
    return bool(st.session_state.get(PLAYING))


def timer() -> float | None:
    """The fragment's `run_every`: a tick per year while playing (fixed at a full run)."""
    st.session_state[TIMER] = playing()
    return PLAY_SECONDS if playing() else None


def sync_timer() -> None:
    """A full run when play started or stopped: only that resets the fragment's timer."""
    if st.session_state.get(TIMER) != playing():
        st.rerun()


def _still() -> bool:
    """The bound slider's changes count only while the animation is not playing."""
    return not playing()


def _start(first: str) -> None:
    urlstate.catch_up()
    st.session_state[PLAYING] = True
    st.session_state[NEXT_STEP] = time.monotonic() + PLAY_SECONDS
    urlstate.put("asof", first, default=controls.NOW)


def _stop() -> None:
    """Stop where the animation is: a click sent before the last year's URL reached the
    browser comes with the year before it (`urlstate.catch_up`)."""
    urlstate.catch_up()
    st.session_state[PLAYING] = False


def advance(opts: controls.Options) -> None:
    """While playing, each timer tick shows the next year; after the last year it stops."""
    if not playing():
        return
    urlstate.catch_up()  # a tick sent before the last year's URL reached the browser
    if time.monotonic() < st.session_state.get(NEXT_STEP, 0.0):
        return
    years = opts.asof[:-1]
    current = urlstate.get("asof")
    position = years.index(current) if current in years else len(years) - 1
    if position + 1 >= len(years):
        _stop()
        return
    urlstate.put("asof", years[position + 1], default=controls.NOW)
    st.session_state[NEXT_STEP] = time.monotonic() + 0.8 * PLAY_SECONDS


def growth(opts: controls.Options, lang: str) -> None:
    """Year slider and play/stop: the map as it stood at the end of each year."""
    slider, button = st.columns([6, 1], vertical_alignment="bottom")
    with slider:
        _year(opts, lang)
    with button:
        if playing():
            st.button(t("map.play.stop"), icon=":material/stop:", on_click=_stop)
        else:
            st.button(
                t("map.play"), icon=":material/play_arrow:", on_click=_start, args=(opts.asof[0],)
            )
    sync_timer()


# --- share, table, export -------------------------------------------------------------


def share(lang: str) -> None:
    """The link to exactly this view, ready to copy."""
    url = filters.share_url(st.context.url or controls.PAGE_PATH, st.query_params.to_dict())
    with st.popover(t("map.share"), icon=":material/share:"):
        st.caption(t("map.share.help"))
        st.code(url, language=None, wrap_lines=True)


def regions_table(
    shared: Shared,
    selected: pd.Series,
    selection: controls.Selection,
    opts: controls.Options,
    lang: str,
    demo_on: bool,
) -> None:
    """The map as a sortable table (a row click opens the region) and its CSV."""
    facts = shared.facts
    shown = shared.shown(selected, lang, demo_on)
    names = summary.column_names(lang)
    in_scope = shared.index.mask(selection.filters.places())
    others = int((in_scope & ~facts["participant"]).sum())
    has_demo = demo_on and bool(shown.num_rows)  # the stage, masterplan and score columns
    st.subheader(provenance.heading(t("map.table.title"), t("core.demo"), has_demo))
    st.caption(t("map.table.caption", n=shown.num_rows, others=others))
    widgets.open_region_on_click(
        shown,
        key="_map_table",
        code_column=names["code"],
        column_config={
            names["launched_share"]: st.column_config.NumberColumn(format="%d %%"),
            names["readiness"]: st.column_config.NumberColumn(format="%.1f"),
        },
    )
    today = date.today()
    link = filters.share_url(st.context.url or controls.PAGE_PATH, st.query_params.to_dict())
    rows = partial(shared.table, selected, lang, demo_on)

    def csv() -> str:
        """Built only when clicked: a filter change then sends no CSV to the browser."""
        return controls.csv(rows(), selection, opts, lang, demo_on, today, link)

    widgets.csv_download(t("map.csv.download"), csv, f"peta-{today.isoformat()}.csv", "_map_csv")
    st.download_button(
        t("kelola.map_geojson"),
        lambda: selection_geojson(
            rows(), facts[["code", "lat", "lng"]], status_without_building().regions_path
        ),
        file_name=f"peta-{today.isoformat()}.geojson",
        mime="application/geo+json",
        key="_map_geojson",
        icon=":material/download:",
    )
