"""Raw-layer writers, one per engine: schema, one transaction per file, bulk inserts.

Both engines get the same tables (all contract values as text, lineage typed):

* ``<raw>.<module>`` — one per contract module, canonical columns + ``_extra`` (JSON text of
  unknown headers) + lineage (``_source_file``, ``_source_row``, ``_source_line``,
  ``_file_checksum``, ``_load_id``, ``_loaded_at``, ``_exported_at``, ``_company``);
* ``<raw>.quarantine`` — records that could not be read, with line, column, reason and raw text;
* ``<raw>.load_log`` — one row per file attempt.

DuckDB inserts from Arrow batches; PostgreSQL uses ``COPY``; Spark appends Arrow batches to
Parquet tables through a local session.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pyarrow as pa

from leadhub.config import DEFAULT_COMPANY, Target
from leadhub.contract import MODULES, Module
from leadhub.database import duckdb_connection, postgres_connection, spark_session
from leadhub.load.records import RawBlock

LINEAGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_extra", "text"),
    ("_source_file", "text not null"),
    ("_source_row", "integer not null"),
    ("_source_line", "integer not null"),
    ("_file_checksum", "text not null"),
    ("_load_id", "text not null"),
    ("_loaded_at", "timestamp not null"),
    ("_exported_at", "timestamp not null"),
    # the tenant; null in rows loaded before tenants existed (they are the default company)
    ("_company", "text"),
)

# Columns added to the raw tables after their first release: (table, column, type). A warehouse
# created before gets them on its next load (old rows hold null).
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    *((module.name, "_company", "text") for module in MODULES),
    ("load_log", "company", "text"),
)

QUARANTINE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("load_id", "text not null"),
    ("module", "text not null"),
    ("source_file", "text not null"),
    ("source_row", "integer not null"),
    ("source_line", "integer not null"),
    ("column_name", "text"),
    ("reason", "text not null"),
    ("raw_text", "text not null"),
    ("file_checksum", "text not null"),
    ("loaded_at", "timestamp not null"),
)

LOAD_LOG_COLUMNS: tuple[tuple[str, str], ...] = (
    ("load_id", "text not null"),
    ("run_id", "text not null"),
    ("source_file", "text not null"),
    ("module", "text"),
    ("file_format", "text"),
    ("encoding", "text"),
    ("file_checksum", "text"),
    ("file_bytes", "bigint"),
    ("rows_in_file", "integer not null"),
    ("rows_loaded", "integer not null"),
    ("rows_rejected", "integer not null"),
    ("blank_lines", "integer not null"),
    ("unknown_headers", "text"),
    ("missing_optional_headers", "text"),
    ("status", "text not null"),
    ("error", "text"),
    ("exported_at", "timestamp"),
    ("exported_at_from", "text"),
    ("started_at", "timestamp not null"),
    ("finished_at", "timestamp not null"),
    ("seconds", "double precision not null"),
    ("company", "text"),
)


@dataclass
class LoadLogEntry:
    load_id: str
    run_id: str
    source_file: str
    module: str | None
    file_format: str | None
    encoding: str | None
    file_checksum: str | None
    file_bytes: int | None
    rows_in_file: int
    rows_loaded: int
    rows_rejected: int
    blank_lines: int
    unknown_headers: str | None
    missing_optional_headers: str | None
    status: str  # loaded / rejected
    error: str | None
    exported_at: dt.datetime | None
    exported_at_from: str | None
    started_at: dt.datetime
    finished_at: dt.datetime
    seconds: float
    company: str


_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def _ident(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"not a safe SQL identifier: {name!r}")
    return name


def module_columns(module: Module) -> list[str]:
    return module.column_names + [name for name, _ in LINEAGE_COLUMNS]


def block_table(columns: Sequence[str], block: RawBlock, constants: dict[str, Any]) -> pa.Table:
    """The raw table's columns, in order, for a block of records."""
    n = len(block)
    arrays: dict[str, pa.Array] = {}
    module_values = iter(block.columns)
    for name in columns:
        if name == "_extra":
            arrays[name] = block.extra
        elif name == "_source_row":
            arrays[name] = block.rows
        elif name == "_source_line":
            arrays[name] = block.lines
        elif name in constants:
            arrays[name] = pa.repeat(pa.scalar(constants[name]), n)
        else:
            values = next(module_values)
            arrays[name] = values if values is not None else pa.nulls(n, pa.string())
    return pa.table(arrays)


