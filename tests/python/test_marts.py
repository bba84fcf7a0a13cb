"""The marts on the loaded sample, both engines: the analysts' queries run, the data model's
indexes exist, and the business rules hold. (Parity and docs coverage of the marts are in
test_dbt_build.py, with the other layers.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from warehouse_builds import Built, dbt

ROOT = Path(__file__).resolve().parents[2]
ANALYSES = sorted(p.stem for p in (ROOT / "analyses").glob("*.sql"))

# ../shared/data-model.md, "Indexes (PostgreSQL)": every foreign key column, and these.
LISTED_INDEXES = {
    ("jobs", ("customer_id", "opportunity_status")),
    ("booked_opportunities", ("customer_id", "booked_date")),
    ("branches", ("normalized_name",)),
    ("lead_sources", ("category",)),
    ("customers", ("first_lead_date",)),
    ("customers", ("conversion_date",)),
    ("bad_leads", ("lead_status_id",)),
}


@pytest.fixture(scope="module")
def compiled_analyses(warehouses: dict[str, Built]) -> dict[str, dict[str, str]]:
    """Each engine's compiled SQL of every analysis (dbt compile against that warehouse)."""
    out: dict[str, dict[str, str]] = {}
    for engine, built in warehouses.items():
        result = dbt(["compile", "--select", "path:analyses"], built.env, built.tmp)
        assert result.returncode == 0, result.stdout[-3000:]
        folder = built.tmp / "target" / "compiled" / "leadhub" / "analyses"
        out[engine] = {name: (folder / f"{name}.sql").read_text(encoding="utf-8") for name in ANALYSES}
    return out


def test_the_five_analyst_queries_are_there() -> None:
    assert ANALYSES == [
        "branch_performance",
        "customer_complete_profile",
        "lead_source_performance",
        "lead_to_customer_journey",
        "sales_person_cross_module",
    ]


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
@pytest.mark.parametrize("analysis", ANALYSES)
def test_analysis_runs_and_returns_rows(
    warehouses: dict[str, Built], compiled_analyses: dict[str, dict[str, str]], engine: str, analysis: str
) -> None:
    built = warehouses[engine]
    columns, rows = built.rows(f"({compiled_analyses[engine][analysis]}) as analysis")
    assert columns and len(rows) > 0, analysis


@pytest.mark.parametrize("analysis", ANALYSES)
def test_analyses_agree_across_engines(
    warehouses: dict[str, Built], compiled_analyses: dict[str, dict[str, str]], analysis: str
) -> None:
    counts = {
        engine: len(built.rows(f"({compiled_analyses[engine][analysis]}) as analysis")[1])
        for engine, built in warehouses.items()
    }
    assert counts["duckdb"] == counts["postgres"], counts


def _core_foreign_keys() -> set[tuple[str, str]]:
    spec = yaml.safe_load(
        (ROOT / "models" / "marts" / "core" / "_core__models.yml").read_text(encoding="utf-8")
    )
    return {
        (model["name"], column["name"])
        for model in spec["models"]
        for column in model["columns"]
        if column["name"].endswith("_id") and column["name"] not in {"job_id", "crm_customer_id"}
    }


def test_postgres_has_the_data_model_indexes(warehouses: dict[str, Built]) -> None:
    built = warehouses["postgres"]
    _, rows = built.rows(
        "(select t.relname, a.attname, array_position(i.indkey, a.attnum) as position, i.indexrelid "
        "from pg_index as i join pg_class as t on t.oid = i.indrelid "
        "join pg_namespace as n on n.oid = t.relnamespace "
        "join pg_attribute as a on a.attrelid = t.oid and a.attnum = any(i.indkey) "
        f"where n.nspname = '{built.schema}') as indexed"
    )
    by_index: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for table, column, position, index in rows:
        by_index.setdefault((table, index), []).append((position, column))
    indexes = {(table, tuple(c for _, c in sorted(cols))) for (table, _), cols in by_index.items()}
    assert indexes >= LISTED_INDEXES, LISTED_INDEXES - indexes
    leading = {(table, cols[0]) for table, cols in indexes}
    missing = _core_foreign_keys() - leading
    assert not missing, f"foreign key columns without an index: {sorted(missing)}"
    assert all((table, ("id",)) in indexes for table, _ in _core_foreign_keys()), (
        "every mart has its primary key"
    )


def test_duckdb_marts_have_no_secondary_indexes(warehouses: dict[str, Built]) -> None:
    built = warehouses["duckdb"]
    _, rows = built.rows(f"duckdb_indexes() where schema_name = '{built.schema}'")
    assert rows == []


