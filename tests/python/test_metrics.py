"""The semantic layer: every metric, run through MetricFlow (`leadhub metrics`, which runs `mf`)
on DuckDB and on PostgreSQL, gives the numbers of the marts computed directly, for every
month, branch, lead source, category and sales person of the sample. The saved queries
answer on both engines, and `mf validate-configs` passes against both warehouses."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from warehouse_builds import ROOT, Built

from leadhub.semantic import run_mf

# lead_journey's metrics, by the conversion marts' column that holds the same number
MART_COLUMNS = {
    "leads": "lead_count",
    "booked_leads": "booked_count",
    "lost_leads": "lost_count",
    "bad_leads": "bad_count",
    "open_leads": "open_count",
    "lead_persons": "person_count",
    "converted_persons": "customer_count",
    "booking_rate": "booking_rate",
    "conversion_rate": "conversion_rate",
    "median_days_to_booking": "median_days_to_booking",
    "revenue": "revenue",
}
# a group-by, and the conversion mart (with its key column) that groups the same way
GROUPINGS = {
    "metric_time__month": ("conversion_by_month", "lead_month"),
    "branch__name": ("conversion_by_branch", "branch_name"),
    "lead_source__name": ("conversion_by_lead_source", "lead_source_name"),
    "lead_source__category": ("conversion_by_lead_source_category", "lead_source_category"),
    "sales_person__name": ("conversion_by_sales_person", "sales_person_name"),
}
# how far MetricFlow's exact value may be from the mart's rounded one
TOLERANCE = {
    "booking_rate": 5e-5,
    "conversion_rate": 5e-5,
    "median_days_to_booking": 0.05,
    "revenue": 0.005,
    "job_revenue": 0.005,
    "average_job_revenue": 0.005,
}
SAVED_QUERIES = (
    "customer_complete_profile",
    "lead_to_customer_journey",
    "sales_person_cross_module",
    "branch_performance",
    "lead_source_performance",
    "conversion_page",
)


def _semantic_manifest() -> dict:
    """The metrics and saved queries as dbt parses them (the session's builds parsed them)."""
    import yaml

    folder = ROOT / "models" / "marts" / "semantic"
    metrics = yaml.safe_load((folder / "_semantic__metrics.yml").read_text(encoding="utf-8"))["metrics"]
    saved = yaml.safe_load((folder / "_semantic__saved_queries.yml").read_text(encoding="utf-8"))
    return {
        "metrics": {m["name"]: m for m in metrics},
        "saved_queries": [q["name"] for q in saved["saved_queries"]],
    }


class Metrics:
    """`leadhub metrics` on one test warehouse, each target in a folder of its own."""

    def __init__(self, built: Built, base: Path) -> None:
        self.built = built
        self.base = base
        self.env = dict(built.env, DBT_PROFILES_DIR=str(built.tmp / "profiles"))

    def mf(self, *args: str):
        return run_mf(self.built.target, list(args), env=self.env, base=self.base, capture=True)

    def query(self, metrics: list[str], group_by: str) -> dict[object, dict[str, object]]:
        out = self.base / f"{group_by}-{len(metrics)}-{metrics[0]}.csv"
        result = self.mf("query", "--metrics", ",".join(metrics), "--group-by", group_by, "--csv", str(out))
        assert result.returncode == 0, result.stdout[-3000:]
        with out.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        return {_key(row[group_by]): {m: _number(row[m]) for m in metrics} for row in rows}


def _key(value: object) -> object:
    """A group's key, the same from MetricFlow's CSV and from the marts."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text[:10] if len(text) >= 10 and text[4] == "-" and text[7] == "-" else text


def _number(value: object) -> float | None:
    if value in (None, ""):
        return None
    return float(value)  # type: ignore[arg-type]


def _month(value: object) -> str | None:
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.replace(day=1).isoformat()


@pytest.fixture(scope="module")
def metrics(warehouses: dict[str, Built], tmp_path_factory) -> dict[str, Metrics]:
    return {
        engine: Metrics(built, tmp_path_factory.mktemp(f"mf-{engine}"))
        for engine, built in warehouses.items()
    }


def _assert_close(got: dict, want: dict, metric: str, where: str) -> None:
    assert set(got) == set(want), f"{metric} by {where}: groups {sorted(map(str, set(got) ^ set(want)))[:10]}"
    tolerance = TOLERANCE.get(metric, 1e-9)
    for group, expected in want.items():
        value = got[group]
        if expected is None or value is None:
            assert value == expected, (metric, where, group, value, expected)
        else:
            assert abs(value - expected) <= tolerance, (metric, where, group, value, expected)


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
@pytest.mark.parametrize("group_by", list(GROUPINGS))
def test_lead_metrics_equal_the_conversion_marts(metrics, engine: str, group_by: str) -> None:
    m = metrics[engine]
    mart, key = GROUPINGS[group_by]
    result = m.query(list(MART_COLUMNS), group_by)
    columns, rows = m.built.rows(m.built.relation(mart))
    marts = [dict(zip(columns, row, strict=True)) for row in rows]
    assert len(marts) > (5 if group_by != "lead_source__category" else 3)
    # conversion_by_lead_source_category names the leads without a source `unknown`; MetricFlow
    # gives them the null category of no lead source
    keys = {"unknown": None} if group_by == "lead_source__category" else {}
    for metric, column in MART_COLUMNS.items():
        want = {keys.get(r[key], _key(r[key])): _number(r[column]) for r in marts}
        got = {group: values[metric] for group, values in result.items()}
        _assert_close(got, want, metric, group_by)


def _by_month(rows: list[tuple], date_of: Callable, value_of: Callable, combine: Callable) -> dict:
    groups: dict[object, list] = defaultdict(list)
    for row in rows:
        groups[_month(date_of(row))].append(value_of(row))
    return {month: combine(values) for month, values in groups.items()}


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_every_other_metric_equals_its_mart_computed_directly(metrics, engine: str) -> None:
    """Metrics over customers, jobs, booked opportunities and bad leads by month; the
    conversion metrics, the lead conversion rate and the bad-lead share per provider from
    lead_journey's rows."""
    m = metrics[engine]
    built = m.built

    def rows(sql: str) -> list[tuple]:
        return built.rows(f"({sql}) as q")[1]

    journey = rows(
        f"select received_at, booked_date, is_converted, outcome, lead_source_id from {built.relation('lead_journey')}"
    )
    customers = rows(
        f"select conversion_date from {built.relation('customers')} where lifecycle_stage = 'customer'"
    )
    jobs = rows(f"select job_date, customer_id, total_actual_cost from {built.relation('jobs')}")
    booked = rows(f"select booked_date from {built.relation('booked_opportunities')}")
    bad = rows(f"select received_at from {built.relation('bad_leads')}")
    sources = dict(rows(f"select id, name from {built.relation('lead_sources')}"))

    def within(days: int) -> Callable:
        def rate(values: list) -> float:
            booked_in_time = [
                1
                for received, booked_on in values
                if received and booked_on and 0 <= (booked_on - received.date()).days < days
            ]
            return len(booked_in_time) / len(values)

        return rate

    customer_jobs = [r for r in jobs if r[1] is not None]
    costs = lambda values: [float(v) for v in values if v is not None]  # noqa: E731
    expected = {
        "customers": _by_month(customers, lambda r: r[0], lambda r: 1, len),
        "bookings": _by_month(booked, lambda r: r[0], lambda r: 1, len),
        "customer_jobs": _by_month(customer_jobs, lambda r: r[0], lambda r: 1, len),
        "job_revenue": _by_month(customer_jobs, lambda r: r[0], lambda r: r[2], lambda v: sum(costs(v)) if costs(v) else None),
        "average_job_revenue": _by_month(
            customer_jobs, lambda r: r[0], lambda r: r[2], lambda v: sum(costs(v)) / len(costs(v)) if costs(v) else None
        ),
        "bad_lead_records": _by_month(bad, lambda r: r[0], lambda r: 1, len),
        "converted_leads": _by_month(journey, lambda r: r[0], lambda r: bool(r[2]), sum),
        "lead_conversion_rate": _by_month(journey, lambda r: r[0], lambda r: bool(r[2]), lambda v: sum(v) / len(v)),
        "booked_within_30_days": _by_month(journey, lambda r: r[0], lambda r: (r[0], r[1]), within(30)),
        "booked_within_90_days": _by_month(journey, lambda r: r[0], lambda r: (r[0], r[1]), within(90)),
    }  # fmt: skip
    # two queries: lead_journey's metrics (by the month received) and the other marts' (one
    # query joins them on the month; a month where a metric has no rows is null there)
    lead_metrics = [
        "converted_leads",
        "lead_conversion_rate",
        "booked_within_30_days",
        "booked_within_90_days",
    ]
    other_metrics = [m_ for m_ in expected if m_ not in lead_metrics]
    by_lead = m.query(lead_metrics, "metric_time__month")
    by_other = m.query([*other_metrics, "cumulative_customers"], "metric_time__month")
    for metric, want in expected.items():
        result = by_lead if metric in lead_metrics else by_other
        got = {month: values[metric] for month, values in result.items() if values[metric] is not None}
        _assert_close(got, {k: v for k, v in want.items() if v is not None}, metric, "metric_time__month")

    # cumulative customers: the running total at each month's end, and every customer at the end
    running = 0
    for month in sorted(k for k in expected["customers"] if k is not None):
        running += expected["customers"][month]
        assert by_other[month]["cumulative_customers"] == running, month
    assert max(v["cumulative_customers"] or 0 for v in by_other.values()) == len(customers)

    # the bad-lead share of each provider (lead source)
    share: dict[object, list] = defaultdict(list)
    for row in journey:
        share[sources.get(row[4])].append(row[3] == "bad")
    got = m.query(["bad_lead_share"], "lead_source__name")
    _assert_close({k: v["bad_lead_share"] for k, v in got.items()},
                  {k: sum(v) / len(v) for k, v in share.items()}, "bad_lead_share", "lead_source__name")  # fmt: skip


def test_every_metric_and_saved_query_is_tested() -> None:
    manifest = _semantic_manifest()
    tested = set(MART_COLUMNS) | {
        "customers", "bookings", "customer_jobs", "job_revenue", "average_job_revenue", "bad_lead_records",
        "converted_leads", "lead_conversion_rate", "booked_within_30_days", "booked_within_90_days",
        "cumulative_customers", "bad_lead_share",
    }  # fmt: skip
    assert set(manifest["metrics"]) == tested
    assert tuple(manifest["saved_queries"]) == SAVED_QUERIES
    for metric in manifest["metrics"].values():
        assert metric.get("description"), metric["name"]
        if metric["type"] == "ratio":  # a rate says its numerator and denominator
            assert "numerator" in metric["description"].lower() and "denominator" in metric["description"], (
                metric["name"]
            )


def test_configs_validate_against_the_warehouse(metrics) -> None:
    """`mf validate-configs`: the semantic manifest, and every entity, dimension, measure and
    metric queried on the DuckDB warehouse (PostgreSQL runs every metric and saved query below)."""
    validated = metrics["duckdb"].mf("validate-configs")
    assert validated.returncode == 0, validated.stdout[-3000:]
    for part in ("semantic models", "entities", "dimensions", "measures", "metrics"):
        assert f"validated {part} against data warehouse (ERRORS: 0" in validated.stdout, (
            part,
            validated.stdout[-3000:],
        )


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_saved_queries_answer_on_the_warehouse(metrics, engine: str) -> None:
    m = metrics[engine]
    for name in SAVED_QUERIES:
        out = m.base / f"saved-{name}.csv"
        result = m.mf("query", "--saved-query", name, "--csv", str(out))
        assert result.returncode == 0, (name, result.stdout[-3000:])
        with out.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) > 3, name
    # the folder's manifest names this warehouse: parsed for this target, not another one's
    manifest = json.loads((m.base / engine / "target" / "semantic_manifest.json").read_text(encoding="utf-8"))
    schemas = {s["node_relation"]["schema_name"] for s in manifest["semantic_models"]}
    assert schemas == {f"{m.built.schema}_publishing"}
