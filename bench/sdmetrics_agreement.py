#!/usr/bin/env python3
"""Item-by-item agreement of `relsynth report` with SDMetrics on the same real/synthetic pairs.

    bench/.venv/bin/python bench/sdmetrics_agreement.py [RESULTS_DIR]
        [--relsynth BIN [--max-rows N] | --reports DIR] [--out JSON] [--datasets a,b]
        [--systems x,y] [--explain northwind/relsynth,...]

RESULTS_DIR (default: bench/results/tmp/<latest date>) holds <dataset>/<system>/ directories
written by bench/run_peers.sh: every one with synthetic.sqlite and report.json is a pair; the
real database is named by <dataset>/source.txt and the metadata is <dataset>/meta.json (or the
system's meta.covered.json). --relsynth BIN first regenerates every pair's report.json with that
binary (`report ... --no-detection --no-privacy [--max-rows N]`, into a temporary directory; the
bench files are left alone); --reports DIR reads <dataset>/<system>/report.json from DIR instead.
relsynth computes pair and inter-table trends on at most --max-rows rows per table (50,000 by
default); a larger --max-rows compares the definitions without that sampling.

For exactly the items relsynth scored -- every column shape, every column pair, every
relationship's cardinality and every inter-table pair in report.json -- SDMetrics' own code
computes the same item on the same data (all rows, no sampling):

* column shapes: sdmetrics.single_column.KSComplement / TVComplement (relsynth's metric);
* column pairs and inter-table pairs: SDMetrics' ColumnPairTrends property code
  (sdmetrics.reports.single_table._properties.ColumnPairTrends._generate_details, restricted
  to the pair), i.e. CorrelationSimilarity for two continuous columns and ContingencySimilarity
  otherwise, numbers and datetimes discretized exactly as the QualityReport does it; its
  50,000-row subsample of contingency pairs is switched off (num_rows_subsample=None) so both
  sides use every row; inter-table pairs on the child rows inner-joined to their parent rows;
* cardinality: sdmetrics.utils.get_cardinality_distribution of each side and 1 - the
  ks_2samp statistic, the body of CardinalityShapeSimilarity.compute_breakdown, run per
  relationship (so also on the composite keys and self-references SDV cannot express).

Values are read as relsynth reads them: a column relsynth scored with KSComplement is a number
(datetimes parsed with the column's format), one scored with TVComplement a category (text,
integral numbers without ".0", booleans True/False); keys are matched as relsynth matches them
(5, 5.0 and "5" are one key).

Output: a JSON with every item (relsynth score, SDMetrics score, |difference|) and a summary per
metric kind (items, mean and max |difference|, share within 0.02), written to
bench/results/agreement-<date>.json (or --out); a markdown table is printed, followed, for the
pairs named by --explain, by how SDMetrics' QualityReport property figures differ from
relsynth's summary figures (which items each includes).
"""
from __future__ import annotations

import argparse
import glob
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "peers"))
import metadata as md  # noqa: E402

TOLERANCE = 0.02
KINDS = ["column_shapes", "column_pair_trends", "cardinality", "intertable_trends"]


# ---------------------------------------------------------------------------------------------
# Values, as relsynth reads them.

def _is_null(v):
    return v is None or (isinstance(v, float) and v != v)


def category(v):
    """relsynth's category identity (CodeBook in src/report/stats.cpp) as text."""
    if _is_null(v):
        return None
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, float) and v.is_integer() and abs(v) < 9.2e18:
        return str(int(v))
    return str(v)


def key_value(v):
    """A key as relsynth matches keys (append_value_key): integers, integral floats and canonical
    integer text are one key."""
    if _is_null(v):
        return None
    if isinstance(v, (bool, int)):
        return f"i{int(v)}"
    if isinstance(v, float):
        return f"i{int(v)}" if v.is_integer() and abs(v) < 9.2e18 else f"f{v!r}"
    if isinstance(v, bytes):
        return "b" + v.hex()
    s = str(v)
    body = s[1:] if s.startswith("-") else s
    if body.isdigit() and body.isascii() and (body == "0" and s == "0" or not body.startswith("0")):
        if len(s) <= 19:
            return f"i{int(s)}"
    return "s" + s


