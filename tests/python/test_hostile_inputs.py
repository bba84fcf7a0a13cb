"""Hostile and malformed export files: whatever arrives, the loader ends every file as loaded
(every record in raw or in the quarantine, with a reason) or rejected (with a reason naming the
file and a load_log row), and never raises.

The cases are mutations of real sample files, in classes: bytes (truncated, flipped, NULs,
high bytes), lines (duplicated, deleted, blank), structure (headers, quotes, separators,
widths), encodings, files that are not what their name says, names, and workbooks.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import os
import random
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from leadhub.config import Target, load_target
from leadhub.database import fetch
from leadhub.load.loader import Loader
from leadhub.load.warehouse import connect

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "data" / "sample" / "exports"
CSV_SOURCE = EXPORTS / "lead-status_2021-01-01_2021-03-31.csv"
XLSX_SOURCE = EXPORTS / "sales-person-performance_2021.xlsx"


def _csv_head(lines: int = 25) -> bytes:
    data = CSV_SOURCE.read_bytes()
    return b"".join(data.splitlines(keepends=True)[:lines])


@dataclass(frozen=True)
class Case:
    name: str  # class/what
    file_name: str
    make: Callable[[Path], Path]  # writes the file under the folder, returns its path


def _bytes_case(name: str, file_name: str, data: Callable[[], bytes]) -> Case:
    def make(folder: Path) -> Path:
        path = folder / file_name
        path.write_bytes(data())
        return path

    return Case(name, file_name, make)


def _mutations() -> Iterator[Case]:
    base = _csv_head()
    lines = base.splitlines(keepends=True)
    rng = random.Random(2026)
    # bytes: cut anywhere, flipped, NULs, high bytes
    for i in range(12):
        cut = rng.randrange(1, len(base))
        yield _bytes_case(f"bytes/truncated-at-{cut}", f"lead-status_t{i}.csv", lambda c=cut: base[:c])
    for i in range(12):
        spots = [rng.randrange(len(base)) for _ in range(3)]
        values = [rng.randrange(256) for _ in range(3)]

        def flipped(s=spots, v=values) -> bytes:
            b = bytearray(base)
            for pos, value in zip(s, v, strict=True):
                b[pos] = value
            return bytes(b)

        yield _bytes_case(f"bytes/flipped-{i}", f"lead-status_f{i}.csv", flipped)
    for i in range(6):
        pos = rng.randrange(len(base))
        yield _bytes_case(
            f"bytes/nul-{i}", f"lead-status_z{i}.csv", lambda p=pos: base[:p] + b"\x00" + base[p:]
        )
    for i in range(6):
        pos = rng.randrange(len(base))
        junk = bytes(rng.randrange(0x80, 0x100) for _ in range(5))
        yield _bytes_case(
            f"bytes/high-{i}", f"lead-status_h{i}.csv", lambda p=pos, j=junk: base[:p] + j + base[p:]
        )
    # lines: duplicated, deleted, blank and whitespace lines
    for i in range(6):
        k = rng.randrange(1, len(lines))
        yield _bytes_case(
            f"lines/duplicated-{k}", f"lead-status_d{i}.csv", lambda k=k: b"".join([*lines, lines[k]])
        )
    for i in range(6):
        k = rng.randrange(1, len(lines))
        yield _bytes_case(
            f"lines/deleted-{k}", f"lead-status_x{i}.csv", lambda k=k: b"".join(lines[:k] + lines[k + 1 :])
        )
    yield _bytes_case("lines/blank-everywhere", "lead-status_b1.csv", lambda: b"\r\n\r\n".join(lines))
    yield _bytes_case("lines/whitespace-lines", "lead-status_b2.csv", lambda: b"   \r\n".join(lines))
    yield _bytes_case("lines/cr-only", "lead-status_b3.csv", lambda: base.replace(b"\r\n", b"\r"))
    yield _bytes_case("lines/lf-only", "lead-status_b4.csv", lambda: base.replace(b"\r\n", b"\n"))
    yield _bytes_case("lines/mixed-ends", "lead-status_b5.csv", lambda: b"".join(
        line.replace(b"\r\n", b"\n") if i % 2 else line for i, line in enumerate(lines)
    ))  # fmt: skip
    yield _bytes_case("lines/no-final-newline", "lead-status_b6.csv", lambda: base.rstrip(b"\r\n"))
    # structure: headers, widths, quotes, separators
    header, rows = lines[0], b"".join(lines[1:])
    yield _bytes_case("structure/empty-file", "lead-status_s1.csv", lambda: b"")
    yield _bytes_case("structure/only-bom", "lead-status_s2.csv", lambda: codecs.BOM_UTF8)
    yield _bytes_case("structure/header-only", "lead-status_s3.csv", lambda: header)
    yield _bytes_case("structure/no-header", "lead-status_s4.csv", lambda: rows)
    yield _bytes_case(
        "structure/title-line-first", "lead-status_s5.csv", lambda: b"Lead Status Report\r\n" + base
    )
    yield _bytes_case(
        "structure/header-trailing-comma",
        "lead-status_s6.csv",
        lambda: header.rstrip(b"\r\n") + b",\r\n" + rows,
    )
    yield _bytes_case(
        "structure/duplicate-header",
        "lead-status_s7.csv",
        lambda: header.rstrip(b"\r\n") + b",Status\r\n" + rows,
    )
    yield _bytes_case("structure/unknown-headers-twice", "lead-status_s8.csv", lambda: b"".join(
        line.rstrip(b"\r\n") + (b",Notes,Notes\r\n" if i == 0 else b",a,b\r\n") for i, line in enumerate(lines)
    ))  # fmt: skip
    yield _bytes_case(
        "structure/missing-required-header",
        "lead-status_s9.csv",
        lambda: base.replace(b"Quote #", b"Quote", 1),
    )
    yield _bytes_case(
        "structure/extra-field",
        "lead-status_s10.csv",
        lambda: header + lines[1].rstrip(b"\r\n") + b",extra\r\n",
    )
    yield _bytes_case(
        "structure/missing-field",
        "lead-status_s11.csv",
        lambda: header + lines[1].rsplit(b",", 1)[0] + b"\r\n",
    )
    yield _bytes_case(
        "structure/unbalanced-quote", "lead-status_s12.csv", lambda: header + b'1,TORONTO,"Booked\r\n' + rows
    )
    yield _bytes_case("structure/quote-at-eof", "lead-status_s13.csv", lambda: base + b'"')
    yield _bytes_case(
        "structure/merged-records",
        "lead-status_s14.csv",
        lambda: (
            header
            + lines[1].rstrip(b"\r\n").replace(b",", b',"', 1)
            + b"\r\n"
            + lines[2].rstrip(b"\r\n")
            + b'"\r\n'
        ),
    )
    yield _bytes_case("structure/semicolons", "lead-status_s15.csv", lambda: base.replace(b",", b";"))
    yield _bytes_case("structure/tabs", "lead-status_s16.csv", lambda: base.replace(b",", b"\t"))
    yield _bytes_case(
        "structure/huge-field",
        "lead-status_s17.csv",
        lambda: header + b"1,TORONTO,Booked," + b"x" * 2_000_000 + b"\r\n",
    )
    yield _bytes_case(
        "structure/ten-thousand-fields",
        "lead-status_s18.csv",
        lambda: header + b",".join([b"1"] * 10_000) + b"\r\n",
    )
    yield _bytes_case(
        "structure/control-characters",
        "lead-status_s19.csv",
        lambda: header + b"1,TORONTO,Booked,\x07\x1b[31mAnn\x08,x\r\n",
    )
    yield _bytes_case(
        "structure/formula-injection",
        "lead-status_s20.csv",
        lambda: header + b"1,TORONTO,Booked,=cmd|' /C calc'!A0,x\r\n",
    )
    yield _bytes_case(
        "structure/right-to-left-override",
        "lead-status_s21.csv",
        lambda: header + "1,TORONTO,Booked,Ann\u202eeeL,x\r\n".encode(),
    )
    # encodings
    text = base.decode("utf-8", "replace")
    yield _bytes_case(
        "encoding/utf-16-le-bom", "lead-status_e1.csv", lambda: codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    )
    yield _bytes_case("encoding/utf-16-be-no-bom", "lead-status_e2.csv", lambda: text.encode("utf-16-be"))
    yield _bytes_case("encoding/utf-32", "lead-status_e3.csv", lambda: text.encode("utf-32"))
    yield _bytes_case(
        "encoding/cp1252",
        "lead-status_e4.csv",
        lambda: header + "1,TORONTO,Booked,Zoë Côté,x\r\n".encode("cp1252"),
    )
    yield _bytes_case(
        "encoding/latin1-and-utf8-mixed",
        "lead-status_e5.csv",
        lambda: (
            header + "1,TORONTO,Booked,Zoë,x\r\n".encode() + "2,OTTAWA,Lost,Renée,y\r\n".encode("latin-1")
        ),
    )
    yield _bytes_case("encoding/double-bom", "lead-status_e6.csv", lambda: codecs.BOM_UTF8 * 2 + base)
    yield _bytes_case(
        "encoding/overlong-utf8", "lead-status_e7.csv", lambda: header + b"1,TORONTO,Booked,\xc0\xaf,x\r\n"
    )
    # files that are not what their name says
    yield _bytes_case(
        "not-csv/binary-garbage",
        "lead-status_n1.csv",
        lambda: bytes(random.Random(1).randrange(256) for _ in range(4096)),
    )
    yield _bytes_case("not-csv/xlsx-bytes", "lead-status_n2.csv", lambda: XLSX_SOURCE.read_bytes())
    yield _bytes_case("not-csv/gzip", "lead-status_n3.csv", lambda: gzip.compress(base))
    yield _bytes_case(
        "not-csv/html-error-page",
        "lead-status_n4.csv",
        lambda: b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
    )
    yield _bytes_case("not-csv/json", "lead-status_n5.csv", lambda: b'[{"Quote #": 1, "Status": "Booked"}]')
    yield _bytes_case("not-xlsx/csv-bytes", "sales-person-performance_n6.xlsx", lambda: base)
    yield _bytes_case("not-xlsx/empty", "sales-person-performance_n7.xlsx", lambda: b"")
    yield _bytes_case("not-xlsx/zip-of-text", "sales-person-performance_n8.xlsx", _zip_of_text)
    yield _bytes_case(
        "not-xlsx/truncated", "sales-person-performance_n9.xlsx", lambda: XLSX_SOURCE.read_bytes()[:2000]
    )
    yield _bytes_case(
        "not-xlsx/half",
        "sales-person-performance_n10.xlsx",
        lambda: XLSX_SOURCE.read_bytes()[: len(XLSX_SOURCE.read_bytes()) // 2],
    )
    # names
    yield _bytes_case("name/no-module", "export (1).csv", lambda: base)
    yield _bytes_case("name/impossible-date", "lead-status_2024-02-30.csv", lambda: base)
    yield _bytes_case("name/month-13", "lead-status_2024-13.csv", lambda: base)
    yield _bytes_case("name/newline-in-name", "lead-status_a\nb.csv", lambda: base)
    yield _bytes_case("name/unicode", "lead-status_zoë-📦.csv", lambda: base)
    yield _bytes_case("name/upper-case-suffix", "lead-status_u1.CSV", lambda: base)
    yield Case("name/named-pipe", "lead-status_p1.csv", _fifo)
    yield Case("name/directory-called-csv", "lead-status_dir.csv", _directory)
    # workbooks
    yield from _workbooks()


def _zip_of_text() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return buf.getvalue()


def _fifo(folder: Path) -> Path:
    path = folder / "lead-status_p1.csv"
    os.mkfifo(path)
    return path


def _directory(folder: Path) -> Path:
    path = folder / "lead-status_dir.csv"
    path.mkdir()
    (path / "inside.txt").write_text("x")
    return path


def _workbook_case(name: str, file_name: str, rows: list[list], fill: Callable | None = None) -> Case:
    def make(folder: Path) -> Path:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "data"
        for row in rows:
            ws.append(row)
        if fill:
            fill(ws)
        path = folder / file_name
        wb.save(path)
        return path

    return Case(name, file_name, make)


def _workbooks() -> Iterator[Case]:
    header = ["Name", "# Leads Received", "Bad", "Bad %", "Sent", "Sent %", "Booked", "Booked %"]
    good = ["Ann Lee", 10, 1, "10%", 5, "50%", 2, "20%"]
    yield _workbook_case(
        "xlsx/formula-without-result",
        "sales-person-performance_x1.xlsx",
        [header, good, ["Bob", "=B2*2", 0, "0%", 0, "0%", 0, "0%"]],
    )
    yield _workbook_case(
        "xlsx/stray-last-cell",
        "sales-person-performance_x2.xlsx",
        [header, good],
        lambda ws: ws.cell(row=1048576, column=16384, value="x"),
    )
    yield _workbook_case("xlsx/empty-sheet", "sales-person-performance_x3.xlsx", [])
    yield _workbook_case("xlsx/header-only", "sales-person-performance_x4.xlsx", [header])
    yield _workbook_case(
        "xlsx/error-values",
        "sales-person-performance_x5.xlsx",
        [header, ["Ann", "#DIV/0!", "#N/A", "#REF!", 1, "1%", 1, "1%"]],
    )
    yield _workbook_case(
        "xlsx/booleans-and-dates",
        "sales-person-performance_x6.xlsx",
        [header, ["Ann", True, False, dt.date(2024, 1, 1), 1, 0.5, 1, 1.5]],
    )
    yield _workbook_case(
        "xlsx/extra-non-empty-cell", "sales-person-performance_x7.xlsx", [header, [*good, None, "stray"]]
    )
    yield _workbook_case(
        "xlsx/merged-cells",
        "sales-person-performance_x8.xlsx",
        [header, good, good],
        lambda ws: ws.merge_cells("A2:A3"),
    )
    yield _workbook_case(
        "xlsx/long-text",
        "sales-person-performance_x9.xlsx",
        [header, ["A" * 32_000, 1, 0, "0%", 0, "0%", 0, "0%"]],
    )
    yield _workbook_case(
        "xlsx/missing-required-header", "sales-person-performance_x10.xlsx", [header[1:], good[1:]]
    )
    yield _workbook_case(
        "xlsx/blank-rows-between", "sales-person-performance_x11.xlsx", [header, [], [], good, [], good]
    )


CASES = list(_mutations())


def test_the_suite_has_a_hundred_cases_in_every_class() -> None:
    classes = {c.name.split("/")[0] for c in CASES}
    assert len(CASES) >= 100, len(CASES)
    assert classes >= {"bytes", "lines", "structure", "encoding", "not-csv", "not-xlsx", "name", "xlsx"}
    assert len({c.file_name for c in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Iterator[Target]:
    path = tmp_path_factory.mktemp("hostile") / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEADHUB_DUCKDB_PATH", str(path))
        mp.setenv("LEADHUB_RAW_SCHEMA", "raw")
        yield load_target("duckdb", ROOT / "profiles.yml.example")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_hostile_file_is_loaded_or_rejected_with_its_reason(
    case: Case, warehouse: Target, tmp_path: Path
) -> None:
    path = case.make(tmp_path)
    wh = connect(warehouse)
    try:
        report = Loader(wh).load([path])  # never raises
    finally:
        wh.close()
    if path.is_dir():  # a folder named like an export is a folder: walked, its non-exports ignored
        assert report.files == [] and report.ignored == ["inside.txt"], report
        return
    assert len(report.files) == 1, report
    result = report.files[0]
    assert result.status in {"loaded", "rejected", "skipped"}, result
    if result.status == "rejected":
        assert result.message and "Traceback" not in result.message
        assert "\n" not in result.message  # one line: a name cannot forge output
        return
    if result.status == "skipped":  # the same bytes as an earlier case
        return
    ((load_id, in_file, loaded, rejected),) = fetch(
        warehouse,
        "select load_id, rows_in_file, rows_loaded, rows_rejected from raw.load_log "
        f"where source_file = '{result.source_file}' and status = 'loaded'",
    )
    assert in_file == loaded + rejected == result.rows_loaded + result.rows_rejected
    ((quarantined,),) = fetch(warehouse, f"select count(*) from raw.quarantine where load_id = '{load_id}'")
    assert quarantined == rejected
    if rejected:
        ((reasons,),) = fetch(
            warehouse, f"select count(*) from raw.quarantine where load_id = '{load_id}' and reason <> ''"
        )
        assert reasons == rejected
