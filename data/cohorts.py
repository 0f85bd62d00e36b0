"""Queries and summaries behind the cohort comparison ("Angkatan"), and criteria admin.

Scores carry a region and a year but no participation, so each is tied to a cohort here:
- a readiness assessment belongs to the cohort whose assessment stage falls in its year
  (without such a stage event: the region's first cohort in or after that year), so a
  region assessed twice (Sleman 2017 and 2021) counts in both cohorts;
- an evaluation belongs to the region's latest cohort before the evaluation year, because
  it evaluates the masterplan of that cohort.

Summaries are pure functions on the returned frames, so they work on any filtered subset.
"""

from __future__ import annotations

import math

import pandas as pd
from sqlite_utils import Database

from data import access, changes, scoring
from data.access import Actor
from data.catalog import DEMO, EVALUATION_DIMENSIONS
from data.db import write_transaction
from data.queries import frame

KINDS = ("kabupaten", "kota")
#: Readiness elements of the Citiasia framework (METHOD.md section 3) a criterion may belong to.
GROUPS = ("nature", "structure", "infrastructure", "superstructure", "culture")
#: Evaluation criteria shown per cohort: the five dimensions, then the six pillars.
PILLARS = ("governance", "branding", "economy", "living", "society", "environment")

_READINESS_COHORT = """coalesce(
      (select max(pa.cohort_year) from stage_events e
         join participations pa on pa.id = e.participation_id
        where e.region_code = s.region_code and e.stage = 'assessment'
          and cast(substr(e.date, 1, 4) as integer) = s.year),
      (select min(cohort_year) from participations
        where region_code = s.region_code and cohort_year >= s.year),
      (select max(cohort_year) from participations
        where region_code = s.region_code and cohort_year < s.year))"""
_EVALUATION_COHORT = """coalesce(
      (select max(cohort_year) from participations
        where region_code = s.region_code and cohort_year < s.year),
      (select min(cohort_year) from participations where region_code = s.region_code))"""

_TAGGED = """
with scored as (select distinct region_code, year from scores
                where kind = :kind and value is not null and (:demo or provenance != :mark)),
tagged as (select s.region_code, s.year, {cohort} as cohort_year from scored s)
select t.region_code, r.name as region, r.kind, r.province_code, p.name as province,
       t.cohort_year,
       (select track from participations pa where pa.region_code = t.region_code
          and pa.cohort_year = t.cohort_year order by pa.flag is not null, pa.id limit 1)
         as track,
       (select flag from participations pa where pa.region_code = t.region_code
          and pa.cohort_year = t.cohort_year order by pa.flag is null, pa.id limit 1) as flag,
       t.year
from tagged t join regions r on r.code = t.region_code
join provinces p on p.code = r.province_code
order by t.cohort_year, r.name, t.year"""

REGION_COLUMNS = [
    "region_code",
    "region",
    "kind",
    "province_code",
    "province",
    "cohort_year",
    "track",
    "flag",
    "year",
]


def _tagged(db: Database, kind: str, include_demo: bool) -> pd.DataFrame:
    """Every scored region and year of `kind` with its cohort, track and region details."""
    cohort = _READINESS_COHORT if kind == "readiness" else _EVALUATION_COHORT
    df = frame(
        db, _TAGGED.format(cohort=cohort), {"kind": kind, "demo": int(include_demo), "mark": DEMO}
    )
    return df.astype({"cohort_year": "Int64"})


# --- filters --------------------------------------------------------------------------


def options(db: Database) -> dict[str, list]:
    """The values each filter offers: cohort years, tracks, provinces (code, name), kinds."""
    cohorts = frame(
        db,
        "select distinct cohort_year from participations where cohort_year is not null order by 1",
    )
    tracks = frame(
        db,
        "select track, min(cohort_year) as first from participations "
        "where track is not null group by track order by first, track",
    )
    provinces = frame(
        db,
        "select distinct p.code, p.name from participations pa "
        "join regions r on r.code = pa.region_code "
        "join provinces p on p.code = r.province_code order by p.code",
    )
    return {
        "cohorts": [int(y) for y in cohorts["cohort_year"]],
        "tracks": list(tracks["track"]),
        "provinces": list(provinces.itertuples(index=False, name=None)),
        "kinds": list(KINDS),
    }


# --- readiness ------------------------------------------------------------------------


def readiness(db: Database, include_demo: bool = True) -> pd.DataFrame:
    """One row per assessment (region x year) with its cohort and composite (0-100)."""
    composites = scoring.readiness_composites(db, include_demo)
    return _tagged(db, "readiness", include_demo).merge(composites, on=scoring.KEY, how="inner")


def readiness_criteria(db: Database, include_demo: bool = True) -> pd.DataFrame:
    """Per-criterion values with their cohort, also normalised to 0-100 by the rubric."""
    values = scoring.normalised_scores(
        scoring.scores(db, "readiness", include_demo), scoring.criteria(db)
    )
    values["normalised"] *= 100
    return _tagged(db, "readiness", include_demo).merge(values, on=scoring.KEY)


# --- evaluation -----------------------------------------------------------------------


