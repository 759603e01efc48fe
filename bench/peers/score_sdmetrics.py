#!/usr/bin/env python3
"""SDMetrics multi-table QualityReport and DiagnosticReport of a synthetic SQLite database.

    score_sdmetrics.py REAL.sqlite SYNTH.sqlite META.json OUT.json [--max-rows N] [--seed S]

META.json is relsynth's metadata; both databases are read with it (same tables and columns) and
scored with the SDV metadata metadata.py derives from it, so every system (relsynth or a peer)
is judged on the same columns and relationships. Relationships SDV cannot express (composite
keys, self-references, a cycle's broken edge) are therefore not part of Cardinality or
Intertable Trends; BLOB and PII/text columns are not scored (SDMetrics scores numerical,
categorical, datetime and boolean columns only). The scoring metadata and those exclusions are
in the output under "scoring".

Values are normalised the same way on both sides: numbers parsed as numbers, datetimes parsed
with the column's format, booleans to True/False, categories compared as text.

Large tables: a table with more than --max-rows rows (default 100000) in either database is
scored on a uniform random sample of --max-rows rows of each side (seeded); the output lists
every sampled table under "sampled" (children-per-parent counts then come from the sampled
rows on both sides). OUT.json: {quality: {overall, properties, tables}, diagnostic: {...},
seconds, sampled, scoring, versions}; a failure is {status: "failed", error}.
"""
import argparse
import json
import os
import sys
import time
import traceback
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metadata as md  # noqa: E402


def normalise(df, table_meta, col_info):
    import pandas as pd
    out = pd.DataFrame(index=df.index)
    for cname, cm in table_meta["columns"].items():
        s = df[cname] if cname in df.columns else pd.Series([None] * len(df), index=df.index)
        sd = cm["sdtype"]
        info = col_info.get(cname, {})
        if sd == "numerical":
            s = pd.to_numeric(s, errors="coerce").astype("float64")
        elif sd == "datetime":
            fmt = info.get("datetime_format")
            if s.dropna().map(lambda v: isinstance(v, str)).all():
                parsed = pd.to_datetime(s, format=fmt, errors="coerce") if fmt else None
                if parsed is None or parsed.notna().sum() < s.notna().sum():
                    parsed = pd.to_datetime(s, format="mixed", errors="coerce")
                s = parsed
            else:
                s = pd.to_datetime(s, errors="coerce")
        elif sd == "boolean":
            s = pd.Series([md._to_bool(v) for v in s], index=df.index, dtype="object")
        elif sd == "categorical":
            s = s.map(lambda v: None if v is None or (isinstance(v, float) and v != v)
                      else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)))
        out[cname] = s
    return out


def read_for_scoring(real_db, synth_db, meta_path):
    """Both databases' tables and the SDV metadata SDMetrics scores them with (and the notes of
    the conversion: column info, what SDV cannot hold)."""
    meta = md.load_relsynth_metadata(meta_path)
    real_raw = md.read_tables(real_db, meta)
    synth_raw = md.read_synthetic_tables(synth_db, meta)
    counts = {k: len(v) for k, v in real_raw.items()}
    _, scoring, notes = md.convert(meta, counts, md.datetime_checks(real_raw, meta))
    # Datetimes are parsed here into datetime64, so SDMetrics needs no format.
    for t in scoring["tables"].values():
        for c in t["columns"].values():
            c.pop("datetime_format", None)
            c.pop("pii", None)
    return real_raw, synth_raw, scoring, notes


