"""Export rows per module: each a messy view of the world, with its ground truth.

A builder yields :class:`ExportRow` values in date order.  ``stale`` is how the row looked
in an earlier export (a status that later changed); the file planner writes it there when
the row falls into an overlap.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from leadhub.contract import MODULES_BY_NAME
from leadhub.generate import messy, vocab
from leadhub.generate.world import FULL_FORMS, REPORT_MODULES, Person, Quote, SalesPerson, World

TRUTH_FIELDS = (
    "person_id",
    "quote_number",
    "sales_person_id",
    "branch_id",
    "lead_source_id",
    "job_id",
    "lead_status_quote",
    "entity_key",
)


Row = dict[str, str]  # contract column name (leadhub.contract) -> the text the export holds


@dataclass(slots=True)
class ExportRow:
    period: dt.date  # decides which export file the row belongs to
    values: Row
    truth: tuple  # in TRUTH_FIELDS order
    stale: Row | None = None


# Contact columns a degraded export leaves out (settings lead_status_contacts, jobs_contacts).
CONTACT_COLUMNS = {
    "lead_status": ("customer_name", "email", "phone"),
    "jobs": ("customer_name", "customer_email", "customer_phone"),
}
# Address columns a degraded jobs export leaves out (setting jobs_addresses).
ADDRESS_COLUMNS = {
    "jobs": ("origin_address", "origin_street", "origin_city", "origin_state", "origin_zip"),
}
# A column the contract does not know (kept in _extra by the loader): (name, header).
UNKNOWN_COLUMNS = {"booked_opportunities": ("deposit_paid", "Deposit Paid")}


def columns(module: str, world: World) -> list[tuple[str, str]]:
    """(column name, header) of the module's files, in the order they are written."""
    s = world.settings
    contacts = {"lead_status": s.lead_status_contacts, "jobs": s.jobs_contacts}.get(module, True)
    dropped = set() if contacts else set(CONTACT_COLUMNS[module])
    if module in ADDRESS_COLUMNS and not s.jobs_addresses:
        dropped |= set(ADDRESS_COLUMNS[module])
    out = [(c.name, c.header) for c in MODULES_BY_NAME[module].columns if c.name not in dropped]
    if module in UNKNOWN_COLUMNS:
        out.append(UNKNOWN_COLUMNS[module])
    return out