def continuous(series, col):
    """Float numbers (NaN for NULL) or datetime64 (NaT for NULL) of a continuous column."""
    import pandas as pd
    storage = col.get("type")
    if storage in ("date", "datetime"):
        fmt, _ = md.python_datetime_format(col.get("format"))
        s = series.where(series.notna(), None)
        if len(s.dropna()) and not s.dropna().map(lambda v: isinstance(v, str)).all():
            return pd.to_datetime(s, errors="coerce")
        parsed = pd.to_datetime(s, format=fmt, errors="coerce") if fmt else None
        if parsed is None or parsed.notna().sum() < s.notna().sum():
            parsed = pd.to_datetime(s, format="mixed", errors="coerce")
        return parsed
    if storage == "time":
        td = pd.to_timedelta(series, errors="coerce")
        return pd.Series(td.dt.total_seconds(), index=series.index, dtype="float64")
    return pd.to_numeric(series, errors="coerce").astype("float64")


def discrete(series, col):
    import pandas as pd
    if col.get("sdtype") == "boolean":
        return pd.Series([md._to_bool(v) for v in series], index=series.index, dtype="object")
    return pd.Series([category(v) for v in series], index=series.index, dtype="object")


def as_number(series):
    """Datetimes as float nanoseconds (NaN for NaT), as ColumnPairTrends converts them."""
    import numpy as np
    import pandas as pd
    if pd.api.types.is_datetime64_any_dtype(series):
        out = series.astype("int64").astype("float64")
        out[series.isna()] = np.nan
        return out
    return series


# ---------------------------------------------------------------------------------------------
# SDMetrics' computations.

def _nan(x):
    try:
        x = float(x)
    except (TypeError, ValueError):
        return math.nan
    return x


def sdm_shape(metric, real, synthetic):
    from sdmetrics.single_column import KSComplement, TVComplement
    try:
        if metric == "KSComplement":
            return _nan(KSComplement.compute(real, synthetic))
        return _nan(TVComplement.compute(real, synthetic))
    except Exception:  # noqa: BLE001 - SDMetrics records an error and a NaN score
        return math.nan


def sdtype_for(col, shape, series):
    import pandas as pd
    if shape == "continuous":
        return "datetime" if pd.api.types.is_datetime64_any_dtype(series) else "numerical"
    return "boolean" if col.get("sdtype") == "boolean" else "categorical"


