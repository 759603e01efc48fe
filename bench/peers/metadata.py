#!/usr/bin/env python3
"""relsynth metadata (``relsynth inspect -o meta.json``) -> SDV multi-table metadata, plus the
SQLite loading/writing every peer runner and the SDMetrics scorer share.

SDV Community cannot model everything relsynth can. What it cannot model is dropped here and
recorded in ``notes`` (written next to the metadata and into every result.json):

* composite primary keys ("not supported in SDV Community"): the table keeps its columns but
  has no primary key; relationships whose parent key is composite are dropped;
* composite foreign keys (a consequence of the above);
* self-references and cycles between tables (SDV raises "circular dependency"): self-references
  are dropped, cycles are broken at a nullable edge where there is one;
* empty tables (nothing to fit): left out of the model, written back empty;
* BLOB columns (sdtype ``binary``): left out of the model, written back as NULL.

A foreign-key column whose relationship was dropped is modelled as ``categorical`` (its values
are then sampled from the real ones, and may not resolve against regenerated parent keys: the
integrity check of ``relsynth report`` counts that) and scored as ``id`` (not a shape).

Usage: metadata.py META.json [--db DB.sqlite] [-o SDV.json]   (prints the conversion notes)
"""
from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections import defaultdict
from copy import deepcopy

# relsynth sdtype -> SDV sdtype (PII kinds become Faker-backed SDV sdtypes).
PII_SDTYPES = {
    "name": "name",
    "email": "email",
    "phone": "phone_number",
    "address": "address",
    "postal_code": "postcode",
    "city": "city",
    "country": "country",
    "url": "url",
}
COMPANY_NAME = re.compile(r"company|shipname|ship_name|supplier|customer|vendor|firm", re.I)
SCORED_SDTYPES = {"numerical", "categorical", "datetime", "boolean"}


def load_relsynth_metadata(path):
    with open(path) as f:
        meta = json.load(f)
    if "tables" not in meta or not isinstance(meta["tables"], list):
        raise ValueError(f"{path}: not relsynth metadata (expected a 'tables' list)")
    return meta


def python_datetime_format(fmt):
    """relsynth's format -> a strptime/strftime format, and the number of fraction digits to
    keep on output (relsynth writes %3f for milliseconds; Python only knows %f = 6 digits)."""
    if not fmt:
        return None, None
    digits = None
    m = re.search(r"%(\d)f", fmt)
    if m:
        digits = int(m.group(1))
        fmt = fmt.replace(m.group(0), "%f")
    return fmt, digits


def _find_cycle_edge(edges, nullable_of):
    """edges: list of (child, parent, rel_index). Returns the index of an edge to drop to break
    one cycle, or None if the graph is acyclic. Prefers a nullable edge."""
    adj = defaultdict(list)
    for child, parent, idx in edges:
        adj[child].append((parent, idx))
    color = {}
    stack_edges = []

    def dfs(node):
        color[node] = 1
        for parent, idx in adj[node]:
            stack_edges.append((node, parent, idx))
            if color.get(parent) == 1:
                # cycle: edges from parent's entry up to here
                cycle = []
                for e in reversed(stack_edges):
                    cycle.append(e)
                    if e[0] == parent:
                        break
                return cycle
            if color.get(parent) is None:
                found = dfs(parent)
                if found:
                    return found
            stack_edges.pop()
        color[node] = 2
        return None

    for node in list(adj):
        if color.get(node) is None:
            stack_edges.clear()
            cycle = dfs(node)
            if cycle:
                nullable = [e for e in cycle if nullable_of(e[2])]
                pick = (nullable or cycle)[0]
                return pick[2]
    return None


