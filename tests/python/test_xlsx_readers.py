"""Workbooks are read by python-calamine when the sheet is dense enough and by openpyxl when
it is not (leadhub/load/xlsx_sheet.py). Both give the same records on the sample's workbooks
and on every hostile workbook; a sparse sheet (one stray cell far away) goes to openpyxl."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from test_hostile_inputs import CASES

from leadhub.contract import module_for_file
from leadhub.load import xlsx_sheet
from leadhub.load.reader import FileRejected, each_record, read_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_WORKBOOKS = sorted((ROOT / "data" / "sample" / "exports").glob("*.xlsx"))
HOSTILE_WORKBOOKS = [c for c in CASES if c.file_name.endswith(".xlsx")]


def _read(path: Path, monkeypatch: pytest.MonkeyPatch, calamine: bool) -> tuple:
    with monkeypatch.context() as mp:
        if not calamine:
            mp.setattr(xlsx_sheet, "_dense_enough", lambda xml: False)
        opened = []
        original = xlsx_sheet._calamine_sheet
        mp.setattr(xlsx_sheet, "_calamine_sheet", lambda *a: opened.append(1) or original(*a))
        try:
            info, records = read_file(path, module_for_file(path))
            rows = each_record(records)
        except FileRejected:
            return ("rejected",), bool(opened)
    return (info.blank_lines, [vars(r) for r in rows]), bool(opened)


@pytest.mark.parametrize("path", SAMPLE_WORKBOOKS, ids=lambda p: p.name)
def test_the_sample_workbooks_read_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, by_calamine = _read(path, monkeypatch, calamine=True)
    assert by_calamine
    assert fast == _read(path, monkeypatch, calamine=False)[0]


@pytest.mark.parametrize("case", HOSTILE_WORKBOOKS, ids=[c.name for c in HOSTILE_WORKBOOKS])
def test_every_hostile_workbook_reads_alike(case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = case.make(tmp_path)
    assert _read(path, monkeypatch, calamine=True)[0] == _read(path, monkeypatch, calamine=False)[0]


def test_a_sparse_sheet_goes_to_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workbook = openpyxl.load_workbook(SAMPLE_WORKBOOKS[0])
    workbook.worksheets[0]["XFD1048576"] = "stray"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / SAMPLE_WORKBOOKS[0].name
    path.write_bytes(buffer.getvalue())
    (_, rows), by_calamine = _read(path, monkeypatch, calamine=True)
    assert not by_calamine
    assert rows and rows[-1]["reason"].startswith("expected")  # the stray cell's row, quarantined
