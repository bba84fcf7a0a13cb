"""Generator settings: every rate of messiness is a named, documented, overridable field."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any


def _setting(default: Any, doc: str) -> Any:
    """A setting: its default and what it means (`leadhub generate --list-settings` prints both)."""
    return field(default=default, metadata={"doc": doc})


def _per_module(doc: str, **rates: float) -> Any:
    """A rate per module."""
    return field(default_factory=lambda: dict(rates), metadata={"doc": doc})


@dataclass(frozen=True)
class GeneratorSettings:
    scale: float = _setting(0.01, "1.0 = the contract's real-size row counts")
    seed: int = _setting(42, "random seed; same seed and settings, same bytes")
    start_year: int = _setting(2021, "first year of lead history")
    end_year: int = _setting(2024, "last year of lead history")
    workers: int = _setting(2, "processes writing module files in parallel")
    # Overlapping exports
    overlap_rate: float = _setting(
        0.08, "share of rows repeated in the next (overlapping) export of their module"
    )
    # Lead outcomes (shares of quotes)
    booked_rate: float = _setting(0.204, "share of quotes that book")
    lost_rate: float = _setting(0.467, "share of quotes that are lost")
    repeat_person_rate: float = _setting(
        0.12, "share of quotes made by a person who already asked for a quote"
    )
    bad_lead_known_rate: float = _setting(
        0.8, "share of bad leads whose person also has a quote in lead_status"
    )
    household_rate: float = _setting(0.01, "share of persons sharing phone and address with another person")
    crm_duplicate_rate: float = _setting(0.02, "share of customers listed twice in the customers export")
    include_customers: bool = _setting(True, "write the optional customers export")
    lead_status_contacts: bool = _setting(True, "lead_status exports carry Customer Name / Email / Phone")
    jobs_quote_rate: float = _setting(0.95, "share of job rows that carry their quote number (Quote #)")
    jobs_contacts: bool = _setting(
        True, "jobs exports carry Customer Name / Email / Phone (false: a degraded export)"
    )
    jobs_addresses: bool = _setting(
        True, "jobs exports carry the Origin address columns (false: a degraded export)"
    )
    # Value messiness
    email_missing: dict[str, float] = _per_module(
        "share of rows without an email, per module",
        bad_leads=0.31, lead_status=0.08, lost_leads=0.10, booked_opportunities=0.03, jobs=0.04, customers=0.05,
    )  # fmt: skip
    phone_missing: dict[str, float] = _per_module(
        "share of rows without a phone, per module",
        bad_leads=0.12, lead_status=0.04, lost_leads=0.05, booked_opportunities=0.02, jobs=0.03, customers=0.04,
    )  # fmt: skip
    move_date_missing: dict[str, float] = _per_module(
        "share of rows with a blank or TBD move date, per module",
        bad_leads=0.22, lead_status=0.06, lost_leads=0.08,
    )  # fmt: skip
    placeholder_email_rate: float = _setting(0.03, "emails written as none@none.com etc.")
    hub_contact_rate: float = _setting(
        0.005, "rows carrying an email/phone shared by many people (agents, offices)"
    )
    alternate_contact_rate: float = _setting(0.05, "persons with a second email and phone used on some rows")
    name_reorder_rate: float = _setting(0.10, "names written 'LAST, First'")
    name_case_rate: float = _setting(0.08, "names in upper or lower case")
    name_typo_rate: float = _setting(0.015, "names with a one-letter typo")
    name_nickname_rate: float = _setting(0.03, "first names replaced by a nickname")
    name_initial_rate: float = _setting(0.02, "first names reduced to an initial")
    # Habits of exports from elsewhere (off by default; the sample does not have them)
    name_reversed_rate: float = _setting(0.0, "names written 'Surname Firstname' without a comma")
    first_name_typo_rate: float = _setting(
        0.0, "first names with a one-letter typo (email or phone still match)"
    )
    address_typo_rate: float = _setting(0.0, "street addresses (jobs, customers) with a one-letter typo")
    unknown_provider_rate: float = _setting(
        0.0, "bad leads from a lead-gen network no rule names (its category is partner)"
    )
    sales_full_name_only_rate: float = _setting(
        0.0,
        "CRM sales persons written in full only in the sales-performance report ('Fatima' or "
        "'Fatima N' everywhere else)",
    )
    branch_punctuation_rate: float = _setting(
        0.0,
        "branches written with other punctuation or spacing ('A / B', 'A/B', 'ST CATHARINES', 'NORTH-YORK')",
    )
    accent_strip_rate: float = _setting(0.4, "accented names written without accents")
    extra_space_rate: float = _setting(0.05, "values with doubled or trailing spaces")
    quote_format_rate: float = _setting(
        0.12, "quote numbers written with spaces, a leading # or leading zeros"
    )
    sales_variant_rate: float = _setting(
        0.15, "rows whose sales person is written in a form other than the module's usual"
    )
    sales_symbol_rate: float = _setting(0.01, "sales person names with a stray symbol")
    branch_variant_rate: float = _setting(0.12, "rows whose branch is written with case/emoji/space variants")
    referral_missing_rate: float = _setting(0.06, "rows with a blank referral source")
    phone_only_users: int = _setting(12, "phone-system users the CRM does not know")
    sales_persons: int = _setting(50, "sales persons in the CRM")
    garbage_value_rate: float = _setting(
        0.002, "values replaced by text that is not what the column holds (N/A, ASAP, call us)"
    )
    # File shapes
    cp1252_file_rate: float = _setting(0.08, "CSV files written in Windows-1252")
    bom_file_rate: float = _setting(0.25, "CSV files written as UTF-8 with BOM")
    crlf_file_rate: float = _setting(0.6, "CSV files with CRLF line ends")
    multiline_rate: float = _setting(0.01, "free-text values holding a line break")
    malformed_rate: float = _setting(0.001, "CSV rows deliberately broken (field count, undecodable bytes)")
    # Degradations (integrity scenarios)
    corrupt_quote_rate: float = _setting(
        0.0, "lead_status rows whose quote number is replaced by an unknown one"
    )

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        defaults = cls()
        return [
            (f.name, getattr(defaults, f.name), f.metadata.get("doc", "")) for f in dataclasses.fields(cls)
        ]

    @classmethod
    def from_overrides(
        cls, scale: float, seed: int, overrides: tuple[str, ...] | list[str] = ()
    ) -> GeneratorSettings:
        fields_by_name = {f.name: f for f in dataclasses.fields(cls)}
        base = cls()
        values: dict[str, Any] = {"scale": scale, "seed": seed}
        for item in overrides:
            key, sep, raw = item.partition("=")
            key = key.strip()
            if not sep or key not in fields_by_name:
                raise ValueError(f"unknown generator setting {key!r} (see --list-settings)")
            current = getattr(base, key)
            try:
                if isinstance(current, bool):
                    value: Any = raw.strip().lower() in {"1", "true", "yes", "on"}
                elif isinstance(current, dict):
                    value = {**current, **json.loads(raw)}
                else:
                    value = type(current)(raw)
            except (ValueError, json.JSONDecodeError) as exc:
                raise ValueError(f"bad value for {key}: {raw!r} ({exc})") from None
            values[key] = value
        if scale <= 0:
            raise ValueError("scale must be positive")
        return dataclasses.replace(base, **values)

    def as_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=2, sort_keys=True)


# The habits of exports from other systems at the rates the quality test and the bench use
# (`make bench` generates with them unless --no-habits).
OTHER_SYSTEMS_HABITS: dict[str, float] = {
    "name_reversed_rate": 0.05,  # "Marshbrook Rania" for Rania Marshbrook, no comma
    "first_name_typo_rate": 0.02,  # "Jasin" while the email matches
    "address_typo_rate": 0.05,
    "branch_punctuation_rate": 0.05,  # "Oakville/Burlington", "Portland,ME"
    "unknown_provider_rate": 0.1,  # lead-gen networks no rule names
    "sales_full_name_only_rate": 0.2,  # "Fatima N" in the CRM, "Fatima Nasser" in the report
}
