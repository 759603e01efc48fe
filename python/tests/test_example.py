"""The notebook-style example in examples/ runs as it is, on the demo database."""

import os
import pathlib
import runpy

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_quickstart_example_runs(demo_db, monkeypatch, capsys):
    monkeypatch.setenv("RELSYNTH_EXAMPLE_DB", str(demo_db))
    runpy.run_path(str(ROOT / "examples" / "python_quickstart.py"), run_name="__main__")
    printed = capsys.readouterr().out
    assert "model saved in" in printed
