"""The region's report card: one or two A4 pages a regional team can forward as a PDF.

Built from the same tables the page shows (`components.region`, `timeline`, `quickwins`)
so its numbers are the page's numbers. It uses fpdf2's core Helvetica font, so nothing
outside the Python packages is needed; text is folded to Latin-1, which covers Bahasa
Indonesia and English (typographic quotes and dashes become their ASCII forms).
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from components import i18n, provenance, timeline
from components import quickwins as qw_view
from components import region as view
from data import region as region_data
from data.region import Profile

FONT = "Helvetica"
ASCII = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "…": "...",
        "≥": ">=",
        "≤": "<=",
        "→": "->",
        "•": "·",
    }
)
HEADING = FontFace(emphasis="BOLD", fill_color=(230, 236, 240))


def latin(text: object) -> str:
    """Text the core fonts can draw: markdown bold dropped, known symbols folded to ASCII,
    anything else a '?'."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return value.replace("**", "").translate(ASCII).encode("latin-1", "replace").decode("latin-1")


def file_name(region: dict) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", region["name"].lower()).strip("-")
    return f"rapor-{slug}-{region['code']}.pdf"


class _Card(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.set_margins(14, 12, 14)
        self.set_auto_page_break(True, margin=14)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, size=7)
        self.set_text_color(110)
        self.cell(0, 4, latin(f"{self.footer_text} · {self.page_no()}/{{nb}}"), align="C")
        self.set_text_color(0)


#: Room (mm) a heading needs below it for its first rows; with less it starts a new page.
KEEP_WITH_HEADING = 26


def _heading(pdf: FPDF, text: str, demo: str | None = None) -> None:
    """A section heading, "[DEMO]" when the section shows demo values, kept with its first rows."""
    if pdf.get_y() + KEEP_WITH_HEADING > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 6, latin(f"{text} [{demo}]" if demo else text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=8)


def _line(pdf: FPDF, text: str, size: float = 8, style: str = "") -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, 4, latin(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=8)


def _table(pdf: FPDF, df: pd.DataFrame, widths: tuple[float, ...]) -> None:
    """A DataFrame as a compact table (header row in bold), breaking across pages."""
    pdf.set_font(FONT, size=7.5)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=3.4,
        width=182,
        borders_layout="HORIZONTAL_LINES",
        headings_style=HEADING,
        padding=(0.4, 1),
    ) as table:
        table.row([latin(c) for c in df.columns])
        for values in df.itertuples(index=False):
            table.row([latin(v) for v in values])
    pdf.set_font(FONT, size=8)


def _source_refs(column: pd.Series, refs: dict[str, int]) -> pd.Series:
    """Replace each source by its number in the report's source list ("[3] host")."""

    def ref(p: str | None) -> str:
        if not p or provenance.is_demo(p):
            return provenance.label(p)
        refs.setdefault(p, len(refs) + 1)
        return f"[{refs[p]}] {provenance.label(p)}"

    return column.map(ref)


