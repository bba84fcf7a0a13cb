"""The export contract (``shared/export-format.md``) as data.

Everything that knows which module a file belongs to, which headers a module has
and which of them are required reads it from here: the loader, the generator and
the tests.  Nothing else in the package spells a header.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path, PurePath


@dataclass(frozen=True)
class Column:
    name: str  # canonical snake_case name: the raw table's column
    header: str  # header as the CRM writes it
    required: bool = False


@dataclass(frozen=True)
class Module:
    name: str
    patterns: tuple[str, ...]
    columns: tuple[Column, ...]
    optional_module: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def header_map(self) -> dict[str, str]:
        """Normalized header -> canonical column name."""
        return {normalize_header(c.header): c.name for c in self.columns}


def normalize_header(header: str) -> str:
    """Headers match case-insensitively after trimming and collapsing whitespace."""
    return re.sub(r"\s+", " ", header.replace("\ufeff", "")).strip().lower()


def _cols(spec: str) -> tuple[Column, ...]:
    """Parse ``name <- Header [R]`` lines into columns (keeps the table below readable)."""
    out = []
    for line in spec.strip().splitlines():
        if not line.strip():
            continue
        name, _, rest = line.partition("<-")
        header = rest.strip()
        required = header.endswith(" R")
        if required:
            header = header[:-2].rstrip()
        out.append(Column(name.strip(), header, required))
    return tuple(out)


def _address(prefix: str, label: str) -> str:
    parts = ("address", "street", "city", "state", "zip", "type")
    return "\n".join(f"{prefix}_{p} <- {label} {p.title()}" for p in parts)


MODULES: tuple[Module, ...] = (
    Module(
        "jobs",
        ("*jobs*",),
        _cols(
            """
            job_id <- Job ID R
            opportunity_status <- Opportunity Status R
            job_date <- Job Date R
            job_number <- Job Number
            quote_number <- Quote #
            sales_person_name <- Sales Person
            branch_name <- Branch Name
            job_type <- Job Type
            customer_name <- Customer Name
            customer_email <- Customer Email
            customer_phone <- Customer Phone
            referral_source <- Referral Source
            affiliate_name <- Affiliate Name
            created_at_utc <- Created At (UTC)
            booked_at_utc <- Booked At (UTC)
            hourly_rate_quoted <- Hourly Rate Quoted
            total_estimated_cost <- Total Estimated Cost
            hourly_rate_billed <- Hourly Rate Billed
            total_actual_cost <- Total Actual Cost
            actual_number_crew <- Actual Number Crew
            actual_number_trucks <- Actual Number Trucks
            """
            + "\n"
            + _address("origin", "Origin")
            + "\n"
            + _address("destination", "Destination")
        ),
    ),
    Module(
        "booked_opportunities",
        ("*booked*",),
        _cols(
            """
            quote_number <- Quote # R
            status <- Status R
            booked_date <- Booked Date R
            customer_name <- Customer Name
            email <- Email
            phone_number <- Phone Number
            branch_name <- Branch Name
            sales_person <- Sales Person
            moving_from <- Moving From
            moving_to <- Moving To
            service_date <- Service Date
            service_type <- Service Type
            hourly_rate <- Hourly Rate
            estimated_amount <- Estimated Amount
            invoiced_amount <- Invoiced Amount
            referral_source <- Referral Source
            """
        ),
    ),
    Module(
        "lead_status",
        ("*lead-status*", "*lead_status*"),
        _cols(
            """
            quote_number <- Quote # R
            branch_name <- Branch Name R
            status <- Status R
            sales_person <- Sales Person
            time_to_contact <- Time to Contact
            referral_source <- Referral Source
            date_received <- Date Received
            customer_name <- Customer Name
            email <- Email
            phone <- Phone
            move_date <- Move Date
            service_type <- Service Type
            """
        ),
    ),
    Module(
        "lost_leads",
        ("*lost-leads*", "*lost_leads*"),
        _cols(
            """
            quote_number <- Quote # R
            name <- Name R
            lost_date <- Lost Date
            move_date <- Move Date
            reason <- Reason
            date_received <- Date Received
            time_to_first_contact <- Time to First Contact
            referral_source <- Referral Source
            sales_person <- Sales Person
            branch_name <- Branch Name
            email <- Email
            phone <- Phone
            """
        ),
    ),
    Module(
        "bad_leads",
        ("*bad-leads*", "*bad_leads*"),
        _cols(
            """
            customer_name <- Customer Name R
            date_lead_received <- Date Lead Received R
            customer_email <- Customer Email
            customer_phone <- Customer Phone
            provider <- Provider
            move_date <- Move Date
            lead_bad_reason <- Lead Bad Reason
            branch_name <- Branch Name
            """
        ),
    ),
    Module(
        "sales_performance",
        ("*sales-person-performance*", "*sales_performance*"),
        _cols(
            """
            name <- Name R
            leads_received <- # Leads Received
            bad <- Bad
            bad_pct <- % Bad
            sent <- Sent
            sent_pct <- % Sent
            pending <- Pending
            pending_pct <- % Pending
            booked <- Booked
            booked_pct <- % Booked
            lost <- Lost
            lost_pct <- % Lost
            cancelled <- Cancelled
            cancelled_pct <- % Cancelled
            booked_total <- Booked Total
            average_booking <- Average Booking
            period_start <- Period Start
            period_end <- Period End
            """
        ),
    ),
    Module(
        "user_performance",
        ("*ringcentral*users*", "*user-performance*", "*user_performance*"),
        _cols(
            """
            name <- Name R
            user_status <- User Status
            total_calls <- Total Calls
            avg_calls_per_day <- Avg. Calls/Day
            inbound <- # Inbound
            outbound <- # Outbound
            missed_pct <- % Missed (w/VM)
            avg_handle_time <- Avg. Handle Time
            """
        ),
    ),
    Module(
        "customers",
        ("customers*",),
        _cols(
            """
            crm_customer_id <- Customer ID R
            name <- Name
            first_name <- First Name
            last_name <- Last Name
            email <- Email
            phone <- Phone
            address <- Address
            city <- City
            state <- State
            zip <- Zip
            created_at <- Created At
            """
        ),
        optional_module=True,
    ),
)

MODULES_BY_NAME: dict[str, Module] = {m.name: m for m in MODULES}

# Real-size data rows per module (one company's full history); scale 1.0 means these.
REAL_ROW_COUNTS: dict[str, int] = {
    "jobs": 181_618,
    "booked_opportunities": 56_570,
    "lead_status": 277_176,
    "lost_leads": 129_347,
    "bad_leads": 293_228,
    "sales_performance": 149,
    "user_performance": 59,
}

EXPORT_SUFFIXES = (".csv", ".xlsx")


class ContractError(Exception):
    """A file breaks the export contract (unknown name, missing required header)."""


def module_for_file(path: str | PurePath, patterns: dict[str, tuple[str, ...]] | None = None) -> Module:
    """The module a file belongs to, from its name; an unknown or ambiguous name is an error.

    ``patterns`` overrides the default file-name patterns per module (configuration).
    """
    name = PurePath(path).name.lower()
    hits = []
    for module in MODULES:
        pats = (patterns or {}).get(module.name, module.patterns)
        if any(fnmatch.fnmatchcase(name, p.lower()) for p in pats):
            hits.append(module)
    if not hits:
        known = ", ".join(m.name + ": " + " ".join(m.patterns) for m in MODULES)
        raise ContractError(f"{path}: file name matches no module's pattern ({known})")
    if len(hits) > 1:
        raise ContractError(
            f"{path}: file name matches several modules ({', '.join(m.name for m in hits)}); "
            "rename it or set explicit patterns"
        )
    return hits[0]


# When an export was taken (the contract's "export date" rule): the loader stamps every row with
# it, and the generator names its files so that the rule reads the intended date back.
# (pattern, kind, strict): a strict pattern is unmistakably meant as a date, so an impossible
# one (2024-02-30) rejects the file instead of being passed over for a coarser date.
_DATE_PATTERNS = (
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), "ymd", True),
    (re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"), "ymd", False),
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})(?![\d-])"), "ym", True),
    (re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)"), "y", False),
)


def exported_at(path: Path) -> tuple[dt.datetime, str]:
    """When the export was taken: the latest date in its name, else the file's mtime.

    A month (``2024-03``) or a year (``2024``) stands for its last day: a period export is
    current as of the period's end. An impossible date written as one (``2024-02-30``,
    ``2024-13``) raises ContractError: the file is rejected, not dated by a guess.
    """
    name = path.name
    for pattern, kind, strict in _DATE_PATTERNS:
        found: list[dt.datetime] = []
        for match in pattern.finditer(name):
            parts = [int(g) for g in match.groups()]
            try:
                if kind == "ymd":
                    found.append(dt.datetime(parts[0], parts[1], parts[2]))
                elif kind == "ym":
                    nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
                    found.append(dt.datetime.combine(nxt - dt.timedelta(days=1), dt.time()))
                else:
                    found.append(dt.datetime(parts[0], 12, 31))
            except ValueError:
                if strict:
                    raise ContractError(
                        f"{name}: {match.group(0)!r} in the file name is not a date (the export date "
                        "is read from the name; rename the file)"
                    ) from None
                continue
        if found:
            return max(found), "file name"
    mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).replace(tzinfo=None)
    return mtime.replace(microsecond=0), "file modification time"
