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
