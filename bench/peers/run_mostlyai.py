#!/usr/bin/env python3
"""MOSTLY AI's open-source engine (mostlyai-engine, TabularARGN) on a SQLite database.

    run_mostlyai.py DB.sqlite META.json OUT_DIR [--time-limit-min 30] [--subject TABLE]
                    [--threads 2] [--seed 42] [--max-epochs 100]

The engine models one subject table (flat) plus linked tables, each a sequence of rows per
subject row, conditioned on its subject row (a two-table sequential TabularARGN per linked
table). It does not model a table's other parents, grandchildren or several foreign keys to one
subject. So this runner picks the subject that covers the most rows: a table with a one-column
primary key whose children (one-column foreign key to it, at most 200 children per subject row
on average) are the linked tables; --subject overrides. Covered = subject + linked tables.

Output: OUT_DIR/synthetic.sqlite with every table of META (uncovered tables empty),
OUT_DIR/meta.covered.json -- relsynth metadata restricted to the covered tables and the
relationships the engine kept (score this system with it; run_peers.sh does) -- and
OUT_DIR/result.json: {system, status, error, fit_s, sample_s, peak_rss_mb, covered_tables,
engine_notes (subject, linked, context keys, columns modelled as plain categories), versions}.

Training time: the engine's own max_training_time is set so that all models share
0.8 x --time-limit-min (the rest for analysis, encoding and generation); limit.py enforces the
hard limit from outside.
"""
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from copy import deepcopy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metadata as md  # noqa: E402
from result_file import neural_runner_arguments, start_result  # noqa: E402

MAX_MEAN_CHILDREN = 200



def choose(meta, counts, subject=None):
    tables = {t["name"]: t for t in meta["tables"]}
    best = None
    for name, t in tables.items():
        pk = t.get("primary_key") or []
        if len(pk) != 1 or not counts.get(name):
            continue
        if subject and name != subject:
            continue
        linked = []
        for c in meta["tables"]:
            if c["name"] == name or not counts.get(c["name"]):
                continue
            fks = [fk for fk in c.get("foreign_keys", []) if fk["parent_table"] == name
                   and len(fk["columns"]) == 1 and fk["parent_columns"] == pk]
            if not fks:
                continue
            if counts[c["name"]] / counts[name] > MAX_MEAN_CHILDREN:
                continue
            linked.append((c["name"], fks[0]["columns"][0]))
        covered = counts[name] + sum(counts[c] for c, _ in linked)
        key = (covered, len(linked))
        if best is None or key > best[0]:
            best = (key, name, pk[0], linked)
    if best is None:
        raise ValueError("no table with a one-column primary key to act as subject")
    return best[1], best[2], best[3]


def encoding_types(table, df, keys):
    """relsynth sdtypes -> engine encoding types (keys excluded)."""
    enc = {}
    for c in table["columns"]:
        n, sd = c["name"], c.get("sdtype")
        if n in keys or n not in df.columns:
            continue
        if sd == "numerical":
            enc[n] = "TABULAR_NUMERIC_AUTO"
        elif sd == "datetime":
            enc[n] = "TABULAR_DATETIME"
        elif sd in ("categorical", "boolean", "id"):
            enc[n] = "TABULAR_CATEGORICAL"
        else:  # PII kinds and text: character-level model (no language model offline)
            enc[n] = "TABULAR_CHARACTER"
    return enc


def prepare(df, table, info, keys):
    """Datetimes parsed; BLOBs dropped; categorical-ish columns as strings."""
    import pandas as pd
    df = df.copy()
    for c in table["columns"]:
        n = c["name"]
        if n not in df.columns:
            continue
        if c.get("sdtype") == "binary" or c.get("type") == "binary":
            df = df.drop(columns=[n])
        elif c.get("sdtype") == "datetime" and c.get("type") not in ("int64", "float64"):
            fmt = info.get(n, {}).get("datetime_format")
            parsed = pd.to_datetime(df[n], format=fmt, errors="coerce") if fmt else None
            if parsed is None or parsed.notna().sum() < df[n].notna().sum():
                parsed = pd.to_datetime(df[n], format="mixed", errors="coerce")
            df[n] = parsed
        elif n not in keys and c.get("sdtype") in ("categorical", "boolean", "id"):
            df[n] = df[n].map(lambda v: None if v is None or (isinstance(v, float) and v != v)
                              else str(v))
    return df


