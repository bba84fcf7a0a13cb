"""The true world behind the exports: people, sales persons, branches, sources, quotes, jobs.

Built once per run from the seed; every export row is a (messy) view of these entities,
and the ground truth is written from them.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from leadhub.contract import REAL_ROW_COUNTS
from leadhub.generate import vocab
from leadhub.generate.messy import strip_accents
from leadhub.generate.settings import GeneratorSettings


@dataclass(slots=True)
class Branch:
    id: int
    name: str
    normalized: str
    state: str
    area_codes: tuple[str, ...]
    status: str
    is_test: bool


@dataclass(slots=True)
class LeadSource:
    id: int
    name: str
    category: str
    variants: tuple[str, ...]


@dataclass(slots=True)
class SalesPerson:
    id: int
    first: str
    last: str
    nickname: str | None
    tag: str | None
    in_crm: bool
    start: dt.date
    end: dt.date
    branches: list[int] = field(default_factory=list)
    forms: dict[str, str] = field(default_factory=dict)  # module -> usual display form name
    names: dict[str, str] = field(default_factory=dict)  # form name -> text
    # written in full only in the sales-performance report (and the phone system); the CRM's
    # other modules know the person by first name or first name + initial
    short_in_crm: bool = False

    @property
    def canonical(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(slots=True)
class Person:
    id: int
    first: str
    last: str
    email: str
    phone: str
    alt_email: str | None
    alt_phone: str | None
    branch: int
    street: str
    city: str
    state: str
    zip: str


@dataclass(slots=True)
class Job:
    id: int
    number: str
    status: str
    date: dt.date
    job_type: str
    created_at: dt.datetime
    booked_at: dt.datetime | None
    rate_quoted: float
    estimated: float
    rate_billed: float | None
    actual: float | None
    crew: int
    trucks: int


@dataclass(slots=True)
class Quote:
    number: int
    person: int
    branch: int
    sales: int
    source: int
    received: dt.datetime
    move_date: dt.date
    service: str
    minutes_to_contact: float
    outcome: str  # booked / lost / pending / sent / cancelled / quoted
    booked_date: dt.date | None = None
    lost_date: dt.date | None = None
    reason: str = ""
    jobs: list[Job] = field(default_factory=list)


@dataclass(slots=True)
class BadLead:
    id: int
    person: int
    received: dt.datetime
    quote: int | None  # index into World.quotes of the lead_status row this bad lead belongs to
    provider: int  # lead source id
    reason: str
    branch: int
    move_date: dt.date


@dataclass
class World:
    settings: GeneratorSettings
    branches: list[Branch]
    sources: list[LeadSource]
    sales: list[SalesPerson]
    persons: list[Person]
    quotes: list[Quote]
    bad_leads: list[BadLead]
    end: dt.date

    @property
    def years(self) -> range:
        return range(self.settings.start_year, self.settings.end_year + 1)


def _weighted(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    return rng.choices(items, weights=weights, k=k)


def _display_names(people: list[SalesPerson]) -> None:
    """Decide each sales person's display forms and the usual form per module."""
    first_counts: dict[str, int] = {}
    nick_counts: dict[str, int] = {}
    for p in people:
        if p.in_crm:
            first_counts[p.first] = first_counts.get(p.first, 0) + 1
            if p.nickname:
                nick_counts[p.nickname] = nick_counts.get(p.nickname, 0) + 1
    for p in people:
        names = {
            "full": f"{p.first} {p.last}",
            "first_initial": f"{p.first} {p.last[0]}",
            "last_first": f"{p.last}, {p.first}",
        }
        if first_counts.get(p.first) == 1 and nick_counts.get(p.first, 0) == 0:
            names["first_only"] = p.first
        if p.nickname:
            names["nick_full"] = f"{p.nickname} {p.last}"
            names["nick_initial"] = f"{p.nickname} {p.last[0]}"
            if nick_counts.get(p.nickname) == 1 and first_counts.get(p.nickname, 0) == 0:
                names["nick_only"] = p.nickname
        if p.tag:
            short = names.get("first_only", names["first_initial"])
            names["tagged"] = f"{short} ({p.tag})"
        p.names = names


