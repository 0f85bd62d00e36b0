"""Composite scores computed from per-criterion values and the rubric stored with them.

Nothing here is ever written back: a composite is derived on read, so an admin's change
to a criterion's weight or scale shows up everywhere at once and no stale total survives.

Readiness composite (0-100)
    Each value is normalised to 0-1 with its own criterion's scale
    (`(value - scale_min) / (scale_max - scale_min)`, clipped to 0-1), so criteria on
    different scales, or a scale changed later, stay comparable. The composite is the
    weighted mean of the normalised values of the criteria present, times 100:
    0 = every criterion at its scale minimum, 100 = every criterion at its maximum.
    Missing criteria are left out and the weights renormalised over those present; a
    composite needs present criteria to carry at least `MIN_COVERAGE` (75 %) of the total
    weight (6 of the 8 default criteria), otherwise it is left empty (NaN) and the row
    still reports how many criteria it had, so the gap is visible rather than hidden.
    Criteria with weight 0 are switched off: neither used nor counted as missing.

Evaluation index (the source's own scale, observed 2.7-3.7)
    Kominfo publishes an overall "Indeks Smart City" per region. Where a source gives
    that overall value it is shown exactly as published, never recomputed. Elsewhere
    (today: demo rows only) it is the weighted mean of the five dimensions on their own
    scale, with the same renormalisation and coverage rule. Weights differ by source
    (METHOD.md section 6); `EVALUATION_WEIGHTS` holds both readings and
    `DEFAULT_EVALUATION_WEIGHTS` is the Sleman one, the only source stating all five.
    The "2022" set (Jambi's stated Outcome/Impact/Quick Win 30/20/20 with Sleman's
    Baseline/Output 10/20) reproduces Kota Kediri's published 2022 overall, 3.31, from its
    published dimensions (3.315), where the Sleman set gives 3.26.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlite_utils import Database

from data.catalog import DEMO, EVALUATION_DIMENSIONS
from data.queries import frame

#: Share of the total criterion weight that must be present for a composite.
MIN_COVERAGE = 0.75
#: The readiness composite's range.
SCALE = (0.0, 100.0)

EVALUATION_WEIGHTS: dict[str, dict[str, float]] = {
    "sleman": {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick_win": 10},
    "2022": {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick_win": 20},
}
DEFAULT_EVALUATION_WEIGHTS = "sleman"

KEY = ["region_code", "year"]
COMPOSITE_COLUMNS = [
    *KEY,
    "composite",
    "criteria_used",
    "criteria_missing",
    "coverage",
    "demo",
    "provenance",
]
EVALUATION_COLUMNS = [
    *KEY,
    "index",
    "basis",
    "dimensions_used",
    "dimensions_missing",
    "coverage",
    "demo",
    "provenance",
]


# --- reading the inputs ---------------------------------------------------------------


def criteria(db: Database) -> pd.DataFrame:
    """The readiness rubric in display order (code, names, group, weight, scale)."""
    return frame(
        db,
        """select code, position, name_id, name_en, grp, weight, scale_min, scale_max
           from criteria order by position, code""",
    )


def scores(db: Database, kind: str, include_demo: bool = True) -> pd.DataFrame:
    """Per-criterion values of one kind; `include_demo=False` keeps sourced rows only."""
    return frame(
        db,
        """select region_code, year, criterion, value, provenance
           from scores
           where kind = :kind and criterion is not null and value is not null
             and (:demo or provenance != :mark)
           order by region_code, year, criterion""",
        {"kind": kind, "demo": int(include_demo), "mark": DEMO},
    )


# --- composites -----------------------------------------------------------------------


def _provenance(values: pd.Series) -> str:
    """`demo` if any input is demo (a blend is never fact), else the sources, one each."""
    found = list(dict.fromkeys(values.dropna()))
    return DEMO if DEMO in found else "; ".join(found)


def _provenances(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """`_provenance` of each group of `frame` by `keys`, in `groupby`'s order of groups.

    Demo groups are found in one pass over the column; only the others are joined one by
    one. A Python call for every group made a cohort's composites cost about 200 ms, the
    most of a region page's first view, and nearly every readiness value is demo.
    """
    group = frame.groupby(keys).ngroup()  # -1: a key is missing, as groupby drops it
    demo = frame["provenance"].eq(DEMO).groupby(group).any().drop(-1, errors="ignore")
    sourced = demo.index[~demo.to_numpy()]
    joined = frame["provenance"][group.isin(sourced)].groupby(group).agg(_provenance)
    found = [DEMO if is_demo else joined[n] for n, is_demo in demo.items()]
    return np.array(found, dtype=object)


def _weighted(
    values: pd.DataFrame, weights: pd.Series, min_coverage: float, value_column: str
) -> pd.DataFrame:
    """Weighted mean of `value_column` per region and year over the criteria present.

    `values` has one row per region, year and criterion; `weights` maps criterion to
    weight (only positive weights count).
    """
    weights = weights[weights > 0]
    total = float(weights.sum())
    values = values[values["criterion"].isin(weights.index)]
    rows = values.groupby([*KEY, "criterion"], as_index=False).agg(value=(value_column, "mean"))
    rows["provenance"] = _provenances(values, [*KEY, "criterion"])
    rows["value"] = rows["value"].astype(float)  # an empty group-by loses the dtype
    rows["weight"] = rows["criterion"].map(weights).astype(float)
    rows["weighted"] = rows["value"] * rows["weight"]
    out = rows.groupby(KEY, as_index=False).agg(
        weighted=("weighted", "sum"), weight=("weight", "sum"), used=("criterion", "nunique")
    )
    out["provenance"] = _provenances(rows, KEY)
    out["coverage"] = out["weight"] / total if total else 0.0
    out["mean"] = (out["weighted"] / out["weight"]).where(out["coverage"] >= min_coverage - 1e-9)
    out["missing"] = len(weights) - out["used"]
    out["demo"] = out["provenance"] == DEMO
    return out


def normalise(values: pd.Series, low: pd.Series, high: pd.Series) -> pd.Series:
    """Values mapped to 0-1 on their own scale; out-of-scale values are clipped."""
    span = (high - low).where(high != low)
    return ((values - low) / span).clip(0.0, 1.0)


def normalised_scores(scores_df: pd.DataFrame, criteria_df: pd.DataFrame) -> pd.DataFrame:
    """The rubric's criteria only, each value also as `normalised` (0-1 on its scale)."""
    rubric = criteria_df.set_index("code")
    df = scores_df[scores_df["criterion"].isin(rubric.index)].copy()
    df["normalised"] = normalise(
        df["value"].astype(float),
        df["criterion"].map(rubric["scale_min"]).astype(float),
        df["criterion"].map(rubric["scale_max"]).astype(float),
    )
    return df


