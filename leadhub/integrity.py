"""Read the integrity checks dbt computed (integrity_checks, integrity_check_history) and find
what deserves an alert. dbt does the counting; this module only reads and compares."""

from __future__ import annotations

import decimal
from dataclasses import asdict, dataclass

from leadhub.config import DEFAULT_COMPANY, Target
from leadhub.database import fetch, relation

COLUMNS = (
    "check_name, check_type, model_name, column_name, denominator_description, "
    "numerator, denominator, rate, error_threshold, warn_threshold, status"
)
STATUS_RANK = {"pass": 0, "warn": 1, "error": 2}


def company_sql(alias: str = "") -> str:
    """A checks row's company: runs recorded before tenants existed hold null, the default's."""
    return f"coalesce({alias}company, '{DEFAULT_COMPANY}')"


@dataclass(frozen=True)
class Check:
    check_name: str
    check_type: str
    model_name: str
    column_name: str
    denominator_description: str
    numerator: int
    denominator: int
    rate: float | None
    error_threshold: float | None
    warn_threshold: float | None
    status: str
    company: str = DEFAULT_COMPANY

    @classmethod
    def from_row(cls, row: tuple) -> Check:
        def num(v: object) -> float | None:
            return float(v) if isinstance(v, int | float | decimal.Decimal) else None

        name, kind, model, column, described, numerator, denominator, rate, error, warn, status, company = row
        return cls(
            name, kind, model, column, described, int(numerator or 0), int(denominator or 0),
            num(rate), num(error), num(warn), status, company,
        )  # fmt: skip

    @property
    def label(self) -> str:
        """The check as people read it: its name, after its company's for a company other than
        the default (every check is per company)."""
        return self.check_name if self.company == DEFAULT_COMPANY else f"{self.company}: {self.check_name}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def sentence(self) -> str:
        """The check, its rate, thresholds, numerator and denominator in one line."""
        if self.check_type == "orphan_count":
            return (
                f"{self.label} [{self.status}]: {self.numerator:,} orphaned of {self.denominator:,} "
                f"{self.denominator_description} in {self.model_name}; warn above {self.warn_threshold:g}"
            )
        rate = f"{self.rate:.2%}" if self.rate is not None else "n/a"
        return (
            f"{self.label} [{self.status}]: {rate} of {self.model_name}.{self.column_name} linked "
            f"({self.numerator:,} / {self.denominator:,} {self.denominator_description}); "
            f"error below {self.error_threshold or 0:.2%}, warn below {self.warn_threshold or 0:.2%}"
        )


def current_checks(target: Target, company: str | None = None) -> list[Check]:
    """The checks of the last build, published or not: the newest run of
    integrity_check_history (every build appends to it, also one whose marts a failed test kept
    from being published). Every company's, or one company's."""
    runs = last_runs(target, 1)
    checks = [c for c in (runs[0].checks.values() if runs else []) if company is None or c.company == company]
    return sorted(checks, key=lambda c: (c.check_type, c.check_name, c.company != DEFAULT_COMPANY, c.company))


@dataclass(frozen=True)
class Run:
    run_id: str
    run_at: object
    checks: dict[str, Check]


def last_runs(target: Target, count: int = 2) -> list[Run]:
    """The newest `count` runs of integrity_check_history, newest first."""
    history = relation(target, "integrity_check_history")
    rows = fetch(
        target,
        f"with runs as (select run_id, max(run_at) as run_at from {history} "
        f"group by run_id order by run_at desc, run_id desc limit {int(count)}) "
        f"select runs.run_id, runs.run_at, {', '.join('history.' + c for c in COLUMNS.split(', '))}, "
        f"{company_sql('history.')} "
        f"from runs join {history} as history on history.run_id = runs.run_id "
        "order by runs.run_at desc, runs.run_id desc, history.check_name",
    )
    runs: dict[str, Run] = {}
    for run_id, run_at, *check in rows:
        run = runs.setdefault(str(run_id), Run(str(run_id), run_at, {}))
        found = Check.from_row(tuple(check))
        run.checks[found.label] = found
    return list(runs.values())


@dataclass(frozen=True)
class Finding:
    check: Check
    reason: str  # "failing" (warn/error now) or "regressed" (worse than the previous run)
    previous: Check | None

    def sentence(self) -> str:
        text = self.check.sentence()
        if self.previous is not None and self.reason == "regressed":
            before = f"{self.previous.rate:.2%}" if self.previous.rate is not None else "n/a"
            text += f" (regressed from {before}, {self.previous.status}, in the previous run)"
        return text


def findings(runs: list[Run], tolerance: float = 0.0) -> list[Finding]:
    """Checks of the newest run that fail (warn or error), or regressed from the run before:
    a worse status, or a linkage rate lower by more than `tolerance`."""
    if not runs:
        return []
    latest, previous = runs[0], (runs[1] if len(runs) > 1 else None)
    out = []
    for name, check in sorted(latest.checks.items()):
        before = previous.checks.get(name) if previous else None
        if check.status != "pass":
            out.append(Finding(check, "failing", before))
        elif before is not None and (
            STATUS_RANK[check.status] > STATUS_RANK[before.status]
            or (
                check.check_type == "linkage_rate"
                and check.rate is not None
                and before.rate is not None
                and check.rate < before.rate - tolerance
            )
        ):
            out.append(Finding(check, "regressed", before))
    return out


def table(checks: list[Check]) -> list[str]:
    width = max([36, *(len(c.label) for c in checks)])
    lines = [
        f"{'check':<{width}} {'status':<6} {'rate':>8} {'numerator':>10} {'denominator':>12} {'error <':>8} {'warn':>8}"
    ]
    for c in checks:
        rate = f"{c.rate:.2%}" if c.rate is not None else "-"
        error = f"{c.error_threshold:.0%}" if c.error_threshold is not None else "-"
        warn = (
            f"{c.warn_threshold:.0%}"
            if c.check_type == "linkage_rate" and c.warn_threshold is not None
            else f"> {c.warn_threshold:g}"
        )
        lines.append(
            f"{c.label:<{width}} {c.status:<6} {rate:>8} {c.numerator:>10,} {c.denominator:>12,} {error:>8} {warn:>8}"
        )
    return lines
