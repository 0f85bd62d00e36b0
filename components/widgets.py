"""Widgets every page shares: choices kept in the URL, and clicks that open a region's page.

A choice lives in `st.query_params` (a copied link reproduces the view): the widget is drawn
showing what the URL says and writes a change back, and a URL value the widget does not
offer comes back as "unknown" so the page can name it in a warning instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from components import export, i18n, session, urlstate
from data import matching

REGION_PARAM = "region"
#: The region page file, for links and `st.switch_page` (one place to change if pages move).
REGION_PAGE = "views/daerah.py"


# --- choices kept in the URL ----------------------------------------------------------


def _to_url(param: str, key: str, default: str | None, accept: Callable[[], bool] | None) -> None:
    if accept is not None and not accept():
        return
    urlstate.catch_up()
    urlstate.put(param, st.session_state[key], default=default)


def hold(key: str, value: object) -> None:
    """Make widget `key` show `value` (what the URL or the session says) before it is drawn.

    Set only when it differs: a value set from the script is pushed to the browser and
    overrides the widget there, so setting it on every run would undo a change the user
    made while this run was still going (quick successive changes were lost).
    """
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value


def bound(
    widget: Callable,
    param: str,
    value: object,
    *positional,
    key: str,
    default: str | None = None,
    accept: Callable[[], bool] | None = None,
    **kwargs,
):
    """Draw `widget(*positional, **kwargs)` showing `value` (from the URL); a change is
    written back to `?param=` (dropped when it equals `default`). The one URL binding;
    the widget follows the URL when a shared link, Back or the year animation changes it.

    `accept`, when given, says whether a change may be written now: a lagging browser
    can send a value for a widget the page has already replaced, and Streamlit reports
    it as a change (the year animation's first tick once went back to "now").
    """
    hold(key, value)
    args = (param, key, default, accept)
    return widget(*positional, key=key, on_change=_to_url, args=args, **kwargs)


def url_multiselect(
    label: str,
    param: str,
    options: Sequence[str],
    format_func: Callable = str,
    widget: Callable = st.multiselect,
    key_prefix: str = "_url_",
    **kwargs,
) -> tuple[list[str], list[str]]:
    """A multi-choice widget whose value lives in `?param=a,b`; returns (chosen, unknown).

    `widget` is `st.multiselect`, `st.pills` or either of them on a column; extra keyword
    arguments (e.g. `placeholder`) go to the widget, whose key is `key_prefix + param`.
    """
    chosen, unknown = urlstate.split_valid(urlstate.get_list(param), options)
    if widget.__name__ == "pills":
        kwargs["selection_mode"] = "multi"
    key = f"{key_prefix}{param}"
    bound(widget, param, chosen, label, options, key=key, format_func=format_func, **kwargs)
    return chosen, unknown


def url_single(
    label: str,
    param: str,
    options: Sequence[str],
    default: str,
    format_func: Callable = str,
    widget: Callable = st.segmented_control,
    key_prefix: str = "_url_",
    **kwargs,
) -> tuple[str, list[str]]:
    """A one-choice widget whose value lives in `?param=x` (absent = `default`)."""
    raw = urlstate.get(param)
    unknown = [raw] if raw is not None and raw not in options else []
    chosen = raw if raw in options else default
    if widget.__name__ == "segmented_control":
        kwargs.update(selection_mode="single", required=True)
    key = f"{key_prefix}{param}"
    kwargs.update(key=key, default=default, format_func=format_func)
    bound(widget, param, chosen, label, options, **kwargs)
    return chosen, unknown


def warn_unknown(message: str, lang: str, unknown: Mapping[str, Sequence[str]]) -> None:
    """A warning per unknown URL value, from catalog key `message` with {param} and {value}."""
    for param, values in unknown.items():
        for value in values:
            shown = urlstate.shortened(value)
            st.warning(i18n.translate(lang, message, param=param, value=shown))


# --- finding a region by name -------------------------------------------------------------

#: At most this many names are listed when a typed name fits several regions.
MAX_NAMED = 5


def found_region(value: str | None, labels: Mapping[str, str], lang: str) -> str | None:
    """The region a picker's value means: a listed code, or else the one region whose name
    holds the typed text (folded as the import matcher folds names); when none or several
    fit, a notice says so and None is returned."""
    if value is None or value in labels:
        return value
    hits = matching.search(value, labels)
    if len(hits) == 1:
        return hits[0]
    names = "; ".join(labels[code] for code in hits[:MAX_NAMED])
    key = "core.search.many" if hits else "core.search.none"
    st.warning(i18n.translate(lang, key, query=urlstate.shortened(value), n=len(hits), names=names))
    return None


# --- opening a region's page from a click ---------------------------------------------


#: Session key of the view a region page was opened from: (region, page, query params).
RETURN_KEY = "_return_view"


def open_region(code: str | None) -> None:
    """Go to the region page for `code` (nothing when no region was clicked).

    Only non-default language and demo values go into the new URL: `session.keep_in_url`
    would drop the others, and every URL change before the page switch is one more
    browser history entry. The view left is remembered for `restore_after_back`.
    """
    if code:
        ctx = get_script_run_ctx()
        page = ctx.page_script_hash if ctx else ""
        st.session_state[RETURN_KEY] = (code, page, st.query_params.to_dict())
        params = {REGION_PARAM: code}
        if session.language() != i18n.DEFAULT:
            params["lang"] = session.language()
        if not session.show_demo():
            params["demo"] = "0"
        st.switch_page(REGION_PAGE, query_params=params)


def restore_after_back() -> None:
    """Back from a region page shows the view it was opened from, exactly.

    `st.switch_page(page, query_params=...)` writes the new parameters into the address
    bar while it still shows the page being left, which makes a browser history entry
    such as `/peta?region=35.16`: Back lands there, filters gone. When a Back (a
    history-navigation run) arrives at exactly that entry, the remembered parameters are
    put back; during such a run Streamlit replaces the history entry instead of adding one.
    """
    saved = st.session_state.get(RETURN_KEY)
    ctx = get_script_run_ctx()
    if not saved or ctx is None or not ctx.is_history_navigation:
        return
    code, page, query = saved
    here = st.query_params.to_dict()
    switched = here.get(REGION_PARAM) == code and set(here) <= {REGION_PARAM, "lang", "demo"}
    if ctx.page_script_hash == page and switched:
        del st.session_state[RETURN_KEY]
        st.query_params.from_dict(query)


def clicked_region(event) -> str | None:
    """The region code of a clicked chart point (its customdata), if any."""
    for point in event.selection.get("points", []) if event else []:
        data = point.get("customdata")
        code = data[0] if isinstance(data, list) else data
        if code:
            return code
    return None


Table = pd.DataFrame | pa.Table


def clicked_row(event, table: Table, code_column: str) -> str | None:
    """The region code in the table row a dataframe selection chose, if any."""
    rows = event.selection.get("rows", []) if event else []
    if not rows:
        return None
    if isinstance(table, pa.Table):
        return table.column(code_column)[rows[0]].as_py()
    return table.iloc[rows[0]][code_column]


def open_region_on_click(
    table: Table, key: str, code_column: str = "region_code", **kwargs
) -> None:
    """A table whose rows open their region's page when clicked; the code column is hidden.

    `table` may be an Arrow table: Streamlit sends it as it is, where a pandas frame is
    converted on every run (the map keeps its table in Arrow for every viewer). Extra
    keyword arguments (e.g. `column_config`) go to `st.dataframe`.
    """
    columns = table.column_names if isinstance(table, pa.Table) else table.columns
    event = st.dataframe(
        table,
        hide_index=True,
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        column_order=[c for c in columns if c != code_column],
        **kwargs,
    )
    open_region(clicked_row(event, table, code_column))


# --- tables ---------------------------------------------------------------------------


def source_column() -> st.column_config.LinkColumn:
    """Source links shown by their host name, so a table of URLs stays narrow."""
    return st.column_config.LinkColumn(display_text=r"https?://(?:www\.|m\.)?([^/]+)")


# --- export ---------------------------------------------------------------------------


def csv_download(label: str, text: str | Callable[[], str], file_name: str, key: str) -> None:
    """A download button for a CSV built by `components.export.csv_with_header`, sent with a
    BOM for Excel; `text` may be a function, so the CSV is built only when clicked."""
    data = (lambda: export.for_excel(text())) if callable(text) else export.for_excel(text)
    st.download_button(
        label, data, file_name=file_name, mime="text/csv", key=key, icon=":material/download:"
    )
