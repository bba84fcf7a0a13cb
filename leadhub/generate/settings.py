"""Generator settings: every rate of messiness is a named, documented, overridable field."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any


def _rates(**kw: float) -> dict[str, float]:
    return dict(kw)


@dataclass(frozen=True)
class GeneratorSettings:
    scale: float = field(default=0.01, metadata={"doc": "1.0 = the contract's real-size row counts"})
    seed: int = field(default=42, metadata={"doc": "random seed; same seed and settings, same bytes"})
    start_year: int = field(default=2021, metadata={"doc": "first year of lead history"})
    end_year: int = field(default=2024, metadata={"doc": "last year of lead history"})
    workers: int = field(default=2, metadata={"doc": "processes writing module files in parallel"})
    # Overlapping exports
    overlap_rate: float = field(
        default=0.08,
        metadata={"doc": "share of rows repeated in the next (overlapping) export of their module"},
    )
    # Lead outcomes (shares of quotes)
    booked_rate: float = field(default=0.204, metadata={"doc": "share of quotes that book"})
    lost_rate: float = field(default=0.467, metadata={"doc": "share of quotes that are lost"})
    repeat_person_rate: float = field(
        default=0.12, metadata={"doc": "share of quotes made by a person who already asked for a quote"}
    )
    bad_lead_known_rate: float = field(
        default=0.8, metadata={"doc": "share of bad leads whose person also has a quote in lead_status"}
    )
    household_rate: float = field(
        default=0.01, metadata={"doc": "share of persons sharing phone and address with another person"}
    )
    crm_duplicate_rate: float = field(
        default=0.02, metadata={"doc": "share of customers listed twice in the customers export"}
    )
    include_customers: bool = field(default=True, metadata={"doc": "write the optional customers export"})
    lead_status_contacts: bool = field(
        default=True, metadata={"doc": "lead_status exports carry Customer Name / Email / Phone"}
    )
    jobs_quote_rate: float = field(
        default=0.95, metadata={"doc": "share of job rows that carry their quote number (Quote #)"}
    )
    jobs_contacts: bool = field(
        default=True,
        metadata={"doc": "jobs exports carry Customer Name / Email / Phone (false: a degraded export)"},
    )
    # Value messiness
    email_missing: dict[str, float] = field(
        default_factory=lambda: _rates(
            bad_leads=0.31,
            lead_status=0.08,
            lost_leads=0.10,
            booked_opportunities=0.03,
            jobs=0.04,
            customers=0.05,
        ),
        metadata={"doc": "share of rows without an email, per module"},
    )
    phone_missing: dict[str, float] = field(
        default_factory=lambda: _rates(
            bad_leads=0.12,
            lead_status=0.04,
            lost_leads=0.05,
            booked_opportunities=0.02,
            jobs=0.03,
            customers=0.04,
        ),
        metadata={"doc": "share of rows without a phone, per module"},
    )
    move_date_missing: dict[str, float] = field(
        default_factory=lambda: _rates(bad_leads=0.22, lead_status=0.06, lost_leads=0.08),
        metadata={"doc": "share of rows with a blank or TBD move date, per module"},
    )
    placeholder_email_rate: float = field(
        default=0.03, metadata={"doc": "emails written as none@none.com etc."}
    )
    hub_contact_rate: float = field(
        default=0.005,
        metadata={"doc": "rows carrying an email/phone shared by many people (agents, offices)"},
    )
    alternate_contact_rate: float = field(
        default=0.05, metadata={"doc": "persons with a second email and phone used on some rows"}
    )
    name_reorder_rate: float = field(default=0.10, metadata={"doc": "names written 'LAST, First'"})
    name_case_rate: float = field(default=0.08, metadata={"doc": "names in upper or lower case"})
    name_typo_rate: float = field(default=0.015, metadata={"doc": "names with a one-letter typo"})
    name_nickname_rate: float = field(default=0.03, metadata={"doc": "first names replaced by a nickname"})
    name_initial_rate: float = field(default=0.02, metadata={"doc": "first names reduced to an initial"})
    accent_strip_rate: float = field(default=0.4, metadata={"doc": "accented names written without accents"})
    extra_space_rate: float = field(default=0.05, metadata={"doc": "values with doubled or trailing spaces"})
    quote_format_rate: float = field(
        default=0.12, metadata={"doc": "quote numbers written with spaces, a leading # or leading zeros"}
    )
    sales_variant_rate: float = field(
        default=0.15,
        metadata={"doc": "rows whose sales person is written in a form other than the module's usual"},
    )
    sales_symbol_rate: float = field(default=0.01, metadata={"doc": "sales person names with a stray symbol"})
    branch_variant_rate: float = field(
        default=0.12, metadata={"doc": "rows whose branch is written with case/emoji/space variants"}
    )
    referral_missing_rate: float = field(default=0.06, metadata={"doc": "rows with a blank referral source"})
    phone_only_users: int = field(default=12, metadata={"doc": "phone-system users the CRM does not know"})
    sales_persons: int = field(default=50, metadata={"doc": "sales persons in the CRM"})
    garbage_value_rate: float = field(
        default=0.002,
        metadata={"doc": "values replaced by text that is not what the column holds (N/A, ASAP, call us)"},
    )
    # File shapes
    cp1252_file_rate: float = field(default=0.08, metadata={"doc": "CSV files written in Windows-1252"})
    bom_file_rate: float = field(default=0.25, metadata={"doc": "CSV files written as UTF-8 with BOM"})
    crlf_file_rate: float = field(default=0.6, metadata={"doc": "CSV files with CRLF line ends"})
    multiline_rate: float = field(default=0.01, metadata={"doc": "free-text values holding a line break"})
    malformed_rate: float = field(
        default=0.001, metadata={"doc": "CSV rows deliberately broken (field count, undecodable bytes)"}
    )
    # Degradations (integrity scenarios)
    corrupt_quote_rate: float = field(
        default=0.0, metadata={"doc": "lead_status rows whose quote number is replaced by an unknown one"}
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