def renumber_keys(out, raw, tables, subject, pk, linked):
    def is_int(table, col):
        return next((c.get("type") for c in tables[table]["columns"] if c["name"] == col),
                    None) == "int64"

    def new_keys(table, col, n):
        real = raw[table][col].dropna()
        start = int(real.min()) if len(real) else 1
        return list(range(start, start + n))

    if is_int(subject, pk):
        old = out[subject][pk].tolist()
        mapping = dict(zip(old, new_keys(subject, pk, len(old))))
        out[subject][pk] = [mapping[v] for v in old]
        for c, fk in linked:
            out[c][fk] = [mapping.get(v) for v in out[c][fk]]
    for c, _ in linked:
        cpk = tables[c].get("primary_key") or []
        if len(cpk) == 1 and cpk[0] in out[c].columns and is_int(c, cpk[0]):
            out[c][cpk[0]] = new_keys(c, cpk[0], len(out[c]))


def restricted_meta(meta, covered, kept_fks):
    m = deepcopy(meta)
    m["tables"] = [t for t in m["tables"] if t["name"] in covered]
    for t in m["tables"]:
        t["foreign_keys"] = [fk for fk in t.get("foreign_keys", [])
                             if (t["name"], tuple(fk["columns"]), fk["parent_table"]) in kept_fks]
        fk_cols = {c for fk in t["foreign_keys"] for c in fk["columns"]}
        pk = set(t.get("primary_key") or [])
        for c in t["columns"]:
            if c.get("sdtype") == "id" and c["name"] not in fk_cols and c["name"] not in pk:
                # kept an id (not scored as a shape, as for the other systems); the engine
                # models it as a plain category
                c["sdtype_reason"] = "mostlyai runner: foreign key not modelled by the engine"
        t["rules"] = []
    return m