def _choose_forms(rng: random.Random, p: SalesPerson) -> None:
    n = p.names

    def pick(*prefs: str) -> str:
        options = [f for f in prefs if f in n]
        return rng.choice(options) if options else "full"

    p.forms = {
        "jobs": pick("first_initial", "first_only", "nick_initial", "tagged"),
        "lead_status": pick("full", "full", "tagged", "nick_full"),
        "booked_opportunities": pick("full", "full", "first_initial"),
        "lost_leads": pick("first_only", "first_initial", "tagged", "nick_only"),
        "sales_performance": pick("full", "full", "tagged"),
        "user_performance": pick("full", "last_first", "nick_full"),
    }


FULL_FORMS = ("full", "last_first", "nick_full")
REPORT_MODULES = ("sales_performance", "user_performance")


def _keep_full_name_to_the_report(p: SalesPerson) -> None:
    """The person's CRM rows say "Fatima" or "Fatima N"; only the reports say "Fatima Nasser"."""
    p.short_in_crm = True
    short = "first_only" if "first_only" in p.names else "first_initial"
    for module, form in p.forms.items():
        if module not in REPORT_MODULES and form in (*FULL_FORMS, "tagged"):
            p.forms[module] = short
    p.forms["sales_performance"] = "full"


def _email_address(rng: random.Random, first: str, last: str, taken: set[str]) -> str:
    f = re.sub(r"[^a-z]", "", strip_accents(first).lower())
    la = re.sub(r"[^a-z]", "", strip_accents(last).lower())
    domains = [d for d, _ in vocab.EMAIL_DOMAINS]
    weights = [w for _, w in vocab.EMAIL_DOMAINS]
    while True:
        style = rng.random()
        if style < 0.35:
            local = f"{f}.{la}"
        elif style < 0.55:
            local = f"{f}{la}"
        elif style < 0.7:
            local = f"{f[0]}{la}"
        elif style < 0.8:
            local = f"{f}_{la}"
        else:
            local = f"{la}.{f}"
        if rng.random() < 0.55:
            local += str(rng.randint(1, 99 if rng.random() < 0.6 else 2005))
        address = f"{local}@{rng.choices(domains, weights)[0]}"
        if address not in taken:
            taken.add(address)
            return address


def _phone(rng: random.Random, area_codes: tuple[str, ...], taken: set[str]) -> str:
    while True:
        number = f"{rng.choice(area_codes)}{rng.randint(200, 999)}{rng.randint(0, 9999):04d}"
        if number[3:6] != "555" and number not in taken:
            taken.add(number)
            return number


_MONTH_WEIGHTS = (5, 5, 7, 8, 10, 12, 12, 11, 9, 8, 6, 7)  # moving season peaks in summer


