"""The show's PDF backup: the same screens as 16:9 pages, for a venue where the app won't run.

    python -m components.deck --cohort 2018 --lang id out.pdf

Text is real PDF text (set in fpdf2's core Helvetica like the region report card, so
region names can be searched); the stage chart is rendered by kaleido in Debian's
Chromium, with one kaleido server per deck; the map is a static image of the built
boundaries, coloured as on the projector. No running app is needed.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path

import kaleido
import plotly.graph_objects as go
import shapely
from fpdf import FPDF

from components import i18n
from components import presenter as show_data
from components.presenter import Screen, Settings
from components.report_card import FONT, latin
from data import queries
from data.db import connect
from geo.boundaries import status_without_building
from geo.mapfiles import REGIONS as MAP_REGIONS

#: 13.333 x 7.5 in, the 16:9 size presentation software uses.
PAGE_W, PAGE_H = 338.667, 190.5
MARGIN = 16.0
BACKGROUND, TEXT, MUTED = (11, 15, 20), (245, 247, 250), (201, 211, 222)
ACCENT, HEADING, DEMO_FILL = (86, 180, 233), (240, 228, 66), (230, 159, 0)
SEA, LAND = "#13202E", "#3A4350"
CHROMIUM = "/usr/bin/chromium"
#: Degrees: well under a pixel of the map image, and a tenth of the vertices.
MAP_TOLERANCE = 0.02
MAP_PX = (1500, 700)
_server_lock = threading.Lock()


def file_name(settings: Settings, lang: str) -> str:
    return f"presentasi-{settings.cohort}-{lang}.pdf"


# --- images ---------------------------------------------------------------------------


@contextmanager
def image_server() -> Iterator[None]:
    """One kaleido (Chromium) server for every image of a deck, stopped afterwards."""
    with _server_lock:
        kaleido.start_sync_server(
            n=1,
            mathjax=False,
            path=CHROMIUM if Path(CHROMIUM).exists() else None,
            silence_warnings=True,
        )
        try:
            yield
        finally:
            kaleido.stop_sync_server(silence_warnings=True)


def png(figure: go.Figure, width: int, height: int) -> bytes:
    return kaleido.calc_fig_sync(figure, opts={"format": "png", "width": width, "height": height})


def _rings(geometry: dict) -> Iterator[list[list[float]]]:
    """The simplified outer rings of a GeoJSON (multi)polygon."""
    shape = shapely.simplify(shapely.from_geojson(json.dumps(geometry)), MAP_TOLERANCE)
    for part in shapely.get_parts(shape):
        if not part.is_empty:
            yield list(part.exterior.coords)


def map_figure(colouring, boundaries: Path | None, regions) -> go.Figure:
    """Every region filled in its cohort colour from the built boundaries (one trace per
    colour); without boundaries, participants as points at their centroids."""
    palette = ["rgba({},{},{},{:.2f})".format(*c[:3], c[3] / 255) for c in colouring.palette]
    palette[0] = LAND
    figure = go.Figure()
    if boundaries is not None:
        features = json.loads(boundaries.read_bytes())["features"]
        xs: dict[int, list] = {}
        ys: dict[int, list] = {}
        for feature in features:
            cls = colouring.class_of.get(feature["properties"]["code"], 0)
            for ring in _rings(feature["geometry"]):
                xs.setdefault(cls, []).extend([p[0] for p in ring] + [None])
                ys.setdefault(cls, []).extend([p[1] for p in ring] + [None])
        for cls in sorted(xs):
            figure.add_trace(
                go.Scatter(
                    x=xs[cls],
                    y=ys[cls],
                    fill="toself",
                    fillcolor=palette[cls],
                    mode="lines",
                    line={"color": SEA, "width": 0.4},
                    hoverinfo="skip",
                )
            )
    else:
        shown = regions[regions["code"].isin(colouring.class_of)]
        figure.add_trace(
            go.Scatter(
                x=shown["lng"],
                y=shown["lat"],
                mode="markers",
                marker={"size": 9, "color": [palette[colouring.class_of[c]] for c in shown.code]},
            )
        )
    figure.update_layout(
        paper_bgcolor=SEA,
        plot_bgcolor=SEA,
        showlegend=False,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        xaxis={"visible": False, "range": [94.6, 141.4]},
        yaxis={"visible": False, "range": [-11.3, 6.3], "scaleanchor": "x"},
    )
    return figure


# --- pages ----------------------------------------------------------------------------


class _Deck(FPDF):
    def __init__(self, lang: str, count: int):
        super().__init__(orientation="L", unit="mm", format=(PAGE_H, PAGE_W))
        self.lang, self.count = lang, count
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)

    def new_screen(self, screen: Screen, index: int) -> None:
        self.add_page()
        self.set_fill_color(*BACKGROUND)
        self.rect(0, 0, PAGE_W, PAGE_H, style="F")
        self.set_text_color(*TEXT)
        if screen.slide != "closing":  # the closing page centres its own, larger title
            self._title(screen)
        self.set_font(FONT, size=10)
        self.set_text_color(*MUTED)
        corner = f"{i18n.translate(self.lang, 'presenter.program')} · {index + 1}/{self.count}"
        self.set_xy(MARGIN, PAGE_H - 10)
        self.cell(PAGE_W - 2 * MARGIN, 5, latin(corner), align="R")
        if screen.note:
            self.set_xy(MARGIN, PAGE_H - 18)
            self.set_font(FONT, "I", 13)
            self.cell(0, 6, latin(screen.note))
        self.set_text_color(*TEXT)

    def _title(self, screen: Screen) -> None:
        self.set_xy(MARGIN, MARGIN)
        self.set_font(FONT, "B", 32)
        title = latin(screen.title)
        self.cell(self.get_string_width(title) + 4, 14, title)
        if screen.demo:
            self.demo_mark(self.get_x(), MARGIN + 3.5)
        self.set_xy(MARGIN, MARGIN + 16)
        if screen.subtitle:
            self.set_font(FONT, size=17)
            self.set_text_color(*MUTED)
            self.cell(0, 8, latin(screen.subtitle))
            self.set_text_color(*TEXT)

    def demo_mark(self, x: float, y: float) -> None:
        text = latin(i18n.translate(self.lang, "core.demo"))
        self.set_font(FONT, "B", 11)
        width = self.get_string_width(text) + 4
        self.set_fill_color(*DEMO_FILL)
        self.set_text_color(*BACKGROUND)
        self.set_xy(x, y)
        self.cell(width, 6, text, fill=True, align="C")
        self.set_text_color(*TEXT)


TOP = MARGIN + 30


def _glance(pdf: _Deck, screen: Screen) -> None:
    width = (PAGE_W - 2 * MARGIN) / 3
    for n, counter in enumerate(screen.counters):
        x, y = MARGIN + (n % 3) * width, TOP + 8 + (n // 3) * 55
        pdf.set_xy(x, y)
        pdf.set_font(FONT, "B", 54)
        pdf.set_text_color(*ACCENT)
        pdf.cell(pdf.get_string_width(counter.value) + 3, 22, latin(counter.value))
        if counter.demo:
            pdf.demo_mark(pdf.get_x(), y + 8)
        pdf.set_text_color(*TEXT)
        pdf.set_xy(x, y + 23)
        pdf.set_font(FONT, size=16)
        pdf.multi_cell(width - 6, 7, latin(counter.label))


def _legend(pdf: _Deck, screen: Screen, x: float) -> None:
    y = TOP + 10
    for entry in screen.legend:
        pdf.set_fill_color(*(int(entry.color[i : i + 2], 16) for i in (1, 3, 5)))
        pdf.rect(x, y + 1, 7, 7, style="F")
        featured = entry.label == str(screen.reveal[-1])
        pdf.set_font(FONT, "B" if featured else "", 16)
        pdf.set_xy(x + 10, y)
        pdf.cell(0, 9, latin(f"{entry.label} · {entry.count}"))
        y += 12


def _rollcall(pdf: _Deck, screen: Screen) -> None:
    width = (PAGE_W - 2 * MARGIN) / show_data.ROLL_COLUMNS
    for n, column in enumerate(screen.columns):
        pdf.set_xy(MARGIN + n * width, TOP)
        for line in column:
            pdf.set_x(MARGIN + n * width)
            pdf.set_font(FONT, "B" if line.heading else "", 13)
            pdf.set_text_color(*(HEADING if line.heading else TEXT))
            text = latin(line.text + (" *" if line.doubtful else ""))
            pdf.cell(width - 4, 8.6, text, new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(*TEXT)


def _quickwins(pdf: _Deck, screen: Screen) -> None:
    width = (PAGE_W - 2 * MARGIN) / 2
    for n, spot in enumerate(screen.spotlights):
        x, y = MARGIN + (n % 2) * width, TOP + 4 + (n // 2) * 38
        pdf.set_fill_color(0, 158, 115)
        pdf.rect(x, y, 2, 30, style="F")
        pdf.set_xy(x + 6, y)
        pdf.set_font(FONT, "B", 15)
        pdf.multi_cell(width - 40, 7, latin(spot.title), align="L", new_x="RIGHT", new_y="TOP")
        if spot.demo:
            pdf.demo_mark(x + width - 30, y)
        pdf.set_xy(x + 6, y + 17)
        pdf.set_font(FONT, size=13)
        pdf.set_text_color(*MUTED)
        pdf.cell(width - 12, 7, latin(f"{spot.region} · {spot.dimension}"))
        pdf.set_text_color(*TEXT)


def _closing(pdf: _Deck, screen: Screen) -> None:
    pdf.set_y(MARGIN + 24)
    pdf.set_font(FONT, "B", 64)
    pdf.cell(0, 28, latin(screen.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=24)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 14, latin(screen.subtitle), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*TEXT)
    pdf.ln(12)
    for line in screen.lines:
        pdf.set_font(FONT, size=18)
        pdf.multi_cell(0, 10, latin(line), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)


def build(
    facts: show_data.Facts,
    settings: Settings,
    lang: str,
    show_demo: bool,
    today: date,
    boundaries: Path | None,
    regions,
) -> bytes:
    """The deck as PDF bytes: one page per screen of the show."""
    screens = show_data.screens(facts, settings, lang, show_demo, today)
    pdf = _Deck(lang, len(screens))
    pdf.set_title(latin(screens[0].title if screens else ""))
    image_width = PAGE_W - 2 * MARGIN
    drawn = any(s.slide == "map" or (s.slide == "stages" and s.bars) for s in screens)
    with image_server() if drawn else nullcontext():
        for index, screen in enumerate(screens):
            pdf.new_screen(screen, index)
            if screen.slide == "glance":
                _glance(pdf, screen)
            elif screen.slide == "map":
                colouring = show_data.map_colouring(facts, settings.cohort)
                image = png(map_figure(colouring, boundaries, regions), *MAP_PX)
                pdf.image(io.BytesIO(image), x=MARGIN, y=TOP, w=image_width * 0.78)
                _legend(pdf, screen, MARGIN + image_width * 0.8)
            elif screen.slide == "rollcall":
                _rollcall(pdf, screen)
            elif screen.slide == "quickwins":
                _quickwins(pdf, screen)
            elif screen.slide == "stages" and screen.bars:
                figure = show_data.stages_figure(screen, lang, font_px=26)
                figure.update_layout(paper_bgcolor="#0B0F14")
                image = png(figure, 1500, 540)
                pdf.image(io.BytesIO(image), x=MARGIN, y=TOP, w=image_width)
            elif screen.slide == "closing":
                _closing(pdf, screen)
    return bytes(pdf.output())


def map_boundaries(status) -> Path | None:
    """The map's lighter regions file if derived, else the full cache; None without one."""
    if not status.available:
        return None
    lighter = status.regions_path.parent / MAP_REGIONS
    return lighter if lighter.exists() else status.regions_path


