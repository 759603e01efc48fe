"""The DataFrame boundary: bad tables get typed errors naming table, column and row, never a
crash of the interpreter; dtypes round-trip. Fuzzed with hypothesis."""

import datetime
import decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import pandas as hpd

import relsynth as rs


def fit(tables, **settings):
    return rs.Synthesizer(quiet=True, trees=2, **settings).fit(tables)


def test_mixed_object_column_names_table_and_column():
    frame = pd.DataFrame({"id": [1, 2, 3], "mixed": [1, "two", 3.5]})
    with pytest.raises(rs.InputError) as caught:
        fit({"things": frame})
    assert caught.value.table == "things" and caught.value.column == "mixed"


def test_duplicate_column_names():
    frame = pd.DataFrame([[1, 2], [3, 4]], columns=["a", "a"])
    with pytest.raises(rs.InputError) as caught:
        fit({"t": frame})
    assert (caught.value.table, caught.value.column) == ("t", "a")


def test_nan_in_an_integer_key_is_a_null_key():
    parents = pd.DataFrame({"id": range(50), "x": np.arange(50) % 7})
    children = pd.DataFrame({"id": range(100), "parent_id": [float(i % 50) if i % 9 else np.nan for i in range(100)]})
    out = fit({"parents": parents, "children": children}).sample()
    keys = out["children"]["parent_id"].dropna()
    assert keys.isin(out["parents"]["id"]).all()


def test_unsupported_dtype_is_refused_by_name():
    frame = pd.DataFrame({"id": [1, 2], "span": pd.to_timedelta([1, 2], unit="D")})
    with pytest.raises(rs.InputError) as caught:
        fit({"t": frame})
    assert caught.value.table == "t" and caught.value.column == "span"
    nested = pd.DataFrame({"id": [1, 2], "tags": [[1, 2], [3]]})
    with pytest.raises(rs.InputError) as caught:
        fit({"t": nested})
    assert caught.value.column == "tags"


def test_not_a_dataframe():
    with pytest.raises(rs.UsageError, match="DataFrame"):
        fit({"t": [1, 2, 3]})


def test_dtypes_round_trip():
    n = 300
    frame = pd.DataFrame({
        "id": pd.array(range(n), dtype="Int64"),
        "count": pd.array([i % 5 if i % 10 else None for i in range(n)], dtype="Int64"),
        "when": pd.date_range("2024-01-01", periods=n, freq="h", tz="Europe/Paris"),
        "kind": pd.Categorical([["a", "b", "c"][i % 3] for i in range(n)]),
        "price": [decimal.Decimal(f"{i % 50}.25") for i in range(n)],
        "flag": pd.array([bool(i % 2) for i in range(n)], dtype="boolean"),
        "name": pd.array([f"n{i % 17}" for i in range(n)], dtype="string"),
        "score": np.linspace(0, 1, n),
    })
    out = fit({"t": frame}).sample()["t"]
    assert str(out["id"].dtype) == "Int64"
    assert str(out["count"].dtype) == "Int64" and out["count"].isna().any()
    assert isinstance(out["when"].dtype, pd.DatetimeTZDtype)
    assert isinstance(out["kind"].dtype, pd.CategoricalDtype)
    assert set(out["kind"].dropna()) <= {"a", "b", "c"}
    assert all(isinstance(v, decimal.Decimal) for v in out["price"].dropna())
    assert str(out["flag"].dtype) == "boolean"
    assert str(out["name"].dtype) == "string"
    assert out["score"].between(0, 1).all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hpd.data_frames(
    columns=hpd.columns(["a", "b", "c"], dtype=object, elements=st.one_of(
        st.none(), st.integers(-2**70, 2**70), st.floats(allow_nan=True), st.text(max_size=5),
        st.booleans(), st.dates(), st.binary(max_size=4))),
    index=hpd.range_indexes(min_size=0, max_size=12)))
def test_any_frame_gives_a_result_or_a_typed_error(frame):
    try:
        out = fit({"t": frame})
    except rs.Error as error:
        assert str(error)
        return
    tables = out.sample()
    assert set(tables) == {"t"}


def test_mixed_types_name_the_types_and_their_first_rows():
    frame = pd.DataFrame({"id": range(4), "mixed": [1, "two", 3, "four"]})
    with pytest.raises(rs.InputError) as caught:
        fit({"things": frame})
    message = str(caught.value)
    assert "int (first at row 1), str (first at row 2)" in message
    assert "Conversion failed" not in message and "('" not in message  # not pyarrow's tuple


@pytest.mark.parametrize("value, row_text", [
    (decimal.Decimal("Infinity"), "not a finite number"),
    ("\ud800", "cannot be read"),  # a lone surrogate: no UTF-8 for it
    (1 + 2j, "cannot be read"),
])
def test_a_value_no_column_type_holds_names_its_row(value, row_text):
    values = [decimal.Decimal("1.5")] * 3 if isinstance(value, decimal.Decimal) else ["a"] * 3
    values[2] = value
    frame = pd.DataFrame({"id": range(3), "x": values})
    with pytest.raises(rs.InputError) as caught:
        fit({"t": frame})
    assert (caught.value.table, caught.value.column, caught.value.row) == ("t", "x", 2)
    assert row_text in str(caught.value)


def test_a_named_index_is_a_column_and_the_frame_is_left_alone():
    parents = pd.DataFrame({"id": range(40), "x": np.arange(40) % 3}).set_index("id")
    children = pd.DataFrame({"id": range(120), "parent_id": np.arange(120) % 40, "v": np.arange(120) % 7})
    out = fit({"parents": parents, "children": children}).sample()
    assert list(out["parents"].columns) == ["id", "x"]  # the key was not dropped with the index
    assert out["children"]["parent_id"].dropna().isin(out["parents"]["id"]).all()
    assert parents.index.name == "id" and list(parents.columns) == ["x"]
    kept_twice = pd.DataFrame({"id": range(40), "x": np.arange(40) % 3}).set_index("id", drop=False)
    assert list(fit({"t": kept_twice}).sample()["t"].columns) == ["id", "x"]


def test_sparse_columns_are_read_dense():
    frame = pd.DataFrame({"id": range(60), "x": pd.arrays.SparseArray([0, 1, 0] * 20)})
    out = fit({"t": frame}).sample()["t"]
    assert set(out["x"].dropna()) <= {0, 1}
