"""The package's API end to end on the demo database: inspect, fit from a path and from
DataFrames, sample to memory and to a destination, save/load, plans, report, errors."""

import json
import sqlite3

import pandas as pd
import pytest

import relsynth as rs
from conftest import sqlite_tables


def test_inspect_reads_keys_sdtypes_and_rules(demo_db):
    meta = rs.inspect(demo_db)
    assert list(meta.tables) == [
        "customers", "stores", "employees", "products", "orders", "order_items", "payments", "reviews"]
    customers = meta.tables["customers"]
    assert customers.primary_key == ["customer_id"]
    assert customers.columns["email"].sdtype == "email"
    assert meta.tables["order_items"].primary_key == ["order_id", "product_id"]
    assert any(fk["parent_table"] == "customers" for fk in meta.tables["orders"].foreign_keys)


def test_metadata_edits_round_trip_through_json(demo_db, tmp_path):
    meta = rs.inspect(demo_db)
    meta.tables["customers"].columns["email"].treatment = "hash"
    meta.tables["customers"].columns["segment"].sdtype = "categorical"
    path = tmp_path / "meta.json"
    meta.to_json(path)
    again = rs.Metadata.from_json(path)
    assert again.tables["customers"].columns["email"].treatment["kind"] == "hash"
    assert again.to_dict()["tables"][0]["name"] == "customers"
    sdv = meta.to_sdv_dict()
    assert sdv["METADATA_SPEC_VERSION"] == "V1"
    back = rs.Metadata.from_sdv(sdv)
    assert back.tables["orders"].columns["total"].sdtype == "numerical"