def _random_datetime(rng: random.Random, years: range) -> dt.datetime:
    year = rng.choice(years)
    month = rng.choices(range(1, 13), _MONTH_WEIGHTS)[0]
    day = rng.randint(1, 28 if month == 2 else 30)
    minutes = int(rng.triangular(7 * 60, 21 * 60, 12 * 60))
    return dt.datetime(year, month, day, minutes // 60, minutes % 60)


def build_world(s: GeneratorSettings) -> World:
    rng = random.Random(f"{s.seed}:world")
    years = range(s.start_year, s.end_year + 1)
    start, end = dt.date(s.start_year, 1, 1), dt.date(s.end_year, 12, 31)

    branches = [Branch(i + 1, b[0], b[1], b[2], b[3], b[4], b[5]) for i, b in enumerate(vocab.BRANCHES)]
    branch_weights = [b[6] for b in vocab.BRANCHES]
    sources = [
        LeadSource(i + 1, name, cat, variants)
        for i, (name, cat, variants, _) in enumerate(vocab.LEAD_SOURCES)
    ]
    source_weights = [w for *_, w in vocab.LEAD_SOURCES]
    source_by_name = {src.name: src for src in sources}
    # lead-gen networks no rule names: partners by definition, seen only in bad leads
    unknown_providers = (
        [
            LeadSource(len(vocab.LEAD_SOURCES) + i + 1, name, "partner", (name,))
            for i, name in enumerate(vocab.UNKNOWN_PROVIDERS)
        ]
        if s.unknown_provider_rate
        else []
    )

    # Sales persons: CRM staff plus phone-system-only users; (first, last initial) kept unique.
    sales: list[SalesPerson] = []
    seen_short: set[tuple[str, str]] = set()
    popular = [n for n in vocab.FIRST_NAMES[:60]] + list(vocab.NICKNAMES)
    total = s.sales_persons + s.phone_only_users
    while len(sales) < total:
        first = rng.choice(popular) if rng.random() < 0.7 else rng.choice(vocab.FIRST_NAMES)
        last = rng.choice(vocab.LAST_NAMES)
        if (first, last[0]) in seen_short:
            continue
        seen_short.add((first, last[0]))
        in_crm = len(sales) < s.sales_persons
        nickname = (
            rng.choice(vocab.NICKNAMES[first]) if first in vocab.NICKNAMES and rng.random() < 0.4 else None
        )
        tag = rng.choice(vocab.LANGUAGE_TAGS) if rng.random() < 0.08 else None
        p_start, p_end = start, end
        if rng.random() < 0.25:
            p_start = start + dt.timedelta(days=rng.randint(30, (end - start).days - 200))
        if rng.random() < 0.15:
            p_end = p_start + dt.timedelta(days=rng.randint(180, max(181, (end - p_start).days)))
            p_end = min(p_end, end)
        sales.append(SalesPerson(len(sales) + 1, first, last, nickname, tag, in_crm, p_start, p_end))
    crm_sales = [p for p in sales if p.in_crm]
    real_branches = [b for b in branches if not b.is_test]
    for i, p in enumerate(crm_sales):  # every branch gets staff, some people serve two branches
        p.branches.append(real_branches[i % len(real_branches)].id)
        if rng.random() < 0.25:
            p.branches.append(rng.choice(real_branches).id)
    for b in branches:
        if b.is_test:
            rng.choice(crm_sales).branches.append(b.id)
    _display_names(sales)
    for p in sales:
        _choose_forms(rng, p)
    if s.sales_full_name_only_rate:
        for p in crm_sales:
            if rng.random() < s.sales_full_name_only_rate:
                _keep_full_name_to_the_report(p)
    staff: dict[int, list[SalesPerson]] = {
        b.id: [p for p in crm_sales if b.id in p.branches] for b in branches
    }

    # Quotes and the people who asked for them.
    overlap = 1 + s.overlap_rate
    n_quotes = max(50, round(REAL_ROW_COUNTS["lead_status"] * s.scale / overlap))
    n_bad = max(30, round(REAL_ROW_COUNTS["bad_leads"] * s.scale / overlap))
    emails: set[str] = set()
    phones: set[str] = set()
    persons: list[Person] = []

    def new_person(branch: Branch) -> Person:
        first, last = rng.choice(vocab.FIRST_NAMES), rng.choice(vocab.LAST_NAMES)
        street = f"{rng.randint(1, 9999)} {rng.choice(vocab.STREET_NAMES)} {rng.choice(vocab.STREET_KINDS)}"
        phone = None
        if persons and rng.random() < s.household_rate:  # shares home phone and address
            mate = persons[rng.randrange(len(persons))]
            last, phone, street, branch = mate.last, mate.phone, mate.street, branches[mate.branch - 1]
        phone = phone or _phone(rng, branch.area_codes, phones)
        alt = rng.random() < s.alternate_contact_rate
        person = Person(
            id=len(persons) + 1,
            first=first,
            last=last,
            email=_email_address(rng, first, last, emails),
            phone=phone,
            alt_email=_email_address(rng, first, last, emails) if alt else None,
            alt_phone=_phone(rng, branch.area_codes, phones) if alt else None,
            branch=branch.id,
            street=street,
            city=strip_accents(branch.normalized.split("/")[0]).title(),
            state=branch.state,
            zip=f"{rng.choice('KLMNP')}{rng.randint(1, 9)}{rng.choice('ABCEGHJ')} {rng.randint(1, 9)}"
            f"{rng.choice('KLMNPRST')}{rng.randint(1, 9)}"
            if branch.state not in {"NY", "IL", "WA", "TX"}
            else f"{rng.randint(10000, 99999)}",
        )
        persons.append(person)
        return person

    quotes: list[Quote] = []
    received = sorted(_random_datetime(rng, years) for _ in range(n_quotes))
    other_outcomes = ["pending", "sent", "cancelled", "quoted"]
    number = 100_000
    job_id = 500_000
    for when in received:
        number += rng.choice((1, 1, 1, 2, 3))
        if persons and rng.random() < s.repeat_person_rate:
            person = persons[rng.randrange(len(persons))]
            branch = branches[person.branch - 1]
        else:
            branch = _weighted(rng, branches, branch_weights, 1)[0]
            person = new_person(branch)
        day = when.date()
        candidates = [p for p in staff[branch.id] if p.start <= day <= p.end] or staff[branch.id]
        seller = rng.choice(candidates)
        source = _weighted(rng, sources, source_weights, 1)[0]
        r = rng.random()
        if r < s.booked_rate:
            outcome = "booked"
        elif r < s.booked_rate + s.lost_rate:
            outcome = "lost"
        else:
            outcome = rng.choices(other_outcomes, (35, 35, 10, 20))[0]
        move = day + dt.timedelta(days=rng.randint(5, 90))
        q = Quote(
            number=number,
            person=person.id,
            branch=branch.id,
            sales=seller.id,
            source=source.id,
            received=when,
            move_date=move,
            service=rng.choices(vocab.SERVICE_TYPES, (60, 15, 12, 8, 5))[0],
            minutes_to_contact=rng.lognormvariate(3.2, 1.4),
            outcome=outcome,
        )
        if outcome == "booked":
            q.booked_date = min(day + dt.timedelta(days=rng.randint(0, 14)), move)
        elif outcome == "lost":
            q.lost_date = day + dt.timedelta(days=rng.randint(1, 40))
            q.reason = rng.choice(vocab.LOST_REASONS)
        # Jobs: booked quotes have 1-3, lost and open quotes sometimes one.
        if outcome == "booked":
            n_jobs = rng.choices((1, 2, 3), (60, 30, 10))[0]
        elif outcome == "lost":
            n_jobs = 1 if rng.random() < 0.55 else 0
        else:
            n_jobs = 1 if rng.random() < 0.3 else 0
        for k in range(n_jobs):
            job_id += rng.choice((1, 1, 2))
            date = move + dt.timedelta(days=(-1 if k == 1 else 30 * k) if k else 0)
            if outcome == "booked":
                status = "CANCELLED" if rng.random() < 0.08 else ("CLOSED" if date < end else "BOOKED")
            else:
                status = {"lost": "LOST", "cancelled": "CANCELLED"}.get(outcome, "QUOTED")
            rate = rng.choice((119.0, 129.0, 139.0, 149.0, 159.0, 169.0, 189.0))
            hours = rng.uniform(2.5, 9)
            estimated = round(rate * hours, 2)
            closed = status == "CLOSED"
            q.jobs.append(
                Job(
                    id=job_id,
                    number=f"{number}-{k + 1}",
                    status=status,
                    date=date,
                    job_type=vocab.JOB_TYPES[0] if k == 0 else rng.choice(vocab.JOB_TYPES[1:]),
                    created_at=when + dt.timedelta(hours=5),
                    booked_at=(
                        dt.datetime.combine(q.booked_date, dt.time(rng.randint(13, 23), rng.randint(0, 59)))
                        if q.booked_date
                        else None
                    ),
                    rate_quoted=rate,
                    estimated=estimated,
                    rate_billed=rate if closed else None,
                    actual=round(estimated * rng.uniform(0.8, 1.3), 2) if closed else None,
                    crew=rng.choice((2, 2, 3, 3, 4)),
                    trucks=rng.choice((1, 1, 1, 2)),
                )
            )
        quotes.append(q)

    # Bad leads: most come from people who also have a quote (a duplicate or junk inquiry
    # around the same time); the rest from people the CRM never quoted.
    provider_names = [name for name, _ in vocab.BAD_LEAD_PROVIDERS]
    provider_weights = [w for _, w in vocab.BAD_LEAD_PROVIDERS]
    bad_leads: list[BadLead] = []
    for i in range(n_bad):
        if rng.random() < s.bad_lead_known_rate:
            qi = rng.randrange(len(quotes))
            q = quotes[qi]
            when = q.received + dt.timedelta(minutes=rng.randint(-2880, 2880))
            person_id, branch_id, quote = q.person, q.branch, qi
        else:
            branch = _weighted(rng, branches, branch_weights, 1)[0]
            person_id, branch_id, quote = new_person(branch).id, branch.id, None
            when = _random_datetime(rng, years)
        provider = source_by_name[rng.choices(provider_names, provider_weights)[0]].id
        if unknown_providers and rng.random() < s.unknown_provider_rate:
            provider = rng.choice(unknown_providers).id
        bad_leads.append(
            BadLead(
                id=i + 1,
                person=person_id,
                received=when,
                quote=quote,
                provider=provider,
                reason=rng.choice(vocab.BAD_REASONS),
                branch=branch_id,
                move_date=when.date() + dt.timedelta(days=rng.randint(3, 80)),
            )
        )
    bad_leads.sort(key=lambda b: b.received)
    return World(s, branches, sources + unknown_providers, sales, persons, quotes, bad_leads, end)