def composite(
    scores_df: pd.DataFrame, criteria_df: pd.DataFrame, min_coverage: float = MIN_COVERAGE
) -> pd.DataFrame:
    """Readiness composite per region and year on 0-100 (see the module docstring).

    `scores_df`: region_code, year, criterion, value[, provenance];
    `criteria_df`: code, weight, scale_min, scale_max. Returns `COMPOSITE_COLUMNS`.
    """
    df = normalised_scores(scores_df, criteria_df)
    if "provenance" not in df:
        df["provenance"] = None
    weights = criteria_df.set_index("code")["weight"].astype(float)
    out = _weighted(df, weights, min_coverage, "normalised")
    out["composite"] = out["mean"] * SCALE[1]
    out = out.rename(columns={"used": "criteria_used", "missing": "criteria_missing"})
    return out[COMPOSITE_COLUMNS].astype({"criteria_used": int, "criteria_missing": int})


def readiness_composites(db: Database, include_demo: bool = True) -> pd.DataFrame:
    """Readiness composite of every assessed region and year, from the stored rubric."""
    return composite(scores(db, "readiness", include_demo), criteria(db))


def evaluation_index(
    scores_df: pd.DataFrame,
    weights: dict[str, float] | str = DEFAULT_EVALUATION_WEIGHTS,
    min_coverage: float = MIN_COVERAGE,
) -> pd.DataFrame:
    """Overall evaluation index per region and year: published if a source gives it.

    `scores_df` holds kind='evaluation' rows (criterion = a dimension, a pillar or
    'overall'). Returns `EVALUATION_COLUMNS`; `basis` is 'published' or 'computed'.
    """
    if isinstance(weights, str):
        weights = EVALUATION_WEIGHTS[weights]
    if scores_df.empty:
        return pd.DataFrame(columns=EVALUATION_COLUMNS)
    dims = scores_df[scores_df["criterion"].isin(EVALUATION_DIMENSIONS)]
    computed = _weighted(dims, pd.Series(weights, dtype=float), min_coverage, "value")
    computed = computed.rename(
        columns={"mean": "index", "used": "dimensions_used", "missing": "dimensions_missing"}
    ).assign(basis="computed")
    overall = scores_df[scores_df["criterion"] == "overall"]
    published = (
        overall.groupby(KEY, as_index=False)
        .agg(index=("value", "first"))
        .assign(provenance=_provenances(overall, KEY), basis="published", coverage=1.0)
    )
    published["demo"] = published["provenance"] == DEMO
    counts = computed.set_index(KEY)[["dimensions_used", "dimensions_missing"]]
    published = published.join(counts, on=KEY)
    published[["dimensions_used", "dimensions_missing"]] = published[
        ["dimensions_used", "dimensions_missing"]
    ].fillna({"dimensions_used": 0, "dimensions_missing": len(weights)})
    keys = pd.MultiIndex.from_frame(published[KEY])
    computed = computed[~pd.MultiIndex.from_frame(computed[KEY]).isin(keys)]
    out = pd.concat(
        [published[EVALUATION_COLUMNS], computed[EVALUATION_COLUMNS]], ignore_index=True
    )
    return out.astype({"dimensions_used": int, "dimensions_missing": int}).sort_values(
        KEY, ignore_index=True
    )


def evaluation_indices(
    db: Database, include_demo: bool = True, weights: str = DEFAULT_EVALUATION_WEIGHTS
) -> pd.DataFrame:
    return evaluation_index(scores(db, "evaluation", include_demo), weights)


# --- ranks ----------------------------------------------------------------------------


def competition_rank(values: pd.Series, ascending: bool = False) -> pd.Series:
    """Standard competition ranks ("1224"): ties share the best place; NaN stays unranked."""
    return values.rank(method="min", ascending=ascending).astype("Int64")


def rank_label(ranks: pd.Series) -> pd.Series:
    """Ranks as shown: a shared place is written "=3", a lone one "3"."""
    shared = ranks.duplicated(keep=False) & ranks.notna()
    text = ranks.astype("string").fillna("–")
    return text.where(~shared, "=" + text)


def latest_per_region(df: pd.DataFrame, value: str = "composite") -> pd.DataFrame:
    """Each region's most recent year with a value, e.g. for a map of readiness."""
    known = df[df[value].notna()].sort_values(KEY)
    return known.groupby("region_code", as_index=False).tail(1).reset_index(drop=True)