class _Ctx:
    """Per-module drawing helpers sharing one seeded random stream."""

    def __init__(self, world: World, module: str) -> None:
        self.w = world
        self.s = world.settings
        self.module = module
        self.rng = random.Random(f"{self.s.seed}:{module}")

    def name(self, p: Person) -> str:
        return messy.person_name(self.rng, p.first, p.last, self.s)

    def email(self, p: Person) -> str:
        rng, s = self.rng, self.s
        if rng.random() < s.email_missing.get(self.module, 0.05):
            return ""
        if rng.random() < s.hub_contact_rate:
            return rng.choice(vocab.HUB_EMAILS)
        address = p.alt_email if p.alt_email and rng.random() < 0.4 else p.email
        return messy.email(rng, address, s)

    def garbage(self, text: str, choices: tuple[str, ...]) -> str:
        """Sometimes a value that is not what the column holds (typed by hand in the CRM)."""
        if self.rng.random() < self.s.garbage_value_rate:
            return self.rng.choice(choices)
        return text

    def phone(self, p: Person) -> str:
        rng, s = self.rng, self.s
        if rng.random() < s.phone_missing.get(self.module, 0.04):
            return ""
        if rng.random() < s.garbage_value_rate:
            return rng.choice(("N/A", "call office", "416-555", "000-000-0000", "see email"))
        if rng.random() < s.hub_contact_rate:
            return messy.phone(rng, rng.choice(vocab.HUB_PHONES))
        digits = p.alt_phone if p.alt_phone and rng.random() < 0.4 else p.phone
        return messy.phone(rng, digits)

    def sales(self, sp: SalesPerson) -> str:
        rng = self.rng
        form = sp.forms.get(self.module, "full")
        if rng.random() < self.s.sales_variant_rate:
            variant = rng.choice(list(sp.names))
            if not (sp.short_in_crm and variant in FULL_FORMS and self.module not in REPORT_MODULES):
                form = variant
        text = sp.names.get(form, sp.names["full"])
        if rng.random() < self.s.sales_symbol_rate:
            text += rng.choice((" $", " *", "."))
        return messy.spaced(rng, text, self.s.extra_space_rate)

    def branch(self, branch_id: int) -> str:
        b = self.w.branches[branch_id - 1]
        return messy.branch_name(self.rng, b.name, b.status, self.s)

    def source(self, source_id: int) -> tuple[str, int | str]:
        """(text, truth id); blank text has no truth id."""
        rng = self.rng
        if rng.random() < self.s.referral_missing_rate:
            return "", ""
        src = self.w.sources[source_id - 1]
        text = src.variants[0] if rng.random() < 0.5 else rng.choice(src.variants)
        return messy.spaced(rng, text, self.s.extra_space_rate / 2), source_id

    def quote(self, number: int) -> str:
        return messy.quote_number(self.rng, number, self.s.quote_format_rate)

    def move_date(self, d: dt.date) -> str:
        rng = self.rng
        if rng.random() < self.s.move_date_missing.get(self.module, 0.03):
            return "TBD" if rng.random() < 0.5 else ""
        return self.garbage(messy.any_date(rng, d), ("ASAP", "next month", "flexible", "end of June"))

    def street(self, text: str) -> str:
        """A street address, sometimes with a one-letter typo in its name."""
        if self.s.address_typo_rate and self.rng.random() < self.s.address_typo_rate:
            number, _, name = text.partition(" ")
            return f"{number} {messy.typo(self.rng, name)}" if name else text
        return text

    def multiline(self, text: str) -> str:
        if self.rng.random() < self.s.multiline_rate:
            return text + "\n" + self.rng.choice(("Customer called back.", "See notes", "2nd attempt"))
        return text


def _quotes(world: World, outcome: str | None = None) -> Iterator[tuple[Quote, Person]]:
    """Each quote (of one outcome, if given) with the person who asked for it."""
    for q in world.quotes:
        if outcome is None or q.outcome == outcome:
            yield q, world.persons[q.person - 1]


def _truth(person="", quote="", sales="", branch="", source="", job="", lead_quote="", key="") -> tuple:
    return (person, quote, sales, branch, source, job, lead_quote, key)


def lead_status(world: World) -> Iterator[ExportRow]:
    c = _Ctx(world, "lead_status")
    rng, s = c.rng, c.s
    contacts = s.lead_status_contacts
    label = {
        "booked": "Booked",
        "lost": "Lost",
        "pending": "Pending",
        "sent": "Sent",
        "cancelled": "Cancelled",
        "quoted": "Quoted",
    }
    for q, p in _quotes(world):
        status = label[q.outcome]
        r = rng.random()
        status = status.upper() if r < 0.15 else status.lower() if r < 0.25 else status
        status = c.garbage(status, ("On Hold", "Follow Up", "Callback"))
        number = q.number
        true_quote = q.number
        if s.corrupt_quote_rate and rng.random() < s.corrupt_quote_rate:
            number = 900_000_000 + q.number  # a quote no booked opportunity has
            true_quote = ""
        src_text, src_id = c.source(q.source)
        values = {
            "quote_number": c.quote(number),
            "branch_name": c.branch(q.branch),
            "status": status,
            "sales_person": c.sales(world.sales[q.sales - 1]),
            "time_to_contact": c.garbage(
                messy.duration_text(rng, q.minutes_to_contact), ("never", "n/a", "same day")
            ),
            "referral_source": src_text,
            "date_received": messy.us_datetime(q.received),
        }
        if contacts:
            values.update(customer_name=c.name(p), email=c.email(p), phone=c.phone(p))
        values.update(move_date=c.move_date(q.move_date), service_type=q.service)
        stale = None
        if q.outcome in ("booked", "lost", "cancelled") and rng.random() < 0.6:
            stale = dict(values, status=rng.choice(("Pending", "Sent", "PENDING")))
        yield ExportRow(
            q.received.date(),
            values,
            _truth(q.person, true_quote, q.sales, q.branch, src_id, key=q.number),
            stale,
        )


