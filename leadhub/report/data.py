"""What the report shows, read from a built warehouse: the integrity history, the review queues,
row accounting, conversion and identity. dbt computed all of it; this module only reads.

Marts are read from ``<schema>_publishing``: it always holds the latest build, as views onto
the published marts or, when a failed test kept that build from being published, as the
build's own tables (macros/marts/publish.sql). The report then shows what the build found and
says that its marts are not published.

The report is one company's (tenant's): its marts, lookups, identity and integrity checks. Row
accounting, the quarantine and value issues are of the whole warehouse (the raw layer's).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from dataclasses import dataclass, field

from leadhub.config import DEFAULT_COMPANY, Target
from leadhub.database import MissingRelation, Result, mart_schema, relation, session, text_type
from leadhub.integrity import Check, company_sql, current_checks
from leadhub.warehouse_summary import staging_accounting_sql

# How a column's values are shown: thousands separators, one-decimal percentages, money.
KINDS = ("text", "int", "pct", "num", "money", "date", "datetime", "status")


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    kind: str = "text"


@dataclass(frozen=True)
class Table:
    """Rows to show as a sortable table (and, through charts.py, as a chart)."""

    columns: tuple[Column, ...]
    rows: list[tuple]
    note: str = ""

    def records(self) -> list[dict[str, object]]:
        """The rows as JSON-ready dicts (for chart data)."""
        return [{c.name: _plain(v) for c, v in zip(self.columns, row, strict=True)} for row in self.rows]

    def column(self, name: str) -> list[object]:
        index = [c.name for c in self.columns].index(name)
        return [row[index] for row in self.rows]


def _plain(value: object) -> object:
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def cols(*spec: str) -> tuple[Column, ...]:
    """Columns from "name:Label:kind" strings (kind defaults to text)."""
    out = []
    for item in spec:
        name, label, *kind = item.split(":")
        out.append(Column(name, label, kind[0] if kind else "text"))
    return tuple(out)


@dataclass(frozen=True)
class Queue:
    """One review queue: what a person looks at, and the seed that settles it."""

    key: str
    title: str
    explanation: str
    seed: str
    table: Table


@dataclass
class ReportData:
    target_name: str
    warehouse: str
    generated_at: dt.datetime
    built_at: dt.datetime | None
    published: bool
    data_from: dt.date | None
    data_to: dt.date | None
    company: str = DEFAULT_COMPANY
    companies: list[str] = field(default_factory=list)
    headline: dict[str, object] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    check_history: Table | None = None
    test_results: Table | None = None
    queues: list[Queue] = field(default_factory=list)
    accounting: Table | None = None
    quarantine: Table | None = None
    value_issues: Table | None = None
    monthly_by_branch: Table | None = None
    conversion: dict[str, Table] = field(default_factory=dict)
    identity_summary: dict[str, int] = field(default_factory=dict)
    merges: Table | None = None
    cluster_sizes: Table | None = None
    largest_clusters: Table | None = None

    @property
    def failing_checks(self) -> list[Check]:
        return [c for c in self.checks if c.status != "pass"]


class Reader:
    """Queries through one connection; marts come from the latest build (``_publishing``), the
    rows of one company (once `company` is set)."""

    def __init__(self, target: Target, run: Callable[[str], Result]) -> None:
        self.target = target
        self.run = run
        self.build_schema = f"{mart_schema(target)}_publishing"
        self.company: str | None = None

    def company_literal(self) -> str:
        return "'" + (self.company or DEFAULT_COMPANY).replace("'", "''") + "'"

    def mart(self, name: str) -> str:
        """A mart as a relation named after it: its rows of the report's company."""
        if self.company is None:
            return f"{self.build_schema}.{name}"
        return (
            f"(select * from {self.build_schema}.{name} where company = {self.company_literal()}) as {name}"
        )

    def companies(self) -> list[str]:
        """The companies the warehouse holds (those with persons), the default first."""
        found = [
            str(c) for (c,) in self.run(f"select distinct company from {self.build_schema}.customers").rows
        ]
        return sorted(found, key=lambda c: (c != DEFAULT_COMPANY, c))

    def table(self, columns: tuple[Column, ...], sql: str, note: str = "") -> Table:
        rows = self.run(sql).rows
        return Table(columns, [tuple(r) for r in rows], note)

    def scalar(self, sql: str) -> object:
        rows = self.run(sql).rows
        return rows[0][0] if rows else None


