#!/usr/bin/env python3
"""REaLTabFormer on one parent-child pair of a SQLite database.

    run_realtabformer.py DB.sqlite META.json OUT_DIR [--time-limit-min 30] [--pair PARENT,CHILD]
                         [--threads 2] [--seed 42] [--epochs 100]

REaLTabFormer models a parent table (GPT-2, tabular) and one child table (a sequence-to-sequence
model conditioned on the parent row). This runner picks the pair covering the most rows among
parent tables with a one-column primary key and children with a one-column foreign key to it
and at most 100 children per parent row (--pair overrides). Other foreign keys of the pair are
modelled as plain values; other tables are not covered.

Both models train from scratch on the CPU (no pretrained weights). Training is bounded by time:
the parent gets 30% and the child 45% of --time-limit-min (a transformers callback stops the
epoch loop at its deadline; --epochs caps it too); sampling gets the rest, and limit.py enforces
the hard limit from outside. Output contract as run_mostlyai.py: OUT_DIR/synthetic.sqlite,
OUT_DIR/meta.covered.json, OUT_DIR/result.json.
"""
import glob
import json
import os
import shutil
import sys
import tempfile
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metadata as md  # noqa: E402
from result_file import neural_runner_arguments, start_result  # noqa: E402
from run_mostlyai import prepare, restricted_meta  # noqa: E402

MAX_CHILDREN = 100
NULL = "<NULL>"
DEADLINE = {"t": None}



def install_deadline():
    """Every transformers Trainer stops at DEADLINE["t"] (time.monotonic())."""
    import transformers

    class Deadline(transformers.TrainerCallback):
        def _check(self, control):
            if DEADLINE["t"] is not None and time.monotonic() > DEADLINE["t"]:
                control.should_training_stop = True
                control.should_epoch_stop = True
            return control

        def on_step_end(self, args, state, control, **kw):
            return self._check(control)

        def on_epoch_end(self, args, state, control, **kw):
            return self._check(control)

    original = transformers.Trainer.__init__

    def init(self, *a, **kw):
        original(self, *a, **kw)
        self.add_callback(Deadline())

    transformers.Trainer.__init__ = init


def choose(meta, raw, pair=None):
    tables = {t["name"]: t for t in meta["tables"]}
    best = None
    for c in meta["tables"]:
        for fk in c.get("foreign_keys", []):
            p = fk["parent_table"]
            ppk = tables[p].get("primary_key") or []
            if (len(fk["columns"]) != 1 or len(ppk) != 1 or fk["parent_columns"] != ppk
                    or p == c["name"] or not len(raw[p]) or not len(raw[c["name"]])):
                continue
            if pair and (p, c["name"]) != tuple(pair):
                continue
            per_parent = raw[c["name"]][fk["columns"][0]].value_counts()
            if len(per_parent) and per_parent.max() > MAX_CHILDREN:
                continue
            rows = len(raw[p]) + len(raw[c["name"]])
            if best is None or rows > best[0]:
                best = (rows, p, ppk[0], c["name"], fk["columns"][0])
    if best is None:
        raise ValueError("no parent-child pair REaLTabFormer can model "
                         f"(one-column keys, at most {MAX_CHILDREN} children per parent)")
    return best[1:]


