"""The export contract as data, and the profile that loader and dbt share."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from leadhub.config import ConfigError, load_target
from leadhub.contract import MODULES, ContractError, module_for_file, normalize_header

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_DOC = ROOT.parent / "shared" / "export-format.md"


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("2024.xlsx - jobs.csv", "jobs"),
        ("Booked-Opportunities_2023.csv", "booked_opportunities"),
        ("lead-status_2024-01-01_2024-03-31.csv", "lead_status"),
        ("LEAD_STATUS.xlsx", "lead_status"),
        ("lost-leads (3).csv", "lost_leads"),
        ("bad_leads.csv", "bad_leads"),
        ("sales-person-performance_2024.xlsx", "sales_performance"),
        ("RingCentral Users 2024.xlsx", "user_performance"),
        ("user_performance.csv", "user_performance"),
        ("customers_2024-12-31.csv", "customers"),
    ],
)
def test_module_from_file_name(name: str, module: str) -> None:
    assert module_for_file(name).name == module


def test_unknown_file_name_is_an_error_not_a_guess() -> None:
    with pytest.raises(ContractError, match="matches no module"):
        module_for_file("export (1).csv")


def test_ambiguous_file_name_is_an_error() -> None:
    with pytest.raises(ContractError, match="several modules"):
        module_for_file("booked-jobs.csv")


def test_patterns_can_be_overridden() -> None:
    assert module_for_file("weekly-export.csv", {"jobs": ("weekly-*",)}).name == "jobs"


def test_headers_match_after_trimming_and_collapsing_spaces() -> None:
    assert normalize_header("  Quote   # ") == "quote #"
    assert normalize_header("\ufeffJOB ID") == "job id"


def test_contract_doc_and_code_agree() -> None:
    """Every header and required mark of shared/export-format.md is in the contract code."""
    if not CONTRACT_DOC.exists():
        pytest.skip("shared/export-format.md is not beside this checkout")
    doc = CONTRACT_DOC.read_text(encoding="utf-8")
    for module in MODULES:
        start = doc.index(f"**{module.name}**")
        end = doc.find("\n\n", start)
        text = doc[start:end]
        for column in module.columns:
            if column.name.startswith(("origin_", "destination_")):
                continue  # the doc lists the address columns in one sentence
            marker = f"{column.name} ← `{column.header}`"
            assert marker in text, f"{module.name}: {marker!r} not in the contract doc"
            required = re.search(re.escape(marker) + r" \*\*R\*\*", text) is not None
            assert required == column.required, f"{module.name}.{column.name}: required mark differs"


def test_sources_yaml_declares_every_contract_column() -> None:
    doc = yaml.safe_load((ROOT / "models/staging/crm/_crm__sources.yml").read_text(encoding="utf-8"))
    tables = {t["name"]: t for t in doc["sources"][0]["tables"]}
    for module in MODULES:
        declared = [c["name"] for c in tables[module.name]["columns"]]
        assert declared[: len(module.columns)] == module.column_names


def test_profile_renders_env_vars(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("LEADHUB_PG_PORT", "6543")
    monkeypatch.setenv("LEADHUB_PG_PASSWORD", "123")
    monkeypatch.setenv("DBT_TARGET", "postgres")
    target = load_target(path=ROOT / "profiles.yml.example")
    assert target.name == "postgres"
    assert target.settings["port"] == 6543
    assert target.settings["password"] == "123"  # stays text unless the profile says as_number


def test_default_target_is_embedded_duckdb(monkeypatch) -> None:
    monkeypatch.delenv("DBT_TARGET", raising=False)
    monkeypatch.setenv("LEADHUB_DUCKDB_PATH", "/tmp/x/leadhub.duckdb")
    target = load_target(path=ROOT / "profiles.yml.example")
    assert target.type == "duckdb"
    assert target.duckdb_path == Path("/tmp/x/leadhub.duckdb")


def test_unknown_target_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="no target 'snowflake'"):
        load_target("snowflake", ROOT / "profiles.yml.example")


def test_ensure_postgres_quotes_names_and_password(tmp_path: Path) -> None:
    """A quote or a semicolon in the role, database or password cannot change the SQL that
    scripts/ensure-postgres.sh runs: the role and database are created with exactly those
    names, the password logs in, and nothing else happens."""
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("creating roles needs the postgres superuser (root in CI)")
    user, database, password = "lh_o'q", "lh_db'x", "pa'ss; drop role leadhub; --"
    env = dict(os.environ, LEADHUB_PG_USER=user, LEADHUB_PG_PASSWORD=password, LEADHUB_PG_DATABASE=database)
    script = ROOT / "scripts" / "ensure-postgres.sh"

    def as_postgres(sql: str) -> str:
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", "psql", "-qtA"],
            input=sql,
            text=True,
            capture_output=True,
            check=False,
        ).stdout

    try:
        done = subprocess.run(["bash", str(script)], env=env, text=True, capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
        assert as_postgres(
            "select rolname from pg_roles where rolname in ('leadhub', 'lh_o''q') order by 1"
        ) == ("leadhub\nlh_o'q\n")
        assert as_postgres("select datname from pg_database where datname = 'lh_db''x'") == "lh_db'x\n"
    finally:
        as_postgres('drop database if exists "lh_db\'x"; drop role if exists "lh_o\'q";')


def test_the_loader_and_dbt_agree_on_the_default_company() -> None:
    """Rows loaded without a company and the unscoped ids belong to one company, named once
    for the loader (leadhub/config.py) and once for dbt (var default_company)."""
    from leadhub.config import DEFAULT_COMPANY

    project = yaml.safe_load((ROOT / "dbt_project.yml").read_text())
    assert project["vars"]["default_company"] == DEFAULT_COMPANY