def _scalar(built: Built, sql: str):
    return built.rows(f"({sql}) as q")[1][0][0]


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_business_rules_hold_on_the_sample(warehouses: dict[str, Built], engine: str) -> None:
    built = warehouses[engine]
    s = built.schema
    # Only BOOKED and CLOSED jobs carry customer_id, and (nearly) all of them do.
    assert (
        _scalar(
            built,
            f"select count(*) from {s}.jobs where customer_id is not null "
            "and opportunity_status not in ('BOOKED', 'CLOSED')",
        )
        == 0
    )
    booked = _scalar(built, f"select count(*) from {s}.jobs where opportunity_status in ('BOOKED', 'CLOSED')")
    linked = _scalar(built, f"select count(customer_id) from {s}.jobs")
    assert booked > 100 and linked / booked >= 0.99
    # Customers are exactly the persons with such a job; all of them were leads once.
    customers = _scalar(built, f"select count(*) from {s}.customers where lifecycle_stage = 'customer'")
    assert customers == _scalar(built, f"select count(distinct customer_id) from {s}.jobs")
    assert (
        _scalar(
            built,
            f"select count(*) from {s}.customers where lifecycle_stage = 'customer' "
            "and (first_lead_date is null or conversion_date is null)",
        )
        == 0
    )
    assert (
        _scalar(
            built,
            f"select count(*) from {s}.customers where lifecycle_stage = 'lead' "
            "and conversion_date is not null",
        )
        == 0
    )
    # Every lead_status row, lost lead and bad lead is in the lead picture exactly once.
    leads = _scalar(built, f"select count(*) from {s}.lead_journey")
    parts = _scalar(
        built,
        f"select (select count(*) from {s}.lead_status) + (select count(*) from {s}.lost_leads "
        f"where lead_status_id is null) + (select count(*) from {s}.bad_leads where lead_status_id is null)",
    )
    assert leads == parts
    # The conversion marts add up to the journey.
    for mart in (
        "conversion_by_month",
        "conversion_by_branch",
        "conversion_by_lead_source",
        "conversion_by_lead_source_category",
        "conversion_by_sales_person",
    ):
        assert _scalar(built, f"select sum(lead_count) from {s}.{mart}") == leads, mart
        assert (
            _scalar(built, f"select sum(booked_count + lost_count + bad_count + open_count) from {s}.{mart}")
            == leads
        ), mart


def test_merge_history_is_jsonb_on_postgres_and_json_on_duckdb(warehouses: dict[str, Built]) -> None:
    pg = warehouses["postgres"]
    assert (
        _scalar(
            pg,
            f"select data_type from information_schema.columns where table_schema = '{pg.schema}' "
            "and table_name = 'customers' and column_name = 'merge_history'",
        )
        == "jsonb"
    )
    assert (
        _scalar(
            pg,
            f"select count(*) from {pg.schema}.customers "
            "where jsonb_array_length(merge_history) <> merge_count",
        )
        == 0
    )
    duck = warehouses["duckdb"]
    assert _scalar(duck, f"select typeof(merge_history) from {duck.schema}.customers limit 1") == "JSON"
    assert (
        _scalar(
            duck,
            f"select count(*) from {duck.schema}.customers "
            "where json_array_length(merge_history) <> merge_count",
        )
        == 0
    )


def test_share_writes_the_published_marts_and_nothing_else(
    warehouses: dict[str, Built], tmp_path: Path
) -> None:
    """`leadhub share`: a DuckDB file of the published marts only, without personal columns
    unless asked; PostgreSQL is told to use its roles instead."""
    import duckdb
    from click.testing import CliRunner

    from leadhub.cli import main
    from leadhub.share import documented_marts

    built = warehouses["duckdb"]
    env = {**built.env, "DBT_PROFILES_DIR": str(built.tmp / "profiles")}
    out = tmp_path / "for-analysts.duckdb"
    result = CliRunner().invoke(main, ["share", str(out)], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    personal = {(m.name, c) for m in documented_marts().values() for c in m.personal}
    assert {("customers", "email"), ("customers", "phone"), ("lead_status", "customer_name")} <= personal
    with duckdb.connect(str(out), read_only=True) as con:
        tables = con.execute("select table_schema, table_name from information_schema.tables").fetchall()
        columns = set(
            con.execute("select table_name, column_name from information_schema.columns").fetchall()
        )
        (customers,) = con.execute("select count(*) from customers").fetchone()
    assert {schema for schema, _ in tables} == {"main"}  # no raw, quarantine, staging or intermediate
    assert {"customers", "jobs", "lead_status", "integrity_checks"} <= {name for _, name in tables}
    assert not columns & personal and ("customers", "id") in columns
    _, published = built.rows(f"(select count(*) from {built.relation('customers')}) as c")
    assert customers == published[0][0]
    with_personal = CliRunner().invoke(
        main, ["share", str(out), "--with-personal-columns"], env=env, catch_exceptions=False
    )
    assert with_personal.exit_code == 0, with_personal.output
    with duckdb.connect(str(out), read_only=True) as con:
        assert con.execute("select count(email) from customers").fetchone()[0] > 0
    on_postgres = CliRunner().invoke(
        main,
        ["share", str(tmp_path / "x.duckdb")],
        env={**warehouses["postgres"].env, "DBT_PROFILES_DIR": env["DBT_PROFILES_DIR"]},
    )
    assert on_postgres.exit_code == 1 and "analyst role" in on_postgres.output
    assert not (tmp_path / "x.duckdb").exists()
