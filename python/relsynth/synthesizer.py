"""The Synthesizer: learn a whole database, generate synthetic twins of any size.

Each call becomes a plan (the plan file's JSON, docs/PLANS.md) that the same core as the CLI runs,
so a Synthesizer with the same metadata, settings and seed writes the same database as
``relsynth synth``."""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any, Mapping

from . import _core
from ._progress import ProgressPrinter
from .metadata import Metadata
from .tables import (categorical_columns, is_tables, read_tables, tables_source,
                     with_categories)

Source = "str | os.PathLike | Mapping[str, pandas.DataFrame]"


def _settings_by_keyword() -> dict[str, list[str]]:
    """Python keywords of the declared settings: the CLI flag without dashes (``--train-rows``
    is ``train_rows``); ``seed`` names training's and generation's seed."""
    out: dict[str, list[str]] = {}
    for setting in _core.settings():
        keyword = setting["flag"].lstrip("-").replace("-", "_")
        out.setdefault(keyword, []).append(setting["name"])
    return out


SETTINGS = _settings_by_keyword()
_TRAINING = {k for k, names in SETTINGS.items() if any(not n.startswith("generation.") for n in names)}
_GENERATION = {k for k, names in SETTINGS.items() if any(n.startswith("generation.") for n in names)}


def _apply(plan: dict, keyword: str, value: Any, sections: tuple[str, ...]) -> None:
    if keyword not in SETTINGS:
        raise _core.UsageError(
            f"unknown setting {keyword!r}; the settings are {', '.join(sorted(SETTINGS))}"
        )
    for name in SETTINGS[keyword]:
        section, key = name.split(".", 1)
        if section in sections:
            plan.setdefault(section, {})[key] = value


