"""Spark (dbt-spark, method session): the loader writes the raw tables through a local Spark
session, as Parquet tables, with the loader's guarantees: every record of the sample either a
raw row or quarantined (the same counts as on DuckDB), lineage on every row, and a second load
of the same files loading nothing. Then `dbt build` of the sample on that session: every model,
contract and data test, and marts equal to DuckDB's, row for row and id for id."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from warehouse_builds import ROOT, SAMPLE, Built, dbt

from leadhub.compare import compare_marts
from leadhub.config import Target, load_target
from leadhub.contract import MODULES
from leadhub.database import fetch
from leadhub.dbt_runner import PRODUCTION_BUILD, DbtRun
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


@pytest.fixture(scope="module")
def spark_built(loaded, spark_target: Target, tmp_path_factory) -> DbtRun:
    """`dbt build` of the sample on the local Spark session, as `leadhub build` runs it."""
    env = {
        "DBT_TARGET": "spark",
        "LEADHUB_RAW_SCHEMA": spark_target.raw_schema,
        "LEADHUB_SPARK_WAREHOUSE": os.environ["LEADHUB_SPARK_WAREHOUSE"],
        "LEADHUB_SPARK_DRIVER_MEMORY": os.environ["LEADHUB_SPARK_DRIVER_MEMORY"],
    }
    return dbt(PRODUCTION_BUILD, env, tmp_path_factory.mktemp("spark-build"))


def test_the_sample_builds_on_spark_with_every_test_passing(spark_built: DbtRun) -> None:
    """Every model and seed, the marts' contracts, the key, relationship and integrity tests."""
    assert spark_built.ok, spark_built.stdout[-4000:]
    done = re.search(r"Done\. PASS=(\d+) WARN=(\d+) ERROR=(\d+) SKIP=(\d+)", spark_built.stdout)
    assert done, spark_built.stdout[-2000:]
    passed, warned, errors, skipped = map(int, done.groups())
    assert (warned, errors, skipped) == (0, 0, 0) and passed > 200, done.group(0)
    assert "publish: 19 marts to main" in spark_built.stdout
    for check in (
        "linkage_rate_integrity_checks_job_to_customer",
        "references_bad_leads__column_customer_id",
    ):
        assert re.search(rf"PASS {check}", spark_built.stdout), check


def test_the_marts_on_spark_equal_duckdbs(spark_built, spark_target, warehouses: dict[str, Built]) -> None:
    """Row for row and id for id; integrity_checks among them, so the same linkage rates."""
    assert spark_built.ok
    comparisons = compare_marts(spark_target, warehouses["duckdb"].target)
    assert len(comparisons) >= 19 and all(c.rows[0] > 0 for c in comparisons if c.mart != "time_spine_daily")
    differing = {c.mart: (c.only_in_first[:2], c.only_in_second[:2]) for c in comparisons if not c.equal}
    assert not differing, differing
