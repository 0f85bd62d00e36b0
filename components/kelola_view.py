"""Layout of the Kelola Data page: import (upload, dry run, apply), templates and export.

`import_panel` is self-contained and takes the acting identity, so whoever decides who may
import (sign-in, or a local admin run) only has to call it.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlite_utils import Database

from components import kelola as view
from components.session import db, language, t
from data import export, imports
from data.access import Actor

REPORT_KEY = "kelola_report"
UPLOAD_TYPES = ["csv", "txt", "xlsx", "xlsm", "xls", "ods"]


def import_panel(store: Database, actor: Actor) -> None:
    """Upload a spreadsheet, read its dry-run report, then apply it all or nothing."""
    lang = language()
    st.subheader(t("kelola.import.title"))
    st.caption(t("kelola.import.help"))
    left, right = st.columns([1, 2])
    kind = left.selectbox(
        t("kelola.import.kind"),
        [None, *view.kinds()],
        format_func=lambda k: view.kind_label(k, lang),
        key="kelola_kind",
    )
    source = right.text_input(
        t("kelola.import.source"), key="kelola_source", help=t("kelola.import.source_help")
    )
    upload = st.file_uploader(t("kelola.import.file"), type=UPLOAD_TYPES, key="kelola_file")
    if upload is None:
        st.session_state.pop(REPORT_KEY, None)
        return
    report = _checked(store, upload, kind, source.strip() or None)
    _show_report(report, lang)
    if report.applied:
        st.success(t("kelola.import.applied", **report.counts()), icon=":material/check:")
    elif report.ok:
        label = t("kelola.import.apply", n=len(report.lines))
        if st.button(label, type="primary", key="kelola_apply", icon=":material/upload:"):
            _apply(store, actor, report)
    else:
        st.error(t("kelola.import.refused"), icon=":material/block:")


def _checked(store: Database, upload, kind: str | None, source: str | None) -> imports.Report:
    """The dry run of this upload, kept for the session until the file or options change."""
    signature = (upload.file_id, kind, source)
    kept = st.session_state.get(REPORT_KEY)
    if kept and kept[0] == signature:
        return kept[1]
    bar = st.progress(0.0, text=t("kelola.import.checking"))
    report = imports.check(store, upload.getvalue(), upload.name, kind, source, _ticker(bar))
    bar.empty()
    st.session_state[REPORT_KEY] = (signature, report)
    return report


def _apply(store: Database, actor: Actor, report: imports.Report) -> None:
    bar = st.progress(0.0, text=t("kelola.import.applying"))
    imports.apply(store, actor, report, _ticker(bar))
    bar.empty()
    st.rerun()


def _ticker(bar):
    """A progress callback that redraws the bar once per percent, not once per row."""
    shown = {"step": -1}

    def progress(done: int, total: int) -> None:
        step = done * 100 // max(total, 1)
        if step != shown["step"]:
            shown["step"] = step
            bar.progress(step / 100, text=t("kelola.import.progress", done=done, total=total))

    return progress


def _show_report(report: imports.Report, lang: str) -> None:
    names = view.column_names(lang)
    found = view.counts(report)
    st.markdown(f"**{t('kelola.report.title')}** · {view.kind_label(report.kind, lang)}")
    metrics = st.columns(4)
    for column, key in zip(metrics, ("added", "changed", "unchanged", "problems"), strict=True):
        column.metric(t(f"kelola.report.{key}"), found[key])
    if report.ignored:
        st.caption(t("kelola.report.ignored", n=len(report.ignored)))
        st.dataframe(
            {t("kelola.col_head.column"): report.ignored}, hide_index=True, key="kelola_ignored"
        )
    for key, problems in (("problems", report.problems), ("warnings", report.warnings)):
        if problems:
            st.markdown(f"**{t(f'kelola.report.{key}_title')}**")
            table = view.problems_table(problems, lang).rename(columns=names)
            st.dataframe(table, hide_index=True, key=f"kelola_{key}")
    if report.lines:
        st.markdown(f"**{t('kelola.report.rows_title')}**")
        table = view.lines_table(report, lang).rename(columns=names)
        st.dataframe(table, hide_index=True, key="kelola_lines")


def templates_panel() -> None:
    """A CSV and an XLSX template per kind of fact, Indonesian column names and an example."""
    lang = language()
    st.subheader(t("kelola.templates.title"))
    st.caption(t("kelola.templates.help"))
    for kind in view.kinds():
        cells = st.columns([2, 1, 1])
        cells[0].markdown(view.kind_label(kind, lang))
        for cell, (label, data, name, mime) in zip(
            cells[1:], view.template_files(kind, lang), strict=True
        ):
            cell.download_button(
                label, data, file_name=name, mime=mime, key=f"template_{kind}_{label}"
            )


def export_panel() -> None:
    """Every table as one workbook (the CSV per table comes from the shell command).

    Built on click, on a connection of its own (the download may run on another thread).
    """
    st.subheader(t("kelola.export.title"))
    st.caption(t("kelola.export.help"))
    st.download_button(
        t("kelola.export.workbook"),
        data=lambda: export.workbook(db()),
        file_name=f"pantau-kota-cerdas-{date.today().isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="export_workbook",
        icon=":material/download:",
    )