class Synthesizer:
    """Learns a whole database and generates synthetic ones.

    ``Synthesizer(meta, seed=42, train_rows=100_000, trees=10)``: metadata from ``rs.inspect``
    (None: inferred when fitting) and any declared setting as a keyword (``rs.settings()`` lists
    them: the CLI flag without dashes). ``quiet=True`` shows no progress."""

    def __init__(self, metadata: Metadata | None = None, *, quiet: bool = False, **settings: Any):
        self._metadata = metadata
        self._plan: dict = {"relsynth_plan_version": 1, "source": {"uri": ""}}
        self._quiet = quiet
        self._model: _core.Model | None = None
        self._fit_cache: tempfile.TemporaryDirectory | None = None
        self._fitted_data: Any = None
        self._categories: dict[str, list[str]] = {}  # pandas category columns fitted, by table
        for keyword, value in settings.items():
            if keyword in _GENERATION and keyword not in _TRAINING:
                raise _core.UsageError(f"{keyword} is a setting of sample(), not of the Synthesizer")
            _apply(self._plan, keyword, value, ("source", "training", "generation"))
        self._check(self._training_plan("-"), need_source=False)

    # -- plans ------------------------------------------------------------------------------

    @classmethod
    def from_plan(cls, path: str | os.PathLike, *, quiet: bool = False) -> "Synthesizer":
        """A Synthesizer of a plan file (`relsynth plan`): its metadata, treatments, settings,
        sizes and destination; ``fit()`` without data trains on the plan's source."""
        plan = json.loads(_core.read_plan(str(path)))
        synth = cls(Metadata(plan.pop("metadata")), quiet=quiet)
        synth._plan = plan
        return synth

    def _training_plan(self, source_uri: str) -> dict:
        plan = json.loads(json.dumps(self._plan))
        plan["source"] = dict(plan.get("source", {}), uri=source_uri)
        plan["metadata"] = self._metadata.to_dict() if self._metadata is not None else {"tables": []}
        return plan

    def _check(self, plan: dict, need_source: bool = True) -> None:
        errors = [
            text
            for severity, text in _core.check_plan(json.dumps(plan))
            if severity == "error" and (need_source or not text.startswith("source:"))
        ]
        if errors:
            raise _core.UsageError("\n".join(errors))

    def _call(self, function, *args):
        printer = ProgressPrinter(self._quiet)
        try:
            return function(*args, printer)
        finally:
            printer.close()
            self._messages = printer.messages

    # -- training ---------------------------------------------------------------------------

    def fit(self, data: "Source | None" = None) -> "Synthesizer":
        """Trains on `data`: a path or URI (SQLite file, CSV folder, archive, postgresql://...,
        mysql://...) or a dict of pandas DataFrames (or pyarrow Tables) by table name. Without
        data, a plan's source. Returns self."""
        if self._fit_cache is None:  # fits kept for retrain_tables, removed with the object
            self._fit_cache = tempfile.TemporaryDirectory(prefix="relsynth-fits-")
        cache = self._fit_cache.name
        if data is None:
            source = self._plan.get("source", {}).get("uri", "")
            if not source:
                raise _core.UsageError("fit() needs data: a path, a URI or a dict of DataFrames")
            data = source
        if is_tables(data):
            plan = self._training_plan("tables:")
            self._fitted_data = dict(data)
            self._categories = categorical_columns(data)
            tables = tables_source(data)
        else:
            plan = self._training_plan(os.fspath(data))
            self._plan["source"] = dict(self._plan.get("source", {}), uri=os.fspath(data))
            self._fitted_data = os.fspath(data)
            tables = None
        self._model = self._call(_core.Model.train, json.dumps(plan), tables, cache)
        if self._metadata is None:
            self._metadata = Metadata(json.loads(self._model.metadata_json()))
        return self

    def retrain_tables(self, tables: Mapping[str, Any]) -> "Synthesizer":
        """Trains again with some tables' rows replaced (`tables`: table name -> DataFrame), the
        others as last fitted. Only what changed is refitted: the fits of unchanged tables whose
        inputs did not change are reused (byte-identical to a full retrain)."""
        if self._fitted_data is None:
            raise _core.UsageError("retrain_tables() needs a fitted synthesizer: call fit() first")
        unknown = [name for name in tables if self._metadata is not None and name not in self._metadata.tables]
        if unknown:
            raise _core.UsageError(f"retrain_tables: no table {unknown[0]!r} in the metadata")
        base = self._fitted_data
        if not is_tables(base):
            base = read(base)
        return self.fit({**base, **tables})

    @property
    def model(self) -> _core.Model:
        if self._model is None:
            raise _core.UsageError("the synthesizer is not trained: call fit() or load() first")
        return self._model

    @property
    def metadata(self) -> Metadata | None:
        """The metadata: as given, or as inferred by fit()."""
        return self._metadata

    @property
    def warnings(self) -> list[str]:
        """What training warned about (orphans, dropped rules, ...)."""
        return list(self.model.warnings)

    # -- generation -------------------------------------------------------------------------

    def sample(
        self,
        scale: float = 1.0,
        *,
        rows: Mapping[str, int] | None = None,
        to: str | os.PathLike | None = None,
        overwrite: bool = False,
        units: range | None = None,
        **settings: Any,
    ):
        """Generates a synthetic database: `scale` times the source's rows (or `rows` for root
        tables: {"customers": 500}). Returns a dict of pandas DataFrames by table name; with
        `to` (a path or URI, any destination the CLI takes), streams there in batches (bounded
        memory) and returns the rows written per table. Keywords: seed, batch_rows, threads.
        `units=range(k, l)` generates only those units of the run (see units()): the parts of
        any split of range(units(scale)) add up to the whole run's output."""
        model = self.model
        first, last = 0, -1
        if units is not None:
            if not isinstance(units, range) or units.step != 1 or len(units) == 0:
                raise _core.UsageError(f"units must be a non-empty range(k, l), got {units!r}")
            first, last = units.start, units.stop - 1
        plan = json.loads(json.dumps(self._plan))
        metadata = json.loads(model.metadata_json())
        for keyword, value in settings.items():
            if keyword not in _GENERATION and keyword != "threads":
                raise _core.UsageError(
                    f"{keyword} is not a setting of sample(); it takes "
                    f"{', '.join(sorted(_GENERATION | {'threads'}))}"
                )
            _apply(plan, keyword, value, ("generation", "training"))
        plan.setdefault("generation", {})["scale"] = scale
        if rows:
            tables = {t["name"]: t for t in metadata["tables"]}
            for name, count in rows.items():
                if name not in tables:
                    raise _core.UsageError(f"rows: the model has no table {name!r}")
                tables[name]["rows"] = count
            plan["generation"]["scale"] = 1.0
        plan["metadata"] = metadata
        if to is None:
            text = json.dumps(plan)
            tables = read_tables(
                self._call(lambda printer: model.generate_tables(text, printer, first, last)))
            return with_categories(tables, self._categories)
        plan["destination"] = {"uri": os.fspath(to), "overwrite": overwrite}
        text = json.dumps(plan)
        return self._call(lambda printer: model.generate(text, printer, first, last))

    def units(self, scale: float = 1.0) -> int:
        """The number of independent units a run of this scale generates (the scale rounded
        up): sample(units=range(k, l)) generates a part of them, on any machine."""
        return self.model.units(scale)

    # -- files ------------------------------------------------------------------------------

    def save(self, path: str | os.PathLike) -> None:
        """Writes the model file (the CLI's `generate` takes it too): never onto the data it
        was fitted on, nor onto a file relsynth did not write."""
        source = self._plan.get("source", {}).get("uri", "") or ""
        _core.check_output_file("save()", os.fspath(path), [source])
        self.model.save(os.fspath(path))

    @classmethod
    def load(cls, path: str | os.PathLike, *, quiet: bool = False, **settings: Any) -> "Synthesizer":
        """A Synthesizer of a model file written by save() or `relsynth train`; `seed` (and the
        other settings) as for a new Synthesizer: the default of sample()."""
        model = _core.Model.load(os.fspath(path))
        synth = cls(None, quiet=quiet, **settings)
        synth._model = model
        synth._metadata = Metadata(json.loads(model.metadata_json()))
        return synth


def inspect(source: "Source", *, metadata: Metadata | str | None = None, quiet: bool = True,
            **settings: Any) -> Metadata:
    """Reads a source (a path, a URI, or a dict of DataFrames) and infers its metadata: sdtypes,
    keys, rules, each with its reason. Source settings (null, encoding) as keywords."""
    if isinstance(metadata, (str, os.PathLike)):
        metadata = Metadata.from_json(metadata)
    synth = Synthesizer(metadata, quiet=quiet, **settings)
    if is_tables(source):
        plan, tables = synth._training_plan("tables:"), tables_source(source)
    else:
        plan, tables = synth._training_plan(os.fspath(source)), None
    text, _ = synth._call(_core.inspect, json.dumps(plan), tables)
    return Metadata(json.loads(text))


def read(source: "str | os.PathLike", *, as_arrow: bool = False, quiet: bool = True) -> dict:
    """Every table of a database (any source relsynth reads: SQLite, CSV, Parquet, xlsx, servers)
    as pandas DataFrames by name (pyarrow Tables with as_arrow=True)."""
    printer = ProgressPrinter(quiet)
    try:
        return read_tables(_core.read_source(os.fspath(source), printer), as_arrow=as_arrow)
    finally:
        printer.close()


def settings() -> list[dict]:
    """Every declared setting: its keyword, plan name, default, range and meaning."""
    out = []
    for setting in _core.settings():
        entry = dict(setting)
        entry["keyword"] = setting["flag"].lstrip("-").replace("-", "_")
        out.append(entry)
    return out
