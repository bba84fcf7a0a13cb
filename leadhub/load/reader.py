"""Read one export file (CSV or XLSX) into contract rows and quarantine entries.

Every data record of a file ends up in exactly one of two places:

* a :class:`RawRow` (all values as text under canonical names, unknown headers in ``extra``), or
* a :class:`QuarantinedRow` (a record that cannot be read: wrong field count, undecodable
  bytes, a NUL character, a CSV syntax error) with its line, the reason and the raw text.

A file that cannot be taken at all (unknown name, missing required header, empty,
unreadable workbook) raises :class:`FileRejected` naming the file and what is wrong.
Blank lines are not data records and are counted separately.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from leadhub.contract import Module, normalize_header
from leadhub.load.fast_csv import read_fast
from leadhub.load.records import QuarantinedRow, RawBlock, RawRow, Record
from leadhub.load.xlsx_sheet import UnreadableWorkbook, open_data_sheet

csv.field_size_limit(64 * 1024 * 1024)

# Bytes that are invalid UTF-8 and undefined in Windows-1252: rows holding them are unreadable
# whatever the file's encoding.
_SURROGATE = re.compile("[\udc80-\udcff]")
_UNLOADABLE = re.compile("[\udc80-\udcff\x00]")


class FileRejected(Exception):
    """The whole file is refused; nothing of it is loaded."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.reason = message


@dataclass
class FileInfo:
    path: Path
    module: Module
    file_format: str  # csv / xlsx
    checksum: str
    size_bytes: int
    encoding: str = ""
    headers: list[str] = field(default_factory=list)
    unknown_headers: list[str] = field(default_factory=list)
    missing_optional: list[str] = field(default_factory=list)
    blank_lines: int = 0


@dataclass
class _Layout:
    """How a file's header positions map onto the module's canonical columns."""

    positions: list[int | None]  # canonical column index -> field position in the file
    extras: list[tuple[int, str]]  # (field position, header) for headers the contract lacks
    headers: list[str]  # the file's headers as written (trimmed)

    @property
    def width(self) -> int:
        return len(self.headers)

    @cached_property
    def in_contract_order(self) -> bool:
        """The file has exactly the contract's columns in the contract's order."""
        return not self.extras and self.positions == list(range(len(self.positions)))


def _layout(path: Path, module: Module, headers: list[str], info: FileInfo) -> _Layout:
    if not any(h.strip() for h in headers):
        raise FileRejected(path, "the first row (the header) is empty")
    bad = [h for h in headers if _SURROGATE.search(h) or "\x00" in h]
    if bad:
        raise FileRejected(path, "the header row holds undecodable bytes")
    wanted = module.header_map()
    found: dict[str, int] = {}
    extras: list[tuple[int, str]] = []
    for pos, header in enumerate(headers):
        key = normalize_header(header)
        canonical = wanted.get(key)
        if canonical is not None and canonical not in found:
            found[canonical] = pos
        else:
            label = header.strip() or f"column_{pos + 1}"
            # a second column of a known header, or of an unknown one ("Notes,Notes"), keeps
            # its values under a label of its own: nothing is overwritten in _extra
            if canonical is not None or any(label == taken for _, taken in extras):
                label = f"{label} (duplicate {pos + 1})"
            extras.append((pos, label))
    missing = [c.header for c in module.columns if c.required and c.name not in found]
    if missing:
        raise FileRejected(
            path,
            f"missing required header{'s' if len(missing) > 1 else ''} "
            + ", ".join(repr(h) for h in missing)
            + f" for module {module.name} (found: {', '.join(repr(h) for h in headers)})",
        )
    info.headers = list(headers)
    info.unknown_headers = [label for _, label in extras]
    info.missing_optional = [c.header for c in module.columns if c.name not in found]
    return _Layout([found.get(c.name) for c in module.columns], extras, [h.strip() for h in headers])


def _build(layout: _Layout, fields: list[str], row: int, line: int) -> RawRow:
    if layout.in_contract_order:
        values: list[str | None] = fields
    else:
        values = [fields[p] if p is not None else None for p in layout.positions]
    extra = {label: fields[p] for p, label in layout.extras if fields[p] != ""} or None
    return RawRow(row, line, values, extra)