def convert(meta, row_counts=None, datetime_checks=None, null_foreign_keys=None):
    """Returns (sdv_dict, scoring_dict, notes).

    sdv_dict: SDV Metadata dict (METADATA_SPEC_VERSION V2) to fit a synthesizer with.
    scoring_dict: the same tables and relationships, for SDMetrics, with dropped foreign-key
      columns typed ``id`` (so they are not scored as shapes) and empty tables kept.
    notes: what was dropped or changed and why; ``column_info`` tells the loader/writer how to
      round-trip each column (booleans, datetime formats, BLOBs).
    row_counts: {table: rows} (else the metadata's row_count).
    datetime_checks: {(table, column): bool} whether every non-NULL string parses with the
      column's format (else we keep the format and hope; see load_tables).
    null_foreign_keys: {(table, column)} foreign-key columns NULL on every row
      (null_foreign_key_columns): SDV's HMA cannot fit a relationship without a single link
      (KeyError '__child__fk__num_rows'), so the fit leaves it out (notes "unfitted_relationships";
      the column is then sampled as an all-NULL category) while scoring keeps it.
    """
    tables = meta["tables"]
    by_name = {t["name"]: t for t in tables}
    notes = {
        "dropped_primary_keys": [],
        "dropped_relationships": [],
        "dropped_tables": [],
        "dropped_columns": [],
        "retyped_columns": [],
        "column_info": {},
    }
    counts = {t["name"]: (row_counts or {}).get(t["name"], t.get("row_count")) for t in tables}

    # 1. primary keys: single-column only.
    pk = {}
    for t in tables:
        key = t.get("primary_key") or []
        if len(key) == 1:
            pk[t["name"]] = key[0]
        elif len(key) > 1:
            notes["dropped_primary_keys"].append(
                {"table": t["name"], "columns": key,
                 "reason": "composite primary key (SDV Community: not supported)"})

    # 2. empty tables are not modelled.
    empty = {t["name"] for t in tables if not counts.get(t["name"])}
    for name in sorted(empty):
        notes["dropped_tables"].append(
            {"table": name, "reason": "empty table (0 rows): not modelled, written back empty"})

    # 3. relationships.
    rels = []  # dicts with child, parent, fk, pk, nullable
    for t in tables:
        for fk in t.get("foreign_keys", []):
            child, parent = t["name"], fk["parent_table"]
            rec = {"child_table": child, "child_columns": fk["columns"],
                   "parent_table": parent, "parent_columns": fk["parent_columns"]}
            reason = None
            if len(fk["columns"]) != 1:
                reason = "composite foreign key (SDV Community: not supported)"
            elif parent not in pk or pk[parent] != fk["parent_columns"][0]:
                reason = ("parent key is composite or not the parent's primary key "
                          "(SDV: a relationship must reference the parent's primary key)")
            elif child == parent:
                reason = "self-reference (SDV: circular dependency)"
            elif child in empty or parent in empty:
                reason = "table is empty (not modelled)"
            if reason:
                notes["dropped_relationships"].append({**rec, "reason": reason})
                continue
            col = next(c for c in t["columns"] if c["name"] == fk["columns"][0])
            rels.append({**rec, "fk": fk["columns"][0], "pk": pk[parent],
                         "nullable": bool(col.get("nullable", True))})

    # SDV fits no relationship without a link; scoring still measures it.
    unfitted = [r for r in rels if (r["child_table"], r["fk"]) in (null_foreign_keys or set())]
    for r in unfitted:
        notes.setdefault("unfitted_relationships", []).append(
            {k: r[k] for k in ("child_table", "child_columns", "parent_table", "parent_columns")}
            | {"reason": "foreign key NULL on every row (SDV HMA cannot fit a relationship "
                         "without links): not fitted, sampled as NULL, still scored"})
    rels = [r for r in rels if r not in unfitted]

    # 4. break cycles (prefer nullable edges).
    while True:
        live = [(r["child_table"], r["parent_table"], i) for i, r in enumerate(rels)
                if r is not None]
        idx = _find_cycle_edge(live, lambda i: rels[i]["nullable"])
        if idx is None:
            break
        r = rels[idx]
        notes["dropped_relationships"].append(
            {k: r[k] for k in ("child_table", "child_columns", "parent_table", "parent_columns")}
            | {"reason": "breaks a cycle between tables (SDV: circular dependency)"
                         + (", nullable edge" if r["nullable"] else "")})
        rels[idx] = None
    rels = [r for r in rels if r is not None]

    kept_fk_cols = {(r["child_table"], r["fk"]) for r in rels}
    dropped_fk_cols = {(d["child_table"], c) for d in notes["dropped_relationships"]
                       + notes.get("unfitted_relationships", [])
                       for c in d["child_columns"]} - kept_fk_cols

    # 5. columns.
    sdv_tables, score_tables = {}, {}
    for t in tables:
        name = t["name"]
        cols_sdv, cols_score = {}, {}
        infos = {}
        for c in t["columns"]:
            cname, sd, storage = c["name"], c.get("sdtype"), c.get("type")
            info = {"storage": storage, "sql_type": c.get("sql_type"), "sdtype": sd}
            is_key = (pk.get(name) == cname) or ((name, cname) in kept_fk_cols)
            entry = None
            if sd == "binary" or storage == "binary":
                notes["dropped_columns"].append(
                    {"table": name, "column": cname,
                     "reason": "BLOB column: SDV cannot model bytes; written back as NULL"})
                info["dropped"] = True
                infos[cname] = info
                continue
            if is_key:
                entry = {"sdtype": "id"}
            elif (name, cname) in dropped_fk_cols and sd == "id" and name not in empty:
                entry = {"sdtype": "categorical"}
                notes["retyped_columns"].append(
                    {"table": name, "column": cname, "from": sd, "to": "categorical",
                     "reason": "its foreign key was dropped; values sampled as categories"})
                cols_score[cname] = {"sdtype": "id"}
            elif sd == "id":
                entry = {"sdtype": "id"}
            elif sd == "numerical":
                entry = {"sdtype": "numerical"}
            elif sd == "categorical":
                entry = {"sdtype": "categorical"}
            elif sd == "boolean":
                entry = {"sdtype": "boolean"}
                info["boolean"] = True
            elif sd == "datetime":
                fmt, digits = python_datetime_format(c.get("format"))
                ok = True if datetime_checks is None else datetime_checks.get((name, cname), True)
                entry = {"sdtype": "datetime"}
                if fmt and ok and storage != "int64" and storage != "float64":
                    entry["datetime_format"] = fmt
                info["datetime_format"] = fmt
                info["fraction_digits"] = digits
                if fmt and not ok:
                    notes["retyped_columns"].append(
                        {"table": name, "column": cname, "from": "datetime", "to": "datetime",
                         "reason": f"not every value parses with {c.get('format')!r}: parsed "
                                   "by pandas, no datetime_format given to SDV"})
            elif sd in PII_SDTYPES:
                entry = {"sdtype": PII_SDTYPES[sd], "pii": True}
            elif sd == "other_pii":
                if COMPANY_NAME.search(cname):
                    entry = {"sdtype": "company", "pii": True}
                else:
                    entry = {"sdtype": "unknown", "pii": True}
            elif sd == "text":
                # Faker's lorem text: SDV Community has no text model; with pii False it would
                # sample the real strings (titles) verbatim, which relsynth never does.
                entry = {"sdtype": "text", "pii": True}
            else:
                entry = {"sdtype": "unknown", "pii": False}
                notes["retyped_columns"].append(
                    {"table": name, "column": cname, "from": sd, "to": "unknown",
                     "reason": "no SDV equivalent"})
            cols_sdv[cname] = entry
            cols_score.setdefault(cname, deepcopy(entry))
            infos[cname] = info
        notes["column_info"][name] = infos
        tab = {"columns": cols_sdv}
        stab = {"columns": cols_score}
        if name in pk:
            tab["primary_key"] = pk[name]
            stab["primary_key"] = pk[name]
        if name not in empty:
            sdv_tables[name] = tab
        score_tables[name] = stab

    def relationship(r):
        return {"parent_table_name": r["parent_table"], "child_table_name": r["child_table"],
                "parent_primary_key": r["pk"], "child_foreign_key": r["fk"]}
    relationships = [relationship(r) for r in rels]
    sdv = {"METADATA_SPEC_VERSION": "V2", "tables": sdv_tables, "relationships": relationships}
    score = {"METADATA_SPEC_VERSION": "V2", "tables": score_tables,
             "relationships": deepcopy(relationships) + [relationship(r) for r in unfitted]}

    # Tables left without any relationship (SDV's HMA still models them on their own).
    linked = {r["child_table"] for r in rels} | {r["parent_table"] for r in rels}
    notes["unlinked_tables"] = sorted(set(sdv_tables) - linked) if len(sdv_tables) > 1 else []
    return sdv, score, notes