def booked_opportunities(world: World) -> Iterator[ExportRow]:
    c = _Ctx(world, "booked_opportunities")
    rng = c.rng
    for q, p in _quotes(world, "booked"):
        closed = [j for j in q.jobs if j.status == "CLOSED"]
        cancelled = all(j.status == "CANCELLED" for j in q.jobs)
        status = "Cancelled" if cancelled else "Completed" if closed else "Booked"
        status = status.upper() if rng.random() < 0.2 else status
        first = q.jobs[0]
        invoiced = sum(j.actual or 0 for j in closed)
        src_text, src_id = c.source(q.source)
        values = {
            "quote_number": c.quote(q.number),
            "status": status,
            "booked_date": messy.any_date(rng, q.booked_date),
            "customer_name": c.name(p),
            "email": c.email(p),
            "phone_number": c.phone(p),
            "branch_name": c.branch(q.branch),
            "sales_person": c.sales(world.sales[q.sales - 1]),
            "moving_from": f"{p.city}, {p.state}",
            "moving_to": f"{rng.choice((p.city, 'Toronto', 'Ottawa', 'Montreal'))}",
            "service_date": messy.any_date(rng, q.move_date),
            "service_type": q.service,
            "hourly_rate": messy.money(rng, first.rate_quoted),
            "estimated_amount": messy.money(rng, sum(j.estimated for j in q.jobs)),
            "invoiced_amount": messy.money(rng, invoiced) if closed else "",
            "referral_source": src_text,
            "deposit_paid": rng.choice(("Yes", "No", "")),
        }
        stale = None
        if status.lower() != "booked" and rng.random() < 0.6:
            stale = dict(values, status="Booked", invoiced_amount="")
        yield ExportRow(
            q.booked_date, values, _truth(q.person, q.number, q.sales, q.branch, src_id, key=q.number), stale
        )


def lost_leads(world: World) -> Iterator[ExportRow]:
    c = _Ctx(world, "lost_leads")
    rng = c.rng
    for q, p in _quotes(world, "lost"):
        src_text, src_id = c.source(q.source)
        values = {
            "quote_number": c.quote(q.number),
            "name": c.name(p),
            "lost_date": messy.any_date(rng, q.lost_date),
            "move_date": c.move_date(q.move_date),
            "reason": c.multiline(q.reason),
            "date_received": messy.us_datetime(q.received),
            "time_to_first_contact": messy.duration_text(rng, q.minutes_to_contact),
            "referral_source": src_text,
            "sales_person": c.sales(world.sales[q.sales - 1]),
            "branch_name": c.branch(q.branch),
            "email": c.email(p),
            "phone": c.phone(p),
        }
        yield ExportRow(
            q.lost_date, values, _truth(q.person, q.number, q.sales, q.branch, src_id, key=q.number)
        )


def bad_leads(world: World) -> Iterator[ExportRow]:
    c = _Ctx(world, "bad_leads")
    rng = c.rng
    for b in world.bad_leads:
        p = world.persons[b.person - 1]
        src = world.sources[b.provider - 1]
        provider = src.variants[0] if rng.random() < 0.7 else rng.choice(src.variants)
        lead_quote = world.quotes[b.quote].number if b.quote is not None else ""
        values = {
            "customer_name": c.name(p),
            "date_lead_received": messy.us_datetime(b.received),
            "customer_email": c.email(p),
            "customer_phone": c.phone(p),
            "provider": provider,
            "move_date": c.move_date(b.move_date),
            "lead_bad_reason": c.multiline(b.reason),
            "branch_name": c.branch(b.branch),
        }
        yield ExportRow(
            b.received.date(),
            values,
            _truth(b.person, "", "", b.branch, b.provider, lead_quote=lead_quote, key=b.id),
        )