def file_checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _detect_encoding(data: bytes) -> tuple[str, str]:
    """(python codec, label). UTF-8 unless the bytes clearly are not; then Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "utf-8-bom"
    try:
        data.decode("utf-8")
        return "utf-8", "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = len(_SURROGATE.findall(text))
    valid_multibyte = len(text) - len(text.encode("ascii", "ignore")) - invalid
    if valid_multibyte >= invalid:
        return "utf-8", "utf-8 (with undecodable rows)"
    return "cp1252", "windows-1252"


def _raw(text: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _check_fields(fields: list[str], layout: _Layout, suspect: bool) -> tuple[str, str | None] | None:
    """Why a well-formed CSV record still cannot be loaded, or None.

    ``suspect``: the file holds undecodable bytes or NUL characters somewhere, so the values
    must be looked at one by one (otherwise only the field count can be wrong).
    """
    if len(fields) != layout.width:
        return f"expected {layout.width} fields, found {len(fields)}", None
    if not suspect or _UNLOADABLE.search("".join(fields)) is None:
        return None
    for pos, value in enumerate(fields):
        if _SURROGATE.search(value):
            return "undecodable bytes", layout.headers[pos]
        if "\x00" in value:
            return "NUL character in value", layout.headers[pos]
    return None


def _shape(value: str) -> str:
    """A value's shape: runs of digits as 9, runs of letters as a (\"100234\" -> 9, \"#12\" -> #9)."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", value.strip()))


def _merged_record(fields: list[str]) -> str | None:
    """Why a record whose field count is right may still be two records, or None.

    An unbalanced quote swallows the line break and the next record into one value:
    `1,TORONTO,"Ann Lee,ann@x.com⏎2,OTTAWA,Bob Roy",bob@y.com` reads as one record of the right
    width. A value that runs over a line which itself splits into several fields and starts
    like a record (its first field has the shape of this record's first field) is taken for
    that; a note that merely spans lines is not.
    """
    first = _shape(fields[0]) if fields else ""
    for value in fields:
        if "\n" not in value and "\r" not in value:
            continue
        for line in value.splitlines()[1:]:
            pieces = line.split(",")
            if len(pieces) >= 3 and first and _shape(pieces[0]) == first:
                return "a quoted value runs over a line that looks like a record of its own (an unbalanced quote may have merged two records)"
    return None


def read_csv(path: Path, data: bytes, info: FileInfo) -> Iterator[RawRow | RawBlock | QuarantinedRow]:
    """Every record of a CSV export: Arrow's reader when the file is plainly well formed
    (fast_csv.py), else Python's csv module record by record."""
    codec, label = _detect_encoding(data)
    info.encoding = label
    text = data.decode(codec, errors="surrogateescape")
    suspect = "\x00" in text or _SURROGATE.search(text) is not None
    header_reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        headers = next(header_reader)
    except StopIteration:
        raise FileRejected(path, "the file is empty (no header row)") from None
    except csv.Error as exc:
        raise FileRejected(path, f"line 1: the header row is not valid CSV ({exc})") from None
    layout = _layout(path, info.module, headers, info)
    if header_reader.line_num == 1:
        fast = _read_fast(text, layout, suspect, info)
        if fast is not None:
            yield from fast
            return
    # The exact path. Physical lines as the csv module splits them (CR, LF or CRLF), kept to
    # quote the raw text of a record that cannot be loaded.
    lines = list(io.StringIO(text, newline=""))
    reader = csv.reader(lines, strict=True)
    next(reader)  # the header, read above
    row = 0
    while True:
        start_line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row += 1
            raw = _raw("".join(lines[start_line - 1 : reader.line_num]))
            yield QuarantinedRow(row, start_line, f"invalid CSV: {exc}", raw)
            continue
        if not fields:
            info.blank_lines += 1
            continue
        row += 1
        problem = _check_fields(fields, layout, suspect)
        if problem is None and reader.line_num > start_line:
            merged = _merged_record(fields)
            problem = (merged, None) if merged else None
        if problem is not None:
            reason, column = problem
            raw = _raw("".join(lines[start_line - 1 : reader.line_num]))
            yield QuarantinedRow(row, start_line, reason, raw, column)
            continue
        yield _build(layout, fields, row, start_line)


def _read_fast(
    text: str, layout: _Layout, suspect: bool, info: FileInfo
) -> list[RawRow | RawBlock | QuarantinedRow] | None:
    """The file by Arrow (fast_csv.py), or None for the exact path.

    Lines that hold an undecodable byte or a NUL are read here, line by line, exactly as the
    exact path reads them (a record of one line), and stand in Arrow's text as a line of
    empty fields that the block leaves out. A dirty line whose quote stays open could belong
    to a record of several lines: then the exact path reads the file.
    """
    out: list[RawRow | RawBlock | QuarantinedRow] = []
    dropped: list[int] = []
    if suspect:
        lines = list(io.StringIO(text, newline=""))
        line_ends = list(itertools.accumulate(map(len, lines)))
        dirty = sorted({bisect.bisect_right(line_ends, m.start()) for m in _UNLOADABLE.finditer(text)})
        stand_in = "," * (layout.width - 1)
        for index in dirty:
            if index == 0:
                continue
            line_text = lines[index]
            number = index + 1
            record = _one_line_record(line_text, layout, number, number)
            if (
                isinstance(record, QuarantinedRow)
                and record.reason.startswith("invalid CSV")
                and '"' in line_text
            ):
                return None  # an open quote: the line may be part of a record of several lines
            out.append(record)
            dropped.append(number)
            lines[index] = stand_in + line_text[len(line_text.rstrip("\r\n")) :]
        text = "".join(lines)
    fast = read_fast(text, layout.width, layout.positions, layout.extras, _merged_record, dropped)
    if fast is None:
        return None
    for record in out:  # record numbers count records, not lines (blank lines, line breaks)
        record.row = fast.dropped_rows[record.line]
    info.blank_lines = fast.blank_lines
    out.extend(fast.quarantined)
    if len(fast.block):
        out.append(fast.block)
    return out


