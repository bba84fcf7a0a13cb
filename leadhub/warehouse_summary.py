"""Run dbt for a target and summarise what the warehouse holds (used by `leadhub build`)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

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


def fetch(target: Target, sql: str, read_only: bool = True) -> list[tuple]:
    """Rows of one statement on the target's warehouse ([] for a statement without rows)."""
    if target.type == "duckdb":
        import duckdb

        with duckdb.connect(str(target.duckdb_path), read_only=read_only) as con:
            cur = con.execute(sql)
            return [tuple(r) for r in cur.fetchall()] if cur.description else []
    with postgres_connection(target) as conn:
        cur = conn.execute(sql)
        return [tuple(r) for r in cur.fetchall()] if cur.description else []


def model_schema(target: Target, layer: str) -> str:
    """Where dbt builds a layer's models: the target schema + `_<layer>` (dbt_project.yml +schema)."""
    return f"{target.settings.get('schema', 'main')}_{layer}"


def mart_schema(target: Target) -> str:
    """Where dbt builds the marts: the target schema itself (dbt_project.yml has no +schema for them)."""
    return str(target.settings.get("schema", "main"))


def staging_schema(target: Target) -> str:
    return model_schema(target, "staging")


def staging_accounting(target: Target) -> list[tuple[str, int, int, int, int]]:
    """(module, raw, current, superseded, rejected) per module."""
    parts = [
        f"select '{m.name}' as module, "
        f"(select count(*) from {target.raw_schema}.{m.name}) as raw_rows, "
        f"sum(case when row_status = 'current' then 1 else 0 end), "
        f"sum(case when row_status = 'superseded' then 1 else 0 end), "
        f"sum(case when row_status = 'rejected' then 1 else 0 end) "
        f"from {staging_schema(target)}.stg_crm__{m.name}_history"
        for m in MODULES
    ]
    return [(r[0], *(int(v or 0) for v in r[1:])) for r in fetch(target, " union all ".join(parts))]


def print_summary(target: Target, echo: Callable[[str], None]) -> None:
    echo(f"warehouse: {target.describe()}")
    tables = [m.name for m in MODULES] + ["quarantine", "load_log"]
    counts = fetch(
        target,
        " union all ".join(f"select '{t}', count(*) from {target.raw_schema}.{t}" for t in tables),
    )
    echo(f"raw layer (schema {target.raw_schema}):")
    for name, n in counts:
        echo(f"  {name:<22} {int(n):>10,} rows")
    echo(f"staging (schema {staging_schema(target)}): raw rows = current + superseded + rejected")
    for module, raw, current, superseded, rejected in staging_accounting(target):
        echo(f"  {module:<22} {raw:>8,} = {current:>8,} + {superseded:>7,} + {rejected:>5,}")
    issues = fetch(
        target,
        f"select module, reason, count(*) from {staging_schema(target)}.stg_crm__value_issues "
        "group by module, reason order by 3 desc, 1, 2",
    )
    echo(f"values staging could not normalize (stg_crm__value_issues): {sum(int(i[2]) for i in issues):,}")
    for module, reason, n in issues[:10]:
        echo(f"  {module:<22} {int(n):>6,}  {reason}")


@dataclass(frozen=True)
class Headline:
    """The marts' headline numbers: the customer base, leads by outcome, the top 5 branches."""

    schema: str
    persons: int
    customers: int
    outcomes: dict[str, int]
    top_branches: list[tuple]  # (name, leads, booked, customers, conversion_rate, revenue)

    @property
    def leads(self) -> int:
        return self.persons - self.customers

    @property
    def conversion(self) -> float:
        return self.customers / self.persons if self.persons else 0.0


def marts_headline(target: Target) -> Headline:
    schema = mart_schema(target)
    persons, customers = fetch(
        target,
        f"select count(*), sum(case when lifecycle_stage = 'customer' then 1 else 0 end) from {schema}.customers",
    )[0]
    outcomes = fetch(target, f"select outcome, count(*) from {schema}.lead_journey group by outcome")
    branches = fetch(
        target,
        "select branch_name, lead_count, booked_count, customer_count, conversion_rate, revenue "
        f"from {schema}.conversion_by_branch where branch_id is not null "
        "order by lead_count desc, branch_name limit 5",
    )
    return Headline(schema, int(persons), int(customers or 0), {k: int(v) for k, v in outcomes}, branches)


def print_marts_headline(target: Target, echo: Callable[[str], None]) -> None:
    h = marts_headline(target)
    echo(
        f"marts (schema {h.schema}): {h.persons:,} persons = {h.customers:,} customers + "
        f"{h.leads:,} leads; {h.conversion:.1%} converted"
    )
    echo(
        f"  {sum(h.outcomes.values()):,} leads in lead_journey: "
        + ", ".join(f"{h.outcomes.get(k, 0):,} {k}" for k in ("booked", "lost", "bad", "open"))
    )
    echo(
        f"  {'top branches by leads':<24} {'leads':>7} {'booked':>7} {'customers':>10} {'conversion':>11} {'revenue':>13}"
    )
    for name, leads, booked, custs, rate, revenue in h.top_branches:
        echo(
            f"  {name:<24} {int(leads):>7,} {int(booked):>7,} {int(custs):>10,} "
            f"{float(rate or 0):>11.1%} {float(revenue or 0):>13,.2f}"
        )