def read_report_data(
    target: Target, now: dt.datetime | None = None, company: str | None = None
) -> ReportData:
    """Everything the report shows, from the target's warehouse, for one company (by default the
    default company, else the first the warehouse holds). Raises MissingRelation when no build
    has made the marts yet, and LookupError for a company the warehouse does not hold."""
    with session(target) as run:
        r = Reader(target, run)
        companies = r.companies()
        if company is not None and company not in companies:
            raise LookupError(
                f"company {company!r} has no persons in the warehouse; it holds {', '.join(companies)}"
            )
        r.company = company or (companies[0] if companies else DEFAULT_COMPANY)
        history = relation(target, "integrity_check_history")
        data = ReportData(
            target_name=target.name,
            warehouse=target.describe(),
            generated_at=now or dt.datetime.now(dt.UTC).replace(tzinfo=None),
            built_at=r.scalar(f"select max(run_at) from {history}"),
            published=_published(r),
            data_from=None,
            data_to=None,
            company=r.company,
            companies=companies,
        )
        span = r.run(f"select min(received_at), max(received_at) from {r.mart('lead_journey')}").rows[0]
        data.data_from, data.data_to = (_as_date(v) for v in span)
        data.checks = current_checks(target, r.company)
        _integrity(r, data)
        _queues(r, data)
        _accounting(r, data)
        _conversion(r, data)
        _identity(r, data)
    return data


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _published(r: Reader) -> bool:
    """True when the latest build's marts are the published ones: after publishing, the
    build schema's marts are views onto the target schema's tables."""
    if r.target.type == "spark":  # no information_schema
        return r.scalar(f"show views in {r.build_schema} like 'customers'") is not None
    kind = r.scalar(
        "select table_type from information_schema.tables "
        f"where table_schema = '{r.build_schema}' and table_name = 'customers'"
    )
    return kind == "VIEW"


def _integrity(r: Reader, data: ReportData) -> None:
    history = relation(r.target, "integrity_check_history")
    data.check_history = r.table(
        cols(
            "run_at:Run:datetime", "check_name:Check", "check_type:Type", "status:Status:status",
            "rate:Rate:pct", "numerator:Numerator:int", "denominator:Denominator:int",
            "warn_threshold:Warn:num", "error_threshold:Error:num",
        ),
        "select run_at, check_name, check_type, status, rate, numerator, denominator, "
        f"warn_threshold, error_threshold from {history} where {company_sql()} = {r.company_literal()} "
        "order by run_at, check_name",
    )  # fmt: skip
    # written by an on-run-end hook (macros/marts/test_results.sql), not a model
    results = f"{mart_schema(r.target)}.integrity_test_results"
    try:
        data.test_results = r.table(
            cols(
                "status:Status:status", "test_name:Test", "tested_model:Model", "failures:Failures:int",
                "execution_seconds:Seconds:num", "message:Message",
            ),
            "select status, test_name, tested_model, failures, execution_seconds, message "
            f"from {results} where run_id = (select run_id from {results} "
            "order by run_at desc, run_id desc limit 1) "
            "order by case status when 'error' then 0 when 'fail' then 1 when 'warn' then 2 else 3 end, "
            "execution_seconds desc, test_name",
        )  # fmt: skip
    except MissingRelation:
        data.test_results = Table(cols("status:Status:status", "test_name:Test"), [], "no test run recorded")


