"""DataFrames in and out: pandas (or pyarrow) tables cross into the core as Arrow streams (the
Arrow C Data Interface) and come back as Arrow record batches turned into pandas DataFrames
with nullable dtypes (Int64, boolean, string, datetime64 with its time zone, decimal objects)."""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from . import _core


def input_error(message: str) -> _core.InputError:
    """An InputError whose .table, .column and .row are read from the message, as the core's."""
    error = _core.InputError(message)
    table, column, row = _core.find_location(message)
    error.table, error.column, error.row = table or None, column or None, None if row < 0 else row
    return error


def is_tables(data: Any) -> bool:
    """Whether `data` is a dict of tables rather than a path or URI."""
    return isinstance(data, Mapping)


def _to_arrow(name: str, frame: Any) -> pa.Table:
    if isinstance(frame, pa.Table):
        return frame
    if isinstance(frame, pa.RecordBatch):
        return pa.Table.from_batches([frame])
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        pd = None
    if pd is None or not isinstance(frame, pd.DataFrame):
        raise _core.UsageError(
            f'table "{name}": expected a pandas DataFrame or a pyarrow Table, '
            f"got {type(frame).__name__}"
        )
    frame = _plain_frame(frame)
    columns = [str(c) for c in frame.columns]
    seen = set()
    for column in columns:
        if column in seen:
            raise input_error(f'table "{name}", column "{column}": the name appears twice')
        seen.add(column)
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowException, OverflowError, TypeError, ValueError, UnicodeError) as error:
        column, why = _why_not_convertible(frame, error)
        raise input_error(f'table "{name}", column "{column}"{why}') from None


def _plain_frame(frame):
    """The frame as the columns relsynth reads: a named index (`set_index("id")`) is data, so
    its levels become columns as `reset_index()` makes them (an unnamed index is row labels,
    left out); sparse columns are made dense. The caller's frame is never changed."""
    import pandas as pd

    # A level also kept as a column (set_index(drop=False)) is there already.
    named = [level for level in frame.index.names if level is not None and level not in frame.columns]
    if named:
        frame = frame.reset_index(level=named)
    sparse = [c for c, dtype in frame.dtypes.items() if isinstance(dtype, pd.SparseDtype)]
    if sparse:
        frame = frame.copy(deep=False)
        for column in sparse:
            frame[column] = frame[column].sparse.to_dense()
    return frame


def _why_not_convertible(frame, error: Exception) -> tuple[str, str]:
    """The first column pyarrow cannot convert, and why, naming the row where one value is to
    blame: mixed types in an object column, a value no Arrow type holds (Decimal("Infinity"),
    a lone surrogate in a string)."""
    for position, column in enumerate(frame.columns):
        values = frame.iloc[:, position]
        try:
            pa.array(values, from_pandas=True)
        except Exception as column_error:  # noqa: BLE001 - any failure is described below
            return str(column), _value_problem(values, column_error)
    return "?", ": " + _first_line(error)


def _value_problem(values, error: Exception) -> str:
    """Why a column's values do not convert: the first value that fails alone (its row, 1-based
    as in the core's messages), else the types it mixes and where each first appears."""
    import pandas as pd

    first_of_type = {}
    for row, value in enumerate(values):
        if value is None or (not isinstance(value, (str, bytes)) and pd.isna(value) is True):
            continue
        first_of_type.setdefault(type(value).__name__, row)
        if isinstance(value, decimal.Decimal) and value.is_infinite():
            return f", row {row + 1}: the value {_shown(value)} is not a finite number (a decimal is exact)"
        try:
            pa.array([value], from_pandas=True)
        except Exception as value_error:  # noqa: BLE001
            return f", row {row + 1}: the value {_shown(value)} cannot be read ({_first_line(value_error)})"
    if len(first_of_type) > 1:
        kinds = ", ".join(f"{kind} (first at row {row + 1})" for kind, row in first_of_type.items())
        return (
            f": the column mixes values of several types: {kinds}; give it one type "
            "(df[column].astype(str) makes it text)"
        )
    return ": " + _first_line(error)


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _first_line(error: Exception) -> str:
    """The message of an error, without the tuple pyarrow's conversion errors carry."""
    pyarrow_tuple = isinstance(error, pa.ArrowException) and len(error.args) > 1
    message = str(error.args[0]) if pyarrow_tuple else str(error)
    return message.splitlines()[0] if message else type(error).__name__


def tables_source(data: Mapping[str, Any]) -> dict[str, pa.Table]:
    """The tables as pyarrow Tables by name (each passes its Arrow stream to the core)."""
    out = {}
    for name, frame in data.items():
        if not isinstance(name, str):
            raise _core.UsageError(f"table names must be strings, got {name!r}")
        out[name] = _to_arrow(name, frame)
    return out


def _pandas_type(arrow_type: pa.DataType):
    import pandas as pd

    if pa.types.is_integer(arrow_type):
        return {
            pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
            pa.int64(): pd.Int64Dtype(), pa.uint8(): pd.UInt8Dtype(), pa.uint16(): pd.UInt16Dtype(),
            pa.uint32(): pd.UInt32Dtype(), pa.uint64(): pd.UInt64Dtype(),
        }[arrow_type]
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    if pa.types.is_floating(arrow_type):
        return pd.Float32Dtype() if arrow_type == pa.float32() else pd.Float64Dtype()
    return None  # pandas' own conversion: datetime64[ns, tz], dates and decimals as objects


def to_pandas(table: pa.Table):
    """A DataFrame with nullable dtypes (an integer column with NULLs stays Int64)."""
    return table.to_pandas(types_mapper=_pandas_type, date_as_object=False)


class _Stream:
    """An Arrow C stream capsule the core made, offered through the PyCapsule protocol."""

    def __init__(self, capsule):
        self._capsule = capsule

    def __arrow_c_stream__(self, requested_schema=None):
        return self._capsule


def read_tables(streams: Mapping[str, Any], as_arrow: bool = False) -> dict:
    """The core's output (table name -> Arrow C stream capsule) as DataFrames or Tables."""
    out = {}
    for name, capsule in streams.items():
        table = pa.table(_Stream(capsule))
        out[name] = table if as_arrow else to_pandas(table)
    return out


def categorical_columns(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """The columns of pandas `category` dtype in the DataFrames given to fit, by table."""
    out = {}
    for name, frame in data.items():
        dtypes = getattr(frame, "dtypes", None)
        if dtypes is not None:
            columns = [str(c) for c, dtype in dtypes.items() if str(dtype) == "category"]
            if columns:
                out[name] = columns
    return out


def with_categories(tables: dict, categories: Mapping[str, list[str]]) -> dict:
    """Sampled DataFrames with the fitted `category` columns made categories again (Arrow has
    carried them as text)."""
    for name, columns in categories.items():
        frame = tables.get(name)
        if frame is None:
            continue
        for column in columns:
            if column in frame.columns:
                frame[column] = frame[column].astype("category")
    return tables