def main():
    ap = neural_runner_arguments("REaLTabFormer parent-child pair")
    ap.add_argument("--pair")
    ap.add_argument("--epochs", type=int, default=100)
    args = ap.parse_args()
    result = start_result(args.out_dir, "realtabformer")
    res, save = result.data, result.save
    work = tempfile.mkdtemp(prefix="rtf-", dir=args.out_dir)
    start = time.monotonic()
    budget = args.time_limit_min * 60
    try:
        import pandas as pd
        import torch
        import transformers
        import realtabformer
        from realtabformer import REaLTabFormer
        torch.set_num_threads(args.threads)
        res["versions"] = {"realtabformer": getattr(realtabformer, "__version__", None),
                           "transformers": transformers.__version__, "torch": torch.__version__,
                           "pandas": pd.__version__, "python": sys.version.split()[0]}
        install_deadline()
        # realtabformer 0.2.4's save() json-dumps Path attributes: let them serialise as text
        import functools
        import types
        import realtabformer.realtabformer as rtf_mod
        rtf_mod.json = types.SimpleNamespace(
            dumps=functools.partial(json.dumps, default=str), loads=json.loads,
            load=json.load, dump=functools.partial(json.dump, default=str))
        meta = md.load_relsynth_metadata(args.meta)
        raw = md.read_tables(args.db, meta)
        counts = {k: len(v) for k, v in raw.items()}
        _, _, notes = md.convert(meta, counts, md.datetime_checks(raw, meta))
        tables = {t["name"]: t for t in meta["tables"]}
        parent, pk, child, fk = choose(meta, raw, args.pair.split(",") if args.pair else None)
        covered = [parent, child]
        res["covered_tables"] = covered
        cov_meta = restricted_meta(meta, set(covered), {(child, (fk,), parent)})
        with open(os.path.join(args.out_dir, "meta.covered.json"), "w") as f:
            json.dump(cov_meta, f, indent=1)
        cpk = tables[child].get("primary_key") or []
        cpk = cpk[0] if len(cpk) == 1 else None
        res["engine_notes"] = {"parent": parent, "parent_key": pk, "child": child,
                               "join_on": fk, "child_key_regenerated": cpk,
                               "not_covered": [t for t in tables if t not in covered],
                               "rows_covered": counts[parent] + counts[child],
                               "rows_total": sum(counts.values())}
        info = notes["column_info"]
        pdf = prepare(raw[parent], tables[parent], info[parent], {pk})
        cdf = prepare(raw[child], tables[child], info[child], {fk} | ({cpk} if cpk else set()))
        cdf = cdf[cdf[fk].isin(set(pdf[pk]))]
        if cpk:
            cdf = cdf.drop(columns=[cpk])
        # REaLTabFormer sorts each text column's values to build its vocabulary: NULL among
        # strings breaks that, so NULL is a token of its own in text columns (mapped back below)
        for df in (pdf, cdf):
            for col in df.columns:
                if not (pd.api.types.is_numeric_dtype(df[col])
                        or pd.api.types.is_datetime64_any_dtype(df[col])):
                    df[col] = df[col].astype(object).map(lambda v: NULL if v is None or
                                          (isinstance(v, float) and v != v) else v)
        # REaLTabFormer joins on one column name: the child's key column takes the parent's name
        join = "__rtf_join__"
        pdf = pdf.rename(columns={pk: join})
        cdf = cdf.rename(columns={fk: join})
        save()

        fit_t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            common = dict(epochs=args.epochs, random_state=args.seed, report_to="none",
                          checkpoints_dir=os.path.join(work, "ckpt"),
                          samples_save_dir=os.path.join(work, "samples"),
                          full_save_dir=os.path.join(work, "full"))
            DEADLINE["t"] = start + 0.30 * budget
            pmodel = REaLTabFormer(model_type="tabular", **common)
            pmodel.fit(pdf.drop(columns=[join]), n_critic=0, device="cpu")
            pdir = os.path.join(work, "parent")
            pmodel.save(pdir)
            ppath = sorted((p for p in glob.glob(os.path.join(pdir, "id*")) if os.path.isdir(p)),
                           key=os.path.getmtime)[-1]
            res["engine_notes"]["parent_trained_s"] = round(time.perf_counter() - fit_t0, 1)
            save()
            DEADLINE["t"] = start + 0.75 * budget
            cmodel = REaLTabFormer(model_type="relational", parent_realtabformer_path=ppath,
                                   output_max_length=None, **common)
            cmodel.fit(df=cdf, in_df=pdf, join_on=join, device="cpu")
            DEADLINE["t"] = None
            res["fit_s"] = round(time.perf_counter() - fit_t0, 3)
            save()

            t0 = time.perf_counter()
            psyn = pmodel.sample(n_samples=counts[parent], device="cpu")
            psyn.index.name = join
            psyn = psyn.reset_index()
            csyn = cmodel.sample(input_unique_ids=psyn[join],
                                 input_df=psyn.drop(columns=[join]), gen_batch=64,
                                 device="cpu")
            res["sample_s"] = round(time.perf_counter() - t0, 3)
        csyn = csyn.reset_index() if join not in csyn.columns else csyn
        for df in (psyn, csyn):
            for col in df.columns:
                if not (pd.api.types.is_numeric_dtype(df[col])
                        or pd.api.types.is_datetime64_any_dtype(df[col])):
                    df[col] = df[col].astype(object).map(lambda v: None if v == NULL else v)
        # keys: the parent's from the source's smallest integer key (or kept as generated)
        real_keys = raw[parent][pk].dropna()
        if next(c.get("type") for c in tables[parent]["columns"] if c["name"] == pk) == "int64":
            start_key = int(real_keys.min()) if len(real_keys) else 1
            mapping = {v: start_key + i for i, v in enumerate(psyn[join].tolist())}
        else:
            mapping = {v: f"rtf{v}" for v in psyn[join].tolist()}
        psyn[pk] = psyn[join].map(mapping)
        csyn[fk] = csyn[join].map(mapping)
        psyn = psyn.drop(columns=[join])
        csyn = csyn.drop(columns=[join])
        if cpk:
            ctype = next(c.get("type") for c in tables[child]["columns"] if c["name"] == cpk)
            real_c = raw[child][cpk].dropna()
            s0 = int(real_c.min()) if ctype == "int64" and len(real_c) else 1
            csyn[cpk] = (list(range(s0, s0 + len(csyn))) if ctype == "int64"
                         else [f"rtf{i}" for i in range(len(csyn))])
        out = {parent: psyn, child: csyn}
        md.write_sqlite(os.path.join(args.out_dir, "synthetic.sqlite"), meta, out, notes)
        res["rows_synthetic"] = {k: int(len(v)) for k, v in out.items()}
        res["rows_real"] = {k: counts[k] for k in covered}
        res["synthetic"] = os.path.join(args.out_dir, "synthetic.sqlite")
        res["status"] = "ok"
    except BaseException as exc:  # noqa: BLE001 - every failure is a recorded result
        return result.fail(exc)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