def _queues(r: Reader, data: ReportData) -> None:
    orphan_columns = cols(
        "module:Module", "name:Name as exported", "sales_person_resolution:Resolution",
        "row_count:Rows:int", "closest_candidates:Closest sales persons (similarity)",
    )  # fmt: skip
    performance = {
        "sales_performance": r.mart("sales_performance"),
        "user_performance": r.mart("user_performance"),
    }
    orphans = " union all ".join(
        f"select '{module}' as module, name, sales_person_resolution, count(*) as row_count, "
        f"max(closest_candidates) as closest_candidates from {mart} where is_orphan "
        "group by name, sales_person_resolution"
        for module, mart in performance.items()
    )
    review = relation(r.target, "int_lookup_review")
    spelling_columns = cols(
        "variant:Spelling as exported", "reason:Why", "row_count:Rows:int", "resolved_to:Resolved to",
        "candidates:Candidates",
    )  # fmt: skip
    data.queues = [
        Queue(
            "performance_orphans",
            "Performance rows without a sales person",
            "Rows of the performance reports whose name matches no sales person of the CRM, "
            "with the closest names by similarity. A name of someone the CRM does know is "
            "settled by one row mapping the spelling to that person.",
            "seeds/sales_person_overrides.csv",
            r.table(orphan_columns, f"select * from ({orphans}) as o order by row_count desc, module, name"),
        ),
        Queue(
            "sales_person_spellings",
            "Ambiguous and unmatched sales-person spellings",
            "Spellings that fit several sales persons, or none, with the rows they cover.",
            "seeds/sales_person_overrides.csv",
            r.table(
                spelling_columns,
                "select variant, reason, row_count, resolved_to, candidates from "
                f"{review} where lookup_name = 'sales_person' and company = {r.company_literal()} "
                "order by row_count desc, variant",
            ),
        ),
        Queue(
            "unmapped_lead_sources",
            "Lead sources no rule maps",
            "Lead sources that no rule of the lead-source seed maps: they fell to their module's "
            "default category, and 'other' is the catch-all of the rules themselves.",
            "seeds/lead_source_rules.csv",
            r.table(
                cols(
                    "name:Lead source",
                    "category:Category",
                    "is_mapped:Mapped by a rule",
                    "row_count:Rows:int",
                ),
                f"select name, category, is_mapped, row_count from {r.mart('lead_sources')} "
                "where not is_mapped or category = 'other' order by row_count desc, name",
            ),
        ),
        Queue(
            "branches",
            "Branch spellings and status flags",
            "Every branch with its status flags (on hold, inactive, test) and how many spellings "
            "were merged into it; the spellings themselves follow.",
            "seeds/branch_aliases.csv, seeds/branch_status_markers.csv",
            r.table(
                cols(
                    "name:Branch",
                    "status:Status",
                    "is_on_hold:On hold",
                    "is_inactive:Inactive",
                    "is_test:Test",
                    "variant_count:Spellings:int",
                    "row_count:Rows:int",
                ),
                "select name, status, is_on_hold, is_inactive, is_test, variant_count, row_count "
                f"from {r.mart('branches')} order by row_count desc, name",
            ),
        ),
        Queue(
            "branch_spellings",
            "Branch spellings merged into a branch",
            "Spellings that differ from their branch's name, with the branch they were merged into.",
            "seeds/branch_aliases.csv",
            r.table(
                spelling_columns,
                "select variant, reason, row_count, resolved_to, candidates from "
                f"{review} where lookup_name = 'branch' and company = {r.company_literal()} "
                "order by row_count desc, variant",
            ),
        ),
    ]


def _accounting(r: Reader, data: ReportData) -> None:
    quarantined = dict(
        r.run(f"select module, count(*) from {r.target.raw_schema}.quarantine group by module").rows
    )
    accounted = []
    for module, raw, current, superseded, rejected in r.run(staging_accounting_sql(r.target)).rows:
        raw, current, superseded, rejected = (int(v or 0) for v in (raw, current, superseded, rejected))
        balanced = "yes" if raw == current + superseded + rejected else "NO"
        accounted.append(
            (module, raw, current, superseded, rejected, int(quarantined.get(module, 0)), balanced)
        )
    data.accounting = Table(
        cols(
            "module:Module", "raw_rows:Raw rows:int", "current_rows:Current:int",
            "superseded_rows:Superseded:int", "rejected_rows:Rejected:int",
            "quarantined:Quarantined records:int", "balanced:Raw = current + superseded + rejected",
        ),
        accounted,
        "Quarantined records are the malformed lines of the exports, kept apart with a reason: "
        "they never became raw rows.",
    )  # fmt: skip
    data.quarantine = r.table(
        cols("module:Module", "reason:Reason", "records:Records:int"),
        f"select module, reason, count(*) as records from {r.target.raw_schema}.quarantine "
        "group by module, reason order by records desc, module, reason",
    )
    data.value_issues = r.table(
        cols("module:Module", "column_name:Column", "reason:Issue", "value_count:Values:int"),
        "select module, column_name, reason, count(*) as value_count "
        f"from {relation(r.target, 'stg_crm__value_issues')} "
        "group by module, column_name, reason order by value_count desc, module, column_name, reason "
        "limit 25",
    )


CONVERSION_COLUMNS = (
    "lead_count:Leads:int", "booked_count:Booked:int", "lost_count:Lost:int", "bad_count:Bad:int",
    "open_count:Open:int", "person_count:Persons:int", "customer_count:Customers:int",
    "booking_rate:Booking rate:pct", "conversion_rate:Conversion rate:pct",
    "median_days_to_booking:Median days to booking:num", "revenue:Revenue:money",
)  # fmt: skip
CONVERSION_METRICS = ", ".join(c.split(":")[0] for c in CONVERSION_COLUMNS)


