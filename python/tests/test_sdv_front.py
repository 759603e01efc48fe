"""The SDV-compatible front: an SDV user switches by changing one line. Runs where SDV is
installed (the bench venv: bench/peers/setup.sh); there it is scored by SDV's own
evaluate_quality. Without SDV, the front is still checked with SDV's metadata as a dict."""

import pandas as pd
import pytest

from relsynth.sdv import RelsynthSynthesizer
from conftest import sqlite_tables


def sdv_metadata_dict():
    return {
        "METADATA_SPEC_VERSION": "V1",
        "tables": {
            "customers": {"primary_key": "id", "columns": {
                "id": {"sdtype": "id"}, "age": {"sdtype": "numerical"},
                "city": {"sdtype": "categorical"}}},
            "orders": {"primary_key": "order_id", "columns": {
                "order_id": {"sdtype": "id"}, "customer_id": {"sdtype": "id"},
                "amount": {"sdtype": "numerical"}}},
        },
        "relationships": [{"parent_table_name": "customers", "parent_primary_key": "id",
                           "child_table_name": "orders", "child_foreign_key": "customer_id"}],
    }


def small_data():
    customers = pd.DataFrame({"id": range(300), "age": [18 + i % 60 for i in range(300)],
                              "city": [["Oslo", "Rome", "Lima", "Kyiv"][i % 4] for i in range(300)]})
    orders = pd.DataFrame({"order_id": range(900), "customer_id": [(i * 7) % 300 for i in range(900)],
                           "amount": [round(5 + (i % 113) * 1.5, 2) for i in range(900)]})
    return {"customers": customers, "orders": orders}


def test_fit_sample_save_load_with_sdv_metadata_dict(tmp_path):
    synthesizer = RelsynthSynthesizer(sdv_metadata_dict(), seed=3)
    data = small_data()
    synthesizer.fit(data)
    sampled = synthesizer.sample(scale=1.0)
    assert set(sampled) == {"customers", "orders"}
    assert sampled["customers"]["id"].dtype == data["customers"]["id"].dtype  # int64 as given
    assert sampled["orders"]["customer_id"].isin(sampled["customers"]["id"]).all()
    assert synthesizer.get_info()["is_fit"]
    path = tmp_path / "synth.pkl"
    synthesizer.save(path)
    loaded = RelsynthSynthesizer.load(path)
    again = loaded.sample(scale=1.0)
    pd.testing.assert_frame_equal(again["orders"], synthesizer.sample(scale=1.0)["orders"])


def test_sdv_evaluate_quality_on_a_shared_dataset(tmp_path):
    pytest.importorskip("sdv")
    try:
        from sdv.evaluation.multi_table import evaluate_quality  # SDV 1.x
    except ImportError:
        from sdv.evaluation.evaluation import evaluate_quality  # SDV 2.x
    from sdv.metadata import Metadata
    from conftest import DATASETS

    database = DATASETS / "biodegradability.sqlite"
    if not database.exists():
        pytest.skip("no shared datasets")
    data = sqlite_tables(database)
    # The user's SDV metadata: relsynth's inference as SDV's (SDV's own detection types the
    # atoms' numeric codes as ids, which no synthesizer then learns).
    import relsynth as rs
    metadata = Metadata.load_from_dict(rs.inspect(database).to_sdv_dict())
    synthesizer = RelsynthSynthesizer(metadata, seed=1)
    synthesizer.fit(data)
    sampled = synthesizer.sample(scale=1.0)
    quality = evaluate_quality(data, sampled, metadata, verbose=False)
    assert quality.get_score() > 0.9  # 0.960 on 2026-12-06 (SDV 2.0.0)
