"""Fixtures of the Python package's tests: the demo database, the shared datasets, the CLI.

Run by ctest (CMakeLists.txt) with PYTHONPATH=build/python, RELSYNTH_CLI and RELSYNTH_DEMO_DB_TOOL
set; by hand: PYTHONPATH=build/python .venv/bin/python -m pytest python/tests."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("RELSYNTH_BUILD", ROOT / "build"))
CLI = os.environ.get("RELSYNTH_CLI", str(BUILD / "relsynth"))
DEMO_DB_TOOL = os.environ.get("RELSYNTH_DEMO_DB_TOOL", str(BUILD / "relsynth_demo_db"))
DATASETS = pathlib.Path(os.environ.get("RELSYNTH_SHARED_DATASETS", ROOT.parent / "shared" / "datasets"))
SHARED = sorted(p.stem for p in DATASETS.glob("*.sqlite")) if DATASETS.is_dir() else []


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> pathlib.Path:
    """The bundled retail database (8 tables, a cycle, composite keys), made once."""
    path = tmp_path_factory.mktemp("demo") / "retail.sqlite"
    subprocess.run([DEMO_DB_TOOL, str(path)], check=True, capture_output=True)
    return path


@pytest.fixture
def cli():
    """Runs the relsynth command, quietly; returns its completed process."""

    def run(*args: str):
        return subprocess.run([CLI, "-q", *map(str, args)], check=True, capture_output=True, text=True)

    return run


def sqlite_tables(path) -> dict:
    """Every table of a SQLite file as a DataFrame (read by sqlite3, not by relsynth)."""
    import sqlite3

    import pandas as pd

    with sqlite3.connect(path) as connection:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {name: pd.read_sql_query(f'SELECT * FROM "{name}"', connection) for name in names}
