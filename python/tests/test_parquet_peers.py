"""Parquet files written by other engines read by relsynth (#24): DuckDB's own writer, with its
logical types (DuckDB is not built on Arrow's Parquet writer, so this is an independent file)."""

import datetime
import decimal

import pytest

import relsynth as rs

duckdb = pytest.importorskip("duckdb")


def write_lake(tmp_path):
    folder = tmp_path / "lake"
    folder.mkdir()
    duckdb.sql(f"""
        COPY (SELECT i AS id, 'name ' || (i % 7) AS name, (i % 5)::TINYINT AS small,
                     (i * 1.25)::DECIMAL(10, 2) AS price, DATE '2024-01-01' + (i % 30)::INTEGER AS day,
                     TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(i) AS at, i % 2 = 0 AS even,
                     CASE WHEN i % 10 = 0 THEN NULL ELSE i::DOUBLE / 3 END AS third
              FROM range(500) t(i))
        TO '{folder / "items.parquet"}' (FORMAT PARQUET)""")
    duckdb.sql(f"""
        COPY (SELECT i AS sale_id, i % 500 AS item_id, (i % 9)::INTEGER AS qty FROM range(1500) t(i))
        TO '{folder / "sales.parquet"}' (FORMAT PARQUET, COMPRESSION zstd)""")
    return folder


def test_relsynth_reads_what_duckdb_wrote(tmp_path):
    folder = write_lake(tmp_path)
    tables = rs.read(f"parquet:{folder}")
    items = tables["items"]
    assert len(items) == 500 and len(tables["sales"]) == 1500
    assert items["name"][3] == "name 3"
    assert items["price"][2] == decimal.Decimal("2.50")
    assert items["day"][1].date() == datetime.date(2024, 1, 2)
    assert items["at"].dt.tz is not None and items["at"][61].minute == 1
    assert items["third"].isna().sum() == 50
    assert str(items["small"].dtype) == "Int8"


# A rule computes price from id (price = 1.25 * id): its values in the DECIMAL(10, 2) column
# keep 2 decimal places, or the Arrow decimal128(10, 2) write refuses them.
def test_training_on_duckdb_files_with_a_decimal_rule(tmp_path):
    folder = write_lake(tmp_path)
    synth = rs.Synthesizer(seed=1, trees=2, quiet=True).fit(f"parquet:{folder}")
    out = synth.sample()
    assert out["sales"]["item_id"].isin(out["items"]["id"]).all()


def test_relsynth_reads_what_spark_wrote(tmp_path):
    """Spark's own writer (a folder of part files per table, _SUCCESS and .crc beside them)."""
    pyspark = pytest.importorskip("pyspark")
    import shutil

    if not shutil.which("java"):
        pytest.skip("no Java for Spark")
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("relsynth-test")
             .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
             .getOrCreate())
    try:
        people = spark.range(300).selectExpr(
            "id AS person_id", "CAST(id % 7 AS INT) AS team", "id * 0.5 AS score",
            "CAST(date_add(DATE'2024-01-01', CAST(id % 40 AS INT)) AS DATE) AS joined",
            "CASE WHEN id % 11 = 0 THEN NULL ELSE concat('p', id % 13) END AS nick")
        people.repartition(3).write.parquet(str(tmp_path / "lake" / "people"))
        visits = spark.range(900).selectExpr("id AS visit_id", "id % 300 AS person_id")
        visits.repartition(2).write.parquet(str(tmp_path / "lake" / "visits"))
    finally:
        spark.stop()
    tables = rs.read(f"parquet:{tmp_path / 'lake'}")
    people = tables["people"].sort_values("person_id").reset_index(drop=True)
    assert len(people) == 300 and len(tables["visits"]) == 900
    assert people["score"][10] == 5.0
    assert people["joined"][41].date() == datetime.date(2024, 1, 2)
    assert people["nick"].isna().sum() == 28
    synth = rs.Synthesizer(seed=2, trees=2, quiet=True).fit(f"parquet:{tmp_path / 'lake'}")
    out = synth.sample()
    assert out["visits"]["person_id"].isin(out["people"]["person_id"]).all()