def pdf(profile: Profile, lang: str, show_demo: bool, today: date) -> bytes:
    """The report card as PDF bytes, in `lang`; demo values marked DEMO or left out."""

    place, demo = profile.region, i18n.translate(lang, "core.demo")
    refs: dict[str, int] = {}
    card = _Card(
        i18n.translate(lang, "region.report.footer", date=i18n.date_text(today.isoformat(), lang))
    )
    card.alias_nb_pages()
    card.add_page()

    card.set_font(FONT, "B", 15)
    card.cell(
        0,
        8,
        latin(i18n.translate(lang, "region.report.title", name=place["name"])),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    _line(
        card,
        i18n.translate(
            lang,
            "region.kind_in_province",
            kind=view.kind_label(place["kind"], lang),
            province=place["province"],
        )
        + f" · {place['code']}",
        size=9,
    )
    _line(
        card,
        i18n.translate(
            lang, "region.report.exported", date=i18n.date_text(today.isoformat(), lang)
        ),
    )
    _line(
        card,
        i18n.translate(lang, "region.report.demo_note")
        if show_demo
        else i18n.translate(lang, "region.report.demo_hidden"),
        size=7.5,
        style="I",
    )

    _heading(card, i18n.translate(lang, "region.participation"))
    if not profile.participates:
        _line(card, i18n.translate(lang, "region.not_participant", province=place["province"]))
    else:
        table = view.participation_table(profile.participations, lang).drop(columns="note")
        table["source"] = _source_refs(table["source"], refs)
        _table(
            card,
            table.rename(columns=view.column_names(lang, list(table.columns))),
            (20, 30, 40, 92),
        )

    for p in profile.participations.dropna(subset=["cohort_year"]).itertuples():
        events = profile.events[profile.events["participation_id"] == p.id]
        if events.empty:
            continue
        shown = provenance.visible(events, show_demo)
        mark = demo if provenance.any_demo(shown) else None
        _heading(card, i18n.translate(lang, "region.timeline") + f" {int(p.cohort_year)}", mark)
        if show_demo:
            _line(card, timeline.next_text(events, lang), style="B")
        table = timeline.table(shown, lang)
        table["source"] = _source_refs(shown["provenance"], refs)
        _table(card, table.rename(columns=timeline.column_names(lang)), (62, 30, 35, 55))

    if profile.participates:
        _masterplan(card, profile, lang, show_demo)
        _quick_wins(card, profile, lang, show_demo, refs)
        _readiness(card, profile, lang, show_demo)

    years = region_data.evaluation_years(provenance.visible(profile.evaluations, show_demo))
    if len(years):
        _heading(
            card, i18n.translate(lang, "region.evaluation"), demo if years["demo"].any() else None
        )
        table = view.localised(view.evaluation_table(years, lang), lang, view.EVALUATION_DECIMALS)
        table["source"] = _source_refs(years["provenance"], refs)
        _table(
            card,
            table.rename(columns=view.column_names(lang, list(table.columns))),
            (12, 20, 24, 17, 17, 17, 17, 17, 41),
        )

    _heading(card, i18n.translate(lang, "region.published"))
    if len(profile.published):
        table = view.published_table(profile.published, lang).drop(columns="note")
        table["source"] = _source_refs(table["source"], refs)
        _table(
            card,
            table.rename(columns=view.column_names(lang, list(table.columns))),
            (12, 60, 16, 56, 38),
        )
    else:
        _line(card, i18n.translate(lang, "region.published.none"))

    _heading(card, i18n.translate(lang, "region.report.sources"))
    card.set_font(FONT, size=7)
    for url, n in refs.items():
        link = url if url.startswith(("http://", "https://")) else None
        card.multi_cell(0, 3.4, latin(f"[{n}] {url}"), link=link, new_x="LMARGIN", new_y="NEXT")
    if show_demo:
        _line(card, i18n.translate(lang, "region.report.demo_source", demo=demo), size=7, style="I")
    return bytes(card.output())


def _masterplan(card: FPDF, profile: Profile, lang: str, show_demo: bool) -> None:
    """Status and dates per participation, as on the page; every status there is demo."""
    plans = provenance.visible(profile.masterplans, show_demo)
    demo = i18n.translate(lang, "core.demo")
    _heading(
        card,
        i18n.translate(lang, "region.masterplan"),
        demo if provenance.any_demo(plans) else None,
    )
    if plans.empty:
        _line(card, i18n.translate(lang, "region.report.demo_hidden"))
        return
    table = view.masterplan_table(plans, lang)
    _table(
        card,
        table.rename(columns=view.column_names(lang, list(table.columns))),
        (16, 40, 24, 24, 54, 24),
    )


def _quick_wins(
    card: FPDF, profile: Profile, lang: str, show_demo: bool, refs: dict[str, int]
) -> None:
    shown = provenance.visible(profile.quick_wins, show_demo)
    demo = i18n.translate(lang, "core.demo")
    has_demo = provenance.any_demo(shown, "provenance", "status_provenance")
    _heading(card, i18n.translate(lang, "region.quick_wins"), demo if has_demo else None)
    count = view.quick_win_count(profile.quick_wins, lang, show_demo)
    _line(card, f"{i18n.translate(lang, 'region.quick_wins.count')}: {count}", style="B")
    if shown.empty:
        return
    table = qw_view.table(shown, lang, show_demo)
    table["title_from"] = _source_refs(shown["provenance"], refs)
    keep = ["title", "dimension", "status", "due_date", "status_from", "title_from"]
    widths = (62, 30, 22, 20, 14, 34)
    if not show_demo:
        keep, widths = ["title", "dimension", "year", "title_from"], (90, 40, 14, 38)
    _table(card, table[keep].rename(columns=qw_view.column_names(lang)), widths)


def _readiness(card: FPDF, profile: Profile, lang: str, show_demo: bool) -> None:
    _heading(
        card,
        i18n.translate(lang, "region.readiness"),
        i18n.translate(lang, "core.demo") if show_demo else None,
    )
    if not show_demo:
        _line(card, i18n.translate(lang, "region.report.demo_hidden"))
        return
    for participation, cohort, rank in view.standings(profile):
        if rank is None:
            continue
        _line(
            card,
            i18n.translate(
                lang,
                "region.report.standing",
                cohort=cohort,
                **view.standing_text(rank, lang),
            ),
            style="B",
        )
        table = view.localised(
            view.comparison(
                profile.readiness, profile.peers, profile.criteria, participation, lang
            ),
            lang,
            view.READINESS_DECIMALS,
        )
        _table(
            card,
            table.rename(columns=view.column_names(lang, list(table.columns))),
            (62, 24, 24, 24, 24, 24),
        )