# ---------------------------------------------------------------------------------------------
# SQLite I/O shared by the runners and the scorer.

def quote(name):
    return '"' + name.replace('"', '""') + '"'


def table_row_counts(db_path, meta):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {t["name"]: con.execute(f"SELECT COUNT(*) FROM {quote(t['name'])}").fetchone()[0]
                for t in meta["tables"]}
    finally:
        con.close()


def _key_family(storage, series):
    """'int', 'float' or 'text': how a key column's values are held in pandas. relsynth's
    storage type decides; without one, the values do (a column with no value is text)."""
    if storage == "int64":
        return "int"
    if storage == "float64":
        return "float"
    if storage is not None or series is None:
        return "text"
    kind = series.dropna().infer_objects().dtype.kind
    return {"i": "int", "u": "int", "f": "float"}.get(kind, "text")


def _as_key_family(series, family):
    """The column in that family: int64 (nullable Int64 when it holds a NULL), float64, or text
    (object of str). A value that does not convert (an orphan 'abc' in an integer key) leaves the
    column as it is: the integrity check then counts it."""
    import pandas as pd
    if family in ("int", "float"):
        numbers = pd.to_numeric(series, errors="coerce")
        if int(numbers.notna().sum()) != int(series.notna().sum()):
            return series
        if family == "float":
            return numbers.astype("float64")
        if numbers.notna().all() and len(numbers):
            return numbers.astype("int64")
        if not (numbers.dropna() % 1 == 0).all():
            return series
        return numbers.astype("Int64")

    def text(v):
        if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
            return None
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return v if isinstance(v, str) else str(v)
    return pd.Series([text(v) for v in series], index=series.index, dtype="object")


