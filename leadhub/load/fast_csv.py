"""The cheap path for a CSV export: Arrow's CSV reader (C++) instead of Python's, every record
still accounted for exactly as the exact path (``reader.read_csv``: Python's csv module,
strict, record by record) would.

Where each record starts is found without parsing: a line break ends a record when an even
number of quotes precede it (a doubled quote inside a quoted value counts twice). That holds
for strict CSV, so the cheap path is taken only when no quote is one strict CSV refuses
(``a"b``, ``"a" b``) and every quote is closed; otherwise it returns None and the exact path
reads the file. Arrow then parses the records, and the two must agree on their number.

From the record boundaries come each record's number and first line (the lineage), the blank
lines (skipped, counted), and the raw text of a record Arrow finds of the wrong width (the
quarantine, with the exact path's reason). A record over several lines gets the exact path's
check for an unbalanced quote that merged two records.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from leadhub.load.records import QuarantinedRow, RawBlock

_QUOTE, _LF, _CR = 34, 10, 13


@dataclass
class FastRead:
    block: RawBlock
    quarantined: list[QuarantinedRow]
    blank_lines: int
    dropped_rows: dict[int, int]  # record number of each dropped line


@dataclass
class _Records:
    """The data records of a text (after its header), by byte offsets into its UTF-8."""

    start: np.ndarray  # first byte
    stop: np.ndarray  # one past the last byte, terminator included
    first_line: np.ndarray
    last_line: np.ndarray
    blank_lines: int


_FIELD_EDGE = np.zeros(256, dtype=bool)
_FIELD_EDGE[[ord(","), _CR, _LF, _QUOTE]] = True


def _loose_quote(b: np.ndarray, quotes: np.ndarray) -> bool:
    """A quote strict CSV refuses. Quotes pair up: each even one opens a quoted value and must
    start a field (or follow a closing quote: a doubled quote), each odd one closes it and must
    end the field (or be followed by an opening quote): not `a"b`, `"a" b` nor `"a"b`."""
    opening, closing = quotes[0::2], quotes[1::2]
    opening = opening[opening > 0]
    closing = closing[closing < len(b) - 1]
    return bool(np.any(~_FIELD_EDGE[b[opening - 1]]) or np.any(~_FIELD_EDGE[b[closing + 1]]))


def _records(raw: bytes) -> _Records | None:
    """Record boundaries from quotes and line breaks; None if a quote is left open."""
    b = np.frombuffer(raw, dtype=np.uint8)
    n = len(b)
    lf = np.flatnonzero(b == _LF)
    cr = np.flatnonzero(b == _CR)
    lone_cr = cr[(cr + 1 >= n) | (b[np.minimum(cr + 1, n - 1)] != _LF)]
    ends = np.sort(np.concatenate([lf, lone_cr]))  # last byte of each line break
    starts = ends.copy()  # first byte of each line break (CRLF: its CR)
    crlf = (b[ends] == _LF) & (ends > 0) & (b[np.maximum(ends - 1, 0)] == _CR)
    starts[crlf] -= 1
    quotes = np.flatnonzero(b == _QUOTE)
    if len(quotes) % 2 or _loose_quote(b, quotes):
        return None
    outside = np.searchsorted(quotes, ends) % 2 == 0
    if len(ends) and not outside[-1] and (len(quotes) == 0 or quotes[-1] < ends[-1]):
        return None  # the text ends inside a quoted value
    breaks = np.flatnonzero(outside)  # indexes (0-based physical line - 1) of record-ending breaks
    if len(breaks) == 0:
        empty = np.array([], dtype=np.int64)
        return _Records(empty, empty, empty, empty, 0)
    # record i (after the header) runs from after break breaks[i] to break breaks[i + 1]
    start = ends[breaks] + 1
    stop = np.append(ends[breaks[1:]] + 1, n)
    content_stop = np.append(starts[breaks[1:]], n)
    first_line = breaks + 2
    last_line = np.append(breaks[1:] + 1, len(ends) + 1)
    if start[-1] >= n:  # the text ends with a line break: no record after it
        start, stop, content_stop = start[:-1], stop[:-1], content_stop[:-1]
        first_line, last_line = first_line[:-1], last_line[:-1]
    blank = content_stop == start
    return _Records(start[~blank], stop[~blank], first_line[~blank], last_line[~blank], int(blank.sum()))


def read_fast(
    text: str,
    width: int,
    positions: list[int | None],
    extras: list[tuple[int, str]],
    merged: Callable[[list[str]], str | None],
    dropped: list[int] | None = None,
) -> FastRead | None:
    """The file's records read by Arrow, or None when the exact path must read it.

    ``text``: the decoded file, its header on line 1 (already read); ``positions``: canonical
    column -> field position; ``extras``: (field position, label) of unknown headers;
    ``merged``: why a record over several lines may be two records, or None;
    ``dropped``: lines (one-line records) the caller read itself, left out of the block.
    """
    raw = text.encode("utf-8")
    records = _records(raw)
    if records is None:
        return None
    invalid: dict[int, int] = {}

    def wrong_width(row: pacsv.InvalidRow) -> str:
        if row.number is None:  # never with one thread
            raise _Unplaceable
        invalid[row.number] = row.actual_columns
        return "skip"

    names = [f"f{i}" for i in range(width)]
    try:
        table = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(use_threads=False, skip_rows=1, column_names=names),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=wrong_width),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, _Unplaceable):
        return None
    count = len(records.first_line)
    if table.num_rows + len(invalid) != count:
        return None
    numbers = np.arange(1, count + 1, dtype=np.int32)
    # Arrow numbers records, not lines: the header is 1, blank lines are not counted
    is_invalid = np.isin(numbers + 1, np.fromiter(invalid, dtype=np.int64, count=len(invalid)))
    if int(is_invalid.sum()) != len(invalid):  # Arrow placed a record elsewhere than we did
        return None
    quarantined = [
        QuarantinedRow(
            int(numbers[i]), int(records.first_line[i]),
            f"expected {width} fields, found {invalid[int(numbers[i]) + 1]}",
            raw[records.start[i] : records.stop[i]].decode("utf-8"),
        )
        for i in np.flatnonzero(is_invalid)
    ]  # fmt: skip
    valid = np.flatnonzero(~is_invalid)  # table row j is record valid[j]
    keep = np.ones(len(valid), dtype=bool)
    for j in np.flatnonzero(records.last_line[valid] > records.first_line[valid]):
        i = valid[j]
        reason = merged([str(v) for v in table.slice(int(j), 1).to_pylist()[0].values()])
        if reason is not None:
            keep[j] = False
            quarantined.append(
                QuarantinedRow(
                    int(numbers[i]), int(records.first_line[i]), reason,
                    raw[records.start[i] : records.stop[i]].decode("utf-8"),
                )
            )  # fmt: skip
    dropped_rows: dict[int, int] = {}
    if dropped:
        is_dropped = np.isin(records.first_line[valid], np.array(dropped, dtype=np.int64))
        dropped_rows = {int(records.first_line[i]): int(numbers[i]) for i in valid[is_dropped]}
        if len(dropped_rows) != len(dropped):  # a stand-in is not a record of its own
            return None
        keep &= ~is_dropped
    if not keep.all():
        table, valid = table.filter(pa.array(keep)), valid[keep]
    block = RawBlock(
        columns=[table.column(p).combine_chunks() if p is not None else None for p in positions],
        extra=_extra_json(table, extras),
        rows=pa.array(numbers[valid], pa.int32()),
        lines=pa.array(records.first_line[valid].astype(np.int32), pa.int32()),
    )
    return FastRead(block, quarantined, records.blank_lines, dropped_rows)


class _Unplaceable(Exception):
    """Arrow could not say on which line a malformed record is."""


def _extra_json(table: pa.Table, extras: list[tuple[int, str]]) -> pa.Array:
    """Per record, the non-empty values under unknown headers as JSON text (null if none),
    as the exact path writes them."""
    if not extras:
        return pa.nulls(table.num_rows, pa.string())
    values = [(label, table.column(p).to_pylist()) for p, label in extras]
    out: list[str | None] = []
    for i in range(table.num_rows):
        found = {label: column[i] for label, column in values if column[i] != ""}
        out.append(json.dumps(found, ensure_ascii=False) if found else None)
    return pa.array(out, pa.string())
