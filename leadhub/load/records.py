"""What reading an export yields: each record in raw (one by one or many at once as Arrow
columns), or in the quarantine with its reason."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass
class RawRow:
    row: int  # data record number, 1-based (the lineage `source_row`)
    line: int  # physical line (CSV) or sheet row (XLSX) where the record starts
    values: list[str | None]  # one per canonical column of the module, None when the file lacks it
    extra: dict[str, str] | None  # values under headers the contract does not know


@dataclass
class QuarantinedRow:
    row: int
    line: int
    reason: str
    raw_text: str
    column: str | None = None


@dataclass
class RawBlock:
    """Many records of one file at once: the module's canonical columns (None where the file
    lacks the column), ``_extra`` (JSON text of unknown headers' values, or null) and lineage."""

    columns: list[pa.Array | None]
    extra: pa.Array
    rows: pa.Array  # data record numbers, 1-based
    lines: pa.Array  # the physical line each record starts on

    def __len__(self) -> int:
        return len(self.rows)


Record = RawRow | RawBlock | QuarantinedRow
