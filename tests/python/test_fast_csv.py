"""The Arrow path for CSV (leadhub/load/fast_csv.py) reads exactly what the exact path
(Python's csv module, record by record) reads, or steps aside: on thousands of random small
exports full of quotes, line breaks, blank lines, wrong widths, unknown headers, undecodable
bytes and NULs, every record lands in the same place with the same number, line, values,
reason and raw text."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from leadhub.contract import module_for_file
from leadhub.load import reader
from leadhub.load.records import RawBlock

HEADER = "Quote #,Branch Name,Status,Notes,Lead Source\r\n"
# Valid strict CSV values, and values that are not (or that hold unreadable characters).
CLEAN = ["abc", "TORONTO", "Booked", "", " ", "x y", "12", '"q"', '"a,b"', '"multi\r\nline"', '"he said ""hi"""',
         '""', "é", "Ann Lee", '"two\nlines\rthree"']  # fmt: skip
MESSY = [*CLEAN, 'a"b', '"open', "\udc8f", "\x00", '"a" b', '"a"b', 'ab"', "\udc8f\x00"]
BREAKS = ["\r\n", "\n", "\r"]


def _random_export(rng: random.Random) -> bytes:
    pieces = MESSY if rng.random() < 0.5 else CLEAN
    lines = [HEADER if rng.random() < 0.8 else HEADER.replace("Lead Source", "Lead Source,Extra")]
    for _ in range(rng.randint(0, 12)):
        if rng.random() < 0.08:
            lines.append(rng.choice(BREAKS))  # a blank line
            continue
        width = rng.choice([5, 5, 5, 5, 4, 6, 1])
        fields = [
            rng.choice(pieces) if rng.random() < 0.5 else f"v{rng.randint(0, 99)}" for _ in range(width)
        ]
        lines.append(",".join(fields) + (rng.choice(BREAKS) if rng.random() < 0.95 else ""))
    return "".join(lines).encode("utf-8", "surrogateescape")


def _records(path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple], int]:
    """(every record as (kind, row, line, ...), blank lines) by one path."""
    with monkeypatch.context() as mp:
        if not fast:
            mp.setattr(reader, "_read_fast", lambda *args: None)
        try:
            info, records = reader.read_file(path, module_for_file(path))
            out = []
            for record in records:
                if isinstance(record, RawBlock):
                    columns = [
                        c.to_pylist() if c is not None else [None] * len(record) for c in record.columns
                    ]
                    extras = record.extra.to_pylist()
                    for i, (row, line) in enumerate(
                        zip(record.rows.to_pylist(), record.lines.to_pylist(), strict=True)
                    ):
                        out.append(("raw", row, line, tuple(c[i] for c in columns), extras[i]))
                elif isinstance(record, reader.RawRow):
                    extra = json.dumps(record.extra, ensure_ascii=False) if record.extra else None
                    out.append(("raw", record.row, record.line, tuple(record.values), extra))
                else:
                    out.append(
                        ("quarantine", record.row, record.line, record.reason, record.raw_text, record.column)
                    )
        except reader.FileRejected as exc:
            return [("rejected", str(exc))], 0
    return sorted(out, key=lambda r: (r[1], r[0])), info.blank_lines


@pytest.mark.parametrize("seed", range(8))
def test_the_arrow_path_reads_what_the_exact_path_reads(seed: int, tmp_path: Path, monkeypatch) -> None:
    rng = random.Random(seed)
    path = tmp_path / "lead-status_2024-01-31.csv"
    taken = 0
    for case in range(400):
        path.write_bytes(_random_export(rng))
        exact = _records(path, False, monkeypatch)
        fast = _records(path, True, monkeypatch)
        assert fast == exact, (seed, case, path.read_bytes())
        try:
            _, records = reader.read_file(path, module_for_file(path))
            taken += any(isinstance(r, RawBlock) for r in records)
        except reader.FileRejected:
            pass
    assert taken > 100  # the Arrow path is taken, not always stepped around