def jobs(world: World) -> Iterator[ExportRow]:
    c = _Ctx(world, "jobs")
    rng = c.rng
    rows = []
    for q, p in _quotes(world):
        for j in q.jobs:
            rows.append((j.date, q, p, j))
    rows.sort(key=lambda r: (r[0], r[3].id))
    for _, q, p, j in rows:
        src_text, src_id = c.source(q.source)
        status = j.status if rng.random() < 0.7 else j.status.title()
        dest_city = rng.choice((p.city, p.city, "Toronto", "Ottawa", "Montreal", "Calgary"))
        dest_street = f"{rng.randint(1, 999)} {rng.choice(('Main', 'King', 'Queen', 'Elm'))} St"
        street = c.street(p.street)
        values = {
            "job_id": str(j.id),
            "opportunity_status": status,
            "job_date": messy.any_date(rng, j.date, usual="iso"),
            "job_number": j.number,
            "quote_number": c.quote(q.number) if rng.random() < c.s.jobs_quote_rate else "",
            "sales_person_name": c.sales(world.sales[q.sales - 1]),
            "branch_name": c.branch(q.branch),
            "job_type": j.job_type,
            "customer_name": c.name(p),
            "customer_email": c.email(p),
            "customer_phone": c.phone(p),
            "referral_source": src_text,
            "affiliate_name": "",
            "created_at_utc": messy.iso_datetime(j.created_at),
            "booked_at_utc": messy.iso_datetime(j.booked_at) if j.booked_at else "",
            "hourly_rate_quoted": messy.money(rng, j.rate_quoted),
            "total_estimated_cost": c.garbage(
                messy.money(rng, j.estimated), ("call for quote", "TBD", "see notes")
            ),
            "hourly_rate_billed": messy.money(rng, j.rate_billed) if j.rate_billed else "",
            "total_actual_cost": messy.money(rng, j.actual) if j.actual is not None else "",
            "actual_number_crew": str(j.crew),
            "actual_number_trucks": str(j.trucks),
            "origin_address": f"{street}, {p.city}, {p.state} {p.zip}",
            "origin_street": street,
            "origin_city": p.city,
            "origin_state": p.state,
            "origin_zip": p.zip,
            "origin_type": rng.choice(("House", "Apartment", "Condo", "Townhouse")),
            "destination_address": f"{dest_street}, {dest_city}",
            "destination_street": dest_street,
            "destination_city": dest_city,
            "destination_state": p.state,
            "destination_zip": "",
            "destination_type": rng.choice(("House", "Condo", "")),
        }
        stale = None
        if j.status == "CLOSED" and rng.random() < 0.7:
            stale = dict(values, opportunity_status="BOOKED", hourly_rate_billed="", total_actual_cost="")
        yield ExportRow(
            j.date, values, _truth(q.person, q.number, q.sales, q.branch, src_id, j.id, key=j.id), stale
        )