def align_key_dtypes(tables, meta):
    """Gives every foreign-key column its parent key's dtype, and every primary-key column that
    of its storage type, in place. pandas reads a foreign key that is NULL on every row as
    `object` while its parent key is `int64`, and SDV and SDMetrics then refuse to merge the two
    tables ("cannot be merged ... same data types"); a foreign key with some NULLs reads as
    float64. Integer keys become int64, or nullable Int64 where a row is NULL."""
    storage = {(t["name"], c["name"]): c.get("type") for t in meta["tables"]
               for c in t["columns"]}
    family = {}  # (table, column) of a referenced key -> its family

    def key_family(table, column):
        if (table, column) not in family:
            df = tables.get(table)
            series = df[column] if df is not None and column in df.columns else None
            family[(table, column)] = _key_family(storage.get((table, column)), series)
        return family[(table, column)]

    for t in meta["tables"]:
        df = tables.get(t["name"])
        if df is None:
            continue
        for column in t.get("primary_key") or []:
            if column in df.columns:
                df[column] = _as_key_family(df[column], key_family(t["name"], column))
    for t in meta["tables"]:
        df = tables.get(t["name"])
        if df is None:
            continue
        for fk in t.get("foreign_keys", []):
            for column, parent_column in zip(fk["columns"], fk["parent_columns"]):
                if column in df.columns:
                    df[column] = _as_key_family(
                        df[column], key_family(fk["parent_table"], parent_column))
    return tables


def read_tables(db_path, meta, max_rows=None):
    """Reads every table of the metadata as DataFrames (all columns, raw SQLite values; key
    columns in their parent key's dtype: align_key_dtypes)."""
    import pandas as pd
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    out = {}
    try:
        for t in meta["tables"]:
            cols = ", ".join(quote(c["name"]) for c in t["columns"])
            sql = f"SELECT {cols} FROM {quote(t['name'])}"
            if max_rows:
                sql += f" LIMIT {int(max_rows)}"
            out[t["name"]] = pd.read_sql_query(sql, con)
    finally:
        con.close()
    return align_key_dtypes(out, meta)


