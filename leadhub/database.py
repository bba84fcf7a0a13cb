"""One place that connects to the warehouse of a target and queries it.

The loader's raw writers, the summaries, the integrity reader, the evaluation, the bench and
the tests all connect through here, and name dbt's schemas through here: marts in the
target schema itself, other layers in ``<schema>_<layer>`` (dbt_project.yml's ``+schema``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from leadhub.config import ConfigError, Target

# Layer of a model by its name's prefix; everything else (the marts) is in the target schema.
LAYER_PREFIXES = {"base_": "staging", "stg_": "staging", "int_": "intermediate", "snp_": "snapshots"}


class MissingRelation(Exception):
    """A query named a table or view the warehouse does not have (yet): no build made it."""


@dataclass(frozen=True)
class Result:
    columns: list[str]
    rows: list[tuple]


def duckdb_connection(target: Target, read_only: bool = False):
    """A DuckDB connection to the target's file (its folder is created for a writer)."""
    import duckdb

    path = target.duckdb_path
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    settings = {str(k): str(v) for k, v in (target.settings.get("settings") or {}).items()}
    return duckdb.connect(str(path), read_only=read_only, config=settings)


def spark_session(target: Target):
    """The local Spark session of a spark target (method: session), built as dbt-spark builds
    its own: Hive support, the profile's server_side_parameters, so that the loader and dbt
    share one warehouse folder and metastore."""
    from pyspark.sql import SparkSession

    if target.settings.get("method") != "session":
        raise ConfigError(
            f"target {target.name}: leadhub reaches Spark through a local session (method: session); "
            f"this target uses method {target.settings.get('method')!r}"
        )
    builder = SparkSession.builder.enableHiveSupport().appName("leadhub")
    for key, value in target.spark_parameters.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


class _SparkConnection:
    """A Spark session behind the small connection interface session() uses."""

    def __init__(self, spark) -> None:
        self.spark = spark
        self.description: list[tuple[str]] | None = None
        self._rows: list[tuple] = []

    def execute(self, sql: str) -> _SparkConnection:
        frame = self.spark.sql(sql)
        self.description = [(name,) for name in frame.columns] or None
        self._rows = [tuple(row) for row in frame.collect()] if frame.columns else []
        return self

    def fetchall(self) -> list[tuple]:
        return self._rows

    def __enter__(self) -> _SparkConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        return None  # the session lives for the process: building one takes seconds


def postgres_connection(target: Target, autocommit: bool = False, **kwargs: Any):
    """A psycopg connection to a postgres target of the profile."""
    import psycopg

    s = target.settings
    return psycopg.connect(
        host=s.get("host"),
        port=s.get("port"),
        user=s.get("user"),
        password=s.get("password"),
        dbname=s.get("dbname"),
        autocommit=autocommit,
        **kwargs,
    )


def _missing_relation(exc: Exception) -> bool:
    """The engine's own 'no such table' error (not a connection or permission problem)."""
    import duckdb
    import psycopg

    if isinstance(exc, psycopg.errors.UndefinedTable):
        return True
    if "TABLE_OR_VIEW_NOT_FOUND" in str(exc) or "SCHEMA_NOT_FOUND" in str(exc):  # Spark's AnalysisException
        return True
    return isinstance(exc, duckdb.CatalogException) and "does not exist" in str(exc)


@contextlib.contextmanager
def session(target: Target, read_only: bool = True) -> Iterator[Callable[[str], Result]]:
    """One connection for several statements: yields ``run(sql) -> Result``.

    ``run`` raises MissingRelation when a statement names a relation the warehouse lacks; any
    other error (connection, permission, SQL) propagates as the engine raised it.
    """
    try:
        if target.type == "duckdb":
            if read_only and not target.duckdb_path.exists():
                raise MissingRelation(f"no warehouse file {target.duckdb_path} (nothing was loaded or built)")
            conn = duckdb_connection(target, read_only=read_only)
        elif target.type == "spark":
            conn = _SparkConnection(spark_session(target))
        else:
            conn = postgres_connection(target)
    except Exception as exc:
        if _missing_relation(exc):
            raise MissingRelation(str(exc).strip().splitlines()[0]) from exc
        raise

    def run(sql: str) -> Result:
        try:
            cur = conn.execute(sql)
            if not cur.description:
                return Result([], [])
            names = [d.name if target.type == "postgres" else d[0] for d in cur.description]
            return Result(names, [tuple(r) for r in cur.fetchall()])
        except Exception as exc:
            if target.type == "postgres":
                conn.rollback()  # the next statement of the session starts a clean transaction
            if _missing_relation(exc):
                raise MissingRelation(str(exc).strip().splitlines()[0]) from exc
            raise

    with conn:
        yield run


def query(target: Target, sql: str, read_only: bool = True) -> Result:
    """Column names and rows of one statement on the target's warehouse (see session)."""
    with session(target, read_only) as run:
        return run(sql)


def fetch(target: Target, sql: str, read_only: bool = True) -> list[tuple]:
    """Rows of one statement on the target's warehouse ([] for a statement without rows)."""
    return query(target, sql, read_only).rows


def text_type(target: Target) -> str:
    """The SQL type of text for casts in leadhub's own queries (Spark's varchar needs a length)."""
    return "string" if target.type == "spark" else "varchar"


def mart_schema(target: Target) -> str:
    """Where dbt builds the marts: the target schema itself (dbt_project.yml has no +schema for them)."""
    return str(target.settings.get("schema", "main"))


def model_schema(target: Target, layer: str) -> str:
    """Where dbt builds a layer's models: the target schema + `_<layer>` (dbt_project.yml +schema)."""
    return f"{mart_schema(target)}_{layer}"


def relation(target: Target, model: str) -> str:
    """`schema.model` of a model of this project, by its name's prefix."""
    layer = next((lay for prefix, lay in LAYER_PREFIXES.items() if model.startswith(prefix)), None)
    return f"{model_schema(target, layer) if layer else mart_schema(target)}.{model}"
