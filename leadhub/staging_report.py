"""How much of each kind of value staging normalized: present raw values vs typed values.

dbt counts them (stg_crm__value_normalization, from the same checks that fill
stg_crm__value_issues); this module only reads the counts per kind of value.
"""

from __future__ import annotations

from leadhub.config import Target
from leadhub.database import fetch, relation


def normalization_shares(target: Target) -> list[tuple[str, int, int]]:
    """(kind, present raw values, normalized values), over the history of every module."""
    rows = fetch(
        target,
        "select value_kind, sum(present_count), sum(normalized_count) "
        f"from {relation(target, 'stg_crm__value_normalization')} group by value_kind order by value_kind",
    )
    return [(str(r[0]), int(r[1] or 0), int(r[2] or 0)) for r in rows]
