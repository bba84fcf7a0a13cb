"""The rows of a workbook's data sheet, read by the fastest reader that is safe for it.

python-calamine (Rust) reads a sheet about ten times faster than openpyxl, but it holds the
sheet as a dense grid from A1 to its last cell: one stray cell at XFD1048576 would make that
grid seventeen billion cells. So the sheet's XML is looked at first (cells stored, rows and
columns they reach) and calamine reads it only when the grid stays within a few times the
cells really stored; otherwise openpyxl reads the rows as they are stored.

Both yield (sheet row number, cell values) for every row from row 1, values as Python
objects (str, int or float, bool, date, datetime, time; an empty cell is None or "").
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Dense cells calamine may hold beyond those stored: a sparse sheet goes to openpyxl.
DENSE_CELLS_PER_STORED_CELL = 4
DENSE_CELLS_ALLOWED = 1_000_000

_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_SHEET_ID_FIRST = re.compile(rb'<sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"')
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb'(\w+)="([^"]*)"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})')
_LAST_ROW = re.compile(rb'<row r="([0-9]+)"')
# A cell holding a formula and no saved result: <c r="C2"><f>A2+1</f><v /></c> (or no <v>).
_UNCACHED_FORMULA = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"[^>]*>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
# A cell whose saved result is an error: <c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>
_ERROR_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*?\bt="e"[^>]*>\s*(?:<f[^>]*(?:/>|>[^<]*</f>)\s*)?<v>([^<]*)</v>'
)


class UnreadableWorkbook(Exception):
    """The bytes are not a workbook any reader can open."""


@dataclass
class Sheet:
    title: str
    rows: Iterator[tuple[int, list[object]]]
    close: Callable[[], None]  # releases the workbook
    uncached_formulas: dict[int, int]  # {sheet row: first column} of formulas without a result


def _unescape(name: bytes) -> str:
    text = name.decode("utf-8", "replace")
    for escaped, plain in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(escaped, plain)
    return text


def _sheet_paths(archive: zipfile.ZipFile) -> list[tuple[str, str | None]]:
    """(sheet name, path of its XML) in workbook order."""
    workbook = archive.read("xl/workbook.xml")
    sheets = [(name, rid) for name, rid in _SHEET.findall(workbook)]
    sheets += [(name, rid) for rid, name in _SHEET_ID_FIRST.findall(workbook) if (name, rid) not in sheets]
    targets: dict[bytes, str] = {}
    try:
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        rels = b""
    for tag in _RELATIONSHIP.findall(rels):
        attributes = dict(_ATTRIBUTE.findall(tag))
        target = attributes.get(b"Target", b"").decode("utf-8", "replace")
        if b"Id" in attributes and target:
            targets[attributes[b"Id"]] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return [(_unescape(name), targets.get(rid)) for name, rid in sheets]


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _uncached_formulas(xml: bytes) -> dict[int, int]:
    """{sheet row: first column number} of cells that hold a formula without a saved result.

    A workbook written by a program that does not calculate (a script, an export tool) keeps
    only the formula; read as data its value is empty, which must not pass for a blank cell.
    """
    if b"<f" not in xml:
        return {}
    found: dict[int, int] = {}
    for letters, row in _UNCACHED_FORMULA.findall(xml):
        found.setdefault(int(row), _column_number(letters))
    return found


def _dense_enough(xml: bytes) -> bool:
    """Whether a grid from A1 to the sheet's last row and column stays near its stored cells."""
    stored = xml.count(b"<c ") + xml.count(b"<c>")
    rows = [int(r) for r in _LAST_ROW.findall(xml[-65536:])] or [0]
    columns = {letters for letters in _CELL_COLUMN.findall(xml)}
    if not columns:
        return True
    width = max(_column_number(c) for c in columns)
    height = max(rows)
    return height * width <= DENSE_CELLS_PER_STORED_CELL * stored + DENSE_CELLS_ALLOWED


def open_data_sheet(data: bytes) -> Sheet:
    """The sheet named "data" (any case), else the first worksheet."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        paths = _sheet_paths(archive)
    except (zipfile.BadZipFile, KeyError, OSError):
        return _openpyxl_sheet(data, None)
    by_name = {name.lower(): (name, path) for name, path in paths}
    chosen = by_name.get("data") or next(((n, p) for n, p in paths if p and "worksheets/" in p), None)
    xml = None
    if chosen is not None and chosen[1] is not None:
        with contextlib.suppress(KeyError):
            xml = archive.read(chosen[1])
    if chosen is None or xml is None or not _dense_enough(xml):
        return _openpyxl_sheet(data, archive)
    return _calamine_sheet(data, chosen[0], xml)


def _error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """{(row, column): "#DIV/0!"} of cells whose saved result is an error: calamine reads them
    as empty, openpyxl (and Excel's own CSV export) as the error's text."""
    if b't="e"' not in xml:
        return {}
    return {
        (int(row), _column_number(letters)): text.decode("utf-8", "replace")
        for letters, row, text in _ERROR_CELL.findall(xml)
    }


def _calamine_sheet(data: bytes, name: str, xml: bytes) -> Sheet:
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        grid = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own types for a broken workbook
        raise UnreadableWorkbook(f"{type(exc).__name__}: {exc}") from None
    for (row, column), text in _error_cells(xml).items():
        if row <= len(grid) and column <= len(grid[row - 1]):
            grid[row - 1][column - 1] = text
    return Sheet(name, enumerate(grid, start=1), workbook.close, _uncached_formulas(xml))


def _openpyxl_sheet(data: bytes, archive: zipfile.ZipFile | None) -> Sheet:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise UnreadableWorkbook(f"{type(exc).__name__}: {exc}") from None
    sheets = {name.lower(): name for name in workbook.sheetnames}
    sheet = workbook[sheets["data"]] if "data" in sheets else workbook.worksheets[0]
    # the dimension a workbook declares is not trusted: one stray cell at XFD1048576 would
    # make every row 16,384 cells wide; rows are read as they are stored
    sheet.reset_dimensions()
    uncached: dict[int, int] = {}
    path = getattr(sheet, "_worksheet_path", None)
    if archive is not None and path:
        with contextlib.suppress(KeyError):
            uncached = _uncached_formulas(archive.read(path.lstrip("/")))
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    return Sheet(sheet.title, ((n, list(r)) for n, r in rows), workbook.close, uncached)