def test_fit_from_a_path_and_sample_to_memory(demo_db):
    synth = rs.Synthesizer(rs.inspect(demo_db), seed=42, trees=4, quiet=True).fit(demo_db)
    tables = synth.sample(scale=0.5, seed=3)
    assert set(tables) == set(rs.inspect(demo_db).tables)
    orders, customers = tables["orders"], tables["customers"]
    assert isinstance(orders, pd.DataFrame)
    # Every foreign key is valid and keys are unique.
    assert orders["customer_id"].isin(customers["customer_id"]).all()
    assert customers["customer_id"].is_unique
    # Roughly half the source's rows.
    assert 400 <= len(customers) <= 600
    # Nullable dtypes: an integer key stays an integer.
    assert str(orders["order_id"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(orders["order_date"])


def test_same_seed_gives_the_cli_s_database(demo_db, tmp_path, cli):
    """The Python path and the CLI run the same core: byte-identical tables for one seed."""
    synth = rs.Synthesizer(seed=7, trees=3, quiet=True).fit(demo_db)
    python_out = tmp_path / "python.sqlite"
    written = synth.sample(to=python_out, seed=11)
    assert written["customers"] == 1000
    cli_out = tmp_path / "cli.sqlite"
    cli("synth", demo_db, "--to", cli_out, "--seed", "7", "--trees", "3")
    # The CLI's --seed sets training's and generation's; generate again with seed 11.
    model = tmp_path / "m.rsm"
    cli("train", demo_db, "-o", model, "--seed", "7", "--trees", "3")
    cli("generate", model, "--to", cli_out, "--seed", "11", "--overwrite")
    assert sqlite_tables(python_out).keys() == sqlite_tables(cli_out).keys()
    for name, frame in sqlite_tables(python_out).items():
        pd.testing.assert_frame_equal(frame, sqlite_tables(cli_out)[name], check_dtype=True)


def test_fit_from_dataframes_and_save_load(demo_db, tmp_path):
    frames = sqlite_tables(demo_db)
    meta = rs.inspect(demo_db)
    synth = rs.Synthesizer(meta, seed=1, trees=3, quiet=True).fit(frames)
    path = tmp_path / "model.rsm"
    synth.save(path)
    loaded = rs.Synthesizer.load(path, quiet=True)
    a = synth.sample(seed=5)
    b = loaded.sample(seed=5)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert a["order_items"]["order_id"].isin(a["orders"]["order_id"]).all()


def test_fit_from_dataframes_infers_metadata():
    customers = pd.DataFrame({"id": range(200), "age": [20 + i % 50 for i in range(200)],
                              "city": [["Oslo", "Rome", "Lima"][i % 3] for i in range(200)]})
    orders = pd.DataFrame({"order_id": range(600), "customer_id": [i % 200 for i in range(600)],
                           "amount": [float(i % 97) for i in range(600)]})
    synth = rs.Synthesizer(seed=2, quiet=True).fit({"customers": customers, "orders": orders})
    meta = synth.metadata
    assert meta.tables["orders"].foreign_keys[0]["parent_table"] == "customers"
    out = synth.sample(rows={"customers": 50})
    assert len(out["customers"]) == 50
    assert out["orders"]["customer_id"].isin(out["customers"]["id"]).all()
    assert set(out["customers"]["city"].dropna()) <= {"Oslo", "Rome", "Lima"}


def test_plan_file_drives_the_synthesizer(demo_db, tmp_path, cli):
    plan = tmp_path / "plan.yaml"
    out = tmp_path / "out.sqlite"
    cli("plan", demo_db, "-o", plan, "--to", out, "--trees", "3")
    synth = rs.Synthesizer.from_plan(plan, quiet=True).fit()
    written = synth.sample(to=out)
    assert written["orders"] > 0 and out.exists()


def test_report_on_paths_and_tables(demo_db, tmp_path):
    synth = rs.Synthesizer(seed=4, trees=3, quiet=True).fit(demo_db)
    tables = synth.sample()
    report = rs.report(real=demo_db, synthetic=tables, detection=False)
    assert 0.5 < report.summary["column_shapes"] <= 1
    assert report.summary["integrity_violations"] == 0
    assert "orders" in report.tables
    html = tmp_path / "r.html"
    report.to_html(html)
    assert html.read_text().startswith("<!DOCTYPE html>")
    json.loads(report.to_json())
    out = tmp_path / "s.sqlite"
    synth.sample(to=out)
    again = rs.report(real=demo_db, synthetic=out, detection=False, privacy=False)
    assert again.summary["integrity_violations"] == 0


def test_settings_are_the_declared_ones():
    keywords = {s["keyword"]: s for s in rs.settings()}
    assert {"seed", "trees", "train_rows", "scale", "batch_rows"} <= set(keywords)
    assert keywords["trees"]["default"] == "10"


def test_errors_are_typed_and_located(demo_db, tmp_path):
    with pytest.raises(rs.UsageError, match="trees"):
        rs.Synthesizer(trees=0)
    with pytest.raises(rs.UsageError, match="unknown setting"):
        rs.Synthesizer(tres=3)
    with pytest.raises(rs.IoError):
        rs.inspect(tmp_path / "missing.sqlite")
    with pytest.raises(rs.UsageError, match="not trained"):
        rs.Synthesizer().sample()
    frame = pd.DataFrame({"id": [1, 2, 3], "parent": [1, None, 7]})
    meta = rs.Metadata({"tables": [{"name": "t", "primary_key": ["id"], "columns": [
        {"name": "id", "sdtype": "id", "type": "int64"},
        {"name": "nope", "sdtype": "numerical", "type": "float64"}]}]})
    with pytest.raises(rs.InputError) as caught:
        rs.Synthesizer(meta, quiet=True).fit({"t": frame})
    assert (caught.value.table, caught.value.column) == ("t", "nope")


def test_output_never_overwrites_without_asking(demo_db, tmp_path):
    synth = rs.Synthesizer(seed=4, trees=2, quiet=True).fit(demo_db)
    out = tmp_path / "o.sqlite"
    synth.sample(to=out)
    with pytest.raises(rs.Error, match="exists"):
        synth.sample(to=out)
    synth.sample(to=out, overwrite=True)
    with pytest.raises(rs.UsageError):
        synth.sample(to=demo_db, overwrite=True)  # the source is never a destination
    with sqlite3.connect(demo_db) as connection:
        assert connection.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 1000


def test_files_written_never_land_on_the_data_or_on_foreign_files(demo_db, tmp_path):
    source = tmp_path / "shop.sqlite"
    source.write_bytes(demo_db.read_bytes())
    synth = rs.Synthesizer(seed=4, trees=2, quiet=True).fit(source)
    with pytest.raises(rs.UsageError, match="input"):
        synth.save(source)  # it replaced the database with the model file
    assert source.read_bytes() == demo_db.read_bytes()
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    report = rs.report(real=source, synthetic=source, detection=False, privacy=False)
    for write in (synth.save, report.to_html, report.to_json, rs.inspect(source).to_json):
        with pytest.raises(rs.UsageError, match="is not a file relsynth wrote"):
            write(notes)
    with pytest.raises(rs.UsageError, match="input"):
        report.to_html(source)
    assert notes.read_text() == "mine" and source.read_bytes() == demo_db.read_bytes()
    for write, name in ((synth.save, "m.rsm"), (report.to_html, "r.html"), (report.to_json, "r.json")):
        write(tmp_path / name)
        write(tmp_path / name)  # its own file is written over


def test_read_gives_every_table(demo_db):
    tables = rs.read(demo_db)
    assert len(tables["customers"]) == 1000
    assert str(tables["orders"]["order_id"].dtype) == "Int64"
    arrow = rs.read(demo_db, as_arrow=True)
    assert arrow["orders"].num_rows == len(tables["orders"])


def test_retrain_tables_equals_a_full_fit_on_the_new_data(demo_db):
    frames = sqlite_tables(demo_db)
    meta = rs.inspect(demo_db)
    synth = rs.Synthesizer(meta, seed=9, trees=2, quiet=True).fit(frames)
    reviews = frames["reviews"].copy()
    reviews["rating"] = 5  # everyone is happy now
    synth.retrain_tables({"reviews": reviews})
    fresh = rs.Synthesizer(meta, seed=9, trees=2, quiet=True).fit({**frames, "reviews": reviews})
    a, b = synth.sample(seed=2), fresh.sample(seed=2)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert set(a["reviews"]["rating"].dropna()) == {5}
    with pytest.raises(rs.UsageError, match="no table"):
        synth.retrain_tables({"nope": reviews})


def test_sample_streams_to_parquet_read_back_by_pyarrow(demo_db, tmp_path):
    import pyarrow.parquet as pq

    synth = rs.Synthesizer(seed=3, trees=2, quiet=True).fit(demo_db)
    written = synth.sample(scale=2.0, to=f"parquet:{tmp_path / 'out'}", batch_rows=500)
    orders = pq.read_table(tmp_path / "out" / "orders.parquet")
    assert orders.num_rows == written["orders"]
    customers = pq.read_table(tmp_path / "out" / "customers.parquet").to_pandas()
    assert orders.to_pandas()["customer_id"].isin(customers["customer_id"]).all()


def test_units_sampled_apart_add_up_to_the_whole_run(demo_db):
    synth = rs.Synthesizer(rs.inspect(demo_db), seed=42, trees=4, quiet=True).fit(demo_db)
    assert synth.units(2.5) == 3 and synth.units(1) == 1
    whole = synth.sample(scale=2.5)
    parts = [synth.sample(scale=2.5, units=range(0, 1)), synth.sample(scale=2.5, units=range(1, 3))]
    for name, table in whole.items():
        together = pd.concat([part[name] for part in parts], ignore_index=True)
        columns = list(table.columns)
        assert len(together) == len(table), name
        left = together.sort_values(columns).reset_index(drop=True)
        right = table.sort_values(columns).reset_index(drop=True)
        pd.testing.assert_frame_equal(left, right, check_dtype=False)
    with pytest.raises(rs.UsageError, match="units"):
        synth.sample(scale=2.5, units=range(2, 4))
    with pytest.raises(rs.UsageError, match="range"):
        synth.sample(scale=2.5, units=[0, 1])