def read_synthetic_tables(db_path, meta):
    """Like read_tables (keys aligned too), but tolerates a missing table (empty DataFrame) or
    column (left out) so that a partial output can still be scored; what was missing is in
    df.attrs["missing"]."""
    import pandas as pd
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    out = {}
    try:
        present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for t in meta["tables"]:
            names = [c["name"] for c in t["columns"]]
            if t["name"] not in present:
                df = pd.DataFrame(columns=names)
                df.attrs["missing"] = ["<table>"]
                out[t["name"]] = df
                continue
            have = {r[1] for r in con.execute(f"PRAGMA table_info({quote(t['name'])})")}
            cols = [n for n in names if n in have]
            sql = f"SELECT {', '.join(quote(n) for n in cols)} FROM {quote(t['name'])}"
            df = pd.read_sql_query(sql, con) if cols else pd.DataFrame()
            df.attrs["missing"] = [n for n in names if n not in have]
            out[t["name"]] = df
    finally:
        con.close()
    return align_key_dtypes(out, meta)


def datetime_checks(raw, meta):
    """{(table, column): every non-NULL value parses with the column's format}."""
    import pandas as pd
    checks = {}
    for t in meta["tables"]:
        df = raw.get(t["name"])
        for c in t["columns"]:
            if c.get("sdtype") != "datetime" or df is None or c["name"] not in df:
                continue
            fmt, _ = python_datetime_format(c.get("format"))
            s = df[c["name"]].dropna()
            if s.empty:
                checks[(t["name"], c["name"])] = True
            elif not fmt or not s.map(lambda v: isinstance(v, str)).all():
                checks[(t["name"], c["name"])] = False
            else:
                parsed = pd.to_datetime(s, format=fmt, errors="coerce")
                checks[(t["name"], c["name"])] = bool(parsed.notna().all())
    return checks


def null_foreign_key_columns(raw, meta):
    """{(table, column)} of the foreign-key columns NULL on every row of a table with rows."""
    out = set()
    for t in meta["tables"]:
        df = raw.get(t["name"])
        if df is None or not len(df):
            continue
        for fk in t.get("foreign_keys", []):
            for column in fk["columns"]:
                if column in df.columns and df[column].isna().all():
                    out.add((t["name"], column))
    return out


def _to_bool(v):
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, (bool, int, float)):
        return bool(v)
    s = str(v).strip().lower()
    if s in ("1", "true", "t", "y", "yes"):
        return True
    if s in ("0", "false", "f", "n", "no"):
        return False
    return None


def prepare_for_sdv(raw, notes):
    """Raw tables -> what SDV is fitted on: BLOB columns and empty tables dropped, booleans as
    True/False/None. Returns (data, bool_restore) where bool_restore maps (table, column) to the
    values to write back for True/False."""
    import pandas as pd
    data, restore = {}, {}
    dropped_tables = {d["table"] for d in notes["dropped_tables"]}
    for name, df in raw.items():
        if name in dropped_tables:
            continue
        info = notes["column_info"][name]
        df = df[[c for c in df.columns if not info.get(c, {}).get("dropped")]].copy()
        for c in df.columns:
            if info.get(c, {}).get("boolean"):
                vals = df[c].dropna().unique().tolist()
                t_val = next((v for v in vals if _to_bool(v) is True), 1)
                f_val = next((v for v in vals if _to_bool(v) is False), 0)
                restore[(name, c)] = (t_val, f_val)
                df[c] = pd.Series([_to_bool(v) for v in df[c]], index=df.index, dtype="object")
        data[name] = df
    return data, restore


def write_sqlite(path, meta, tables, notes=None, bool_restore=None):
    """Writes DataFrames as a SQLite database with relsynth's table and column names and declared
    SQL types, in metadata order. Constraints (PRIMARY KEY, UNIQUE, NOT NULL, FOREIGN KEY) are not
    declared, so a peer's duplicate keys or orphans are written as they are and counted by the
    integrity check instead of making the insert fail. Missing tables are written empty and
    missing columns as NULL."""
    import math
    import os
    import pandas as pd
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    bool_restore = bool_restore or {}
    try:
        for t in meta["tables"]:
            name = t["name"]
            coldefs = ", ".join(f"{quote(c['name'])} {c.get('sql_type') or ''}".rstrip()
                                for c in t["columns"])
            con.execute(f"CREATE TABLE {quote(name)} ({coldefs})")
            df = tables.get(name)
            if df is None or len(df) == 0:
                continue
            series = []
            for c in t["columns"]:
                cname, storage = c["name"], c.get("type")
                if cname not in df.columns:
                    series.append([None] * len(df))
                    continue
                s = df[cname]
                info = ((notes or {}).get("column_info", {}).get(name, {}).get(cname, {}))
                series.append(_column_values(s, storage, c, info, bool_restore.get((name, cname))))
            rows = list(zip(*series))
            marks = ", ".join("?" for _ in t["columns"])
            con.executemany(f"INSERT INTO {quote(name)} VALUES ({marks})", rows)
        con.commit()
    finally:
        con.close()


