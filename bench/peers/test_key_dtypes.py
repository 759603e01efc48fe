#!/usr/bin/env python3
"""Peers and scoring on a database with a foreign key that is NULL on every row.

pandas reads such a column as `object` while its parent key is `int64`, and SDV's HMA and
SDMetrics then refuse to merge the two tables ("... cannot be merged ... same data types"); a
foreign key with some NULLs reads as float64. The loader (metadata.read_tables, used by every
peer runner and by the scorers) gives every key column its parent key's dtype. SDV's HMA cannot
fit a relationship that has no link at all, so run_sdv.py leaves it out of the fit (the column
comes out NULL, as in the source) while scoring keeps it.

Run by `make bench` with the bench venv: bench/.venv/bin/python -m unittest discover -s
bench/peers -p 'test_*.py'. The SDV and SDMetrics cases are skipped where those are not
installed.
"""
import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import metadata as md  # noqa: E402


def column(name, storage, sdtype, sql_type, nullable=True):
    return {"name": name, "type": storage, "sdtype": sdtype, "sql_type": sql_type,
            "nullable": nullable}


def make_database(path):
    """A rental shop: stores, their staff, rentals. rental.store_id references store but is NULL
    on every row; rental.return_staff_id is NULL on some rows. Returns relsynth metadata."""
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE store (store_id INTEGER PRIMARY KEY, city TEXT);
        CREATE TABLE staff (staff_id INTEGER PRIMARY KEY,
                            store_id INTEGER NOT NULL REFERENCES store (store_id),
                            grade TEXT);
        CREATE TABLE rental (rental_id INTEGER PRIMARY KEY,
                             staff_id INTEGER NOT NULL REFERENCES staff (staff_id),
                             return_staff_id INTEGER REFERENCES staff (staff_id),
                             store_id INTEGER REFERENCES store (store_id),
                             amount REAL);
    """)
    cities = ["Lethbridge", "Woodridge", "Calgary", "Brisbane"]
    con.executemany("INSERT INTO store VALUES (?, ?)",
                    [(s, cities[s % len(cities)]) for s in range(1, 9)])
    con.executemany("INSERT INTO staff VALUES (?, ?, ?)",
                    [(s, 1 + s % 8, "senior" if s % 3 == 0 else "junior")
                     for s in range(1, 41)])
    con.executemany("INSERT INTO rental VALUES (?, ?, ?, NULL, ?)",
                    [(r, 1 + (r * 7) % 40, None if r % 4 == 0 else 1 + (r * 11) % 40,
                      round(0.99 + (r * 37 % 500) / 100, 2)) for r in range(1, 401)])
    con.commit()
    con.close()
    fk = lambda cols, parent, pcols: {"columns": cols, "parent_table": parent,  # noqa: E731
                                      "parent_columns": pcols}
    return {"tables": [
        {"name": "store", "row_count": 8, "primary_key": ["store_id"], "foreign_keys": [],
         "columns": [column("store_id", "int64", "id", "INTEGER", False),
                     column("city", "string", "categorical", "TEXT")]},
        {"name": "staff", "row_count": 40, "primary_key": ["staff_id"],
         "foreign_keys": [fk(["store_id"], "store", ["store_id"])],
         "columns": [column("staff_id", "int64", "id", "INTEGER", False),
                     column("store_id", "int64", "id", "INTEGER", False),
                     column("grade", "string", "categorical", "TEXT")]},
        {"name": "rental", "row_count": 400, "primary_key": ["rental_id"],
         "foreign_keys": [fk(["staff_id"], "staff", ["staff_id"]),
                          fk(["return_staff_id"], "staff", ["staff_id"]),
                          fk(["store_id"], "store", ["store_id"])],
         "columns": [column("rental_id", "int64", "id", "INTEGER", False),
                     column("staff_id", "int64", "id", "INTEGER", False),
                     column("return_staff_id", "int64", "id", "INTEGER"),
                     column("store_id", "int64", "id", "INTEGER"),
                     column("amount", "float64", "numerical", "REAL")]},
    ]}


def installed(module):
    return importlib.util.find_spec(module) is not None


class KeyDtypes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.dir.name, "rental.sqlite")
        cls.meta = make_database(cls.db)
        cls.meta_path = os.path.join(cls.dir.name, "rental.meta.json")
        with open(cls.meta_path, "w") as f:
            json.dump(cls.meta, f)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_every_key_column_takes_its_parent_keys_dtype(self):
        tables = md.read_tables(self.db, self.meta)
        self.assertEqual(str(tables["store"]["store_id"].dtype), "int64")
        self.assertEqual(str(tables["staff"]["staff_id"].dtype), "int64")
        self.assertEqual(str(tables["staff"]["store_id"].dtype), "int64")
        # NULL on every row: pandas alone reads it as object
        self.assertEqual(str(tables["rental"]["store_id"].dtype), "Int64")
        self.assertTrue(tables["rental"]["store_id"].isna().all())
        # NULL on some rows: pandas alone reads it as float64
        self.assertEqual(str(tables["rental"]["return_staff_id"].dtype), "Int64")
        self.assertEqual(int(tables["rental"]["return_staff_id"].isna().sum()), 100)
        self.assertEqual(int(tables["rental"]["return_staff_id"].max()), 40)

    def test_synthetic_tables_are_aligned_too(self):
        tables = md.read_synthetic_tables(self.db, self.meta)
        self.assertEqual(str(tables["rental"]["store_id"].dtype), "Int64")
        self.assertEqual(str(tables["rental"]["staff_id"].dtype), "int64")

    def test_text_parent_keys_make_text_foreign_keys(self):
        import pandas as pd
        tables = {"parent": pd.DataFrame({"id": ["a", "b"]}),
                  "child": pd.DataFrame({"parent_id": [None, None]}),
                  "other": pd.DataFrame({"parent_id": [1.0, None]})}
        meta = {"tables": [
            {"name": "parent", "primary_key": ["id"], "foreign_keys": [],
             "columns": [column("id", "string", "id", "TEXT")]},
            {"name": "child", "primary_key": [],
             "foreign_keys": [{"columns": ["parent_id"], "parent_table": "parent",
                               "parent_columns": ["id"]}],
             "columns": [column("parent_id", None, "id", "")]},
            {"name": "other", "primary_key": [],
             "foreign_keys": [{"columns": ["parent_id"], "parent_table": "parent",
                               "parent_columns": ["id"]}],
             "columns": [column("parent_id", "float64", "id", "")]}]}
        md.align_key_dtypes(tables, meta)
        self.assertEqual(tables["child"]["parent_id"].dtype, object)
        self.assertEqual(tables["other"]["parent_id"].tolist(), ["1", None])

    @unittest.skipUnless(installed("sdmetrics"), "SDMetrics is not installed")
    def test_sdmetrics_scores_the_database(self):
        import score_sdmetrics
        out = score_sdmetrics.score(self.db, self.db, self.meta_path)
        self.assertEqual(out["status"], "ok")
        self.assertGreater(out["quality"]["overall"], 0.99)

    @unittest.skipUnless(installed("sdv"), "SDV is not installed")
    def test_sdv_hma_fits_and_samples_the_database(self):
        out_dir = os.path.join(self.dir.name, "sdv")
        subprocess.run([sys.executable, os.path.join(HERE, "run_sdv.py"), self.db,
                        self.meta_path, out_dir], check=False, capture_output=True, timeout=600)
        with open(os.path.join(out_dir, "result.json")) as f:
            result = json.load(f)
        self.assertEqual(result.get("status"), "ok", result.get("error"))
        self.assertEqual(result["rows_synthetic"]["rental"], 400)
        con = sqlite3.connect(os.path.join(out_dir, "synthetic.sqlite"))
        stores, returns = con.execute(
            "SELECT COUNT(store_id), COUNT(return_staff_id) FROM rental").fetchone()
        con.close()
        self.assertEqual(stores, 0)  # NULL on every row, as in the source
        self.assertGreater(returns, 0)

    def test_a_relationship_without_links_is_scored_but_not_fitted(self):
        raw = md.read_tables(self.db, self.meta)
        nulls = md.null_foreign_key_columns(raw, self.meta)
        self.assertEqual(nulls, {("rental", "store_id")})
        sdv, scoring, notes = md.convert(self.meta, None, None, nulls)
        pairs = lambda d: {(r["child_table_name"], r["child_foreign_key"])  # noqa: E731
                           for r in d["relationships"]}
        self.assertNotIn(("rental", "store_id"), pairs(sdv))
        self.assertIn(("rental", "store_id"), pairs(scoring))
        self.assertIn(("rental", "return_staff_id"), pairs(sdv))
        self.assertEqual(sdv["tables"]["rental"]["columns"]["store_id"]["sdtype"], "categorical")
        self.assertEqual(len(notes["unfitted_relationships"]), 1)


if __name__ == "__main__":
    unittest.main()