def main():
    ap = neural_runner_arguments("mostlyai-engine subject + linked tables")
    ap.add_argument("--subject")
    ap.add_argument("--max-epochs", type=float, default=100)
    args = ap.parse_args()
    result = start_result(args.out_dir, "mostlyai-engine")
    res, save = result.data, result.save
    ws_root = tempfile.mkdtemp(prefix="mostlyai-ws-", dir=args.out_dir)
    try:
        import pandas as pd
        import torch
        import mostlyai.engine as engine
        from mostlyai.engine import TabularARGN
        torch.set_num_threads(args.threads)
        res["versions"] = {"mostlyai-engine": engine.__version__, "torch": torch.__version__,
                           "pandas": pd.__version__, "python": sys.version.split()[0]}
        meta = md.load_relsynth_metadata(args.meta)
        raw = md.read_tables(args.db, meta)
        counts = {k: len(v) for k, v in raw.items()}
        _, _, notes = md.convert(meta, counts, md.datetime_checks(raw, meta))
        tables = {t["name"]: t for t in meta["tables"]}
        subject, pk, linked = choose(meta, counts, args.subject)
        covered = [subject] + [c for c, _ in linked]
        res["covered_tables"] = covered
        kept = {(c, (fk,), subject) for c, fk in linked}
        cov_meta = restricted_meta(meta, set(covered), kept)
        with open(os.path.join(args.out_dir, "meta.covered.json"), "w") as f:
            json.dump(cov_meta, f, indent=1)
        plain = {}
        for c, fk in linked:
            others = [x["name"] for x in cov_meta["tables"][[t["name"] for t in
                      cov_meta["tables"]].index(c)]["columns"]
                      if x.get("sdtype_reason", "").startswith("mostlyai runner")]
            if others:
                plain[c] = others
        subj_plain = [x["name"] for t in cov_meta["tables"] if t["name"] == subject
                      for x in t["columns"] if x.get("sdtype_reason", "").startswith("mostlyai")]
        if subj_plain:
            plain[subject] = subj_plain
        res["engine_notes"] = {
            "subject": subject, "subject_key": pk,
            "linked": [{"table": c, "context_key": fk} for c, fk in linked],
            "not_covered": [t for t in tables if t not in covered],
            "foreign_keys_modelled_as_categories": plain,
            "rows_covered": sum(counts[t] for t in covered), "rows_total": sum(counts.values()),
        }
        n_models = 1 + len(linked)
        budget_min = max(1.0, 0.8 * args.time_limit_min / n_models)
        res["engine_notes"]["max_training_time_min_per_model"] = round(budget_min, 2)
        save()

        info = notes["column_info"]
        subj_df = prepare(raw[subject], tables[subject], info[subject], {pk})
        models = {}
        fit_t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = TabularARGN(tgt_primary_key=pk, max_training_time=budget_min,
                            max_epochs=args.max_epochs, device="cpu", random_state=args.seed,
                            tgt_encoding_types=encoding_types(tables[subject], subj_df, {pk}),
                            workspace_dir=os.path.join(ws_root, subject), verbose=0)
            m.fit(subj_df)
            models[subject] = m
            ctx_enc = encoding_types(tables[subject], subj_df, {pk})
            for c, fk in linked:
                cpk = tables[c].get("primary_key") or []
                cpk = cpk[0] if len(cpk) == 1 else None
                keys = {fk} | ({cpk} if cpk else set())
                cdf = prepare(raw[c], tables[c], info[c], keys)
                cdf = cdf[cdf[fk].isin(set(subj_df[pk]))]  # the engine needs resolvable keys
                mc = TabularARGN(tgt_context_key=fk, tgt_primary_key=cpk, ctx_data=subj_df,
                                 ctx_primary_key=pk, ctx_encoding_types=ctx_enc,
                                 tgt_encoding_types=encoding_types(tables[c], cdf, keys),
                                 max_training_time=budget_min, max_epochs=args.max_epochs,
                                 device="cpu", random_state=args.seed,
                                 workspace_dir=os.path.join(ws_root, c), verbose=0)
                mc.fit(cdf)
                models[c] = mc
            res["fit_s"] = round(time.perf_counter() - fit_t0, 3)
            save()

            t0 = time.perf_counter()
            out = {}
            syn_subj = models[subject].sample(n_samples=counts[subject],
                                              rare_category_replacement_method="sample")
            out[subject] = syn_subj
            for c, fk in linked:
                out[c] = models[c].sample(ctx_data=syn_subj,
                                          rare_category_replacement_method="sample")
            res["sample_s"] = round(time.perf_counter() - t0, 3)
        # The engine generates keys as strings ('mostly...'); integer keys are renumbered from
        # the source's smallest key, and the linked tables' context keys follow.
        renumber_keys(out, raw, tables, subject, pk, linked)
        # Value protection replaces categories too rare to disclose by '_RARE_' (a column of
        # mostly unique values, e.g. a foreign key the engine sees as a category, is all rare).
        # In a numeric column that token is not a value: written as NULL, counted here.
        rare = {}
        for t, df in out.items():
            for c in tables[t]["columns"]:
                n = c["name"]
                if n in df.columns and c.get("type") in ("int64", "float64"):
                    hit = df[n].astype(str) == "_RARE_"
                    if hit.any():
                        rare[f"{t}.{n}"] = int(hit.sum())
                        df.loc[hit, n] = None
        if rare:
            res["engine_notes"]["rare_tokens_written_as_null"] = rare
        md.write_sqlite(os.path.join(args.out_dir, "synthetic.sqlite"), meta, out, notes)
        res["rows_synthetic"] = {k: int(len(v)) for k, v in out.items()}
        res["rows_real"] = {k: counts[k] for k in covered}
        res["synthetic"] = os.path.join(args.out_dir, "synthetic.sqlite")
        res["status"] = "ok"
    except BaseException as exc:  # noqa: BLE001 - every failure is a recorded result
        return result.fail(exc)
    finally:
        shutil.rmtree(ws_root, ignore_errors=True)
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
