"""PostgreSQL roles (scripts/postgres-roles.sql, macros/marts/grants.sql), each used through a
login role of its own, as a person or a service would:

- the loader writes raw and reads nothing else;
- the transformer (dbt) reads raw, writes everything above it, and cannot write raw;
- an analyst reads every mart but not its personal columns, and nothing below the marts;
- a PII reader reads the personal columns too.

Creating login roles needs the postgres superuser: root with runuser, as in CI."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from warehouse_builds import ROOT, SAMPLE, Built, dbt

from leadhub.config import load_target
from leadhub.load.loader import Loader
from leadhub.load.warehouse import connect

PASSWORD = secrets.token_hex(12)
LOGINS = {
    "lh_test_load": "leadhub_loader",
    "lh_test_dbt": "leadhub_transformer",
    "lh_test_analyst": "leadhub_analyst",
    "lh_test_pii": "leadhub_pii_reader",
}
WRITERS = {"lh_test_load", "lh_test_dbt"}

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("runuser") is None,
    reason="creating login roles needs the postgres superuser (root in CI)",
)


def _as_postgres(sql: str, database: str = "postgres") -> None:
    done = subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", database],
        input=sql, text=True, capture_output=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def logins(pg_database: str) -> Iterator[str]:
    """The four roles (the setup script, in the test database) and a login in each; the
    writers' sessions act as their role. Yields the database."""
    script = (ROOT / "scripts" / "postgres-roles.sql").read_text()
    variables = "".join(
        f"\\set {var} {role}\n"
        for var, role in zip(("loader_role", "transformer_role", "analyst_role", "pii_reader_role"),
                             LOGINS.values(), strict=True)
    )  # fmt: skip
    _as_postgres(variables + script, pg_database)
    for login, role in LOGINS.items():
        sql = f"drop role if exists {login}; create role {login} login password '{PASSWORD}' in role {role};"
        if login in WRITERS:
            sql += f"alter role {login} set role {role};"
        _as_postgres(sql)
    try:
        yield pg_database
    finally:
        _as_postgres("".join(f"drop role if exists {login};" for login in LOGINS))


def _allowed(database: str, login: str, sql: str) -> bool:
    settings = load_target("postgres", ROOT / "profiles.yml.example").settings
    with psycopg.connect(
        host=settings["host"], port=settings["port"], dbname=database, user=login, password=PASSWORD,
        autocommit=True,
    ) as conn:  # fmt: skip
        try:
            conn.execute(sql)
            return True
        except psycopg.errors.InsufficientPrivilege:
            return False


def test_the_loader_writes_raw_and_the_transformer_builds_on_it(
    logins: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suffix = uuid.uuid4().hex[:8]
    raw, schema = f"raw_{suffix}", f"dbt_{suffix}"
    env = {
        "DBT_TARGET": "postgres", "LEADHUB_PG_DATABASE": logins, "LEADHUB_RAW_SCHEMA": raw,
        "LEADHUB_PG_SCHEMA": schema, "LEADHUB_PG_PASSWORD": PASSWORD,
    }  # fmt: skip
    for key, value in {**env, "LEADHUB_PG_USER": "lh_test_load"}.items():
        monkeypatch.setenv(key, value)
    warehouse = connect(load_target("postgres", ROOT / "profiles.yml.example"))
    try:
        report = Loader(warehouse).load(sorted((SAMPLE / "exports").glob("*jobs.csv")))
    finally:
        warehouse.close()
    assert len(report.files) == 5 and not report.rejected, report

    try:
        _transformer_builds_on_the_load(logins, env, raw, schema, tmp_path)
    finally:
        _as_postgres(
            "".join(f"drop schema if exists {s} cascade;" for s in (raw, schema, f"{schema}_staging")), logins
        )


def _transformer_builds_on_the_load(
    database: str, env: dict[str, str], raw: str, schema: str, tmp: Path
) -> None:
    logins = database
    built = dbt(
        ["build", "-s", "+stg_crm__jobs", "--exclude-resource-type", "test", "unit_test"],
        {**env, "LEADHUB_PG_USER": "lh_test_dbt"},
        tmp,
    )
    assert built.returncode == 0, built.stdout[-3000:]
    staged = f"{schema}_staging.stg_crm__jobs"
    assert _allowed(logins, "lh_test_dbt", f"select count(*) from {staged}")
    # the transformer reads raw but cannot change it
    assert _allowed(logins, "lh_test_dbt", f"select count(*) from {raw}.jobs")
    assert not _allowed(logins, "lh_test_dbt", f"delete from {raw}.jobs")
    assert not _allowed(logins, "lh_test_dbt", f"insert into {raw}.load_log (load_id) values ('x')")
    assert not _allowed(logins, "lh_test_dbt", f"create table {raw}.planted (x int)")
    # the loader reads and writes raw, and nothing the transformer made
    assert _allowed(logins, "lh_test_load", f"select count(*) from {raw}.quarantine")
    assert not _allowed(logins, "lh_test_load", f"select count(*) from {staged}")
    assert not _allowed(logins, "lh_test_load", f"create table {schema}.planted (x int)")
    # readers of the marts see neither
    for reader in ("lh_test_analyst", "lh_test_pii"):
        assert not _allowed(logins, reader, f"select count(*) from {raw}.jobs")
        assert not _allowed(logins, reader, f"select count(*) from {staged}")


def test_analysts_read_the_marts_but_not_their_personal_columns(
    logins: str, warehouses: dict[str, Built]
) -> None:
    """On the sample's warehouse (built as its database owner; the grants come with the marts)."""
    built = warehouses["postgres"]
    schema, raw = built.schema, built.env["LEADHUB_RAW_SCHEMA"]
    staging, intermediate = f"{schema}_staging", f"{schema}_intermediate"
    for login in ("lh_test_analyst", "lh_test_pii"):
        assert _allowed(logins, login, f"select id, first_lead_date, lifecycle_stage from {schema}.customers")
        assert _allowed(logins, login, f"select job_id, customer_id from {schema}.jobs")
        assert _allowed(logins, login, f"select check_name from {schema}.integrity_checks")
        for hidden in (f"{raw}.jobs", f"{raw}.quarantine", f"{staging}.stg_crm__jobs",
                       f"{intermediate}.int_identity_records"):  # fmt: skip
            assert not _allowed(logins, login, f"select 1 from {hidden} limit 1"), (login, hidden)
    assert not _allowed(logins, "lh_test_analyst", f"select email from {schema}.customers")
    assert not _allowed(logins, "lh_test_analyst", f"select * from {schema}.lead_status")
    assert _allowed(logins, "lh_test_pii", f"select customer_name, email, phone from {schema}.customers")
    assert _allowed(logins, "lh_test_pii", f"select * from {schema}.jobs")