def _column_values(s, storage, col, info, bool_pair):
    import numpy as np
    import pandas as pd

    def is_null(v):
        if v is None:
            return True
        try:
            return bool(pd.isna(v))
        except (TypeError, ValueError):
            return False

    out = []
    if info.get("boolean") or col.get("sdtype") == "boolean":
        t_val, f_val = bool_pair or (1, 0)
        for v in s:
            b = None if is_null(v) else _to_bool(v)
            out.append(None if b is None else (t_val if b else f_val))
        return [_py(v) for v in out]
    if col.get("sdtype") == "datetime" and storage not in ("int64", "float64"):
        fmt = info.get("datetime_format")
        digits = info.get("fraction_digits")
        for v in s:
            if is_null(v):
                out.append(None)
                continue
            if isinstance(v, str):
                if fmt and digits is not None:
                    try:
                        v = pd.Timestamp(pd.to_datetime(v, format=fmt))
                    except (ValueError, TypeError):
                        out.append(v)
                        continue
                else:
                    out.append(v)
                    continue
            ts = pd.Timestamp(v)
            if fmt:
                txt = ts.strftime(fmt)
                if digits is not None and "%f" in fmt:
                    micro = ts.strftime("%f")
                    txt = ts.strftime(fmt.replace("%f", micro[:digits]))
                out.append(txt)
            else:
                out.append(ts.isoformat(sep=" "))
        return out
    for v in s:
        if is_null(v):
            out.append(None)
        elif storage == "int64":
            try:
                f = float(v)
                out.append(int(round(f)) if f == f and abs(f) != float("inf") else None)
            except (TypeError, ValueError):
                out.append(_py(v))
        elif storage == "float64":
            try:
                out.append(float(v))
            except (TypeError, ValueError):
                out.append(_py(v))
        else:
            out.append(_py(v))
    return out


def _py(v):
    import numpy as np
    if isinstance(v, np.generic):
        return v.item()
    if hasattr(v, "isoformat") and not isinstance(v, str):
        return v.isoformat(sep=" ") if hasattr(v, "hour") else v.isoformat()
    return v


def convert_from_db(meta_path, db_path=None):
    meta = load_relsynth_metadata(meta_path)
    counts = checks = None
    if db_path:
        counts = table_row_counts(db_path, meta)
        raw = read_tables(db_path, meta)
        checks = datetime_checks(raw, meta)
    return meta, convert(meta, counts, checks)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("meta")
    ap.add_argument("--db", help="the SQLite source (row counts, datetime format checks)")
    ap.add_argument("-o", "--output", help="write the SDV metadata JSON here")
    ap.add_argument("--scoring", help="write the SDMetrics scoring metadata JSON here")
    ap.add_argument("--validate", action="store_true", help="validate with sdv.metadata.Metadata")
    args = ap.parse_args(argv)
    _, (sdv, score, notes) = convert_from_db(args.meta, args.db)
    if args.output:
        with open(args.output, "w") as f:
            json.dump(sdv, f, indent=1)
    if args.scoring:
        with open(args.scoring, "w") as f:
            json.dump(score, f, indent=1)
    if args.validate:
        from sdv.metadata import Metadata
        Metadata.load_from_dict(sdv).validate()
    shown = {k: v for k, v in notes.items() if k != "column_info"}
    json.dump(shown, sys.stdout, indent=1)
    print()
    if not args.output:
        json.dump(sdv, sys.stdout, indent=1)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
