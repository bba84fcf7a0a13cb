"""Load exports into a fresh warehouse of either engine and run dbt on it (shared by the dbt tests)."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from leadhub.config import DEFAULT_COMPANY, Target, load_target
from leadhub.database import mart_schema, query, relation
from leadhub.dbt_runner import PRODUCTION_BUILD, DbtRun, run_dbt
from leadhub.load.loader import Loader
from leadhub.load.warehouse import connect

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"

# Each degradation of the exports, and the one threshold it must break.
DEGRADED = {
    # no name, contact or address: half the jobs carry nothing that names their person
    "jobs_contacts=false": (
        "job_to_customer",
        {"jobs_contacts": False, "jobs_addresses": False, "jobs_quote_rate": 0.5},
    ),
    "corrupt_quote_rate=0.5": ("lead_status_to_booked_opportunity", {"corrupt_quote_rate": 0.5}),
    "bad_lead_known_rate=0.3": ("bad_lead_to_lead_status", {"bad_lead_known_rate": 0.3}),
}


def env_for(engine: str, tmp: Path, pg_database: str | None) -> dict[str, str]:
    suffix = uuid.uuid4().hex[:8]
    env = {"LEADHUB_RAW_SCHEMA": f"raw_{suffix}", "DBT_TARGET": engine}
    if engine == "duckdb":
        env["LEADHUB_DUCKDB_PATH"] = str(tmp / "warehouse.duckdb")
    else:
        env["LEADHUB_PG_DATABASE"] = pg_database or ""
        env["LEADHUB_PG_SCHEMA"] = f"dbt_{suffix}"
    return env


def dbt(args: list[str], env: dict[str, str], tmp: Path) -> DbtRun:
    """dbt on a test's own warehouse, with a copy of the committed example profile."""
    profiles = tmp / "profiles"
    profiles.mkdir(exist_ok=True)
    shutil.copy(ROOT / "profiles.yml.example", profiles / "profiles.yml")
    return run_dbt(
        args, env={**env, "DBT_PROFILES_DIR": str(profiles)}, artifacts=tmp, capture=True, timeout=900
    )


class Built:
    def __init__(self, engine: str, env: dict[str, str], tmp: Path, result: DbtRun):
        self.engine, self.env, self.tmp, self.result = engine, env, tmp, result

    @property
    def target(self) -> Target:
        with pytest.MonkeyPatch.context() as mp:
            for k, v in self.env.items():
                mp.setenv(k, v)
            return load_target(self.engine, ROOT / "profiles.yml.example")

    @property
    def schema(self) -> str:
        return mart_schema(self.target)

    def relation(self, model: str) -> str:
        """`schema.model` of a model of this project in this build."""
        return relation(self.target, model)

    def rows(self, relation: str) -> tuple[list[str], list[tuple]]:
        result = query(self.target, f"select * from {relation}")
        return result.columns, result.rows


def cli(built: Built, *args: str, **env: str):
    """`leadhub ARGS` on a test's own warehouse (its env and profile, plus `env`)."""
    from click.testing import CliRunner

    from leadhub.cli import main

    full_env = dict(built.env, DBT_PROFILES_DIR=str(built.tmp / "profiles"), **env)
    return CliRunner().invoke(main, list(args), env=full_env, catch_exceptions=False)


def load_and_build(
    engine: str,
    tmp: Path,
    pg_database: str | None,
    exports: Path = SAMPLE / "exports",
    companies: tuple[str, ...] = (DEFAULT_COMPANY,),
) -> Built:
    """The exports loaded (once per company, as that company's) and built."""
    env = env_for(engine, tmp, pg_database)
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        target = load_target(engine, ROOT / "profiles.yml.example")
        wh = connect(target)
        for company in companies:
            Loader(wh, company=company).load([exports])
        wh.close()
    return Built(engine, env, tmp, dbt(PRODUCTION_BUILD, env, tmp))
