"""Spark (dbt-spark, method session): the loader writes the raw tables through a local Spark
session, as Parquet tables, with the loader's guarantees: every record of the sample either a
raw row or quarantined (the same counts as on DuckDB), lineage on every row, and a second load
of the same files loading nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from warehouse_builds import ROOT, SAMPLE, Built

from leadhub.config import Target, load_target
from leadhub.contract import MODULES
from leadhub.database import fetch
from leadhub.load.loader import Loader
from leadhub.load.warehouse import SparkWarehouse, connect


@pytest.fixture(scope="module")
def spark_target(tmp_path_factory) -> Iterator[Target]:
    """A spark target on a warehouse folder of its own. The Spark session is one per process:
    its warehouse and metastore are fixed when it starts, so this module has one warehouse."""
    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEADHUB_SPARK_WAREHOUSE", str(warehouse))
        mp.setenv("LEADHUB_SPARK_DRIVER_MEMORY", "2g")
        mp.setenv("LEADHUB_RAW_SCHEMA", "raw")
        yield load_target("spark", ROOT / "profiles.yml.example")


@pytest.fixture(scope="module")
def loaded(spark_target: Target) -> SparkWarehouse:
    wh = connect(spark_target)
    assert isinstance(wh, SparkWarehouse)
    report = Loader(wh).load([SAMPLE / "exports"])
    assert report.files and all(f.status == "loaded" for f in report.files), report.files
    return wh


def _counts(target: Target) -> dict[str, int]:
    tables = [m.name for m in MODULES] + ["quarantine"]
    rows = fetch(
        target, " union all ".join(f"select '{t}', count(*) from {target.raw_schema}.{t}" for t in tables)
    )
    return {str(name): int(n) for name, n in rows}


def test_the_sample_loads_into_spark_as_into_duckdb(
    loaded, spark_target, warehouses: dict[str, Built]
) -> None:
    spark = _counts(spark_target)
    duckdb = _counts(warehouses["duckdb"].target)
    assert spark == duckdb and spark["jobs"] > 1000 and spark["quarantine"] > 0
    log = fetch(
        spark_target, "select sum(rows_loaded), sum(rows_rejected) from raw.load_log where status = 'loaded'"
    )
    assert (int(log[0][0]), int(log[0][1])) == (
        sum(v for k, v in spark.items() if k != "quarantine"),
        spark["quarantine"],
    )
    # lineage: every raw row names its file and record, once
    for module in MODULES:
        ((rows, keyed, checksums),) = fetch(
            spark_target,
            f"select count(*), count(distinct _source_file, _source_row), count(_file_checksum) from raw.{module.name}",
        )
        assert rows == keyed == checksums, module.name
    types = {row[0]: row[1] for row in fetch(spark_target, "describe table raw.jobs")}
    assert (
        types["_source_row"] == "int" and types["_loaded_at"] == "timestamp" and types["job_id"] == "string"
    )


def test_loading_the_same_files_again_loads_nothing(loaded, spark_target) -> None:
    before = _counts(spark_target)
    report = Loader(loaded).load([SAMPLE / "exports"])
    assert {f.status for f in report.files} == {"skipped"}
    assert _counts(spark_target) == before
