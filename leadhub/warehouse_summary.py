"""Run dbt for a target and summarise what the warehouse holds (used by `leadhub build`)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

from leadhub.config import PROJECT_ROOT, Target, profiles_path
from leadhub.contract import MODULES
from leadhub.load.warehouse import postgres_connection


def run_dbt(args: list[str], target: str) -> int:
    """`dbt <args> --target <target>` in the project folder, with the profile leadhub uses."""
    profile = profiles_path()
    if profile.name != "profiles.yml":  # only the example exists: dbt needs a real profiles.yml
        raise SystemExit("no profiles.yml: copy profiles.yml.example to profiles.yml (make does it)")
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(profile.parent))
    dbt = os.path.join(os.path.dirname(sys.executable), "dbt")
    command = [dbt if os.path.exists(dbt) else "dbt", *args, "--target", target]
    return subprocess.call(command, cwd=PROJECT_ROOT, env=env)


def _counts(target: Target) -> list[tuple[str, int]]:
    tables = [m.name for m in MODULES] + ["quarantine", "load_log"]
    sql = " union all ".join(
        f"select '{t}' as name, count(*) as n from {target.raw_schema}.{t}" for t in tables
    )
    if target.type == "duckdb":
        import duckdb

        with duckdb.connect(str(target.duckdb_path), read_only=True) as con:
            return [(r[0], int(r[1])) for r in con.execute(sql).fetchall()]
    with postgres_connection(target) as conn:
        return [(r[0], int(r[1])) for r in conn.execute(sql).fetchall()]


def print_summary(target: Target, echo: Callable[[str], None]) -> None:
    echo(f"warehouse: {target.describe()}")
    echo(f"raw layer (schema {target.raw_schema}):")
    for name, n in _counts(target):
        echo(f"  {name:<22} {n:>10,} rows")
