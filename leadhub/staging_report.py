"""How much of each kind of value staging normalized: present raw values vs typed values.

A value counts as present when its raw text is not blank (and, for dates, not `TBD`); it
counts as normalized when the staged column holds a value (for emails: valid or a known
placeholder; for statuses: a mapped canonical status).
"""

from __future__ import annotations

from leadhub.config import Target
from leadhub.contract import MODULES
from leadhub.warehouse_summary import fetch, staging_schema

# typed column -> raw column, where the raw column is not simply `<typed>_raw`
RAW_NAMES = {
    "time_to_contact_minutes": "time_to_contact_raw",
    "time_to_first_contact_minutes": "time_to_first_contact_raw",
    "avg_handle_time_seconds": "avg_handle_time_raw",
    "email_status": "email_raw",
    "phone": "phone_raw",
    "status": "status_raw",
    "opportunity_status": "opportunity_status_raw",
    "user_status": "user_status_raw",
}


def kind_of(column: str) -> str:
    if column == "quote_number":
        return "quote number"
    if column.endswith("status") and column != "email_status":
        return "status"
    if column == "email_status":
        return "email"
    if column == "phone":
        return "phone"
    if column.endswith(("_minutes", "_seconds")):
        return "duration"
    if column.endswith("_pct"):
        return "percent"
    if column.endswith(("_date", "period_start", "period_end")):
        return "date"
    if column.endswith(("_at", "_utc")):
        return "date-time"
    if any(w in column for w in ("rate", "amount", "cost", "total", "average_booking")):
        return "money"
    if column == "avg_calls_per_day":
        return "decimal"
    return "integer"


def normalization_shares(target: Target) -> list[tuple[str, int, int]]:
    """(kind, present raw values, normalized values), over the history of every module."""
    schema = staging_schema(target)
    parts = []
    for module in MODULES:
        table = f"{schema}.stg_crm__{module.name}_history"
        columns = [
            r[0]
            for r in fetch(
                target,
                "select column_name from information_schema.columns "
                f"where table_schema = '{schema}' and table_name = 'stg_crm__{module.name}_history'",
            )
        ]
        for raw in (c for c in columns if c.endswith("_raw")):
            typed = next((t for t, r in RAW_NAMES.items() if r == raw and t in columns), raw[: -len("_raw")])
            if typed not in columns or typed in ("email", "crm_customer_id"):
                continue
            kind = kind_of(typed)
            present = f"nullif(trim({raw}), '') is not null"
            if kind == "date":
                present += f" and upper(trim({raw})) <> 'TBD'"
            good = (
                f"{typed} in ('valid', 'placeholder')" if typed == "email_status" else f"{typed} is not null"
            )
            parts.append(
                f"select '{kind}' as kind, "
                f"sum(case when {present} then 1 else 0 end) as present, "
                f"sum(case when {present} and {good} then 1 else 0 end) as normalized from {table}"
            )
    sql = (
        "select kind, sum(present), sum(normalized) from ("
        + " union all ".join(parts)
        + ") as counts group by kind order by kind"
    )
    return [(r[0], int(r[1] or 0), int(r[2] or 0)) for r in fetch(target, sql)]
