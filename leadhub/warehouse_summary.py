"""Summarise what a built warehouse holds: raw rows, staging accounting, value issues, marts headline
(printed by `leadhub build`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from leadhub.config import Target
from leadhub.contract import MODULES
from leadhub.database import fetch, mart_schema, model_schema, relation


def staging_accounting_sql(target: Target) -> str:
    """(module, raw, current, superseded, rejected) per module, as one query."""
    return " union all ".join(
        f"select '{m.name}' as module, "
        f"(select count(*) from {target.raw_schema}.{m.name}) as raw_rows, "
        f"sum(case when row_status = 'current' then 1 else 0 end), "
        f"sum(case when row_status = 'superseded' then 1 else 0 end), "
        f"sum(case when row_status = 'rejected' then 1 else 0 end) "
        f"from {relation(target, 'base_crm__' + m.name)}"
        for m in MODULES
    )


def staging_accounting(target: Target) -> list[tuple[str, int, int, int, int]]:
    """(module, raw, current, superseded, rejected) per module."""
    return [(r[0], *(int(v or 0) for v in r[1:])) for r in fetch(target, staging_accounting_sql(target))]


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
    echo(f"staging (schema {model_schema(target, 'staging')}): raw rows = current + superseded + rejected")
    for module, raw, current, superseded, rejected in staging_accounting(target):
        echo(f"  {module:<22} {raw:>8,} = {current:>8,} + {superseded:>7,} + {rejected:>5,}")
    issues = fetch(
        target,
        f"select module, reason, count(*) from {relation(target, 'stg_crm__value_issues')} "
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
    companies: dict[str, int] = field(default_factory=dict)  # company -> persons

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
        f"select count(*), sum(case when lifecycle_stage = 'customer' then 1 else 0 end) from {relation(target, 'customers')}",
    )[0]
    outcomes = fetch(
        target, f"select outcome, count(*) from {relation(target, 'lead_journey')} group by outcome"
    )
    companies = {
        str(company): int(n)
        for company, n in fetch(
            target,
            f"select company, count(*) from {relation(target, 'customers')} group by company order by company",
        )
    }
    # a branch is a company's: named "company: branch" when the warehouse holds several
    name = "branch_name" if len(companies) <= 1 else "company || ': ' || branch_name"
    branches = fetch(
        target,
        f"select {name}, lead_count, booked_count, customer_count, conversion_rate, revenue "
        f"from {relation(target, 'conversion_by_branch')} where branch_id is not null "
        "order by lead_count desc, 1 limit 5",
    )
    return Headline(
        schema, int(persons), int(customers or 0), {k: int(v) for k, v in outcomes}, branches, companies
    )


def print_marts_headline(target: Target, echo: Callable[[str], None]) -> None:
    h = marts_headline(target)
    echo(
        f"marts (schema {h.schema}): {h.persons:,} persons = {h.customers:,} customers + "
        f"{h.leads:,} leads; {h.conversion:.1%} converted"
    )
    if len(h.companies) > 1:
        echo(
            f"  {len(h.companies)} companies: "
            + ", ".join(f"{c} {n:,} persons" for c, n in h.companies.items())
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