def sdm_pairs(real_df, synthetic_df, sdtypes, pairs):
    """SDMetrics' ColumnPairTrends details for the given (column1, column2) pairs:
    {(c1, c2): (score, metric)}. real_df / synthetic_df hold the normalised columns."""
    import pandas as pd
    from sdmetrics.reports.single_table._properties import ColumnPairTrends
    if not pairs:
        return {}
    prop = ColumnPairTrends()
    prop.num_rows_subsample = None  # every row on both sides
    meta = {"columns": {c: {"sdtype": t} for c, t in sdtypes.items()}}
    cols = list(sdtypes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        details = prop._generate_details(real_df[cols].copy(), synthetic_df[cols].copy(), meta,
                                         column_pairs=list(pairs))
    out = {}
    for _, row in details.iterrows():
        out[(row["Column 1"], row["Column 2"])] = (_nan(row["Score"]), row["Metric"])
    return out


def sdm_contingency_real_bins(real_df, synthetic_df, c1, c2, continuous_cols):
    """ContingencySimilarity.compute(..., continuous_column_names=...): the standalone metric's
    binning (10 bins of the real range, outer edges at -inf/+inf, both sides on them)."""
    from sdmetrics.column_pairs import ContingencySimilarity
    r = real_df[[c1, c2]].copy()
    s = synthetic_df[[c1, c2]].copy()
    for c in continuous_cols:
        r[c] = as_number(r[c])
        s[c] = as_number(s[c])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _nan(ContingencySimilarity.compute(
                r, s, continuous_column_names=list(continuous_cols) or None))
    except Exception:  # noqa: BLE001
        return math.nan


def sdm_cardinality(real_parent_keys, real_child_keys, synth_parent_keys, synth_child_keys):
    """CardinalityShapeSimilarity.compute_breakdown for one relationship."""
    from scipy.stats import ks_2samp
    from sdmetrics.utils import get_cardinality_distribution
    try:
        real = get_cardinality_distribution(real_parent_keys, real_child_keys)
        synthetic = get_cardinality_distribution(synth_parent_keys, synth_child_keys)
        statistic, _ = ks_2samp(real, synthetic)
        return _nan(1 - statistic)
    except Exception:  # noqa: BLE001
        return math.nan


# ---------------------------------------------------------------------------------------------
# One real/synthetic pair.

def composite_keys(df, columns):
    """One key per row (None when a key column is NULL), as relsynth's row_key."""
    import pandas as pd
    parts = [df[c].map(key_value) if c in df.columns else pd.Series([None] * len(df))
             for c in columns]
    keys = []
    for values in zip(*parts):
        keys.append(None if any(v is None for v in values) else "\x1f".join(values))
    return pd.Series(keys, index=df.index, dtype="object")


def first_row_keys(keys):
    """relsynth's KeyIndex keeps the first row of a repeated parent key; the later ones get no
    children (SDMetrics would count the children once per copy). Returns the keys with repeats
    replaced by a unique placeholder."""
    seen = keys.duplicated() & keys.notna()
    out = keys.copy()
    out[seen] = [f"\x00dup{i}" for i in range(int(seen.sum()))]
    return out


class Side:
    """One database read with the metadata, with cached normalised columns."""

    def __init__(self, raw, meta):
        self.raw = raw
        self.cols = {t["name"]: {c["name"]: c for c in t["columns"]} for t in meta["tables"]}
        self._cache = {}

    def column(self, table, name, shape):
        import pandas as pd
        k = (table, name, shape)
        if k not in self._cache:
            df = self.raw.get(table)
            if df is None or name not in df.columns:
                s = pd.Series([], dtype="object")
            else:
                s = df[name]
            col = self.cols[table][name]
            self._cache[k] = continuous(s, col) if shape == "continuous" else discrete(s, col)
        return self._cache[k]


def item(kind, metric, where, columns, rs, sd, extra=None):
    both_nan = math.isnan(rs) and math.isnan(sd)
    one_nan = math.isnan(rs) != math.isnan(sd)
    diff = None if (both_nan or one_nan) else abs(rs - sd)
    out = {"kind": kind, "metric": metric, "where": where, "columns": columns,
           "relsynth": None if math.isnan(rs) else rs,
           "sdmetrics": None if math.isnan(sd) else sd,
           "abs_diff": diff}
    if one_nan:
        out["undefined_mismatch"] = True
    if extra:
        out.update(extra)
    return out


def shapes_of(report):
    """{table: {column: 'continuous' | 'discrete'}} from relsynth's column-shape metrics."""
    out = {}
    for t in report["tables"]:
        out[t["name"]] = {c["column"]: ("continuous" if c["metric"] == "KSComplement"
                                        else "discrete") for c in t["column_shapes"]}
    return out


def pair_frames(real, synth, table_cols):
    """Normalised DataFrames of (table, column, shape) triples, named by the given keys."""
    import pandas as pd
    r, s, sdtypes = {}, {}, {}
    for key, (table, column, shape, col) in table_cols.items():
        r[key] = real.column(table, column, shape).reset_index(drop=True)
        s[key] = synth.column(table, column, shape).reset_index(drop=True)
        sdtypes[key] = sdtype_for(col, shape, r[key])
    return r, s, sdtypes


def compare_pair(synth_path, meta_path, report, real_raw):
    import pandas as pd
    meta = md.load_relsynth_metadata(meta_path)
    synth_raw = md.read_synthetic_tables(synth_path, meta)
    real, synth = Side(real_raw, meta), Side(synth_raw, meta)
    shapes = shapes_of(report)
    items = []

    # Column shapes.
    for t in report["tables"]:
        for c in t["column_shapes"]:
            shape = shapes[t["name"]][c["column"]]
            col = real.cols[t["name"]][c["column"]]
            sd = sdm_shape(c["metric"], real.column(t["name"], c["column"], shape),
                           synth.column(t["name"], c["column"], shape))
            items.append(item("column_shapes", c["metric"], t["name"], [c["column"]],
                              _nan(c["score"]), sd, {"sdtype": col.get("sdtype"),
                                                     "storage": col.get("type")}))

    # Column pairs, per table.
    for t in report["tables"]:
        pairs = [(p["column1"], p["column2"], p) for p in t["column_pair_trends"]]
        if not pairs:
            continue
        needed = sorted({c for a, b, _ in pairs for c in (a, b)})
        spec = {c: (t["name"], c, shapes[t["name"]][c], real.cols[t["name"]][c]) for c in needed}
        r, s, sdtypes = pair_frames(real, synth, spec)
        rdf, sdf = pd.DataFrame(r), pd.DataFrame(s)
        got = sdm_pairs(rdf, sdf, sdtypes, [(a, b) for a, b, _ in pairs])
        for a, b, p in pairs:
            sd, metric = got.get((a, b), (math.nan, None))
            extra = {"sampled": bool(t.get("column_pairs_sampled"))}
            if metric and metric != p["metric"]:
                extra["sdmetrics_metric"] = metric
            cont = [c for c in (a, b) if spec[c][2] == "continuous"]
            if p["metric"] == "ContingencySimilarity" and cont:
                extra["sdmetrics_real_range_bins"] = _round(
                    sdm_contingency_real_bins(rdf, sdf, a, b, cont))
            items.append(item("column_pair_trends", p["metric"], t["name"], [a, b],
                              _nan(p["score"]), sd, extra))

    # Relationships: cardinality and inter-table pairs.
    by_name = {tm["name"]: tm for tm in meta["tables"]}
    for rel in report["relationships"]:
        child, parent = rel["child_table"], rel["parent_table"]
        where = f"{child}({', '.join(rel['child_columns'])}) -> {parent}"
        if child not in by_name or parent not in by_name:
            continue
        keys = {}
        for side_name, side in (("real", real), ("synthetic", synth)):
            pdf = side.raw.get(parent, pd.DataFrame())
            cdf = side.raw.get(child, pd.DataFrame())
            keys[side_name] = (first_row_keys(composite_keys(pdf, rel["parent_columns"])),
                               composite_keys(cdf, rel["child_columns"]))
        sd = sdm_cardinality(keys["real"][0], keys["real"][1], keys["synthetic"][0],
                             keys["synthetic"][1])
        items.append(item("cardinality", "CardinalityShapeSimilarity", where,
                          rel["child_columns"], _nan(rel.get("cardinality_score")), sd))
        pairs = [(p["column1"], p["column2"], p) for p in rel.get("intertable_trends", [])]
        if not pairs:
            continue
        frames = {}
        for side_name, side in (("real", real), ("synthetic", synth)):
            pkeys, ckeys = keys[side_name]
            spec = {}
            for a, b, _ in pairs:
                spec["P." + a] = (parent, a, shapes[parent][a], real.cols[parent][a])
                spec["C." + b] = (child, b, shapes[child][b], real.cols[child][b])
            cols = {}
            for k, (table, column, shape, col) in spec.items():
                cols[k] = side.column(table, column, shape)
            pframe = pd.DataFrame({k: v.reset_index(drop=True) for k, v in cols.items()
                                   if k.startswith("P.")})
            pframe["__key"] = pkeys.reset_index(drop=True)
            cframe = pd.DataFrame({k: v.reset_index(drop=True) for k, v in cols.items()
                                   if k.startswith("C.")})
            cframe["__key"] = ckeys.reset_index(drop=True)
            cframe = cframe[cframe["__key"].notna()]
            pframe = pframe[pframe["__key"].notna()]
            joined = cframe.merge(pframe, on="__key", how="inner").drop(columns="__key")
            frames[side_name] = joined
            frames["spec"] = spec
        spec = frames["spec"]
        sdtypes = {k: sdtype_for(v[3], v[2], frames["real"][k]) for k, v in spec.items()}
        got = sdm_pairs(frames["real"], frames["synthetic"], sdtypes,
                        [("P." + a, "C." + b) for a, b, _ in pairs])
        for a, b, p in pairs:
            sd, metric = got.get(("P." + a, "C." + b), (math.nan, None))
            extra = {}
            if metric and metric != p["metric"]:
                extra["sdmetrics_metric"] = metric
            cont = [c for c in ("P." + a, "C." + b) if spec[c][2] == "continuous"]
            if p["metric"] == "ContingencySimilarity" and cont:
                extra["sdmetrics_real_range_bins"] = _round(sdm_contingency_real_bins(
                    frames["real"], frames["synthetic"], "P." + a, "C." + b, cont))
            items.append(item("intertable_trends", p["metric"], where,
                              [f"{parent}.{a}", f"{child}.{b}"], _nan(p["score"]), sd, extra))
    return items


def _round(x):
    return None if x is None or math.isnan(x) else round(x, 6)


# ---------------------------------------------------------------------------------------------
# Summary.

def summarise(items):
    groups = {}
    for it in items:
        for key in ((it["kind"], "all"), (it["kind"], it["metric"])):
            groups.setdefault(key, []).append(it)
    out = []
    for kind in KINDS:
        metrics = sorted({m for k, m in groups if k == kind and m != "all"})
        for metric in (["all"] + metrics) if len(metrics) > 1 else metrics:
            g = groups.get((kind, metric), [])
            diffs = [it["abs_diff"] for it in g if it["abs_diff"] is not None]
            mism = sum(1 for it in g if it.get("undefined_mismatch"))
            both = sum(1 for it in g if it["relsynth"] is None and it["sdmetrics"] is None)
            within = sum(1 for d in diffs if d <= TOLERANCE) + both
            out.append({"kind": kind, "metric": metric, "items": len(g),
                        "compared": len(diffs), "both_undefined": both,
                        "undefined_mismatch": mism,
                        "mean_abs_diff": sum(diffs) / len(diffs) if diffs else None,
                        "max_abs_diff": max(diffs) if diffs else None,
                        "share_within_0_02": round(within / len(g), 4) if g else None})
    return out


def markdown(summary):
    lines = ["| kind | metric | items | mean abs diff | max abs diff | within 0.02 | "
             "undefined on one side only |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for s in summary:
        f = (lambda v: "-" if v is None else f"{v:.4f}" if v == 0 or v >= 1e-4 else f"{v:.0e}")
        lines.append(f"| {s['kind']} | {s['metric']} | {s['items']} | {f(s['mean_abs_diff'])} | "
                     f"{f(s['max_abs_diff'])} | {100 * (s['share_within_0_02'] or 0):.1f}% | "
                     f"{s['undefined_mismatch']} |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Property-level explanation: SDMetrics' QualityReport details against relsynth's items.

def explain(real_path, synth_path, meta_path, report):
    """Runs SDMetrics' QualityReport as bench/peers/score_sdmetrics.py does (same scoring
    metadata, no row sampling) and compares its detail rows with relsynth's items."""
    import pandas as pd
    import score_sdmetrics as ss
    from sdmetrics.reports import QualityReport
    real_raw, synth_raw, scoring, notes = ss.read_for_scoring(real_path, synth_path, meta_path)
    real, synth = {}, {}
    for name, tmeta in scoring["tables"].items():
        info = notes["column_info"][name]
        real[name] = ss.normalise(real_raw[name], tmeta, info).reset_index(drop=True)
        synth[name] = ss.normalise(synth_raw.get(name, pd.DataFrame()), tmeta,
                                   info).reset_index(drop=True)
    q = QualityReport()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        q.generate(real, synth, scoring, verbose=False)
    props = {r["Property"]: _nan(r["Score"]) for _, r in q.get_properties().iterrows()}

    def rs_items(kind):
        out = {}
        if kind == "Column Shapes":
            for t in report["tables"]:
                for c in t["column_shapes"]:
                    out[(t["name"], c["column"])] = _nan(c["score"])
        elif kind == "Column Pair Trends":
            for t in report["tables"]:
                for p in t["column_pair_trends"]:
                    out[(t["name"], frozenset((p["column1"], p["column2"])))] = _nan(p["score"])
        elif kind == "Cardinality":
            for r in report["relationships"]:
                out[(r["child_table"], tuple(r["child_columns"]), r["parent_table"])] = \
                    _nan(r["cardinality_score"])
        else:
            for r in report["relationships"]:
                for p in r["intertable_trends"]:
                    out[(r["child_table"], tuple(r["child_columns"]), r["parent_table"],
                         p["column1"], p["column2"])] = _nan(p["score"])
        return out

    def sd_items(kind):
        """{key: (score, counts)}: counts is False for a pair the property leaves out of its
        mean (the real data's |Pearson| <= 0.5 or Cramer's V <= 0.3: "Meets Threshold?")."""
        d = q.get_details(kind)
        out, errors = {}, {}
        for _, r in d.iterrows():
            if kind == "Column Shapes":
                k = (r["Table"], r["Column"])
            elif kind == "Column Pair Trends":
                k = (r["Table"], frozenset((r["Column 1"], r["Column 2"])))
            elif kind == "Cardinality":
                k = (r["Child Table"], (r["Foreign Key"],), r["Parent Table"])
            else:
                fk = r["Foreign Key"]
                k = (r["Child Table"], (fk,), r["Parent Table"], r["Column 1"], r["Column 2"])
            counts = True
            if "Meets Threshold?" in d.columns:
                counts = bool(r["Meets Threshold?"]) if not pd.isna(r["Meets Threshold?"]) \
                    else False
            out[k] = (_nan(r["Score"]), counts)
            if "Error" in d.columns and isinstance(r.get("Error"), str):
                errors[k] = r["Error"]
        return out, errors

    def mean(vals):
        vals = [v for v in vals if not math.isnan(v)]
        return round(sum(vals) / len(vals), 4) if vals else None

    summary_key = {"Column Shapes": "column_shapes", "Column Pair Trends": "column_pair_trends",
                   "Cardinality": "cardinality_shapes", "Intertable Trends": "intertable_trends"}
    result = {}
    for kind in ("Column Shapes", "Column Pair Trends", "Cardinality", "Intertable Trends"):
        rs = rs_items(kind)
        sd, errors = sd_items(kind)
        both = [k for k in rs if k in sd]
        only_sd = [k for k in sd if k not in rs]
        only_rs = [k for k in rs if k not in sd]
        counted = [k for k in sd if sd[k][1]]
        below = [k for k in sd if not sd[k][1] and k not in errors]
        result[kind] = {
            "sdmetrics_property": _round(props.get(kind, math.nan)),
            "relsynth_summary": _round(_nan(report["summary"].get(summary_key[kind]))),
            "relsynth_items": len(rs), "sdmetrics_items": len(sd), "common_items": len(both),
            "only_sdmetrics": len(only_sd), "only_sdmetrics_mean": mean([sd[k][0]
                                                                         for k in only_sd]),
            "only_relsynth": len(only_rs), "only_relsynth_mean": mean([rs[k] for k in only_rs]),
            "relsynth_mean_common": mean([rs[k] for k in both]),
            "below_threshold": len(below), "sdmetrics_errors": len(errors),
            "sdmetrics_error_kinds": sorted({e.split(":")[0] for e in errors.values()}),
            "counted_by_sdmetrics": len(counted),
            "relsynth_mean_over_counted": mean([rs[k] for k in counted if k in rs]),
            "only_sdmetrics_examples": [_fmt_key(k) for k in only_sd[:4]],
            "only_relsynth_examples": [_fmt_key(k) for k in only_rs[:4]],
        }
    return result


def _fmt_key(k):
    return " / ".join(" x ".join(sorted(x)) if isinstance(x, frozenset)
                      else ",".join(x) if isinstance(x, tuple) else str(x) for x in k)


def explain_text(name, ex):
    f = (lambda v: "-" if v is None else f"{v:.4f}")
    lines = [f"### {name}: SDMetrics QualityReport properties vs relsynth's summary", "",
             "| property | SDMetrics | relsynth | items SDMetrics / relsynth / common | "
             "only relsynth (mean) | SDMetrics: below threshold / error | SDMetrics averages "
             "| relsynth's mean over those |",
             "| --- | ---: | ---: | --- | --- | --- | ---: | ---: |"]
    for kind, e in ex.items():
        lines.append(f"| {kind} | {f(e['sdmetrics_property'])} | {f(e['relsynth_summary'])} | "
                     f"{e['sdmetrics_items']} / {e['relsynth_items']} / {e['common_items']} | "
                     f"{e['only_relsynth']} ({f(e['only_relsynth_mean'])}) | "
                     f"{e['below_threshold']} / {e['sdmetrics_errors']} | "
                     f"{e['counted_by_sdmetrics']} | {f(e['relsynth_mean_over_counted'])} |")
    for kind, e in ex.items():
        if e["only_sdmetrics_examples"] or e["only_relsynth_examples"]:
            lines.append(f"- {kind}: only relsynth e.g. {e['only_relsynth_examples']}; only "
                         f"SDMetrics e.g. {e['only_sdmetrics_examples']}")
        if e["sdmetrics_error_kinds"]:
            lines.append(f"- {kind}: SDMetrics errors {e['sdmetrics_error_kinds']}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------

def latest_results_dir():
    base = os.path.join(HERE, "results", "tmp")
    dates = sorted(d for d in os.listdir(base) if os.path.isdir(os.path.join(base, d)))
    if not dates:
        raise SystemExit(f"no results under {base}")
    return os.path.join(base, dates[-1])


def find_pairs(results, reports_dir, datasets, systems):
    pairs = []
    for dsdir in sorted(glob.glob(os.path.join(results, "*", ""))):
        ds = os.path.basename(os.path.dirname(dsdir))
        if datasets and ds not in datasets:
            continue
        source_txt = os.path.join(dsdir, "source.txt")
        if not os.path.exists(source_txt):
            continue
        real = open(source_txt).read().strip()
        for sysdir in sorted(glob.glob(os.path.join(dsdir, "*", ""))):
            system = os.path.basename(os.path.dirname(sysdir))
            if systems and system not in systems:
                continue
            synth = os.path.join(sysdir, "synthetic.sqlite")
            report = os.path.join(reports_dir or results, ds, system, "report.json")
            if not (os.path.exists(synth) and os.path.exists(report)):
                continue
            meta = os.path.join(sysdir, "meta.covered.json")
            if not os.path.exists(meta):
                meta = os.path.join(dsdir, "meta.json")
            pairs.append({"dataset": ds, "system": system, "real": real, "synthetic": synth,
                          "meta": meta, "report": report})
    return pairs


def regenerate(binary, pair, workdir, max_rows):
    out = os.path.join(workdir, pair["dataset"], pair["system"], "report.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    cmd = [binary, "report", "--real", pair["real"], "--synthetic", pair["synthetic"], "-m",
           pair["meta"], "--json", out, "-q", "--no-detection", "--no-privacy"]
    if max_rows:
        cmd += ["--max-rows", str(max_rows)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return out


def relsynth_version(binary):
    try:
        return subprocess.run([binary, "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except OSError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("results", nargs="?", help="default: bench/results/tmp/<latest date>")
    ap.add_argument("--relsynth", help="regenerate every report.json with this relsynth binary")
    ap.add_argument("--max-rows", type=int, help="with --relsynth: report --max-rows N")
    ap.add_argument("--reports", help="read <dataset>/<system>/report.json from here instead")
    ap.add_argument("--out", help="default: bench/results/agreement-<date>.json")
    ap.add_argument("--datasets", help="comma-separated (default: all)")
    ap.add_argument("--systems", help="comma-separated (default: all)")
    ap.add_argument("--explain", default="northwind/relsynth,chinook/relsynth",
                    help="dataset/system pairs whose property-level differences are explained "
                         "(runs SDMetrics' QualityReport on them); empty for none")
    args = ap.parse_args()
    results = os.path.abspath(args.results or latest_results_dir())
    date = os.path.basename(results.rstrip("/"))
    out_path = args.out or os.path.join(HERE, "results", f"agreement-{date}.json")
    split = (lambda s: set(x for x in s.split(",") if x) if s else None)
    pairs = find_pairs(results, args.reports, split(args.datasets), split(args.systems))
    if not pairs:
        raise SystemExit(f"no real/synthetic pairs with report.json under {results}")
    tmp = None
    if args.relsynth:
        tmp = tempfile.TemporaryDirectory(prefix="relsynth-agreement-")
        for p in pairs:
            p["report"] = regenerate(args.relsynth, p, tmp.name, args.max_rows)
            p["report_regenerated"] = True

    import numpy as np
    import pandas as pd
    import sdmetrics
    warnings.simplefilter("ignore")  # SDMetrics' and scipy's warnings on small samples
    all_items, runs, explained = [], [], {}
    real_cache = {}
    t0 = time.perf_counter()
    for p in pairs:
        t1 = time.perf_counter()
        with open(p["report"]) as f:
            report = json.load(f)
        meta = md.load_relsynth_metadata(p["meta"])
        key = (p["real"], p["meta"])
        if key not in real_cache:
            real_cache.clear()
            real_cache[key] = md.read_tables(p["real"], meta)
        items = compare_pair(p["synthetic"], p["meta"], report, real_cache[key])
        for it in items:
            it["dataset"], it["system"] = p["dataset"], p["system"]
        all_items.extend(items)
        sampled = [t["name"] for t in report["tables"] if t.get("column_pairs_sampled")]
        runs.append({**p, "items": len(items), "seconds": round(time.perf_counter() - t1, 1),
                     "relsynth_options": report.get("options"),
                     "relsynth_sampled_pair_tables": sampled,
                     "summary": summarise(items)})
        worst = max((it["abs_diff"] or 0 for it in items), default=0)
        print(f"[{p['dataset']}/{p['system']}] {len(items)} items, max |diff| {worst:.4f}"
              f"{' (relsynth sampled pairs in ' + ', '.join(sampled) + ')' if sampled else ''}",
              file=sys.stderr)
        name = f"{p['dataset']}/{p['system']}"
        if args.explain and name in args.explain.split(","):
            explained[name] = explain(p["real"], p["synthetic"], p["meta"], report)

    summary = summarise(all_items)
    if tmp:
        tmp.cleanup()
    out = {"results": results, "reports": args.reports,
           "relsynth": args.relsynth and {"binary": os.path.abspath(args.relsynth),
                                          "version": relsynth_version(args.relsynth),
                                          "max_rows": args.max_rows},
           "tolerance": TOLERANCE,
           "versions": {"sdmetrics": sdmetrics.__version__, "pandas": pd.__version__,
                        "numpy": np.__version__},
           "seconds": round(time.perf_counter() - t0, 1),
           "summary": summary, "runs": runs, "explained": explained, "items": all_items}
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w") as f:  # one line per item
        head = json.dumps({k: v for k, v in out.items() if k != "items"}, indent=1)
        f.write(head[:-2] + ',\n "items": [\n')
        f.write(",\n".join("  " + json.dumps(it) for it in all_items))
        f.write("\n ]\n}\n")

    print(markdown(summary))
    print()
    print("| dataset / system | items | max abs diff | within 0.02 |")
    print("| --- | ---: | ---: | ---: |")
    for r in runs:
        g = [it for it in all_items if it["dataset"] == r["dataset"]
             and it["system"] == r["system"]]
        diffs = [it["abs_diff"] for it in g if it["abs_diff"] is not None]
        ok = sum(1 for it in g if (it["abs_diff"] is not None and it["abs_diff"] <= TOLERANCE)
                 or (it["relsynth"] is None and it["sdmetrics"] is None))
        worst = max(diffs) if diffs else 0
        print(f"| {r['dataset']} / {r['system']} | {len(g)} | "
              f"{worst:.4f}{'' if worst == 0 or worst >= 1e-4 else f' ({worst:.0e})'} | "
              f"{100 * ok / max(len(g), 1):.1f}% |")
    print()
    worst = sorted((it for it in all_items if it["abs_diff"] is not None
                    and it["abs_diff"] > TOLERANCE), key=lambda it: -it["abs_diff"])
    mism = [it for it in all_items if it.get("undefined_mismatch")]
    if worst or mism:
        print(f"{len(worst)} items differ by more than {TOLERANCE}; "
              f"{len(mism)} are undefined on one side only. Largest:")
        for it in (worst[:15] + mism[:5]):
            print(f"- {it['dataset']}/{it['system']} {it['metric']} {it['where']} "
                  f"{' x '.join(it['columns'])}: relsynth {it['relsynth']} SDMetrics "
                  f"{it['sdmetrics']}")
        print()
    for name, ex in explained.items():
        print(explain_text(name, ex))
        print()
    print(f"wrote {out_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