class RawWarehouse(ABC):
    """What the loader needs from an engine."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.schema = _ident(target.raw_schema)

    def ddl(self) -> list[str]:
        statements = [f"create schema if not exists {self.schema}"]
        for module in MODULES:
            cols = [f"{c} text" for c in module.column_names]
            cols += [f"{name} {kind}" for name, kind in LINEAGE_COLUMNS]
            statements.append(
                f"create table if not exists {self.schema}.{module.name} (\n    "
                + ",\n    ".join(cols)
                + "\n)"
            )
        for table, columns in (("quarantine", QUARANTINE_COLUMNS), ("load_log", LOAD_LOG_COLUMNS)):
            cols = [f"{name} {kind}" for name, kind in columns]
            statements.append(
                f"create table if not exists {self.schema}.{table} (\n    " + ",\n    ".join(cols) + "\n)"
            )
        statements += [
            f"alter table {self.schema}.{table} add column if not exists {column} {kind}"
            for table, column, kind in ADDED_COLUMNS
        ]
        return statements

    @abstractmethod
    def ensure_schema(self) -> None: ...

    @abstractmethod
    def loaded_as(self, checksum: str, company: str) -> str | None:
        """The load id under which this company loaded a file with this checksum, if any (the
        same file loaded for another company is another company's data)."""

    @abstractmethod
    def begin(self) -> None: ...

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None: ...

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Rows as one Arrow batch (PostgreSQL copies them itself)."""
        if rows:
            self.insert_arrow(
                table, pa.table(dict(zip(columns, map(list, zip(*rows, strict=True)), strict=True)))
            )

    @abstractmethod
    def insert_arrow(self, table: str, data: pa.Table) -> None: ...

    def write_log(self, entry: LoadLogEntry) -> None:
        data = asdict(entry)
        self.insert("load_log", list(data), [tuple(data.values())])

    @abstractmethod
    def close(self) -> None: ...


class DuckDBWarehouse(RawWarehouse):
    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.con = duckdb_connection(target)

    def ensure_schema(self) -> None:
        for statement in self.ddl():
            self.con.execute(statement)

    def loaded_as(self, checksum: str, company: str) -> str | None:
        hit = self.con.execute(
            f"select load_id from {self.schema}.load_log where file_checksum = ? and status = 'loaded' "
            f"and coalesce(company, ?) = ? limit 1",
            [checksum, DEFAULT_COMPANY, company],
        ).fetchone()
        return hit[0] if hit else None

    def begin(self) -> None:
        self.con.begin()

    def commit(self) -> None:
        self.con.commit()

    def rollback(self) -> None:
        self.con.rollback()

    def insert_arrow(self, table: str, data: pa.Table) -> None:
        cols = ", ".join(_ident(c) for c in data.column_names)
        self.con.register("leadhub_block", data)
        try:
            self.con.execute(
                f"insert into {self.schema}.{_ident(table)} ({cols}) select {cols} from leadhub_block"
            )
        finally:
            self.con.unregister("leadhub_block")

    def close(self) -> None:
        self.con.close()


class PostgresWarehouse(RawWarehouse):
    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.conn = postgres_connection(target, autocommit=True)

    def ensure_schema(self) -> None:
        with self.conn.cursor() as cur:
            # Serialise concurrent loaders creating the same schema.
            cur.execute("select pg_advisory_lock(hashtext(%s))", [self.schema])
            try:
                for statement in self.ddl():
                    cur.execute(statement)
            finally:
                cur.execute("select pg_advisory_unlock(hashtext(%s))", [self.schema])

    def loaded_as(self, checksum: str, company: str) -> str | None:
        with self.conn.cursor() as cur:
            cur.execute(
                f"select load_id from {self.schema}.load_log where file_checksum = %s and status = 'loaded' "
                f"and coalesce(company, %s) = %s limit 1",
                [checksum, DEFAULT_COMPANY, company],
            )
            hit = cur.fetchone()
        return hit[0] if hit else None

    def begin(self) -> None:
        self.conn.execute("begin")

    def commit(self) -> None:
        self.conn.execute("commit")

    def rollback(self) -> None:
        self.conn.execute("rollback")

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        cols = ", ".join(_ident(c) for c in columns)
        with (
            self.conn.cursor() as cur,
            cur.copy(f"copy {self.schema}.{_ident(table)} ({cols}) from stdin") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def insert_arrow(self, table: str, data: pa.Table) -> None:
        """COPY in CSV, written by Arrow: strings quoted (an empty one as ""), nulls empty."""
        import pyarrow.csv as pacsv

        out = io.BytesIO()
        pacsv.write_csv(data, out, pacsv.WriteOptions(include_header=False, quoting_style="needed"))
        cols = ", ".join(_ident(c) for c in data.column_names)
        with (
            self.conn.cursor() as cur,
            cur.copy(f"copy {self.schema}.{_ident(table)} ({cols}) from stdin with (format csv)") as copy,
        ):
            copy.write(out.getbuffer())

    def close(self) -> None:
        self.conn.close()


# the raw tables' SQL types in Spark's dialect (Parquet tables: NOT NULL is the loader's promise)
SPARK_TYPES = {"text": "string", "integer": "int", "bigint": "bigint", "timestamp": "timestamp",
               "double precision": "double"}  # fmt: skip


class SparkWarehouse(RawWarehouse):
    """Parquet tables in the session's warehouse. Spark has no transactions: a file's rows are
    kept in memory until commit and appended then, table by table, its load_log row last, so
    that a file whose load_log row is missing was never loaded (and is loaded again)."""

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.spark = spark_session(target)
        self.pending: list[tuple[str, pa.Table]] = []
        # (company, checksum) -> load_id of the files loaded, read once (every query is a Spark job; the
        # warehouse lock keeps other writers out meanwhile) and kept up to date by commit()
        self._loaded: dict[tuple[str, str], str] | None = None

    def ddl(self) -> list[str]:
        """Spark's dialect; the added columns are left to ensure_schema (Spark has no `add column
        if not exists`)."""
        out = []
        for statement in super().ddl():
            if statement.startswith("alter table"):
                continue
            if statement.startswith("create table"):
                for generic, spark in SPARK_TYPES.items():
                    statement = re.sub(rf" {generic}( not null)?(,?\n)", rf" {spark}\2", statement)
                statement += " using parquet"
            out.append(statement)
        return out

    def ensure_schema(self) -> None:
        for statement in self.ddl():
            self.spark.sql(statement)
        for table, column, kind in ADDED_COLUMNS:
            if column not in self.spark.table(f"{self.schema}.{table}").columns:
                self.spark.sql(
                    f"alter table {self.schema}.{table} add columns ({column} {SPARK_TYPES[kind]})"
                )

    def loaded_as(self, checksum: str, company: str) -> str | None:
        if self._loaded is None:
            rows = self.spark.sql(
                f"select coalesce(company, '{DEFAULT_COMPANY}'), file_checksum, load_id "
                f"from {self.schema}.load_log where status = 'loaded'"
            ).collect()
            self._loaded = {(company, checksum): load_id for company, checksum, load_id in rows}
        return self._loaded.get((company, checksum))

    def begin(self) -> None:
        self.pending = []

    def commit(self) -> None:
        pending, self.pending = self.pending, []
        ordered = [p for p in pending if p[0] != "load_log"] + [p for p in pending if p[0] == "load_log"]
        for table, data in ordered:
            self._append(table, data)
            if table == "load_log" and self._loaded is not None:
                for entry in data.select(["company", "file_checksum", "load_id", "status"]).to_pylist():
                    if entry["status"] == "loaded":
                        self._loaded[(entry["company"], entry["file_checksum"])] = entry["load_id"]

    def rollback(self) -> None:
        self.pending = []

    def insert_arrow(self, table: str, data: pa.Table) -> None:
        self.pending.append((_ident(table), data))

    def write_log(self, entry: LoadLogEntry) -> None:
        super().write_log(entry)
        if all(table == "load_log" for table, _ in self.pending):
            self.commit()  # a rejected file's log row, outside any file transaction

    def _append(self, table: str, data: pa.Table) -> None:
        """insertInto matches columns by position: select the table's own, in its order, cast to
        its types (a column of nothing but nulls arrives untyped)."""
        fields = self.spark.table(f"{self.schema}.{table}").schema.fields
        frame = self.spark.createDataFrame(data)
        select = [
            f"cast(`{f.name}` as {f.dataType.simpleString()}) as `{f.name}`"
            if f.name in data.column_names
            else f"cast(null as {f.dataType.simpleString()}) as `{f.name}`"
            for f in fields
        ]
        frame.selectExpr(*select).write.insertInto(f"{self.schema}.{table}")

    def close(self) -> None:
        self.pending = []


def connect(target: Target) -> RawWarehouse:
    if target.type == "duckdb":
        return DuckDBWarehouse(target)
    if target.type == "spark":
        return SparkWarehouse(target)
    return PostgresWarehouse(target)