def evaluation(
    db: Database, include_demo: bool = True, weights: str = scoring.DEFAULT_EVALUATION_WEIGHTS
) -> pd.DataFrame:
    """One row per evaluated region and year: the overall index, published or computed."""
    index = scoring.evaluation_indices(db, include_demo, weights)
    return _tagged(db, "evaluation", include_demo).merge(index, on=scoring.KEY, how="inner")


def evaluation_criteria(db: Database, include_demo: bool = True) -> pd.DataFrame:
    """Evaluation values per dimension and pillar (not 'overall'), with their cohort."""
    values = scoring.scores(db, "evaluation", include_demo)
    values = values[values["criterion"].isin([*EVALUATION_DIMENSIONS, *PILLARS])]
    return _tagged(db, "evaluation", include_demo).merge(values, on=scoring.KEY)


def published_evaluations(db: Database) -> pd.DataFrame:
    """Every sourced Kominfo evaluation value exactly as its source gives it."""
    return frame(
        db,
        """select s.region_code, r.name as region, r.kind, r.province_code, s.year,
                  s.criterion, s.index_name, s.value, s.scale, s.provenance, s.note
           from scores s join regions r on r.code = s.region_code
           where s.kind in ('evaluation', 'evaluation_detail') and s.provenance != :mark
           order by s.kind, r.name, s.year, s.criterion != 'overall', s.index_name""",
        {"mark": DEMO},
    )


def external_indices(db: Database) -> pd.DataFrame:
    """Published external indices (IKCI, RKCI, ISNA ...) with their sources, never demo."""
    return frame(
        db,
        """select s.index_name, s.year, s.region_code, r.name as region, r.kind,
                  r.province_code, p.name as province, s.value, s.scale, s.provenance, s.note,
                  (select min(cohort_year) from participations pa
                    where pa.region_code = s.region_code) as first_cohort
           from scores s join regions r on r.code = s.region_code
           join provinces p on p.code = r.province_code
           where s.kind = 'external' and s.provenance != :mark
           order by s.index_name, s.year, s.scale, s.value, r.name""",
        {"mark": DEMO},
    )


# --- summaries (pure) -----------------------------------------------------------------


def distribution(df: pd.DataFrame, by: str, value: str) -> pd.DataFrame:
    """n, median, quartiles and IQR of `value` per group, groups in their natural order."""
    known = df[df[value].notna()]
    grouped = known.groupby(by, sort=True)[value]
    out = pd.DataFrame(
        {
            "n": grouped.size(),
            "median": grouped.median(),
            "q1": grouped.quantile(0.25),
            "q3": grouped.quantile(0.75),
            "mean": grouped.mean(),
            "min": grouped.min(),
            "max": grouped.max(),
        }
    )
    out["iqr"] = out["q3"] - out["q1"]
    return out.reset_index()


def cohort_means(per_criterion: pd.DataFrame, value: str = "normalised") -> pd.DataFrame:
    """Cohort x criterion table of mean values (rows: cohort years; columns: criteria)."""
    return per_criterion.pivot_table(
        index="cohort_year", columns="criterion", values=value, aggfunc="mean"
    ).sort_index()


def cohort_spread(means: pd.DataFrame) -> pd.DataFrame:
    """Per criterion: lowest and highest cohort mean, their range and SD, widest first.

    With fewer than two cohorts there is nothing to compare, so the frame is empty.
    """
    columns = ["criterion", "low_cohort", "low", "high_cohort", "high", "range", "sd"]
    means = means.dropna(how="all", axis=1)
    if means.shape[0] < 2:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(
        {
            "criterion": means.columns,
            "low_cohort": means.idxmin().values,
            "low": means.min().values,
            "high_cohort": means.idxmax().values,
            "high": means.max().values,
            "sd": means.std(ddof=0).values,
        }
    )
    out["range"] = out["high"] - out["low"]
    return out[columns].sort_values(
        ["range", "criterion"], ascending=[False, True], ignore_index=True
    )


def ranked(df: pd.DataFrame, value: str) -> pd.DataFrame:
    """Adds competition ranks (ties share the best place) overall and within each cohort."""
    out = df.copy()
    out["rank"] = scoring.competition_rank(out[value])
    out["cohort_rank"] = (
        out.groupby("cohort_year", dropna=False)[value]
        .transform(lambda s: scoring.competition_rank(s))
        .astype("Int64")
    )
    return out.sort_values(["rank", "region"], na_position="last", ignore_index=True)


def changes_over_time(df: pd.DataFrame, value: str) -> pd.DataFrame:
    """Regions with a value in more than one year: each later year against the one before."""
    known = df[df[value].notna()].sort_values(["region_code", "year"])
    before = known.groupby("region_code")[["year", "cohort_year", value, "demo"]].shift()
    pairs = known.assign(
        from_year=before["year"],
        from_cohort=before["cohort_year"],
        from_value=before[value],
        demo=known["demo"] | before["demo"].fillna(False).astype(bool),
    ).dropna(subset=["from_year"])
    pairs = pairs.rename(columns={"year": "to_year", "cohort_year": "to_cohort", value: "to_value"})
    pairs["change"] = pairs["to_value"] - pairs["from_value"]
    pairs = pairs.astype({"from_year": int, "from_cohort": "Int64"})
    columns = [
        "region_code",
        "region",
        "province",
        "from_year",
        "from_cohort",
        "from_value",
        "to_year",
        "to_cohort",
        "to_value",
        "change",
        "demo",
    ]
    return pairs[[c for c in columns if c in pairs]].sort_values(
        ["change", "region"], ascending=[False, True], ignore_index=True
    )


