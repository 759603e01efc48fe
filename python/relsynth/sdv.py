"""An SDV-compatible front: switch from SDV's multi-table synthesizers by changing one line.

    from sdv.multi_table import HMASynthesizer
    synthesizer = HMASynthesizer(metadata)                 # before
    from relsynth.sdv import RelsynthSynthesizer
    synthesizer = RelsynthSynthesizer(metadata)            # after
    synthesizer.fit(data)                                  # dict of DataFrames, as in SDV
    synthetic_data = synthesizer.sample(scale=1.0)

The sampled DataFrames have the dtypes of the data given to fit() (SDV's evaluation merges
tables on their keys and compares columns by dtype)."""

from __future__ import annotations

import datetime
import os
import pickle
import tempfile
from typing import Any, Mapping

from . import _core
from .metadata import Metadata
from .synthesizer import Synthesizer
from .tables import input_error


class RelsynthSynthesizer:
    """SDV's multi-table synthesizer interface over relsynth. `metadata`: SDV's Metadata (or
    MultiTableMetadata, or its dict); keywords: relsynth settings (seed, trees, train_rows, ...)."""

    def __init__(self, metadata: Any, locales: Any = None, **settings: Any):
        self.metadata = metadata
        self.locales = locales
        self._settings = dict(settings)
        self._settings.setdefault("quiet", True)
        self._synthesizer = Synthesizer(Metadata.from_sdv(metadata), **self._settings)
        self._dtypes: dict[str, dict[str, Any]] = {}
        self._fitted = False
        self._creation_date = datetime.date.today().isoformat()
        self._fit_date: str | None = None

    def get_metadata(self) -> Any:
        return self.metadata

    def validate(self, data: Mapping[str, Any]) -> None:
        """Checks `data` against the metadata (tables and columns present)."""
        meta = self._synthesizer.metadata
        for name in meta.tables:
            if name not in data:
                raise input_error(f'table "{name}": in the metadata but not in the data')
            missing = [c for c in meta.tables[name].columns if c not in data[name].columns]
            if missing:
                raise input_error(
                    f'table "{name}", column "{missing[0]}": in the metadata but not in the data'
                )

    def fit(self, data: Mapping[str, Any]) -> None:
        """Learns the tables (a dict of DataFrames by table name)."""
        self.validate(data)
        self._dtypes = {name: dict(frame.dtypes) for name, frame in data.items()}
        self._synthesizer.fit(dict(data))
        self._fitted = True
        self._fit_date = datetime.date.today().isoformat()

    def sample(self, scale: float = 1.0) -> dict[str, Any]:
        """Synthetic tables, `scale` times the real ones' rows, with the fitted data's dtypes."""
        if not self._fitted:
            raise _core.UsageError("the synthesizer is not fitted: call fit(data) first")
        tables = self._synthesizer.sample(scale=scale)
        return {name: _with_dtypes(frame, self._dtypes.get(name, {})) for name, frame in tables.items()}

    def get_info(self) -> dict:
        return {
            "class_name": type(self).__name__,
            "creation_date": self._creation_date,
            "is_fit": self._fitted,
            "last_fit_date": self._fit_date,
            "fitted_sdv_version": None,
            "relsynth_version": _core.version,
        }

    def save(self, filepath: str | os.PathLike) -> None:
        """Writes the fitted synthesizer to one file (the relsynth model inside)."""
        model = None
        if self._fitted:
            with tempfile.TemporaryDirectory() as folder:
                path = os.path.join(folder, "model.rsm")
                self._synthesizer.save(path)
                with open(path, "rb") as f:
                    model = f.read()
        state = {
            "metadata": Metadata.from_sdv(self.metadata).to_sdv_dict(),
            "settings": self._settings,
            "dtypes": self._dtypes,
            "model": model,
            "creation_date": self._creation_date,
            "fit_date": self._fit_date,
        }
        with open(filepath, "wb") as f:
            pickle.dump(state, f)

    @classmethod
    def load(cls, filepath: str | os.PathLike) -> "RelsynthSynthesizer":
        with open(filepath, "rb") as f:
            state = pickle.load(f)
        synthesizer = cls(state["metadata"], **state["settings"])
        synthesizer._dtypes = state["dtypes"]
        synthesizer._creation_date = state["creation_date"]
        synthesizer._fit_date = state["fit_date"]
        if state["model"] is not None:
            with tempfile.TemporaryDirectory() as folder:
                path = os.path.join(folder, "model.rsm")
                with open(path, "wb") as f:
                    f.write(state["model"])
                synthesizer._synthesizer = Synthesizer.load(path, **state["settings"])
            synthesizer._fitted = True
        return synthesizer


def _with_dtypes(frame, dtypes: Mapping[str, Any]):
    """`frame` with the fitted data's dtypes where the values allow (an int64 column without
    NULLs back to int64; one with NULLs stays nullable)."""
    out = frame.copy()
    for column, dtype in dtypes.items():
        if column not in out.columns:
            continue
        try:
            out[column] = out[column].astype(dtype)
        except (TypeError, ValueError):
            if str(dtype).startswith("int"):
                out[column] = out[column].astype("Float64" if out[column].isna().any() else dtype)
    return out