def customers(world: World) -> Iterator[ExportRow]:
    c = _Ctx(world, "customers")
    rng = c.rng
    first_booking: dict[int, dt.date] = {}
    for q in world.quotes:
        if q.outcome == "booked" and q.person not in first_booking:
            first_booking[q.person] = q.booked_date
    crm_id = 10_000
    for person_id, since in sorted(first_booking.items(), key=lambda kv: (kv[1], kv[0])):
        p = world.persons[person_id - 1]
        copies = 2 if rng.random() < world.settings.crm_duplicate_rate else 1
        for _ in range(copies):
            crm_id += rng.choice((1, 1, 2, 5))
            name = c.name(p)
            values = {
                "crm_customer_id": f"C{crm_id}",
                "name": name,
                "first_name": messy.strip_accents(p.first) if rng.random() < 0.3 else p.first,
                "last_name": p.last,
                "email": c.email(p),
                "phone": c.phone(p),
                "address": c.street(p.street),
                "city": p.city,
                "state": p.state,
                "zip": p.zip,
                "created_at": messy.iso_datetime(dt.datetime.combine(since, dt.time(9, 0))),
            }
            yield ExportRow(since, values, _truth(person_id, key=f"C{crm_id}"))


def _staff_in_year(world: World, year: int, crm_only: bool) -> list[SalesPerson]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return [p for p in world.sales if (p.in_crm or not crm_only) and p.start <= end and p.end >= start]


def sales_performance(world: World) -> Iterator[ExportRow]:
    c = _Ctx(world, "sales_performance")
    rng = c.rng
    for year in world.years:
        counts: dict[int, dict[str, float]] = {}
        for q in world.quotes:
            if q.received.year == year:
                d = counts.setdefault(
                    q.sales,
                    {
                        "leads": 0,
                        "booked": 0,
                        "lost": 0,
                        "pending": 0,
                        "sent": 0,
                        "cancelled": 0,
                        "total": 0.0,
                    },
                )
                d["leads"] += 1
                d[q.outcome if q.outcome in d else "pending"] += 1
                if q.outcome == "booked":
                    d["total"] += sum(j.estimated for j in q.jobs)
        for sp in _staff_in_year(world, year, crm_only=True):
            d = counts.get(sp.id)
            if not d:
                continue
            leads = d["leads"]
            bad = round(leads * rng.uniform(0.3, 1.1))

            def pct(n: float, leads=leads) -> str:
                return messy.percent(rng, 100 * n / leads)

            values = {"name": c.sales(sp), "leads_received": str(leads), "bad": str(bad), "bad_pct": pct(bad)}
            for outcome in ("sent", "pending", "booked", "lost", "cancelled"):
                values[outcome] = str(d[outcome])
                values[f"{outcome}_pct"] = pct(d[outcome])
            values.update(
                booked_total=messy.money(rng, d["total"]),
                average_booking=messy.money(rng, d["total"] / d["booked"]) if d["booked"] else "",
                period_start=f"{year}-01-01",
                period_end=f"{year}-12-31",
            )
            yield ExportRow(dt.date(year, 12, 31), values, _truth(sales=sp.id, key=f"{sp.id}:{year}"))


def user_performance(world: World) -> Iterator[ExportRow]:
    c = _Ctx(world, "user_performance")
    rng = c.rng
    last_year = world.settings.end_year
    for sp in _staff_in_year(world, last_year, crm_only=False):
        calls = rng.randint(300, 9000)
        inbound = int(calls * rng.uniform(0.3, 0.7))
        values = {
            "name": c.sales(sp),
            "user_status": rng.choice(("Enabled", "Enabled", "Disabled")),
            "total_calls": str(calls),
            "avg_calls_per_day": f"{calls / 250:.1f}",
            "inbound": str(inbound),
            "outbound": str(calls - inbound),
            "missed_pct": messy.percent(rng, rng.uniform(2, 30)),
            "avg_handle_time": messy.hms(rng.randint(60, 900)),
        }
        truth_id = sp.id if sp.in_crm else ""
        yield ExportRow(dt.date(last_year, 12, 31), values, _truth(sales=truth_id, key=f"{sp.id}"))


BUILDERS = {
    "jobs": jobs,
    "booked_opportunities": booked_opportunities,
    "lead_status": lead_status,
    "lost_leads": lost_leads,
    "bad_leads": bad_leads,
    "sales_performance": sales_performance,
    "user_performance": user_performance,
    "customers": customers,
}
