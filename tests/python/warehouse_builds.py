"""Load exports into a fresh warehouse of either engine and run dbt on it (shared by the dbt tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from leadhub.config import Target, load_target
from leadhub.load.loader import Loader
from leadhub.load.warehouse import connect

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


def env_for(engine: str, tmp: Path, pg_database: str | None) -> dict[str, str]:
    suffix = uuid.uuid4().hex[:8]
    env = {"LEADHUB_RAW_SCHEMA": f"raw_{suffix}", "DBT_TARGET": engine}
    if engine == "duckdb":
        env["LEADHUB_DUCKDB_PATH"] = str(tmp / "warehouse.duckdb")
    else:
        env["LEADHUB_PG_DATABASE"] = pg_database or ""
        env["LEADHUB_PG_SCHEMA"] = f"dbt_{suffix}"
    return env


def dbt(args: list[str], env: dict[str, str], tmp: Path) -> subprocess.CompletedProcess[str]:
    profiles = tmp / "profiles"
    profiles.mkdir(exist_ok=True)
    shutil.copy(ROOT / "profiles.yml.example", profiles / "profiles.yml")
    full_env = dict(os.environ, **env, DBT_PROFILES_DIR=str(profiles), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    command = [
        str(Path(sys.executable).parent / "dbt"),
        *args,
        "--target-path",
        str(tmp / "target"),
        "--log-path",
        str(tmp / "logs"),
    ]
    return subprocess.run(command, cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=900)


class Built:
    def __init__(self, engine: str, env: dict[str, str], tmp: Path, result: subprocess.CompletedProcess[str]):
        self.engine, self.env, self.tmp, self.result = engine, env, tmp, result

    @property
    def target(self) -> Target:
        with pytest.MonkeyPatch.context() as mp:
            for k, v in self.env.items():
                mp.setenv(k, v)
            return load_target(self.engine, ROOT / "profiles.yml.example")

    @property
    def schema(self) -> str:
        return "main" if self.engine == "duckdb" else self.env["LEADHUB_PG_SCHEMA"]

    @property
    def staging(self) -> str:
        return f"{self.schema}_staging"

    @property
    def intermediate(self) -> str:
        return f"{self.schema}_intermediate"

    def schema_of(self, model: str) -> str:
        """The schema a model of this project is built in (marts: the target schema itself)."""
        if model.startswith("int_"):
            return self.intermediate
        if model.startswith("stg_"):
            return self.staging
        return self.schema

    def rows(self, relation: str) -> tuple[list[str], list[tuple]]:
        target = self.target
        sql = f"select * from {relation}"
        if target.type == "duckdb":
            import duckdb

            with duckdb.connect(str(target.duckdb_path), read_only=True) as con:
                cur = con.execute(sql)
                return [d[0] for d in cur.description], [tuple(r) for r in cur.fetchall()]
        from leadhub.load.warehouse import postgres_connection

        with postgres_connection(target) as conn:
            cur = conn.execute(sql)
            return [d.name for d in cur.description], [tuple(r) for r in cur.fetchall()]


def load_and_build(
    engine: str, tmp: Path, pg_database: str | None, exports: Path = SAMPLE / "exports"
) -> Built:
    env = env_for(engine, tmp, pg_database)
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        target = load_target(engine, ROOT / "profiles.yml.example")
        wh = connect(target)
        Loader(wh).load([exports])
        wh.close()
    return Built(engine, env, tmp, dbt(["build"], env, tmp))