# --- criteria admin -------------------------------------------------------------------


class CriterionError(ValueError):
    """A rejected criterion change; `field` names the input at fault.

    `code` and `params` pick the reason in the `kelola.reason.*` catalog for the Kelola page;
    the English message is for the shell and the log.
    """

    def __init__(self, field: str, message: str, code: str, **params: object):
        super().__init__(f"{field}: {message}")
        self.field, self.code, self.params = field, code, params


EDITABLE = ("name_id", "name_en", "grp", "weight", "scale_min", "scale_max")


def _number(field: str, raw: object) -> float:
    if isinstance(raw, bool):
        raise CriterionError(field, f"must be a number, not {raw!r}", "number")
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CriterionError(field, f"must be a number, not {raw!r}", "number") from None
    if not math.isfinite(value):
        raise CriterionError(field, f"must be a finite number, not {raw!r}", "number")
    return value


def _text(field: str, raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise CriterionError(field, "must not be empty", "required")
    if len(raw.strip()) > 80:
        raise CriterionError(field, "must be at most 80 characters", "too_long", limit=80)
    return raw.strip()


def _validated(db: Database, current: dict, update: dict) -> dict:
    """The criterion as it would be after `update`, or a CriterionError naming the field."""
    if not update:
        raise CriterionError(
            "fields", f"nothing to change; editable: {', '.join(EDITABLE)}", "nothing_to_change"
        )
    for field in update:
        if field not in EDITABLE:
            raise CriterionError(
                field, f"cannot be changed; editable: {', '.join(EDITABLE)}", "unknown_field"
            )
    new = dict(current)
    for field, raw in update.items():
        if field in ("name_id", "name_en"):
            new[field] = _text(field, raw)
        elif field == "grp":
            if raw not in GROUPS:
                raise CriterionError(
                    field,
                    f"must be one of {', '.join(GROUPS)}, not {raw!r}",
                    "choice",
                    options=", ".join(GROUPS),
                )
            new[field] = raw
        else:
            new[field] = _number(field, raw)
    if new["weight"] < 0:
        raise CriterionError("weight", f"must be 0 or more, not {new['weight']:g}", "min_zero")
    others = next(
        db.query(
            "select coalesce(sum(weight), 0) as w from criteria where code != ?", [current["code"]]
        )
    )["w"]
    if new["weight"] + others <= 0:
        raise CriterionError(
            "weight", "at least one criterion must keep a positive weight", "positive_weight"
        )
    if new["scale_min"] >= new["scale_max"]:
        field = "scale_max" if "scale_max" in update else "scale_min"
        raise CriterionError(
            field,
            f"scale_min ({new['scale_min']:g}) must be below scale_max ({new['scale_max']:g})",
            "scale_order",
        )
    stored = next(
        db.query(
            "select min(value) as low, max(value) as high from scores "
            "where kind = 'readiness' and criterion = ?",
            [current["code"]],
        )
    )
    if stored["low"] is not None and stored["low"] < new["scale_min"]:
        raise CriterionError(
            "scale_min",
            f"{new['scale_min']:g} is above a stored value ({stored['low']:g})",
            "stored_outside",
            value=f"{stored['low']:g}",
        )
    if stored["high"] is not None and stored["high"] > new["scale_max"]:
        raise CriterionError(
            "scale_max",
            f"{new['scale_max']:g} is below a stored value ({stored['high']:g})",
            "stored_outside",
            value=f"{stored['high']:g}",
        )
    return new


def update_criterion(db: Database, code: str, actor: Actor, **update: object) -> dict:
    """Change a criterion's names, group, weight or scale (admins only); returns it as saved.

    Every field is checked before anything is written, so a bad input changes nothing. The
    rubric is programme-wide, so only an admin passes `data.access.check` (a refusal is
    audited). The write, its version and its change-log entry share one transaction.
    """
    if not isinstance(actor, Actor):
        raise CriterionError("actor", "must be the acting identity (data.access.Actor)", "required")
    with write_transaction(db):
        access.check(db, actor, None, "criteria", code)
        rows = list(db["criteria"].rows_where("code = ?", [code]))
        if not rows:
            raise CriterionError("code", f"no criterion {code!r}", "no_row")
        current = rows[0]
        new = _validated(db, current, update)
        changed = {k: new[k] for k in EDITABLE if new[k] != current[k]}
        if not changed:
            return new
        version = (current.get("version") or 0) + 1
        db["criteria"].update(code, {**changed, **changes.stamp(actor.name), "version": version})
        detail = {"before": {k: current[k] for k in changed}, "after": changed}
        changes.record(db, actor, "change", "criteria", code, detail)
    return new
