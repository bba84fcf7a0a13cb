"""A DuckDB file to hand to analysts: the published marts and nothing else.

DuckDB has no roles: whoever reads the warehouse file reads raw, the quarantine's whole records
and every column. The file this writes holds only the published marts (the target schema), and
by default without their personal columns (those the marts' YAML marks
`config: {meta: {pii: true}}`, the same ones PostgreSQL withholds from the analyst role). It
is written beside its destination and renamed into place, so a reader never opens half of it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import yaml

from leadhub.config import PROJECT_ROOT, Target
from leadhub.database import mart_schema

MARTS_DIR = PROJECT_ROOT / "models" / "marts"


class ShareError(Exception):
    """The marts cannot be shared from this target (said plainly to the user)."""


@dataclass(frozen=True)
class MartColumns:
    name: str
    columns: list[str]
    personal: list[str]


def _is_personal(column: dict) -> bool:
    meta = {**(column.get("meta") or {}), **((column.get("config") or {}).get("meta") or {})}
    return bool(meta.get("pii"))


def documented_marts(marts_dir: Path = MARTS_DIR) -> dict[str, MartColumns]:
    """Every mart's columns, in their documented order, and which of them are personal."""
    out = {}
    for path in sorted(marts_dir.rglob("_*__models.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            columns = model.get("columns") or []
            out[model["name"]] = MartColumns(
                model["name"],
                [c["name"] for c in columns],
                [c["name"] for c in columns if _is_personal(c)],
            )
    return out


@dataclass(frozen=True)
class SharedMart:
    name: str
    rows: int
    columns: int
    withheld: list[str]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def share_marts(
    target: Target, out: Path, with_personal: bool = False, echo: Callable[[str], None] = print
) -> list[SharedMart]:
    """Write the published marts of a DuckDB target into the DuckDB file `out` (replaced)."""
    if target.type != "duckdb":
        raise ShareError(
            f"target {target.name} is {target.type}: there, grant the analyst role instead "
            "(scripts/postgres-roles.sql); sharing a file is for DuckDB, which has no roles"
        )
    if not target.duckdb_path.exists():
        raise ShareError(f"no warehouse file {target.duckdb_path}: run `leadhub build` first")
    out = out.resolve()
    if out == target.duckdb_path.resolve():
        raise ShareError(f"{out} is the warehouse itself; name another file")
    schema = mart_schema(target)
    documented = documented_marts()
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)
    shared = []
    try:
        with duckdb.connect(str(partial)) as con:
            con.execute(f"attach {_sql_literal(str(target.duckdb_path))} as warehouse (read_only)")
            tables = {
                name
                for (name,) in con.execute(
                    "select table_name from information_schema.tables "
                    "where table_catalog = 'warehouse' and table_schema = ? and table_type = 'BASE TABLE'",
                    [schema],
                ).fetchall()
            }
            marts = [mart for name, mart in sorted(documented.items()) if name in tables]
            if not marts:
                raise ShareError(f"no published marts in schema {schema} of {target.duckdb_path}")
            for mart in marts:
                withheld = [] if with_personal else mart.personal
                columns = [c for c in mart.columns if c not in withheld]
                con.execute(
                    f"create table main.{_quote(mart.name)} as select "
                    + ", ".join(map(_quote, columns))
                    + f" from warehouse.{_quote(schema)}.{_quote(mart.name)}"
                )
                (rows,) = con.execute(f"select count(*) from main.{_quote(mart.name)}").fetchone()
                shared.append(SharedMart(mart.name, rows, len(columns), withheld))
                echo(
                    f"  {mart.name}: {rows:,} rows, {len(columns)} columns"
                    + (f" (withheld: {', '.join(withheld)})" if withheld else "")
                )
            con.execute("detach warehouse")
            con.execute("checkpoint")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
        Path(f"{partial}.wal").unlink(missing_ok=True)
    return shared


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
