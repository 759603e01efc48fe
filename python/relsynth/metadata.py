"""Metadata: the tables, columns, keys, sdtypes, rules and treatments of a database, as relsynth's
metadata JSON (docs/METADATA.md) with attribute access. Change it, then give it to a
Synthesizer; relsynth checks it when it is used."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from typing import Any

from . import _core


class _Entry:
    """A view of one JSON object: its keys as attributes (``column.sdtype = "email"``)."""

    __slots__ = ("_data",)

    def __init__(self, data: dict):
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self._data[name] = value

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._data[key] = value

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def to_dict(self) -> dict:
        return self._data

    def __repr__(self) -> str:
        return f"{type(self).__name__}({json.dumps(self._data)[:200]})"


class Column(_Entry):
    """A column: name, sdtype, type (storage), sql_type, nullable, treatment, ..."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "treatment" and isinstance(value, str):
            value = {"kind": value}  # "hash" is {"kind": "hash"}
        super().__setattr__(name, value)


class _Named(Mapping):
    """A list of named JSON objects as a read-only mapping by name, in the list's order."""

    def __init__(self, items: list, kind: type):
        self._items = items
        self._kind = kind

    def __getitem__(self, name: str):
        for item in self._items:
            if item.get("name") == name:
                return self._kind(item)
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return (item.get("name") for item in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __delitem__(self, name: str) -> None:
        """Leaves the table or column out."""
        for i, item in enumerate(self._items):
            if item.get("name") == name:
                del self._items[i]
                return
        raise KeyError(name)

    def __repr__(self) -> str:
        return f"{{{', '.join(repr(name) for name in self)}}}"


class Table(_Entry):
    """A table: name, columns, primary_key, foreign_keys, rules, treatment, row_count, ..."""

    __slots__ = ()

    @property
    def columns(self) -> _Named:
        return _Named(self._data.setdefault("columns", []), Column)


class Metadata:
    """What relsynth knows of a database. ``rs.inspect(source)`` infers it; ``tables`` maps
    each table's name to its Table, whose ``columns`` map names to Columns."""

    def __init__(self, data: dict | None = None):
        self._data = data if data is not None else {"tables": []}
        self._data.setdefault("tables", [])

    @property
    def tables(self) -> _Named:
        return _Named(self._data["tables"], Table)

    @property
    def locale(self) -> str | None:
        """The locale of fake values where a column names none (e.g. "de_DE")."""
        return self._data.get("locale")

    @locale.setter
    def locale(self, value: str) -> None:
        self._data["locale"] = value

    def to_dict(self) -> dict:
        return self._data

    def to_json(self, path: str | os.PathLike | None = None, indent: int = 2) -> str:
        """The metadata JSON (relsynth's format, as `relsynth inspect -o` writes); also written to
        `path` when given."""
        text = json.dumps(self._data, indent=indent, ensure_ascii=False)
        if path is not None:  # never onto a file relsynth did not write
            _core.write_output_file("to_json()", os.fspath(path), text + "\n", [])
        return text

    def to_sdv_dict(self) -> dict:
        """SDV's multi-table metadata (V1) as a dict: sdtypes, keys and relationships."""
        return json.loads(_core.metadata_to_sdv(self.to_json()))

    @classmethod
    def from_json(cls, path_or_text: str | os.PathLike) -> "Metadata":
        """Reads relsynth's metadata JSON (or SDV's V1 JSON) from a file or from JSON text."""
        text = str(path_or_text)
        if not text.lstrip().startswith("{"):
            with open(path_or_text, encoding="utf-8") as f:
                text = f.read()
        return cls(json.loads(_core.metadata_from_json(text)))

    @classmethod
    def from_dict(cls, data: dict) -> "Metadata":
        return cls.from_json(json.dumps(data))

    @classmethod
    def from_sdv(cls, sdv_metadata: Any) -> "Metadata":
        """Takes SDV's metadata (an sdv Metadata / MultiTableMetadata object, or its dict)."""
        data = sdv_metadata.to_dict() if hasattr(sdv_metadata, "to_dict") else sdv_metadata
        return cls(json.loads(_core.metadata_from_sdv(json.dumps(data))))

    def validate(self) -> list[str]:
        """The metadata's problems, errors first ("error: ...", "warning: ...")."""
        return [f"{severity}: {text}" for severity, text in _core.validate_metadata(self.to_json())]

    def __repr__(self) -> str:
        return f"Metadata(tables={self.tables!r})"
