"""The report as one self-contained HTML file: the pages, their charts and tables, and every
script and style inlined (nothing is fetched: it opens from file:// with no network)."""

from __future__ import annotations

import datetime as dt
import decimal
import json
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from leadhub.report import charts
from leadhub.report.assets import static_text, vega_bundle
from leadhub.report.data import ReportData

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGES = (
    ("overview", "Overview"),
    ("integrity", "Integrity"),
    ("review", "Review queues"),
    ("accounting", "Row accounting"),
    ("conversion", "Conversion"),
    ("identity", "Identity"),
)


def fmt(value: object, kind: str = "text") -> str:
    """A value as the report shows it: thousands separators, percentages with one decimal."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if kind == "int" and isinstance(value, int | float | decimal.Decimal):
        return f"{value:,.0f}"
    if kind == "pct" and isinstance(value, int | float | decimal.Decimal):
        return f"{float(value):.1%}"
    if kind == "money" and isinstance(value, int | float | decimal.Decimal):
        return f"{float(value):,.2f}"
    if kind == "num" and isinstance(value, int | float | decimal.Decimal):
        return f"{float(value):,.4f}".rstrip("0").rstrip(".")
    if kind == "datetime" and isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def when(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "–"


def cell(value: object, kind: str) -> Markup:
    """One table cell: the formatted value, and the raw one to sort by."""
    if value is None:
        sort = ""
    elif isinstance(value, bool):
        sort = str(int(value))
    else:
        sort = str(value)
    text = escape(fmt(value, kind))
    if kind == "status":
        text = Markup(f'<span class="status status-{escape(str(value))}">{text}</span>')
    return Markup(f'<td class="{kind}" data-sort="{escape(sort)}">{text}</td>')


def _script_json(value: object) -> Markup:
    """JSON inside a <script> element: `</` never closes it."""
    return Markup(json.dumps(value, separators=(",", ":")).replace("</", "<\\/"))


def _script(text: str) -> Markup:
    return Markup(text.replace("</script", "<\\/script"))


def build_charts(data: ReportData) -> dict[str, charts.Chart]:
    conversion = data.conversion
    made = [
        charts.check_rates(data.checks),
        charts.orphan_counts(data.checks),
        charts.check_trend(data.check_history),
        charts.queue_sizes(data.queues),
        charts.accounting(data.accounting),
        charts.quarantine(data.quarantine),
        charts.value_issues(data.value_issues),
        charts.funnel_by_month(),
        charts.rates_by_month(),
        charts.outcomes_by_branch(),
        charts.rate_bars("rate-category", "Booking rate by lead source category", conversion["lead_source_category"],
                         "lead_source_category"),
        charts.rate_bars("rate-lead-source", "Booking rate of the 15 largest lead sources", conversion["lead_source"],
                         "lead_source_name"),
        charts.rate_bars("rate-sales-person", "Booking rate of the 15 sales persons with the most leads",
                         conversion["sales_person"], "sales_person_name"),
        charts.rate_bars("rate-branch", "Booking rate by branch", conversion["branch"], "branch_name", top=40),
        charts.merges(data.merges),
        charts.cluster_sizes(data.cluster_sizes),
    ]  # fmt: skip
    return {c.key: c for c in made}


def _test_summary(data: ReportData) -> str:
    statuses: dict[str, int] = {}
    for status in data.test_results.column("status") if data.test_results else []:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    if not statuses:
        return "No test results recorded."
    return ", ".join(f"{n:,} {s}" for s, n in sorted(statuses.items(), key=lambda kv: -kv[1])) + "."


def render(data: ReportData) -> str:
    made = build_charts(data)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )
    journey = data.monthly_by_branch
    leads = sum(int(v or 0) for v in journey.column("lead_count")) if journey else 0
    booked = sum(int(v or 0) for v in journey.column("booked_count")) if journey else 0
    revenue = sum(float(v or 0) for v in journey.column("revenue")) if journey else 0.0
    passing = sum(1 for c in data.checks if c.status == "pass")
    summary = data.identity_summary
    overview_tiles = [
        ("persons (customers + leads)", summary.get("persons"), "int"),
        ("customers", summary.get("customers"), "int"),
        ("leads received", leads, "int"),
        ("booked", booked, "int"),
        ("booking rate", booked / leads if leads else None, "pct"),
        ("revenue", revenue, "int"),
        ("integrity checks passing", f"{passing} of {len(data.checks)}", "text"),
    ]
    identity_tiles = [
        ("persons", summary.get("persons")),
        ("customers", summary.get("customers")),
        ("leads who never booked", summary.get("leads")),
        ("records resolved", summary.get("records")),
        ("persons merged from several records", summary.get("merged_persons")),
    ]
    template = environment.get_template("report.html.j2")
    return template.render(
        data=data,
        pages=PAGES,
        charts=made,
        overview_tiles=overview_tiles,
        identity_tiles=identity_tiles,
        test_summary=_test_summary(data),
        fmt=fmt,
        when=when,
        cell=cell,
        zip=zip,
        css=Markup(static_text("report.css")),
        specs_json=_script_json({key: c.spec for key, c in made.items()}),
        monthly_json=_script_json(journey.records() if journey else []),
        vega_js=_script(vega_bundle()),
        report_js=_script(static_text("report.js")),
    )
