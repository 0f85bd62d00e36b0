"""One participation's stage timeline: a table, a dated chart and the next step.

Cohort-wide dates that a source states (MoU signing, closing) are shown as sourced;
the region's own dates and statuses are demo and marked as such.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import i18n, provenance
from data.catalog import STAGES, STATUSES

STATUS_COLORS = {
    "done": "#009E73",
    "in_progress": "#56B4E9",
    "late": "#D55E00",
    "not_started": "#C9CED6",
}


def stage_label(stage: str, year: int | None, lang: str) -> str:
    """The stage's name; yearly evaluations carry their year ("Yearly evaluation 2019")."""
    names = {code: (n_id, n_en) for code, n_id, n_en in STAGES}
    name = names.get(stage, (stage, stage))[0 if i18n.normalise(lang) == "id" else 1]
    return f"{name} {int(year)}" if stage == "evaluation" and pd.notna(year) else name


def stage_labels(events: pd.DataFrame, lang: str, with_year: bool = True) -> pd.Series:
    years = events["year"] if with_year else pd.Series(None, index=events.index)
    return pd.Series(
        [stage_label(s, y, lang) for s, y in zip(events["stage"], years, strict=True)],
        index=events.index,
        dtype=object,
    )


def status_label(status: str | None, lang: str) -> str:
    return i18n.translate(lang, f"region.timeline.status.{status}") if status else "–"


def table(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Stage, date, status and source, in programme order; a demo date says DEMO beside it."""
    demo = i18n.translate(lang, "core.demo")
    is_demo = events["provenance"].map(provenance.is_demo)
    dates = events["date"].map(lambda d: i18n.date_text(d, lang))
    return pd.DataFrame(
        {
            "stage": stage_labels(events, lang),
            "date": dates.where(~is_demo, dates + f" · {demo}"),
            "status": events["status"].map(lambda s: status_label(s, lang)),
            "source": events["provenance"].map(lambda p: provenance.source(p, lang)),
        }
    )


def column_names(lang: str) -> dict[str, str]:
    return {
        k: i18n.translate(lang, f"region.timeline.col.{k}")
        for k in ("stage", "date", "status", "source")
    }


def next_step(events: pd.DataFrame) -> dict | None:
    """The earliest stage not yet done (a late one comes first), or None when all are done."""
    pending = events[events["status"] != "done"].sort_values(["date", "position"])
    return pending.iloc[0].to_dict() if len(pending) else None


def next_text(events: pd.DataFrame, lang: str) -> str:
    step = next_step(events)
    if step is None:
        return i18n.translate(lang, "region.timeline.all_done")
    key = "region.timeline.next_late" if step["status"] == "late" else "region.timeline.next"
    text = i18n.translate(
        lang,
        key,
        stage=stage_label(step["stage"], step["year"], lang),
        date=i18n.date_text(step["date"], lang),
    )
    if provenance.is_demo(step["provenance"]):
        text += f" ({i18n.translate(lang, 'core.demo')})"
    return text


def figure(events: pd.DataFrame, lang: str) -> go.Figure:
    """Stages against dates, coloured by status; open markers are demo, filled are sourced.

    Yearly evaluations share one row so a long-running participation stays readable.
    """
    rows = stage_labels(events, lang, with_year=False)
    order = list(dict.fromkeys(stage_label(code, None, lang) for code, *_ in STAGES))
    demo = events["provenance"].map(provenance.is_demo)
    fig = go.Figure()
    for status in STATUSES:
        for is_demo in (False, True):
            mask = (events["status"] == status) & (demo == is_demo)
            if not mask.any():
                continue
            name = status_label(status, lang)
            if is_demo:
                name += f" ({i18n.translate(lang, 'core.demo')})"
            fig.add_scatter(
                x=pd.to_datetime(events.loc[mask, "date"]),
                y=rows[mask],
                mode="markers",
                name=name,
                marker=dict(
                    size=13,
                    color=STATUS_COLORS[status],
                    symbol="circle-open" if is_demo else "circle",
                    line=dict(width=3 if is_demo else 1, color=STATUS_COLORS[status]),
                ),
                customdata=events.loc[mask, "date"].map(lambda d: i18n.date_text(d, lang)),
                hovertemplate="%{y}<br>%{customdata}<extra>" + name + "</extra>",
            )
    present = [r for r in order if r in set(rows)]
    fig.update_layout(
        separators=i18n.separators(lang),
        height=120 + 28 * len(present),
        margin=dict(l=10, r=10, t=10, b=10),
        yaxis=dict(categoryorder="array", categoryarray=present[::-1], title=None),
        xaxis=dict(title=None, **i18n.month_ticks(events["date"], lang)),
        legend=dict(orientation="h", y=-0.12),
    )
    return fig
