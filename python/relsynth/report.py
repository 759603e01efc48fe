"""The quality, integrity and privacy report (docs/REPORT.md), as the CLI's `report` computes it."""

from __future__ import annotations

import json
import os
from typing import Any, Mapping

from . import _core
from ._progress import ProgressPrinter
from .metadata import Metadata
from .tables import is_tables, tables_source


class Report:
    """A report: ``summary`` (the headline scores), ``tables`` (per-table results by name),
    ``relationships``, ``notes``; ``to_html(path)`` and ``to_json(path)`` write it."""

    def __init__(self, report_json: str, html: str, inputs: list[str] | None = None):
        self._data = json.loads(report_json)
        self._json = report_json
        self._html = html
        self._inputs = inputs or []  # the databases compared: never written over

    @property
    def summary(self) -> dict:
        return self._data["summary"]

    @property
    def tables(self) -> dict[str, dict]:
        return {table["name"]: table for table in self._data.get("tables", [])}

    @property
    def relationships(self) -> list[dict]:
        return self._data.get("relationships", [])

    @property
    def notes(self) -> list[str]:
        return self._data.get("notes", [])

    def to_dict(self) -> dict:
        return self._data

    def to_json(self, path: str | os.PathLike | None = None) -> str:
        """The report's JSON (as `relsynth report --json` writes it); also to `path` if given."""
        if path is not None:
            _core.write_output_file("to_json()", os.fspath(path), self._json + "\n", self._inputs)
        return self._json

    def to_html(self, path: str | os.PathLike | None = None) -> str:
        """The self-contained HTML page; also written to `path` if given."""
        if path is not None:
            _core.write_output_file("to_html()", os.fspath(path), self._html, self._inputs)
        return self._html

    def _repr_html_(self) -> str:  # shown inline in a notebook
        return self._html

    def __repr__(self) -> str:
        shown = {k: v for k, v in self.summary.items() if isinstance(v, (int, float))}
        return f"Report({shown})"


def report(
    real: "str | os.PathLike | Mapping[str, Any]",
    synthetic: "str | os.PathLike | Mapping[str, Any]",
    *,
    metadata: Metadata | str | None = None,
    seed: int = 7,
    detection: bool = True,
    privacy: bool = True,
    scale: float = 0,
    quiet: bool = True,
) -> Report:
    """Compares a synthetic database with the real one. Each side is a path or URI, or a dict of
    DataFrames by table name (e.g. what ``Synthesizer.sample()`` returned). `metadata`: a
    Metadata or a metadata JSON file (default: inferred from the real database); `scale`: the
    scale the synthetic side was generated at (0: estimated)."""
    if isinstance(metadata, (str, os.PathLike)):
        metadata = Metadata.from_json(metadata)

    def side(database):
        return tables_source(database) if is_tables(database) else os.fspath(database)

    printer = ProgressPrinter(quiet)
    try:
        text, html = _core.report(
            side(real), side(synthetic), metadata.to_json() if metadata is not None else None,
            seed, detection, privacy, scale, printer,
        )
    finally:
        printer.close()
    inputs = [os.fspath(database) for database in (real, synthetic) if not is_tables(database)]
    return Report(text, html, inputs)
