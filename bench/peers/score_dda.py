#!/usr/bin/env python3
"""SyntheRela's aggregation detection (DDA, "C2ST-Agg") of a synthetic SQLite database: the
figure the research benchmark (SyntheRela, the `syntherela` package) reports for relational
generators, computed with that package's own code.

    score_dda.py REAL.sqlite SYNTH.sqlite META.json OUT.json [--also SYNTH2 OUT2 ...] [--seed 42]

(--also scores more synthetic databases of the same source in the same process: importing
SDV 1.x takes most of a run's time.)

Per table with children and a non-key column, an XGBoost classifier (seed 0, as the benchmark
runs it) tells real rows from synthetic ones on the table's own columns plus, per child table
(each foreign key of it), the number of children, the mean of each numerical child column and
the number of distinct values of each categorical one; the score is its 5-fold accuracy (0.5:
indistinguishable, 1: always told apart), the dataset figure the maximum over tables. Both
databases are read with relsynth's metadata and typed as for SDMetrics (score_sdmetrics.py:
numbers, datetimes parsed, categories as text; relationships SDV cannot hold are left out).

OUT.json: {status, dda, table (the max's), tables: {name: {accuracy, SE, top_features}}, seconds,
versions}; a failure is {status: "failed", error}.
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
import score_sdmetrics  # noqa: E402


def syntherela_metadata(scoring):
    """SDV V2 scoring metadata (metadata.py) -> syntherela.metadata.Metadata."""
    from syntherela.metadata import Metadata
    tables = {name: {k: v for k, v in t.items()} for name, t in scoring["tables"].items()}
    meta = Metadata.load_from_dict({"METADATA_SPEC_VERSION": "MULTI_TABLE_V1",
                                    "tables": tables,
                                    "relationships": scoring["relationships"]})
    return meta


def top_features(metric, limit=5):
    """The classifier's most important features (XGBoost gain, mean over folds)."""
    try:
        importances = metric.feature_importance()
    except Exception:  # noqa: BLE001 - a missing breakdown is not a failure
        return []
    ranked = sorted(((float(sum(v)) / max(1, len(v)), k) for k, v in importances.items()),
                    reverse=True)
    return [{"feature": k, "importance": round(v, 4)} for v, k in ranked[:limit]]


def score(real_db, synth_db, meta_path, seed=42):
    import numpy as np
    import pandas as pd
    import syntherela
    import xgboost
    from syntherela.metrics.multi_table.detection import AggregationDetection

    real_raw, synth_raw, scoring, notes = score_sdmetrics.read_for_scoring(
        real_db, synth_db, meta_path)
    real, synth = {}, {}
    for name, tmeta in scoring["tables"].items():
        info = notes["column_info"][name]
        real[name] = score_sdmetrics.normalise(real_raw[name], tmeta, info)
        synth[name] = score_sdmetrics.normalise(synth_raw.get(name, pd.DataFrame()), tmeta,
                                                info)
    meta = syntherela_metadata(scoring)
    out = {"status": "ok", "real": real_db, "synthetic": synth_db, "tables": {},
           "versions": {"syntherela": getattr(syntherela, "__version__", "?"),
                        "xgboost": xgboost.__version__, "pandas": pd.__version__,
                        "numpy": np.__version__}}
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for table in meta.get_tables():
            if not AggregationDetection.is_applicable(meta, table):
                continue
            metric = AggregationDetection(classifier_cls=xgboost.XGBClassifier,
                                          classifier_args={"seed": 0}, random_state=seed)
            result = metric.run(real, synth, metadata=meta, target_table=table)
            out["tables"][table] = {"accuracy": round(float(result["accuracy"]), 4),
                                    "SE": round(float(result["SE"]), 4),
                                    "top_features": top_features(metric)}
    out["seconds"] = round(time.perf_counter() - t0, 2)
    if out["tables"]:
        best = max(out["tables"], key=lambda t: out["tables"][t]["accuracy"])
        out["dda"], out["table"] = out["tables"][best]["accuracy"], best
    else:
        out["dda"], out["table"] = None, None
    return out


def main():
    ap = argparse.ArgumentParser(description="SyntheRela aggregation detection (DDA)")
    ap.add_argument("real")
    ap.add_argument("synthetic")
    ap.add_argument("meta")
    ap.add_argument("out")
    ap.add_argument("--also", nargs=2, action="append", default=[], metavar=("SYNTH", "OUT"),
                    help="another synthetic database of the same source and its output")
    ap.add_argument("--seed", type=int, default=42, help="the metric's random_state")
    args = ap.parse_args()
    failed = 0
    for synthetic, out_path in [(args.synthetic, args.out)] + [tuple(a) for a in args.also]:
        t0 = time.perf_counter()
        try:
            out = score(args.real, synthetic, args.meta, args.seed)
        except Exception as exc:  # noqa: BLE001 - a failure is a recorded result
            out = {"status": "failed", "error": f"{type(exc).__name__}: {exc}"[:2000],
                   "traceback": traceback.format_exc()[-4000:]}
        out["wall_s"] = round(time.perf_counter() - t0, 2)
        with open(out_path, "w") as f:
            json.dump(out, f, indent=1, default=str)
        if out["status"] != "ok":
            print(f"{synthetic}: {out['error']}", file=sys.stderr)
            failed += 1
            continue
        per_table = ", ".join(f"{t} {v['accuracy']:.3f}" for t, v in out["tables"].items())
        print(f"{synthetic}: DDA {out['dda']} ({per_table})", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