def score(real_db, synth_db, meta_path, max_rows=100000, seed=0):
    import numpy as np
    import pandas as pd
    import sdmetrics
    from sdmetrics.reports import DiagnosticReport, QualityReport

    real_raw, synth_raw, scoring, notes = read_for_scoring(real_db, synth_db, meta_path)
    real, synth, sampled = {}, {}, {}
    for name, tmeta in scoring["tables"].items():
        info = notes["column_info"][name]
        r = normalise(real_raw[name], tmeta, info)
        s = normalise(synth_raw.get(name, pd.DataFrame()), tmeta, info)
        if max_rows and (len(r) > max_rows or len(s) > max_rows):
            sampled[name] = {"real_rows": len(r), "synthetic_rows": len(s),
                             "sampled_rows": max_rows}
            if len(r) > max_rows:
                r = r.sample(n=max_rows, random_state=seed)
            if len(s) > max_rows:
                s = s.sample(n=max_rows, random_state=seed)
        real[name] = r.reset_index(drop=True)
        synth[name] = s.reset_index(drop=True)

    out = {"status": "ok", "real": real_db, "synthetic": synth_db,
           "rows": {"real": {k: len(real_raw[k]) for k in real_raw},
                    "synthetic": {k: len(v) for k, v in synth_raw.items()}},
           "sampled": sampled, "max_rows": max_rows,
           "scoring": {"metadata": scoring,
                       "not_scored": {k: v for k, v in notes.items()
                                      if k in ("dropped_primary_keys", "dropped_relationships",
                                               "dropped_columns")}},
           "versions": {"sdmetrics": sdmetrics.__version__, "pandas": pd.__version__,
                        "numpy": np.__version__}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        q = QualityReport()
        q.generate(real, synth, scoring, verbose=False)
        t1 = time.perf_counter()
        d = DiagnosticReport()
        d.generate(real, synth, scoring, verbose=False)
        t2 = time.perf_counter()
    out["seconds"] = {"quality": round(t1 - t0, 2), "diagnostic": round(t2 - t1, 2)}
    out["quality"] = report_scores(q)
    out["diagnostic"] = report_scores(d)
    out["quality"]["tables"] = table_breakdown(q)
    return out


def _num(v):
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return None if v != v else round(v, 6)


def report_scores(report):
    props = report.get_properties()
    return {"overall": _num(report.get_score()),
            "properties": {row["Property"]: _num(row["Score"]) for _, row in props.iterrows()}}


def table_breakdown(q):
    """Per table: mean column shape and pair trend; per relationship: cardinality and
    intertable trend -- where a score is lost."""
    out = {"column_shapes": {}, "column_pair_trends": {}, "cardinality": {},
           "intertable_trends": {}, "worst_columns": []}
    try:
        shapes = q.get_details("Column Shapes")
        if len(shapes):
            out["column_shapes"] = {t: _num(g["Score"].mean()) for t, g in shapes.groupby("Table")}
            worst = shapes.sort_values("Score").head(8)
            out["worst_columns"] = [{"table": r["Table"], "column": r["Column"],
                                     "metric": r["Metric"], "score": _num(r["Score"])}
                                    for _, r in worst.iterrows()]
    except Exception:  # noqa: BLE001 - a missing breakdown is not a failure
        pass
    try:
        pairs = q.get_details("Column Pair Trends")
        if len(pairs):
            out["column_pair_trends"] = {t: _num(g["Score"].mean())
                                         for t, g in pairs.groupby("Table")}
    except Exception:  # noqa: BLE001
        pass
    try:
        card = q.get_details("Cardinality")
        for _, r in card.iterrows():
            key = f"{r.get('Child Table')} -> {r.get('Parent Table')}"
            out["cardinality"][key] = _num(r.get("Score"))
    except Exception:  # noqa: BLE001
        pass
    try:
        inter = q.get_details("Intertable Trends")
        if len(inter):
            cols = [c for c in ("Child Table", "Parent Table") if c in inter.columns]
            if cols:
                out["intertable_trends"] = {" -> ".join(k) if isinstance(k, tuple) else str(k):
                                            _num(g["Score"].mean())
                                            for k, g in inter.groupby(cols)}
    except Exception:  # noqa: BLE001
        pass
    return out


def main():
    ap = argparse.ArgumentParser(description="SDMetrics multi-table quality + diagnostic")
    ap.add_argument("real")
    ap.add_argument("synthetic")
    ap.add_argument("meta")
    ap.add_argument("out")
    ap.add_argument("--max-rows", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t0 = time.perf_counter()
    try:
        out = score(args.real, args.synthetic, args.meta, args.max_rows, args.seed)
    except Exception as exc:  # noqa: BLE001 - a failure is a recorded result
        out = {"status": "failed", "error": f"{type(exc).__name__}: {exc}"[:2000],
               "traceback": traceback.format_exc()[-4000:]}
    out["wall_s"] = round(time.perf_counter() - t0, 2)
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1, default=str)
    if out["status"] != "ok":
        print(out["error"], file=sys.stderr)
        return 1
    q = out["quality"]
    print(f"SDMetrics quality {q['overall']:.4f} {q['properties']}; "
          f"diagnostic {out['diagnostic']['overall']:.4f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
