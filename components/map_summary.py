"""Words and numbers for the regions the map shows: KPI tiles, tooltips and the table.

The table is the map's accessible twin: the same regions, sortable, downloadable. Columns
resting on demo values say DEMO in their header and are left out when demo is hidden.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from components import i18n, region, timeline

#: Table columns, in order; `DEMO_COLUMNS` rest on demo values.
COLUMNS = [
    "code", "name", "province", "kind", "cohorts", "tracks", "flag",
    "stage", "masterplan", "quick_wins", "launched_share", "readiness",
]  # fmt: skip
DEMO_COLUMNS = ["stage", "masterplan", "quick_wins", "launched_share", "readiness"]
FINAL = ("final", "adopted")


def kpis(facts: pd.DataFrame, selected: pd.Series) -> dict[str, float | int | None]:
    """Counts for the participants the filters keep (the last three rest on demo values)."""
    return counted(kpi_columns(facts), selected)


def kpi_columns(facts: pd.DataFrame) -> dict[str, np.ndarray]:
    """The columns `kpis` counts, as arrays: kept with the facts for every viewer
    (`components.map_shared`), a filter change then reads no frame."""
    return {
        "participant": facts["participant"].to_numpy(dtype=bool),
        "readiness": facts["readiness"].to_numpy(dtype=float),
        "final": facts["masterplan"].isin(FINAL).to_numpy(dtype=bool),
        "quick_wins_launched": facts["quick_wins_launched"].to_numpy(),
        "quick_wins": facts["quick_wins"].to_numpy(),
    }


def counted(columns: dict[str, np.ndarray], selected: pd.Series) -> dict[str, float | int | None]:
    """`kpis` from `kpi_columns`."""
    rows = np.asarray(selected, dtype=bool) & columns["participant"]
    readiness = columns["readiness"][rows]
    readiness = readiness[~np.isnan(readiness)]
    return {
        "regions": int(rows.sum()),
        "masterplans_final": int(columns["final"][rows].sum()),
        "quick_wins_launched": int(columns["quick_wins_launched"][rows].sum()),
        "quick_wins": int(columns["quick_wins"][rows].sum()),
        "readiness_median": float(np.median(readiness)) if len(readiness) else None,
    }


def _stage(stage: object, lang: str) -> str:
    return timeline.stage_label(stage, None, lang) if isinstance(stage, str) else "–"


def _masterplan(status: object, lang: str) -> str:
    return i18n.translate(lang, f"map.masterplan.{status}") if isinstance(status, str) else "–"


def _measure_value(row, measure: str, lang: str) -> tuple[str, bool]:
    """(the value the map colours `row` by, as text; whether it is a demo value)."""
    if measure == "track":
        return row.tracks or "–", False
    if measure == "masterplan":
        return _masterplan(row.masterplan, lang), bool(row.masterplan_demo)
    if measure == "quick_wins":
        if not row.quick_wins:
            return "–", False
        share = round(100 * row.quick_wins_launched / row.quick_wins)
        text = i18n.translate(
            lang, "perf.tip.quick_wins", launched=row.quick_wins_launched, total=row.quick_wins
        )
        return f"{share} % ({text})", bool(row.quick_wins_demo)
    if pd.isna(row.readiness):
        return "–", False
    return i18n.number(row.readiness, lang, 1), bool(row.readiness_demo)


def tooltips(facts: pd.DataFrame, lang: str, demo_on: bool, measure: str) -> pd.Series:
    """Hover text per region code: name, province, cohort(s), stage and the mapped value.

    The value of the measure the map is coloured by comes last, marked DEMO when it is a
    demo value (cohort and stage already have their own line).
    """
    demo = f" ({i18n.translate(lang, 'core.demo')})"
    texts = {}
    for row in facts.itertuples():
        lines = [row.name, row.province]
        if not row.participant:
            lines.append(i18n.translate(lang, "map.tip.not_participant"))
        else:
            lines.append(i18n.translate(lang, "map.tip.cohorts", cohorts=row.cohorts or "?"))
            if demo_on:
                stage = i18n.translate(lang, "map.tip.stage", stage=_stage(row.stage, lang))
                lines.append(stage + (demo if row.stage_demo else ""))
            if measure not in ("cohort", "stage"):
                value, is_demo = _measure_value(row, measure, lang)
                label = i18n.translate(lang, f"map.measure.{measure}")
                lines.append(f"{label}: {value}" + (demo if is_demo else ""))
        texts[row.code] = "\n".join(lines)
    return pd.Series(texts)


def table(facts: pd.DataFrame, selected: pd.Series, lang: str, demo_on: bool) -> pd.DataFrame:
    """The participants the filters keep, one row each, with raw (sortable) numbers."""
    rows = facts[selected & facts["participant"]].sort_values(["province_code", "name"])
    total = rows["quick_wins"].where(rows["quick_wins"] > 0)
    out = pd.DataFrame(
        {
            "code": rows["code"],
            "name": rows["name"],
            "province": rows["province"],
            "kind": rows["kind"].map(lambda k: region.kind_label(k, lang)),
            "cohorts": rows["cohorts"],
            "tracks": rows["tracks"],
            "flag": rows["flag"].map(lambda f: _flags(f, lang)),
            "stage": rows["stage"].map(lambda s: _stage(s, lang)),
            "masterplan": rows["masterplan"].map(lambda s: _masterplan(s, lang)),
            "quick_wins": rows["quick_wins_launched"].astype(str)
            + " / "
            + rows["quick_wins"].astype(str),
            "launched_share": (100 * rows["quick_wins_launched"] / total).round(0),
            "readiness": rows["readiness"].round(1),
        }
    ).reset_index(drop=True)
    return out if demo_on else out.drop(columns=DEMO_COLUMNS)


def _flags(flags: object, lang: str) -> str:
    if not isinstance(flags, str) or not flags:
        return ""
    return ", ".join(i18n.translate(lang, f"map.flag.{f}") for f in flags.split(", "))


def column_names(lang: str) -> dict[str, str]:
    """Headers as shown (and exported); demo-based ones say so."""
    demo = f" ({i18n.translate(lang, 'core.demo')})"
    return {
        c: i18n.translate(lang, f"map.col.{c}") + (demo if c in DEMO_COLUMNS else "")
        for c in COLUMNS
    }