def _conversion(r: Reader, data: ReportData) -> None:
    journey, branches = r.mart("lead_journey"), r.mart("branches")  # named lead_journey, branches
    # additive per-lead counts by month and branch: the page's filters re-add them in the browser
    data.monthly_by_branch = r.table(
        cols(
            "lead_month:Month:date", "branch:Branch", "lead_count:Leads:int", "booked_count:Booked:int",
            "converted_count:Converted leads:int", "lost_count:Lost:int", "bad_count:Bad:int",
            "open_count:Open:int", "revenue:Revenue:money",
        ),
        f"select lead_journey.lead_month, coalesce(branches.name, '(no branch)') as branch, count(*), "
        "sum(case when lead_journey.outcome = 'booked' then 1 else 0 end), "
        "sum(case when lead_journey.is_converted then 1 else 0 end), "
        "sum(case when lead_journey.outcome = 'lost' then 1 else 0 end), "
        "sum(case when lead_journey.outcome = 'bad' then 1 else 0 end), "
        "sum(case when lead_journey.outcome = 'open' then 1 else 0 end), "
        "coalesce(sum(lead_journey.revenue), 0) "
        f"from {journey} left join {branches} on lead_journey.branch_id = branches.id "
        "where lead_journey.lead_month is not null "
        "group by lead_journey.lead_month, coalesce(branches.name, '(no branch)') order by 1, 2",
    )  # fmt: skip
    by = {
        "month": ("lead_month:Month:date", "lead_month", r.mart("conversion_by_month"), "lead_month"),
        "branch": ("branch_name:Branch", "coalesce(branch_name, '(no branch)')", r.mart("conversion_by_branch"),
                   "lead_count desc"),
        "lead_source_category": ("lead_source_category:Category",
                                 "coalesce(lead_source_category, '(none)')",
                                 r.mart("conversion_by_lead_source_category"), "lead_count desc"),
        "lead_source": ("lead_source_name:Lead source", "coalesce(lead_source_name, '(none)')",
                        r.mart("conversion_by_lead_source"), "lead_count desc"),
        "sales_person": ("sales_person_name:Sales person", "coalesce(sales_person_name, '(none)')",
                         r.mart("conversion_by_sales_person"), "lead_count desc"),
    }  # fmt: skip
    for key, (label, expression, model, order) in by.items():
        name = label.split(":")[0]
        data.conversion[key] = r.table(
            cols(label, *CONVERSION_COLUMNS),
            f"select {expression} as {name}, {CONVERSION_METRICS} from {model} order by {order}, 1",
        )


def _identity(r: Reader, data: ReportData) -> None:
    customers = r.mart("customers")
    text = text_type(r.target)
    persons, converted, records, merged = r.run(
        "select count(*), sum(case when lifecycle_stage = 'customer' then 1 else 0 end), "
        f"sum(record_count), sum(case when record_count > 1 then 1 else 0 end) from {customers}"
    ).rows[0]
    data.identity_summary = {
        "persons": int(persons or 0),
        "customers": int(converted or 0),
        "leads": int(persons or 0) - int(converted or 0),
        "records": int(records or 0),
        "merged_persons": int(merged or 0),
    }
    data.headline = dict(data.identity_summary)
    band = (
        "case when confidence >= 0.999 then '0.999 and above' when confidence >= 0.99 then '0.99 to 0.999' "
        "when confidence >= 0.95 then '0.95 to 0.99' else 'below 0.95' end"
    )
    data.merges = r.table(
        cols("match_method:Method", "merged_by:Merged by", "confidence_band:Confidence", "links:Links:int"),
        f"select match_method, merged_by, {band} as confidence_band, count(*) as links "
        f"from {relation(r.target, 'int_identity_edges')} where record_key_a in (select record_key from "
        f"{relation(r.target, 'int_identity_records')} where company = {r.company_literal()}) "
        f"group by match_method, merged_by, {band} order by links desc, match_method, merged_by, confidence_band",
    )
    data.cluster_sizes = r.table(
        cols("records:Records per person", "persons:Persons:int"),
        f"select case when record_count >= 20 then '20+' else cast(record_count as {text}) end as records, "
        f"count(*) as persons from {customers} "
        f"group by case when record_count >= 20 then '20+' else cast(record_count as {text}) end "
        "order by min(record_count)",
    )
    data.largest_clusters = r.table(
        cols(
            "id:Person id", "lifecycle_stage:Stage", "record_count:Records:int", "module_count:Modules:int",
            "merge_count:Merges:int", "weakest_merge_confidence:Weakest merge:num",
            "lead_status_count:Lead status rows:int", "lifetime_job_count:Jobs:int",
            "first_seen_at:First seen:datetime", "last_seen_at:Last seen:datetime",
        ),
        "select id, lifecycle_stage, record_count, module_count, merge_count, weakest_merge_confidence, "
        "lead_status_count, lifetime_job_count, first_seen_at, last_seen_at "
        f"from {customers} order by record_count desc, id limit 25",
        "Names and contacts are left out: the report may travel further than the warehouse.",
    )  # fmt: skip
