"""Order-independent digests of a folder of Parquet tables, to check that two outputs hold the
same rows whatever their files and row order: per table, the row count and the sum (mod 2^64)
of a hash of each row's canonical text (every value cast to text by Arrow, NULL apart from any
text). `relsynth-spark digest DIR` prints them."""

from __future__ import annotations

import pathlib

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

BATCH_ROWS = 262_144


def _files(entry: pathlib.Path) -> list[pathlib.Path]:
    if entry.is_file():
        return [entry]
    return sorted(p for p in entry.rglob("*.parquet")
                  if not any(part.startswith(("_", ".")) for part in p.relative_to(entry).parts))


def _canonical(batch: pa.RecordBatch) -> pd.DataFrame:
    """Each value as text (binary values as bytes), NULL as None."""
    columns = {}
    for i, column in enumerate(batch.columns):
        binary = pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type)
        columns[str(i)] = (column if binary else column.cast(pa.string())).to_pandas()
    return pd.DataFrame(columns)


def table_digest(entry: pathlib.Path) -> tuple[int, int]:
    """Rows and hash sum of one table: a `.parquet` file or a folder of part files."""
    rows, total = 0, 0
    for file in _files(entry):
        for batch in pq.ParquetFile(file).iter_batches(batch_size=BATCH_ROWS):
            hashes = pd.util.hash_pandas_object(_canonical(batch), index=False).to_numpy()
            total = (total + int(hashes.sum(dtype=np.uint64))) % 2**64
            rows += batch.num_rows
    return rows, total


def folder_digests(folder) -> dict[str, tuple[int, int]]:
    """Per table (`<table>.parquet`, relsynth's folders, or `<table>/` of part files, the Spark
    job's and Delta's): (rows, hash sum)."""
    out = {}
    for entry in sorted(pathlib.Path(folder).iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir() or entry.suffix == ".parquet":
            out[entry.name.removesuffix(".parquet")] = table_digest(entry)
    return out
