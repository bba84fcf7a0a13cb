"""`leadhub compare`: two targets' marts, row for row. DuckDB's and PostgreSQL's builds of the
sample are equal; a changed row is found and named; values are compared in one form whatever
engine returned them."""

from __future__ import annotations

import datetime as dt
import decimal
import shutil

from warehouse_builds import ROOT, Built, cli

from leadhub.compare import canonical, compare_marts
from leadhub.config import load_target
from leadhub.database import mart_schema, session


def test_duckdb_and_postgres_builds_of_the_sample_have_equal_marts(warehouses: dict[str, Built]) -> None:
    duckdb, postgres = warehouses["duckdb"], warehouses["postgres"]
    result = cli(duckdb, "compare", "--target", "duckdb", "--against", "postgres", **postgres.env)
    assert result.exit_code == 0, result.output
    assert "duckdb and postgres: all 19 marts equal" in result.output


def test_a_changed_row_is_found(warehouses: dict[str, Built], tmp_path, monkeypatch) -> None:
    original = warehouses["duckdb"].target
    copy = tmp_path / "changed.duckdb"
    shutil.copy(original.duckdb_path, copy)
    monkeypatch.setenv("LEADHUB_DUCKDB_PATH", str(copy))
    changed = load_target("duckdb", ROOT / "profiles.yml.example")
    with session(changed, read_only=False) as run:
        run(f"update {mart_schema(changed)}.branches set name = name || ' (moved)' where name like 'T%'")
    (comparison,) = compare_marts(original, changed, marts=["branches"])
    assert not comparison.equal and comparison.rows[0] == comparison.rows[1]
    assert 0 < len(comparison.only_in_first) == len(comparison.only_in_second) < comparison.rows[0]
    assert all(any(str(v).endswith(" (moved)") for v in row) for row in comparison.only_in_second)


def test_values_of_every_engine_take_one_form() -> None:
    utc = dt.datetime(2024, 3, 1, 12, 30, tzinfo=dt.UTC)
    assert canonical(utc) == canonical(dt.datetime(2024, 3, 1, 12, 30)) == "2024-03-01 12:30:00"
    assert canonical(decimal.Decimal("0.9500")) == canonical(0.95) == canonical(decimal.Decimal("0.95"))
    assert canonical(1 / 3) == canonical(0.33333333333333337)
    # JSON text (DuckDB, Spark) and parsed jsonb (PostgreSQL): key order and spacing do not matter
    assert canonical('[{"b": 1.50, "a": null}]') == canonical([{"a": None, "b": 1.5}])
    assert canonical("[not json]") == "[not json]"
    assert canonical(True) is True and canonical(None) is None and canonical(3) == 3
