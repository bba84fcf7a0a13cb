"""Shared fixtures: the committed sample, generated data, and warehouse targets on both engines.

PostgreSQL tests use a database of their own (``leadhub_test`` unless
``LEADHUB_TEST_PG_DATABASE`` says otherwise), dropped and recreated once per session, and a
fresh raw schema per test.  They fail (never skip) when no server answers: run
``scripts/ensure-postgres.sh`` first, as ``make test`` does.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from warehouse_builds import DEGRADED, Built, load_and_build

from leadhub.config import Target, load_target
from leadhub.database import fetch, postgres_connection
from leadhub.generate.generator import generate
from leadhub.generate.settings import GeneratorSettings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
TEST_PG_DATABASE = os.environ.get("LEADHUB_TEST_PG_DATABASE", "leadhub_test")


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def small_generated(tmp_path_factory) -> Path:
    """A fresh, small generated data set (not the committed sample)."""
    out = tmp_path_factory.mktemp("generated")
    generate(GeneratorSettings(scale=0.004, seed=7), out)
    return out


def _pg_admin_target() -> Target:
    return load_target("postgres", ROOT / "profiles.yml.example")


@pytest.fixture(scope="session")
def pg_database() -> str:
    import psycopg

    try:
        conn = postgres_connection(_pg_admin_target(), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is required for these tests and none answers ({exc}). "
            "Run scripts/ensure-postgres.sh (make test does)."
        )
    with conn:
        conn.execute(f'drop database if exists "{TEST_PG_DATABASE}" with (force)')
        conn.execute(f'create database "{TEST_PG_DATABASE}"')
    return TEST_PG_DATABASE


@pytest.fixture(scope="session")
def warehouses(tmp_path_factory, pg_database) -> Iterator[dict[str, Built]]:
    """The committed sample loaded and built (`dbt build`) once per engine for the session."""
    yield {
        engine: load_and_build(engine, tmp_path_factory.mktemp(f"build-{engine}"), pg_database)
        for engine in ("duckdb", "postgres")
    }


@pytest.fixture(scope="session")
def degraded(tmp_path_factory) -> dict[str, Built]:
    """One small generated data set per degradation (warehouse_builds.DEGRADED), loaded and
    built on DuckDB once per session (the integrity and report tests read them)."""
    out = {}
    for name, (_, overrides) in DEGRADED.items():
        tmp = tmp_path_factory.mktemp(name.split("=")[0])
        generate(GeneratorSettings(scale=0.004, seed=7, **overrides), tmp / "data")
        out[name] = load_and_build("duckdb", tmp, None, tmp / "data" / "exports")
    return out


@pytest.fixture
def duckdb_env(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("LEADHUB_DUCKDB_PATH", str(path))
    monkeypatch.setenv("LEADHUB_RAW_SCHEMA", "raw")
    return path


@pytest.fixture
def pg_env(pg_database, monkeypatch) -> str:
    schema = f"raw_{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("LEADHUB_PG_DATABASE", pg_database)
    monkeypatch.setenv("LEADHUB_RAW_SCHEMA", schema)
    return schema


@pytest.fixture(params=["duckdb", "postgres"])
def target(request, tmp_path, monkeypatch) -> Iterator[Target]:
    """A target on each engine with an empty raw schema."""
    if request.param == "duckdb":
        request.getfixturevalue("duckdb_env")
    else:
        request.getfixturevalue("pg_env")
    yield load_target(request.param, ROOT / "profiles.yml.example")


@pytest.fixture
def query():
    """``query(target, sql)``: rows of a query on a target (``{raw}`` is the raw schema)."""
    return run_query


def run_query(target: Target, sql: str) -> list[tuple]:
    return fetch(target, sql.replace("{raw}", target.raw_schema), read_only=False)
