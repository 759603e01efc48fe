"""Every shared dataset through the Python path: fit from a path, sample to memory with valid
foreign keys, and from DataFrames for the small ones."""

import pandas as pd
import pytest

import relsynth as rs
from conftest import DATASETS, SHARED, sqlite_tables


def check_foreign_keys(meta, tables):
    for name, table in meta.tables.items():
        for fk in table.foreign_keys:
            child = tables[name][fk["columns"]].dropna()
            parent = tables[fk["parent_table"]][fk["parent_columns"]]
            merged = child.merge(parent.drop_duplicates(), how="left",
                                 left_on=fk["columns"], right_on=fk["parent_columns"], indicator=True)
            assert (merged["_merge"] == "both").all(), f"{name} -> {fk['parent_table']}"


@pytest.mark.parametrize("dataset", SHARED)
def test_fit_from_a_path_and_sample(dataset):
    database = DATASETS / f"{dataset}.sqlite"
    synth = rs.Synthesizer(seed=5, trees=2, quiet=True).fit(database)
    tables = synth.sample(scale=0.5)
    meta = synth.metadata
    assert set(tables) == set(meta.tables)
    check_foreign_keys(meta, tables)


@pytest.mark.parametrize("dataset", [d for d in SHARED if d != "nycflights13"])
def test_fit_from_dataframes(dataset):
    frames = sqlite_tables(DATASETS / f"{dataset}.sqlite")
    meta = rs.inspect(DATASETS / f"{dataset}.sqlite")
    synth = rs.Synthesizer(meta, seed=6, trees=2, quiet=True).fit(frames)
    tables = synth.sample()
    check_foreign_keys(meta, tables)
    for name, frame in frames.items():
        if name in tables and len(frame) > 30:
            assert 0.5 * len(frame) <= len(tables[name]) <= 2 * len(frame), name
