"""Do two warehouses hold the same marts? Row for row and id for id, across engines.

The same exports built on DuckDB, PostgreSQL and Spark must give the same marts. Each engine
hands values back in its own types (Spark's strings for JSON, PostgreSQL's parsed jsonb,
decimals with or without trailing zeros, timestamps with or without a zone), so every value
is first brought to one form; the rows of each mart are then compared as multisets (an
`except all` both ways). Doubles, computed in a different order on each engine, are compared
to 10 significant digits.

integrity_check_history is left out: its rows are runs, and a run's id and time are its own.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from collections import Counter
from dataclasses import dataclass

from leadhub.config import Target
from leadhub.database import mart_schema, session
from leadhub.share import documented_marts

# Marts whose rows are not the build's data but its runs.
PER_RUN_MARTS = frozenset({"integrity_check_history"})
SIGNIFICANT_DIGITS = 10


@dataclass(frozen=True)
class MartComparison:
    mart: str
    rows: tuple[int, int]
    only_in_first: list[tuple]  # rows (canonical form) the first warehouse has more often
    only_in_second: list[tuple]

    @property
    def equal(self) -> bool:
        return not self.only_in_first and not self.only_in_second


def _rounded(value: float | decimal.Decimal) -> float:
    return float(f"{float(value):.{SIGNIFICANT_DIGITS}g}")


def _json_value(value: object) -> object:
    if isinstance(value, float):
        return _rounded(value)
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def canonical(value: object) -> object:
    """One engine-independent form of a value read from any of the engines."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float | decimal.Decimal):
        return _rounded(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):  # PostgreSQL's jsonb, parsed
        return json.dumps(_json_value(value), sort_keys=True, separators=(",", ":"))
    text = str(value)
    if text[:1] in "[{" and text[-1:] in "]}":  # JSON text (DuckDB's json, Spark's string)
        try:
            parsed = json.loads(text, parse_float=float)
        except ValueError:
            return text
        return json.dumps(_json_value(parsed), sort_keys=True, separators=(",", ":"))
    return text


def _mart_rows(run, schema: str, mart: str, columns: list[str]) -> Counter:
    result = run(f"select {', '.join(columns)} from {schema}.{mart}")
    return Counter(tuple(canonical(v) for v in row) for row in result.rows)


def compare_marts(first: Target, second: Target, marts: list[str] | None = None) -> list[MartComparison]:
    """Every documented mart (but the per-run ones) of two targets' published marts."""
    documented = documented_marts()
    names = marts or sorted(name for name in documented if name not in PER_RUN_MARTS)
    rows: dict[str, list[Counter]] = {name: [] for name in names}
    for target in (first, second):
        with session(target) as run:
            for name in names:
                rows[name].append(_mart_rows(run, mart_schema(target), name, documented[name].columns))
    out = []
    for name in names:
        a, b = rows[name]
        out.append(
            MartComparison(
                name,
                (sum(a.values()), sum(b.values())),
                sorted((a - b).elements(), key=repr),
                sorted((b - a).elements(), key=repr),
            )
        )
    return out
