#!/usr/bin/env python3
"""SDV HMASynthesizer on a SQLite database: fit, then sample(scale=1).

    run_sdv.py DB.sqlite META.json OUT_DIR [--seed N] [--strict] [--orphans null|drop]

META.json is relsynth's metadata (`relsynth inspect DB -o META.json`), converted by metadata.py
(what SDV cannot model is dropped and listed under "metadata_notes"). Writes
OUT_DIR/synthetic.sqlite (relsynth's table and column names and SQL types; see
metadata.write_sqlite) and OUT_DIR/result.json:

    {system, status: ok|failed|timeout, error, fit_s, sample_s, write_s, peak_rss_mb,
     versions, rows_real, rows_synthetic, metadata_notes, sdv_notes}

SDV Community's HMASynthesizer refuses a schema with more than 5 tables or a relationship depth
above 2 ("Please use SDV Enterprise"). That is a product gate, not a limit of the algorithm; by
default it is bypassed (recorded in sdv_notes.schema_gate) so that HMA itself is measured;
--strict honours it and records the refusal as a failure. Orphan foreign-key values (which SDV
rejects) are set to NULL by default (--orphans null keeps every row) or their rows dropped with
sdv.utils.drop_unknown_references (--orphans drop); the counts are recorded.

Time and memory limits are enforced from outside (limit.py), which also fills in status
"timeout" when this process is killed.
"""
import argparse
import json
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metadata as md  # noqa: E402
from result_file import ResultFile  # noqa: E402


def null_orphans(data, sdv_meta):
    """Sets foreign-key values that match no parent key to NULL. Returns {table.col: rows}."""
    import pandas as pd
    counts = {}
    for rel in sdv_meta["relationships"]:
        child, parent = rel["child_table_name"], rel["parent_table_name"]
        fk, pk = rel["child_foreign_key"], rel["parent_primary_key"]
        keys = set(data[parent][pk].dropna().tolist())
        col = data[child][fk]
        bad = col.notna() & ~col.isin(keys)
        n = int(bad.sum())
        if n:
            if col.dtype == "int64":  # stays an integer key beside its parent's (nullable)
                data[child][fk] = col.astype("Int64")
            data[child].loc[bad, fk] = None
            counts[f"{child}.{fk}"] = n
    return counts


def main():
    ap = argparse.ArgumentParser(description="SDV HMASynthesizer fit + sample(scale=1)")
    ap.add_argument("db")
    ap.add_argument("meta")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--strict", action="store_true",
                    help="honour SDV Community's HMA schema gate (>5 tables or depth >2)")
    ap.add_argument("--orphans", choices=["null", "drop"], default="null")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--save-model", help="pickle the fitted synthesizer here (debugging)")
    ap.add_argument("--load-model", help="sample from a pickled synthesizer (debugging)")
    args = ap.parse_args()

    os.makedirs(args.out_dir, exist_ok=True)
    res = ResultFile(os.path.join(args.out_dir, "result.json"), "sdv-hma")
    out_db = os.path.join(args.out_dir, "synthetic.sqlite")
    try:
        import numpy as np
        import pandas as pd
        import sdv
        from sdv.metadata import Metadata
        from sdv.multi_table import HMASynthesizer
        import rdt
        import copulas

        res.data["versions"] = {"sdv": sdv.__version__, "rdt": rdt.__version__,
                                "copulas": copulas.__version__, "pandas": pd.__version__,
                                "numpy": np.__version__, "python": sys.version.split()[0]}
        np.random.seed(args.seed)

        t0 = time.perf_counter()
        meta = md.load_relsynth_metadata(args.meta)
        raw = md.read_tables(args.db, meta)
        counts = {k: len(v) for k, v in raw.items()}
        sdv_meta, _, notes = md.convert(meta, counts, md.datetime_checks(raw, meta),
                                        md.null_foreign_key_columns(raw, meta))
        data, bool_restore = md.prepare_for_sdv(raw, notes)
        res.data["metadata_notes"] = {k: v for k, v in notes.items() if k != "column_info"}
        res.data["rows_real"] = counts
        res.data["load_s"] = round(time.perf_counter() - t0, 3)
        sdv_notes = {}
        res.data["sdv_notes"] = sdv_notes
        with open(os.path.join(args.out_dir, "sdv_metadata.json"), "w") as f:
            json.dump(sdv_meta, f, indent=1)

        metadata = Metadata.load_from_dict(sdv_meta)
        metadata.validate()

        if args.orphans == "null":
            fixed = null_orphans(data, sdv_meta)
            if fixed:
                sdv_notes["orphan_foreign_keys_set_to_null"] = fixed
        else:
            from sdv.utils import drop_unknown_references
            before = {k: len(v) for k, v in data.items()}
            data = drop_unknown_references(data, metadata, verbose=False)
            dropped = {k: before[k] - len(v) for k, v in data.items() if before[k] != len(v)}
            if dropped:
                sdv_notes["orphan_rows_dropped"] = dropped

        cls = HMASynthesizer
        gate_error = None
        probe = HMASynthesizer.__new__(HMASynthesizer)
        probe.metadata = metadata
        try:
            HMASynthesizer._validate_schema_complexity(probe)
        except Exception as exc:  # SynthesizerInputError
            gate_error = str(exc).split("\n")[0]
        if gate_error:
            sdv_notes["schema_gate"] = {
                "message": gate_error,
                "tables": len(metadata.tables),
                "depth": metadata._get_max_schema_depth(),
                "bypassed": not args.strict,
            }
            if not args.strict:
                class UngatedHMASynthesizer(HMASynthesizer):
                    def _validate_schema_complexity(self):
                        pass
                cls = UngatedHMASynthesizer
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if args.load_model:
                synth = cls.load(args.load_model)
                res.data["fit_s"] = None
                sdv_notes["model_loaded_from"] = args.load_model
            else:
                synth = cls(metadata, verbose=False)
                t0 = time.perf_counter()
                synth.fit(data)
                res.data["fit_s"] = round(time.perf_counter() - t0, 3)
                res.save()
                if args.save_model:
                    synth.save(args.save_model)
            t0 = time.perf_counter()
            if hasattr(synth, "sample_scale"):  # SDV >= 2.0
                sampled = synth.sample_scale(scale=args.scale)
            else:
                sampled = synth.sample(scale=args.scale)
            res.data["sample_s"] = round(time.perf_counter() - t0, 3)
        res.save()

        t0 = time.perf_counter()
        md.write_sqlite(out_db, meta, sampled, notes, bool_restore)
        res.data["write_s"] = round(time.perf_counter() - t0, 3)
        res.data["rows_synthetic"] = {k: int(len(v)) for k, v in sampled.items()}
        res.data["synthetic"] = out_db
        res.data["status"] = "ok"
    except BaseException as exc:  # noqa: BLE001 - every failure is a recorded result
        return res.fail(exc)
    res.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
