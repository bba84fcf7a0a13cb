"""Tenants: one warehouse holds many companies, and none changes or mixes with another.

The committed sample is loaded twice, as the default company and as `acme`, and built. Every
mart then holds each company's rows apart: twice the customers, no id, customer or lookup
shared, no foreign key pointing into the other company, and the default company's rows equal
to a build of the sample alone, row for row and id for id (so adding a company changes
nothing of another's). acme's rows are the same data with ids scoped "acme/<key>".
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
from warehouse_builds import Built, load_and_build

from leadhub.config import DEFAULT_COMPANY
from leadhub.database import fetch

OTHER = "acme"
# mart, foreign key column, the mart it points at
FOREIGN_KEYS = [
    ("lead_status", "booked_opportunity_id", "booked_opportunities"),
    ("lead_status", "customer_id", "customers"),
    ("lead_status", "sales_person_id", "sales_persons"),
    ("lead_status", "branch_id", "branches"),
    ("lead_status", "lead_source_id", "lead_sources"),
    ("booked_opportunities", "lead_status_id", "lead_status"),
    ("lost_leads", "lead_status_id", "lead_status"),
    ("bad_leads", "lead_status_id", "lead_status"),
    ("bad_leads", "customer_id", "customers"),
    ("jobs", "customer_id", "customers"),
    ("jobs", "booked_opportunity_id", "booked_opportunities"),
    ("sales_performance", "sales_person_id", "sales_persons"),
    ("user_performance", "sales_person_id", "sales_persons"),
    ("customers", "first_lead_source_id", "lead_sources"),
    ("lead_journey", "customer_id", "customers"),
]


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def builds(request, tmp_path_factory, pg_database, warehouses) -> tuple[Built, Built]:
    """(the sample built alone, the sample built as two companies) on one engine."""
    engine = request.param
    two = load_and_build(
        engine, tmp_path_factory.mktemp(f"tenants-{engine}"), pg_database, companies=(DEFAULT_COMPANY, OTHER)
    )
    assert two.result.returncode == 0, two.result.output[-3000:]
    return warehouses[engine], two


def _rows(built: Built, sql: str) -> list[tuple]:
    """Rows as hashable tuples (PostgreSQL returns JSON as lists and dicts)."""
    return [
        tuple(json.dumps(v, sort_keys=True) if isinstance(v, list | dict) else v for v in row)
        for row in fetch(built.target, sql)
    ]


def _company_marts(built: Built) -> list[str]:
    """The marts with a company column, but the history of runs (its rows are runs)."""
    rows = _rows(
        built,
        "select table_name from information_schema.columns "
        f"where table_schema = '{built.schema}' and column_name = 'company' order by table_name",
    )
    return [name for (name,) in rows if name != "integrity_check_history"]


def test_two_companies_give_twice_the_customers(builds: tuple[Built, Built]) -> None:
    one, two = builds
    (customers,) = _rows(one, f"select count(*) from {one.relation('customers')}")[0]
    per_company = dict(
        _rows(two, f"select company, count(*) from {two.relation('customers')} group by company")
    )
    assert customers > 1000
    assert per_company == {DEFAULT_COMPANY: customers, OTHER: customers}


def test_no_person_record_or_key_spans_two_companies(builds: tuple[Built, Built]) -> None:
    _, two = builds
    records = two.relation("int_customer_records")
    assert (
        _rows(
            two, f"select customer_id from {records} group by customer_id having count(distinct company) > 1"
        )
        == []
    )
    identity = two.relation("int_identity_records")
    crossing_edges = (
        f"select count(*) from {two.relation('int_identity_edges')} as e "
        f"inner join {identity} as a on e.record_key_a = a.record_key "
        f"inner join {identity} as b on e.record_key_b = b.record_key where a.company <> b.company"
    )
    assert _rows(two, crossing_edges) == [(0,)]
    crossing_pairs = (
        f"select count(*) from {two.relation('int_identity_candidate_pairs')} as p "
        f"inner join {two.relation('int_identity_profiles')} as a on p.profile_key_a = a.profile_key "
        f"inner join {two.relation('int_identity_profiles')} as b on p.profile_key_b = b.profile_key "
        "where a.company <> b.company"
    )
    assert _rows(two, crossing_pairs) == [(0,)]
    for model, column in [("int_lookup_variants", "entity_id"), ("int_customers", "customer_id")]:
        shared = (
            f"select {column} from {two.relation(model)} where {column} is not null "
            f"group by {column} having count(distinct company) > 1"
        )
        assert _rows(two, shared) == [], model


@pytest.mark.parametrize(("mart", "column", "parent"), FOREIGN_KEYS)
def test_no_foreign_key_points_into_another_company(
    builds: tuple[Built, Built], mart, column, parent
) -> None:
    _, two = builds
    sql = (
        f"select count(*), sum(case when c.company <> p.company then 1 else 0 end) "
        f"from {two.relation(mart)} as c inner join {two.relation(parent)} as p on c.{column} = p.id"
    )
    linked, crossing = _rows(two, sql)[0]
    assert linked > 0 and crossing == 0


def test_a_company_is_not_changed_by_another(builds: tuple[Built, Built]) -> None:
    """The default company's rows of every mart equal the sample built alone, ids included:
    every key, lookup and identity weight is per company."""
    one, two = builds
    marts = _company_marts(two)
    assert {
        "customers",
        "lead_status",
        "jobs",
        "sales_persons",
        "branches",
        "lead_sources",
        "lead_journey",
        "integrity_checks",
    } <= set(marts)
    for mart in marts:
        alone = Counter(_rows(one, f"select * from {one.relation(mart)}"))
        own = Counter(_rows(two, f"select * from {two.relation(mart)} where company = '{DEFAULT_COMPANY}'"))
        assert own == alone, mart


def test_another_company_has_the_same_data_under_scoped_ids(builds: tuple[Built, Built]) -> None:
    one, two = builds
    for mart in _company_marts(two):
        columns = [
            name
            for (name,) in _rows(
                two,
                f"select column_name from information_schema.columns where table_schema = '{two.schema}' "
                f"and table_name = '{mart}' order by ordinal_position",
            )
            if name != "company" and name != "id" and not name.endswith("_id") and name != "merge_history"
        ]
        select = ", ".join(columns)
        alone = Counter(_rows(one, f"select {select} from {one.relation(mart)}"))
        other = Counter(_rows(two, f"select {select} from {two.relation(mart)} where company = '{OTHER}'"))
        assert other == alone, mart
    quote = _rows(
        two, f"select quote_number, id from {two.relation('lead_status')} where company = '{OTHER}' limit 1"
    )
    (quote_number, lead_id) = quote[0]
    assert lead_id == hashlib.md5(f"lead_status:{OTHER}/{quote_number}".encode()).hexdigest()


def test_the_report_is_one_companys(builds: tuple[Built, Built]) -> None:
    """The report of a warehouse of two companies shows one at a time, and says which: each
    company's numbers are those of the sample alone."""
    from leadhub.report.data import read_report_data
    from leadhub.report.render import render

    one, two = builds
    alone = read_report_data(one.target)
    for company in (DEFAULT_COMPANY, OTHER):
        data = read_report_data(two.target, company=company)
        assert data.company == company and data.companies == [DEFAULT_COMPANY, OTHER]
        assert data.identity_summary == alone.identity_summary
        assert {c.company for c in data.checks} == {company}
        assert [(c.check_name, c.numerator, c.denominator) for c in data.checks] == [
            (c.check_name, c.numerator, c.denominator) for c in alone.checks
        ]
        for key, table in data.conversion.items():
            assert table.rows == alone.conversion[key].rows, key
        assert data.monthly_by_branch.rows == alone.monthly_by_branch.rows
        assert f'company <strong id="company">{company}</strong>' in render(data)
    assert 'id="company"' not in render(alone)
    with pytest.raises(LookupError, match="nobody"):
        read_report_data(two.target, company="nobody")


def test_the_cli_loads_companies_from_folders(tmp_path: Path, sample_dir: Path, duckdb_env: Path) -> None:
    from click.testing import CliRunner

    from leadhub.cli import main

    root = tmp_path / "exports"
    for company in ("north", "south"):
        (root / company).mkdir(parents=True)
        for export in sorted((sample_dir / "exports").iterdir())[:3]:
            (root / company / export.name).write_bytes(export.read_bytes())
    result = CliRunner().invoke(main, ["load", str(root), "--companies-from-folders", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "6 files loaded, 0 skipped" in result.output
    refused = CliRunner().invoke(main, ["load", str(root), "--company", "a/b"])
    assert refused.exit_code == 2 and "contains a slash" in refused.output
