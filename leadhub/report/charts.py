"""The report's charts as Vega-Lite specs, made with Altair.

Every chart is shown beside its numbers (the table it is drawn from). Charts of the conversion
page read a named data set (``monthly`` or ``branches``) that the page's filters fill in the
browser; all others carry their data.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt

from leadhub.integrity import Check
from leadhub.report.data import Queue, Table, cols

HEIGHT = 260
STATUS_COLORS = alt.Scale(domain=["pass", "warn", "error"], range=["#2e7d32", "#ef6c00", "#c62828"])


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    spec: dict
    table: Table | None  # the numbers behind the chart (None: the page renders them itself)
    dataset: str | None = None  # a named data set the page fills (filters), else data inline


def _spec(chart: alt.TopLevelMixin) -> dict:
    spec = chart.properties(width="container").configure_view(stroke=None).to_dict()
    spec.pop("$schema", None)  # vega-embed reads no schema: nothing is fetched
    return spec


def _data(table: Table) -> alt.Data:
    return alt.Data(values=table.records())


def check_rates(checks: list[Check]) -> Chart:
    linkage = [c for c in checks if c.check_type == "linkage_rate"]
    table = Table(
        cols(
            "check_name:Check", "status:Status:status", "rate:Rate:pct", "numerator:Linked:int",
            "denominator:Of:int", "warn_threshold:Warn below:pct", "error_threshold:Error below:pct",
        ),
        [(c.check_name, c.status, c.rate, c.numerator, c.denominator, c.warn_threshold, c.error_threshold)
         for c in linkage],
    )  # fmt: skip
    lowest = min([0.5, *(v for c in linkage for v in (c.rate, c.error_threshold) if v is not None)])
    scale = alt.Scale(domain=[max(0.0, round(lowest - 0.05, 2)), 1.0], zero=False, clamp=True)
    base = alt.Chart(_data(table)).encode(y=alt.Y("check_name:N", title=None, sort=None))
    bars = base.mark_bar(clip=True).encode(
        x=alt.X("rate:Q", title="linked share", axis=alt.Axis(format=".0%"), scale=scale),
        color=alt.Color("status:N", scale=STATUS_COLORS, legend=alt.Legend(title="status", orient="bottom")),
        tooltip=[
            "check_name:N",
            alt.Tooltip("rate:Q", format=".1%"),
            alt.Tooltip("numerator:Q", format=","),
            alt.Tooltip("denominator:Q", format=","),
            "status:N",
        ],
    )
    warn = base.mark_tick(color="#ef6c00", thickness=3, size=26).encode(
        x=alt.X("warn_threshold:Q", scale=scale), tooltip=[alt.Tooltip("warn_threshold:Q", format=".1%")]
    )
    error = base.mark_tick(color="#c62828", thickness=3, size=26).encode(
        x=alt.X("error_threshold:Q", scale=scale), tooltip=[alt.Tooltip("error_threshold:Q", format=".1%")]
    )
    spec = _spec(alt.layer(bars, warn, error).properties(height=max(120, 48 * len(linkage))))
    return Chart(
        "check-rates", "Linkage rates against their thresholds (ticks: orange warn, red error)", spec, table
    )


def orphan_counts(checks: list[Check]) -> Chart:
    orphans = [c for c in checks if c.check_type == "orphan_count"]
    table = Table(
        cols("check_name:Check", "status:Status:status", "numerator:Orphaned:int", "denominator:Of:int",
             "warn_threshold:Warn above:int"),
        [(c.check_name, c.status, c.numerator, c.denominator, c.warn_threshold) for c in orphans],
    )  # fmt: skip
    base = alt.Chart(_data(table)).encode(y=alt.Y("check_name:N", title=None, sort=None))
    bars = base.mark_bar().encode(
        x=alt.X("numerator:Q", title="orphaned rows"),
        color=alt.Color("status:N", scale=STATUS_COLORS, legend=None),
        tooltip=[
            "check_name:N",
            alt.Tooltip("numerator:Q", format=","),
            alt.Tooltip("denominator:Q", format=","),
        ],
    )
    warn = base.mark_tick(color="#ef6c00", thickness=3, size=26).encode(x="warn_threshold:Q")
    spec = _spec(alt.layer(bars, warn).properties(height=max(80, 48 * len(orphans))))
    return Chart("orphan-counts", "Orphaned performance rows (tick: warn above)", spec, table)


def check_trend(history: Table) -> Chart:
    linkage = Table(history.columns, [r for r in history.rows if r[2] == "linkage_rate"])
    chart = (
        alt.Chart(_data(linkage))
        .mark_line(point=True)
        .encode(
            x=alt.X("run_at:T", title="build", axis=alt.Axis(format="%Y-%m-%d %H:%M", labelAngle=-30)),
            y=alt.Y("rate:Q", title="linked share", axis=alt.Axis(format=".0%"), scale=alt.Scale(zero=False)),
            color=alt.Color("check_name:N", legend=alt.Legend(title=None, orient="bottom", columns=2)),
            tooltip=["run_at:T", "check_name:N", alt.Tooltip("rate:Q", format=".1%"), "status:N"],
        )
        .properties(height=HEIGHT)
    )
    return Chart("check-trend", "Linkage rates over every build", _spec(chart), history)


def queue_sizes(queues: list[Queue]) -> Chart:
    table = Table(
        cols("queue:Queue", "entries:Entries:int", "rows:Rows covered:int", "seed:Seed to edit"),
        [(q.title, len(q.table.rows), sum(int(v or 0) for v in q.table.column("row_count")), q.seed)
         for q in queues],
    )  # fmt: skip
    chart = (
        alt.Chart(_data(table))
        .mark_bar(color="#5c6bc0")
        .encode(
            y=alt.Y("queue:N", title=None, sort=None),
            x=alt.X("entries:Q", title="entries to review"),
            tooltip=["queue:N", alt.Tooltip("entries:Q", format=","), alt.Tooltip("rows:Q", format=",")],
        )
        .properties(height=40 * max(3, len(queues)))
    )
    return Chart("queue-sizes", "Review queues", _spec(chart), table)


def accounting(table: Table) -> Chart:
    chart = (
        alt.Chart(_data(table))
        .transform_fold(["current_rows", "superseded_rows", "rejected_rows"], as_=["part", "rows"])
        .mark_bar()
        .encode(
            y=alt.Y("module:N", title=None, sort=None),
            x=alt.X("rows:Q", title="raw rows", stack="zero"),
            color=alt.Color(
                "part:N",
                title=None,
                scale=alt.Scale(
                    domain=["current_rows", "superseded_rows", "rejected_rows"],
                    range=["#43a047", "#90a4ae", "#e53935"],
                ),
                legend=alt.Legend(orient="bottom", labelExpr="replace(datum.label, '_rows', '')"),
            ),
            tooltip=["module:N", "part:N", alt.Tooltip("rows:Q", format=",")],
        )
        .properties(height=HEIGHT)
    )
    return Chart("accounting", "Raw rows of each module: current, superseded, rejected", _spec(chart), table)


def quarantine(table: Table) -> Chart:
    chart = (
        alt.Chart(_data(table))
        .mark_bar()
        .encode(
            y=alt.Y("reason:N", title=None, sort="-x"),
            x=alt.X("sum(records):Q", title="records"),
            color=alt.Color("module:N", legend=alt.Legend(orient="bottom", title=None)),
            tooltip=["module:N", "reason:N", alt.Tooltip("records:Q", format=",")],
        )
        .properties(height=max(120, 24 * len({r[1] for r in table.rows})))
    )
    return Chart("quarantine", "Quarantined records by reason", _spec(chart), table)


def value_issues(table: Table) -> Chart:
    chart = (
        alt.Chart(_data(table))
        .transform_calculate(issue="datum.module + '.' + datum.column_name + ': ' + datum.reason")
        .mark_bar(color="#8d6e63")
        .encode(
            y=alt.Y("issue:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
            x=alt.X("value_count:Q", title="values"),
            tooltip=["issue:N", alt.Tooltip("value_count:Q", format=",")],
        )
        .properties(height=max(120, 20 * len(table.rows)))
    )
    return Chart("value-issues", "Values staging could not normalize (top 25)", _spec(chart), table)


def funnel_by_month() -> Chart:
    chart = (
        alt.Chart(alt.NamedData(name="monthly"))
        .transform_fold(["lead_count", "booked_count", "converted_count"], as_=["stage", "count"])
        .mark_line(point=True)
        .encode(
            x=alt.X("lead_month:T", title="month received", timeUnit="utcyearmonth"),
            y=alt.Y("count:Q", title="leads"),
            color=alt.Color(
                "stage:N",
                title=None,
                scale=alt.Scale(
                    domain=["lead_count", "booked_count", "converted_count"],
                    range=["#1e88e5", "#43a047", "#8e24aa"],
                ),
                legend=alt.Legend(orient="bottom", labelExpr="replace(datum.label, '_count', '')"),
            ),
            tooltip=[
                alt.Tooltip("lead_month:T", timeUnit="utcyearmonth", title="month"),
                "stage:N",
                alt.Tooltip("count:Q", format=","),
            ],
        )
        .properties(height=HEIGHT)
    )
    return Chart(
        "funnel-month", "Leads → booked → converted, by month received", _spec(chart), None, "monthly"
    )


def rates_by_month() -> Chart:
    chart = (
        alt.Chart(alt.NamedData(name="monthly"))
        .transform_calculate(
            booking_rate="datum.lead_count ? datum.booked_count / datum.lead_count : null",
            conversion_rate="datum.lead_count ? datum.converted_count / datum.lead_count : null",
        )
        .transform_fold(["booking_rate", "conversion_rate"], as_=["rate_name", "rate"])
        .mark_line(point=True)
        .encode(
            x=alt.X("lead_month:T", title="month received", timeUnit="utcyearmonth"),
            y=alt.Y("rate:Q", title=None, axis=alt.Axis(format=".0%")),
            color=alt.Color(
                "rate_name:N",
                title=None,
                legend=alt.Legend(orient="bottom", labelExpr="replace(datum.label, '_', ' ')"),
            ),
            tooltip=[
                alt.Tooltip("lead_month:T", timeUnit="utcyearmonth", title="month"),
                "rate_name:N",
                alt.Tooltip("rate:Q", format=".1%"),
            ],
        )
        .properties(height=HEIGHT)
    )
    return Chart("rates-month", "Booking and lead conversion rates, by month", _spec(chart), None, "monthly")


def outcomes_by_branch() -> Chart:
    chart = (
        alt.Chart(alt.NamedData(name="branches"))
        .transform_fold(["booked_count", "lost_count", "bad_count", "open_count"], as_=["outcome", "count"])
        .mark_bar()
        .encode(
            y=alt.Y("branch:N", title=None, sort=alt.EncodingSortField("lead_count", order="descending")),
            x=alt.X("count:Q", title="leads", stack="zero"),
            color=alt.Color(
                "outcome:N",
                title=None,
                scale=alt.Scale(
                    domain=["booked_count", "lost_count", "bad_count", "open_count"],
                    range=["#43a047", "#fb8c00", "#e53935", "#90a4ae"],
                ),
                legend=alt.Legend(orient="bottom", labelExpr="replace(datum.label, '_count', '')"),
            ),
            tooltip=["branch:N", "outcome:N", alt.Tooltip("count:Q", format=",")],
        )
        .properties(height=alt.Step(18))
    )
    return Chart("outcomes-branch", "Lead outcomes by branch", _spec(chart), None, "branches")


def rate_bars(key: str, title: str, table: Table, label: str, top: int = 15) -> Chart:
    """Booking rate of the `top` largest rows (by leads) of a conversion mart."""
    largest = Table(table.columns, sorted(table.rows, key=lambda r: -int(r[1] or 0))[:top], table.note)
    chart = (
        alt.Chart(_data(largest))
        .mark_bar(color="#43a047")
        .encode(
            y=alt.Y(f"{label}:N", title=None, sort="-x", axis=alt.Axis(labelLimit=220)),
            x=alt.X("booking_rate:Q", title="booking rate", axis=alt.Axis(format=".0%")),
            tooltip=[
                f"{label}:N",
                alt.Tooltip("lead_count:Q", format=","),
                alt.Tooltip("booking_rate:Q", format=".1%"),
                alt.Tooltip("conversion_rate:Q", format=".1%"),
                alt.Tooltip("revenue:Q", format=",.0f"),
            ],
        )
        .properties(height=max(100, 20 * len(largest.rows)))
    )
    return Chart(key, title, _spec(chart), table)


def merges(table: Table) -> Chart:
    chart = (
        alt.Chart(_data(table))
        .mark_bar()
        .encode(
            x=alt.X("sum(links):Q", title="links"),
            y=alt.Y("match_method:N", title=None, sort="-x"),
            color=alt.Color(
                "confidence_band:N",
                title="confidence",
                scale=alt.Scale(
                    domain=["0.999 and above", "0.99 to 0.999", "0.95 to 0.99", "below 0.95"],
                    range=["#1b5e20", "#66bb6a", "#ffb74d", "#e53935"],
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                "match_method:N",
                "merged_by:N",
                "confidence_band:N",
                alt.Tooltip("links:Q", format=","),
            ],
        )
        .properties(height=max(100, 40 * len({r[0] for r in table.rows})))
    )
    return Chart("merges", "Links between records, by method and confidence", _spec(chart), table)


def cluster_sizes(table: Table) -> Chart:
    chart = (
        alt.Chart(_data(table))
        .mark_bar(color="#00897b")
        .encode(
            x=alt.X("records:N", title="records per person", sort=None),
            y=alt.Y("persons:Q", title="persons (log scale)", scale=alt.Scale(type="symlog")),
            tooltip=["records:N", alt.Tooltip("persons:Q", format=",")],
        )
        .properties(height=HEIGHT)
    )
    return Chart("cluster-sizes", "Persons by how many records were merged into them", _spec(chart), table)