def _one_line_record(line_text: str, layout: _Layout, row: int, line: int) -> RawRow | QuarantinedRow:
    """A record on one line, read and checked as the exact path does."""
    try:
        fields = next(csv.reader([line_text], strict=True))
    except csv.Error as exc:
        return QuarantinedRow(row, line, f"invalid CSV: {exc}", _raw(line_text))
    problem = _check_fields(fields, layout, suspect=True)
    if problem is not None:
        reason, column = problem
        return QuarantinedRow(row, line, reason, _raw(line_text), column)
    return _build(layout, fields, row, line)


def _cell_text(value: object) -> str:
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is float:
        return str(int(value)) if value.is_integer() else repr(value)  # type: ignore[union-attr]
    if value is None:
        return ""
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_xlsx(path: Path, data: bytes, info: FileInfo) -> Iterator[RawRow | QuarantinedRow]:
    info.encoding = "xlsx"
    try:
        sheet = open_data_sheet(data)
    except UnreadableWorkbook as exc:
        raise FileRejected(path, f"not a readable .xlsx workbook ({exc})") from None
    try:
        uncached = sheet.uncached_formulas
        layout: _Layout | None = None
        row = 0
        for line, cells in sheet.rows:
            texts = [c if type(c) is str else _cell_text(c) for c in cells]
            if not any(texts):
                if layout is not None:
                    info.blank_lines += 1
                continue
            if layout is None:
                while texts and texts[-1] == "":
                    texts.pop()
                layout = _layout(path, info.module, texts, info)
                continue
            row += 1
            if len(texts) > layout.width:
                overflow = [t for t in texts[layout.width :] if t != ""]
                if overflow:
                    yield QuarantinedRow(
                        row,
                        line,
                        f"expected {layout.width} fields, found {layout.width + len(overflow)} non-empty",
                        "\t".join(texts),
                    )
                    continue
            texts = (texts + [""] * layout.width)[: layout.width]
            if line in uncached:
                column = uncached[line] - 1
                yield QuarantinedRow(
                    row,
                    line,
                    "a formula without a saved result (open the workbook in Excel and save it)",
                    "\t".join(texts),
                    layout.headers[column] if column < len(layout.headers) else None,
                )
                continue
            nul = next((i for i, t in enumerate(texts) if "\x00" in t), None)
            if nul is not None:
                yield QuarantinedRow(
                    row, line, "NUL character in value", "\t".join(texts), layout.headers[nul]
                )
                continue
            yield _build(layout, texts, row, line)
        if layout is None:
            raise FileRejected(path, f"sheet {sheet.title!r} is empty (no header row)")
    finally:
        sheet.close()


def read_file(path: Path, module: Module) -> tuple[FileInfo, Iterator[Record]]:
    """Open an export; the header is checked before this returns (a rejection raises here)."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    info = FileInfo(path, module, suffix.lstrip("."), file_checksum(data), len(data))
    if suffix == ".csv":
        records = read_csv(path, data, info)
    elif suffix == ".xlsx":
        records = read_xlsx(path, data, info)
    else:
        raise FileRejected(path, f"unsupported file type {suffix!r} (expected .csv or .xlsx)")
    first = next(records, None)  # runs the header checks now
    return info, _chain(first, records)


def _chain(first: Record | None, rest: Iterator[Record]) -> Iterator[Record]:
    if first is not None:
        yield first
        yield from rest


def each_record(records: Iterator[Record]) -> list[RawRow | QuarantinedRow]:
    """Every record one by one in file order, blocks expanded into rows: for callers that
    look at records singly (tests, small tools), not for loading."""
    out: list[RawRow | QuarantinedRow] = []
    for record in records:
        if not isinstance(record, RawBlock):
            out.append(record)
            continue
        columns = [c.to_pylist() if c is not None else None for c in record.columns]
        extras = record.extra.to_pylist()
        for i, (row, line) in enumerate(zip(record.rows.to_pylist(), record.lines.to_pylist(), strict=True)):
            values = [c[i] if c is not None else None for c in columns]
            extra = json.loads(extras[i]) if extras[i] is not None else None
            out.append(RawRow(row, line, values, extra))
    return sorted(out, key=lambda r: r.row)