def from_store(path: Path, settings: Settings, lang: str, show_demo: bool, today: date) -> bytes:
    """The deck for the store at `path` and the boundary cache as it is (never built here)."""
    db = connect(path)
    try:
        facts = show_data.facts(db, settings.cohort)
        regions = queries.regions(db)
    finally:
        db.close()
    boundaries = map_boundaries(status_without_building())
    return build(facts, settings, lang, show_demo, today, boundaries, regions)


def main(argv: list[str] | None = None) -> int:
    import settings as app_settings
    from data.db import open_store
    from geo.boundaries import ensure_boundaries

    parser = argparse.ArgumentParser(prog="python -m components.deck", description=__doc__)
    parser.add_argument("output", type=Path)
    parser.add_argument("--cohort", default="")
    parser.add_argument("--lang", default=i18n.DEFAULT, choices=i18n.LANGUAGES)
    parser.add_argument("--slides", default="")
    parser.add_argument("--demo", default="1", choices=("0", "1"))
    args = parser.parse_args(argv)
    path = app_settings.db_path()
    db = open_store(path)  # created and seeded on first use, as the app does
    try:
        cohorts = show_data.cohort_years(db)
    finally:
        db.close()
    chosen, notices = show_data.parse({"cohort": args.cohort, "slides": args.slides}, cohorts)
    for notice in notices:
        print(i18n.translate(args.lang, notice.key, **notice.values), file=sys.stderr)
    ensure_boundaries()  # set-up's job, done here too when a deck is the first thing built
    pdf = from_store(path, chosen, args.lang, args.demo == "1", date.today())
    args.output.write_bytes(pdf)
    print(f"{args.output}: {len(pdf) // 1024} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
