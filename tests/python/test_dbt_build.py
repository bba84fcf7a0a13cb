"""`dbt build` over the loaded sample on both engines: passes, agrees across engines, and bites.

The sample is loaded and built once per engine (module-scoped ``warehouses``); tests that
change data work on a warehouse of their own.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
from pathlib import Path

import pytest
import yaml
from warehouse_builds import Built, dbt, load_and_build

from leadhub.config import Target
from leadhub.dbt_runner import PRODUCTION_BUILD
from leadhub.load.loader import Loader
from leadhub.load.warehouse import connect

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"

STAGED = [
    "lead_status",
    "booked_opportunities",
    "lost_leads",
    "bad_leads",
    "jobs",
    "customers",
    "sales_performance",
    "user_performance",
]
INTERMEDIATE = sorted(p.stem for p in (ROOT / "models" / "intermediate").rglob("int_*.sql"))
MARTS = sorted(p.stem for p in (ROOT / "models" / "marts").rglob("*.sql"))
# Differ between two loads of the same files by design (ids and clock times of the load).
PER_LOAD_COLUMNS = {"_load_id", "_loaded_at", "load_id"}
# Differ between two builds by design: the run that wrote a history row.
PER_RUN_COLUMNS = {"integrity_check_history": {"id", "run_id", "run_at", "target_name"}}
# JSON columns: DuckDB returns their text, PostgreSQL (jsonb) the parsed value; compared as values.
JSON_COLUMNS = {"merge_history"}


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_dbt_build_passes_on_the_loaded_sample(warehouses: dict[str, Built], engine: str) -> None:
    result = warehouses[engine].result
    assert result.returncode == 0, result.stdout[-5000:]
    assert "ERROR=0" in result.stdout and "PASS=" in result.stdout


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_the_unit_tests_pass(warehouses: dict[str, Built], engine: str) -> None:
    """dbt's unit tests (the models' logic) and the logic-tagged data tests (the macros' fast
    paths against their rules), once per engine; builds leave them out
    (dbt_runner.PRODUCTION_BUILD)."""
    built = warehouses[engine]
    result = dbt(["test", "--select", "test_type:unit", "tag:logic"], built.env, built.tmp)
    assert result.returncode == 0, result.stdout[-5000:]
    passed = re.search(r"PASS=(\d+) WARN=0 ERROR=0", result.stdout)
    assert passed and int(passed.group(1)) >= 25, result.stdout[-3000:]


def _canonical(value: object) -> str:
    if value is None:
        return "\x00null"
    if isinstance(value, list | dict):  # PostgreSQL jsonb, already parsed
        return json.dumps(value, sort_keys=True)
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):  # computed floats (match weights): the engines agree to 1e-9
        return format(decimal.Decimal(f"{value:.9f}").normalize(), "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _table(built: Built, relation: str) -> tuple[list[str], list[tuple[str, ...]]]:
    columns, rows = built.rows(built.relation(relation))
    skip = PER_LOAD_COLUMNS | PER_RUN_COLUMNS.get(relation, set())
    keep = [i for i, c in enumerate(columns) if c not in skip]
    parsed = [
        tuple(
            json.loads(r[i]) if c in JSON_COLUMNS and isinstance(r[i], str) else r[i]
            for i, c in enumerate(columns)
        )
        for r in rows
    ]
    return [columns[i] for i in keep], sorted(tuple(_canonical(r[i]) for i in keep) for r in parsed)


@pytest.mark.parametrize(
    "relation",
    [f"stg_crm__{m}" for m in STAGED]
    + [f"base_crm__{m}" for m in STAGED]
    + [
        "stg_crm__value_issues",
        "stg_crm__value_normalization",
        "stg_crm__entity_mentions",
    ]
    + INTERMEDIATE
    + MARTS,
)
def test_models_are_identical_on_duckdb_and_postgres(warehouses: dict[str, Built], relation: str) -> None:
    duck_cols, duck_rows = _table(warehouses["duckdb"], relation)
    pg_cols, pg_rows = _table(warehouses["postgres"], relation)
    assert duck_cols == pg_cols
    assert len(duck_rows) == len(pg_rows) > 0 or relation == "stg_crm__value_issues"
    differing = [(a, b) for a, b in zip(duck_rows, pg_rows, strict=True) if a != b]
    assert not differing[:3], f"{relation}: first differing rows {differing[:3]}"


def test_staging_accounts_for_every_raw_row(warehouses: dict[str, Built]) -> None:
    built = warehouses["duckdb"]
    raw = built.env["LEADHUB_RAW_SCHEMA"]
    for module in STAGED:
        _, raw_rows = built.rows(f"{raw}.{module}")
        _, history = built.rows(built.relation(f"base_crm__{module}"))
        _, current = built.rows(built.relation(f"stg_crm__{module}"))
        assert len(raw_rows) == len(history) > 0, module
        assert len(current) < len(history) or module in {"user_performance", "customers", "sales_performance"}


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_branch_and_lead_source_mapping_against_ground_truth(
    warehouses: dict[str, Built], engine: str
) -> None:
    from leadhub.evaluate import evaluate

    scores = {s.link: s for s in evaluate(warehouses[engine].target, SAMPLE / "truth")}
    for link in ("branch", "lead_source"):
        assert scores[link].truth_rows > 5000
        assert scores[link].precision >= 0.99 and scores[link].recall >= 0.99, scores[link].as_dict()
    sales = scores["sales_person"]
    assert sales.truth_rows > 5000
    assert sales.precision >= 0.99 and sales.recall >= 0.97, sales.as_dict()


@pytest.mark.parametrize("layer", ["staging", "intermediate", "marts"])
def test_every_model_and_column_is_documented(warehouses: dict[str, Built], layer: str) -> None:
    """Each model of the layer is in a yml with a description, and its columns are exactly the documented ones."""
    built = warehouses["duckdb"]
    documented: dict[str, dict] = {}
    for path in (ROOT / "models" / layer).rglob("_*__models.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8"))["models"]:
            documented[model["name"]] = model
    on_disk = {p.stem for p in (ROOT / "models" / layer).rglob("*.sql")}
    assert on_disk == set(documented), on_disk ^ set(documented)
    for name, model in documented.items():
        actual, _ = built.rows(f"{built.relation(name)} limit 0")
        assert sorted(actual) == sorted(c["name"] for c in model["columns"]), name
        assert model.get("description") and all(c.get("description") for c in model["columns"]), name


def test_snapshot_keeps_status_history_across_runs(tmp_path: Path, pg_database: str) -> None:
    """A newer export that changes a lead's status adds a snapshot version; the old one is closed."""
    built = load_and_build("duckdb", tmp_path, None)
    assert built.result.returncode == 0, built.result.stdout[-3000:]
    _, rows = built.rows(built.relation("stg_crm__lead_status"))
    quote = rows[0][0]
    newer = tmp_path / "new" / "lead-status_2030-01-31.csv"
    newer.parent.mkdir()
    newer.write_text(f"Quote #,Branch Name,Status\n{quote},TORONTO,Cancelled\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        for k, v in built.env.items():
            mp.setenv(k, v)
        wh = connect(built.target)
        Loader(wh).load([newer])
        wh.close()
    again = dbt([*PRODUCTION_BUILD, "--select", "+snp_crm__lead_status"], built.env, tmp_path)
    assert again.returncode == 0, again.stdout[-3000:]
    columns, snap = built.rows(
        f"main_snapshots.snp_crm__lead_status where quote_number = '{quote}' order by dbt_valid_from"
    )
    status, valid_to = columns.index("status"), columns.index("dbt_valid_to")
    assert [r[status] for r in snap][-1] == "CANCELLED"
    assert len(snap) == 2 and snap[0][valid_to] == dt.datetime(2030, 1, 31) and snap[1][valid_to] is None


def test_a_lost_raw_row_fails_the_accounting_tests(
    target: Target, sample_dir: Path, tmp_path: Path, query
) -> None:
    wh = connect(target)
    Loader(wh).load([sample_dir / "exports"])
    wh.close()
    query(
        target,
        "delete from {raw}.lead_status where _source_row = 1 and _source_file like 'lead-status_2022%'",
    )
    env = {"LEADHUB_RAW_SCHEMA": target.raw_schema, "DBT_TARGET": target.name}
    if target.type == "duckdb":
        env["LEADHUB_DUCKDB_PATH"] = str(target.duckdb_path)
    else:
        env["LEADHUB_PG_DATABASE"] = str(target.settings["dbname"])
    failed = dbt(["test", "--select", "source:crm.lead_status"], env, tmp_path)
    assert failed.returncode != 0
    failing = [line for line in failed.stdout.splitlines() if "FAIL" in line and "matches_load_log" in line]
    assert failing, failed.stdout[-4000:]
