"""The raw loader: nothing lost, nothing doubled, bad input refused with a clear error."""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from leadhub.config import DEFAULT_COMPANY, ConfigError, Target
from leadhub.contract import MODULES_BY_NAME, exported_at
from leadhub.load.loader import Loader, discover, printable
from leadhub.load.reader import QuarantinedRow, RawRow, each_record, read_file
from leadhub.load.warehouse import connect

LEAD_HEADER = "Quote #,Branch Name,Status,Sales Person,Customer Name\r\n"


def _load(target: Target, *paths: Path, **options):
    wh = connect(target)
    try:
        return Loader(wh, **options).load(list(paths))
    finally:
        wh.close()


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def _records(path: Path, module: str):
    info, records = read_file(path, MODULES_BY_NAME[module])
    return info, each_record(records)


# --- the whole sample, on both engines -------------------------------------------------------


def test_sample_row_accounting_matches_ground_truth(target: Target, sample_dir: Path, query) -> None:
    report = _load(target, sample_dir / "exports")
    assert not report.rejected
    with (sample_dir / "truth/files.csv").open(encoding="utf-8", newline="") as fh:
        truth_files = {f["name"]: f for f in csv.DictReader(fh)}
    log = {
        r[0]: r[1:]
        for r in query(
            target, "select source_file, rows_in_file, rows_loaded, rows_rejected, status from {raw}.load_log"
        )
    }
    assert set(log) == set(truth_files)
    for name, meta in truth_files.items():
        in_file, loaded, rejected, status = log[name]
        assert status == "loaded"
        assert in_file == int(meta["data_rows"]) == loaded + rejected, name
        assert rejected == int(meta["malformed_rows"]), name
    # the quarantined records are exactly the ones the generator broke
    malformed = set()
    for path in (sample_dir / "truth").glob("rows_*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            malformed |= {
                (t["source_file"], int(t["source_row"]), int(t["source_line"]))
                for t in csv.DictReader(fh)
                if t["malformed"]
            }
    quarantined = set(query(target, "select source_file, source_row, source_line from {raw}.quarantine"))
    assert quarantined == malformed
    # and every raw table holds what the log says
    for module in MODULES_BY_NAME:
        raw = query(target, f"select count(*) from {{raw}}.{module}")[0][0]
        logged = sum(
            int(m["data_rows"]) - int(m["malformed_rows"])
            for m in truth_files.values()
            if m["module"] == module
        )
        assert raw == logged, module


def test_loading_twice_changes_nothing(target: Target, sample_dir: Path, query) -> None:
    _load(target, sample_dir / "exports")
    tables = [*MODULES_BY_NAME, "quarantine", "load_log"]
    before = {t: query(target, f"select count(*) from {{raw}}.{t}")[0][0] for t in tables}
    report = _load(target, sample_dir / "exports")
    assert {f.status for f in report.files} == {"skipped"}
    after = {t: query(target, f"select count(*) from {{raw}}.{t}")[0][0] for t in tables}
    assert before == after


def test_a_file_is_loaded_once_per_company(target: Target, tmp_path: Path, query) -> None:
    """The same export loaded for two companies is two companies' rows; loading it again for
    either is skipped."""
    path = _write(
        tmp_path / "in", "lead-status_2024-05-31.csv", (LEAD_HEADER + "1,A,Booked,B,C\r\n").encode()
    )
    assert [f.status for f in _load(target, path).files] == ["loaded"]
    assert [f.status for f in _load(target, path, company="acme").files] == ["loaded"]
    assert [f.status for f in _load(target, path, company="acme").files] == ["skipped"]
    assert [f.status for f in _load(target, path).files] == ["skipped"]
    rows = query(target, "select _company, count(*) from {raw}.lead_status group by _company order by 1")
    assert rows == [("acme", 1), (DEFAULT_COMPANY, 1)]
    logged = query(target, "select company, status from {raw}.load_log order by company")
    assert logged == [("acme", "loaded"), (DEFAULT_COMPANY, "loaded")]


def test_companies_from_folders(target: Target, tmp_path: Path, query) -> None:
    """Each folder inside the folder given is a company; a file outside any company folder is
    rejected with its reason, never put in a company by guess."""
    data = (LEAD_HEADER + "1,A,Booked,B,C\r\n").encode()
    root = tmp_path / "exports"
    _write(root / "North Movers", "lead-status_2024-05-31.csv", data)
    _write(root / "south" / "2024", "lead-status_2024-06-30.csv", data)
    _write(root, "lead-status_2024-07-31.csv", data)
    report = _load(target, root, from_folders=True)
    outcome = {f.source_file: (f.status, f.message) for f in report.files}
    assert outcome["North Movers/lead-status_2024-05-31.csv"][0] == "loaded"
    assert outcome["south/2024/lead-status_2024-06-30.csv"][0] == "loaded"
    status, message = outcome["lead-status_2024-07-31.csv"]
    assert status == "rejected" and "not inside a company folder" in message
    rows = query(target, "select _company, _source_file from {raw}.lead_status order by 1")
    assert rows == [
        ("North Movers", "North Movers/lead-status_2024-05-31.csv"),
        ("south", "south/2024/lead-status_2024-06-30.csv"),
    ]


@pytest.mark.parametrize("name", ["", " acme", "a/b", "a\\b", "tab\there", "x" * 101])
def test_an_unusable_company_name_is_refused(name: str) -> None:
    with pytest.raises(ConfigError, match="company name"):
        Loader(None, company=name)  # type: ignore[arg-type]


def test_raw_tables_of_an_older_release_get_the_company_column(target: Target, tmp_path: Path, query) -> None:
    """A warehouse loaded before tenants existed: its raw tables gain `_company` (old rows null,
    which staging reads as the default company) and its load_log `company`."""
    from leadhub.load.warehouse import ADDED_COLUMNS

    wh = connect(target)
    try:
        for statement in wh.ddl():
            if statement.startswith("create table"):
                for table, column, _ in ADDED_COLUMNS:
                    if f".{table} (" in statement:
                        statement = statement.replace(f",\n    {column} text", "")
            if not statement.startswith("alter table"):
                (wh.con if target.type == "duckdb" else wh.conn).execute(statement)  # type: ignore[attr-defined]
    finally:
        wh.close()
    has_company = (
        "select count(*) from information_schema.columns where table_schema = '{raw}' "
        "and table_name = 'lead_status' and column_name = '_company'"
    )
    assert query(target, has_company) == [(0,)]
    path = _write(
        tmp_path / "in", "lead-status_2024-05-31.csv", (LEAD_HEADER + "1,A,Booked,B,C\r\n").encode()
    )
    assert [f.status for f in _load(target, path, company="acme").files] == ["loaded"]
    assert query(target, has_company) == [(1,)]
    assert query(target, "select _company from {raw}.lead_status") == [("acme",)]
    assert query(target, "select company from {raw}.load_log") == [("acme",)]


def test_values_are_kept_as_written_with_lineage(target: Target, tmp_path: Path, query) -> None:
    data = (
        LEAD_HEADER.replace("\r\n", ",Lead Score\r\n")
        + ' #0123 , MONTRÉAL (On Hold) ,booked,Bobby S ,"SMITH, Ann",87\r\n'
    ).encode()
    _load(target, _write(tmp_path / "in", "lead-status_2024-05-31.csv", data))
    rows = query(
        target,
        "select quote_number, branch_name, status, sales_person, customer_name, email, _extra, "
        "_source_file, _source_row, _source_line, _exported_at from {raw}.lead_status",
    )
    assert rows == [
        (
            " #0123 ",
            " MONTRÉAL (On Hold) ",
            "booked",
            "Bobby S ",
            "SMITH, Ann",
            None,
            '{"Lead Score": "87"}',
            "lead-status_2024-05-31.csv",
            1,
            2,
            dt.datetime(2024, 5, 31),
        )
    ]


def test_missing_required_header_rejects_the_whole_file(target: Target, tmp_path: Path, query) -> None:
    folder = tmp_path / "in"
    _write(folder, "lead-status_2024.csv", b"Quote #,Status\r\n1,Booked\r\n")
    good = _write(folder, "lost-leads_2024.csv", b"Quote #,Name\r\n1,Ann\r\n")
    report = _load(target, folder)
    rejected = report.rejected
    assert len(rejected) == 1
    assert "lead-status_2024.csv" in rejected[0].message and "'Branch Name'" in rejected[0].message
    assert query(target, "select count(*) from {raw}.lead_status") == [(0,)]
    assert query(target, "select count(*) from {raw}.lost_leads") == [(1,)]
    assert query(
        target,
        "select status, error like '%Branch Name%' from {raw}.load_log "
        "where source_file = 'lead-status_2024.csv'",
    ) == [("rejected", True)]
    assert good.exists()


def test_unknown_file_name_is_rejected_not_guessed(target: Target, tmp_path: Path, query) -> None:
    report = _load(target, _write(tmp_path / "in", "export (1).csv", b"Quote #,Name\r\n1,Ann\r\n"))
    assert report.rejected and "matches no module" in report.rejected[0].message
    assert query(target, "select module, status from {raw}.load_log") == [(None, "rejected")]


def test_a_failure_mid_file_leaves_nothing_of_it(target: Target, tmp_path: Path, query, monkeypatch) -> None:
    rows = "".join(f"{i},TORONTO,Booked,Ann,Bob\r\n" for i in range(10))
    path = _write(tmp_path / "in", "lead-status_2024.csv", (LEAD_HEADER + rows).encode())
    wh = connect(target)
    original = wh.insert

    def failing_insert(table, columns, batch):
        if table == "quarantine":
            raise RuntimeError("disk full")
        return original(table, columns, batch)

    monkeypatch.setattr(wh, "insert", failing_insert)
    with pytest.raises(RuntimeError, match="disk full"):
        Loader(wh).load([path])
    wh.close()
    assert query(target, "select count(*) from {raw}.lead_status") == [(0,)]
    assert query(target, "select count(*) from {raw}.load_log") == [(0,)]
    _load(target, path)  # and the file loads once the problem is gone
    assert query(target, "select count(*) from {raw}.lead_status") == [(10,)]


def test_overlapping_exports_are_all_kept_with_their_export_time(
    target: Target, tmp_path: Path, query
) -> None:
    folder = tmp_path / "in"
    _write(folder, "lead-status_2024-03-31.csv", (LEAD_HEADER + "7,TORONTO,Pending,Ann,Bob\r\n").encode())
    _write(folder, "lead-status_2024-06-30.csv", (LEAD_HEADER + "7,TORONTO,Booked,Ann,Bob\r\n").encode())
    _load(target, folder)
    rows = query(target, "select status, _exported_at from {raw}.lead_status order by _exported_at")
    assert rows == [("Pending", dt.datetime(2024, 3, 31)), ("Booked", dt.datetime(2024, 6, 30))]


# --- reading: encodings, line ends, quoting, malformed rows, xlsx ---------------------------


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: t.encode("utf-8-sig"), "utf-8-bom"),
        (lambda t: t.encode("cp1252"), "windows-1252"),
    ],
)
def test_encodings(tmp_path: Path, encoded, label: str) -> None:
    text = LEAD_HEADER + "1,MONTRÉAL,Booked,André,Zoë Côté\r\n2,QUÉBEC,Lost,Renée,José Núñez\r\n"
    info, records = _records(_write(tmp_path, "lead_status.csv", encoded(text)), "lead_status")
    assert info.encoding == label
    cols = MODULES_BY_NAME["lead_status"].column_names
    idx = [cols.index(c) for c in ("quote_number", "branch_name", "status", "sales_person", "customer_name")]
    assert [[r.values[i] for i in idx] for r in records] == [
        ["1", "MONTRÉAL", "Booked", "André", "Zoë Côté"],
        ["2", "QUÉBEC", "Lost", "Renée", "José Núñez"],
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_line_ends_and_quoted_newlines(tmp_path: Path, newline: str) -> None:
    text = (
        "Quote #,Name,Reason"
        + newline
        + '1,Ann,"Price'
        + newline
        + 'too high"'
        + newline
        + "2,Bob,No response"
        + newline
        + newline
    )
    info, records = _records(_write(tmp_path, "lost_leads.csv", text.encode()), "lost_leads")
    assert [(r.row, r.line, r.values[0], r.values[4]) for r in records] == [
        (1, 2, "1", f"Price{newline}too high"),
        (2, 4, "2", "No response"),
    ]
    assert info.blank_lines == 1


def test_unreadable_records_are_quarantined_with_line_column_and_raw_text(tmp_path: Path) -> None:
    data = (
        b"Quote #,Name,Reason\r\n"
        b"1,Ann,ok\r\n"
        b"2,Bob,Smith,extra\r\n"
        b"3,Caf\xc3\xa9\r\n"
        b"4,Bad\x81byte,x\r\n"
        b"5,Nul\x00,x\r\n"
        b"6,Dee,fine\r\n"
    )
    _, records = _records(_write(tmp_path, "lost_leads.csv", data), "lost_leads")
    good = [r.values[0] for r in records if isinstance(r, RawRow)]
    bad = [(r.row, r.line, r.column, r.reason, r.raw_text) for r in records if isinstance(r, QuarantinedRow)]
    assert good == ["1", "6"]
    assert bad == [
        (2, 3, None, "expected 3 fields, found 4", "2,Bob,Smith,extra\r\n"),
        (3, 4, None, "expected 3 fields, found 2", "3,Café\r\n"),
        (4, 5, "Name", "undecodable bytes", "4,Bad\\x81byte,x\r\n"),
        (5, 6, "Name", "NUL character in value", "5,Nul\x00,x\r\n"),
    ]


def test_empty_file_and_empty_header_are_rejected(tmp_path: Path) -> None:
    from leadhub.load.reader import FileRejected

    with pytest.raises(FileRejected, match="empty"):
        read_file(_write(tmp_path, "lost_leads.csv", b""), MODULES_BY_NAME["lost_leads"])
    with pytest.raises(FileRejected, match="header"):
        read_file(_write(tmp_path, "lost_leads2.csv", b",,\r\n1,2,3\r\n"), MODULES_BY_NAME["lost_leads"])


def test_duplicate_and_unknown_headers_go_to_extra(tmp_path: Path) -> None:
    data = b"Quote #,  name ,Name,Colour\r\n1,Ann,Annie,blue\r\n"
    info, records = _records(_write(tmp_path, "lost_leads.csv", data), "lost_leads")
    assert records[0].values[:2] == ["1", "Ann"]
    assert records[0].extra == {"Name (duplicate 3)": "Annie", "Colour": "blue"}
    assert info.unknown_headers == ["Name (duplicate 3)", "Colour"]


def _xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_xlsx_sheet_named_data_typed_cells_and_overflow(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "sales-person-performance_2024.xlsx",
        {
            "Summary": [["Report"]],
            "data": [
                ["Name", "# Leads Received", "% Bad", "Period Start"],
                ["Bobby S", 120, 12.5, dt.datetime(2024, 1, 1)],
                [None, None, None, None],
                ["Ann Lee", 3.0, "7.5%", dt.datetime(2024, 1, 1, 9, 30)],
                ["Extra", 1, 1, None, "overflow"],
            ],
        },
    )
    info, records = _records(path, "sales_performance")
    module = MODULES_BY_NAME["sales_performance"]
    idx = [module.column_names.index(c) for c in ("name", "leads_received", "bad_pct", "period_start")]
    good = [[r.values[i] for i in idx] for r in records if isinstance(r, RawRow)]
    assert good == [["Bobby S", "120", "12.5", "2024-01-01"], ["Ann Lee", "3", "7.5%", "2024-01-01 09:30:00"]]
    bad = [r for r in records if isinstance(r, QuarantinedRow)]
    assert [(b.row, b.line) for b in bad] == [(3, 5)]
    assert info.blank_lines == 1 and info.encoding == "xlsx"


def test_xlsx_first_sheet_when_none_is_named_data(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ringcentral-users.xlsx",
        {"Users": [["Name", "Total Calls"], ["Rob J", 10]], "Other": [["x"]]},
    )
    _, records = _records(path, "user_performance")
    assert [r.values[:3] for r in records] == [["Rob J", None, "10"]]


def test_broken_workbook_is_rejected(tmp_path: Path) -> None:
    from leadhub.load.reader import FileRejected

    with pytest.raises(FileRejected, match=r"not a readable \.xlsx"):
        read_file(
            _write(tmp_path, "user_performance.xlsx", b"not a zip"), MODULES_BY_NAME["user_performance"]
        )


def test_export_time_from_name_else_mtime(tmp_path: Path) -> None:
    def at(name: str) -> tuple[dt.datetime, str]:
        return exported_at(_write(tmp_path, name, b"x"))

    assert at("lead-status_2024-01-01_2024-03-31.csv") == (dt.datetime(2024, 3, 31), "file name")
    assert at("2023.xlsx - jobs.csv") == (dt.datetime(2023, 12, 31), "file name")
    assert at("bad-leads_2024-02.csv") == (dt.datetime(2024, 2, 29), "file name")
    assert at("bad_leads_20240315.csv") == (dt.datetime(2024, 3, 15), "file name")
    path = _write(tmp_path, "bad_leads.csv", b"x")
    os.utime(path, (1_700_000_000, 1_700_000_000))
    assert exported_at(path) == (dt.datetime(2023, 11, 14, 22, 13, 20), "file modification time")


def test_generated_data_loads_with_no_surprises(small_generated: Path) -> None:
    """Every generated file is read fully; quarantined rows are exactly the truth's malformed ones."""
    malformed = Counter()
    for path in (small_generated / "truth").glob("rows_*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            malformed.update(t["source_file"] for t in csv.DictReader(fh) if t["malformed"])
    from leadhub.contract import module_for_file

    for path in sorted((small_generated / "exports").iterdir()):
        _, records = read_file(path, module_for_file(path))
        assert sum(isinstance(r, QuarantinedRow) for r in records) == malformed[path.name], path.name


# --- hostile input: nothing lost, no traceback, every file accounted for ---------------------


def test_duplicate_unknown_headers_keep_both_columns(tmp_path: Path) -> None:
    data = b"Quote #,Name,Notes,Notes\r\n1,Ann,first,second\r\n"
    info, records = _records(_write(tmp_path, "lost_leads.csv", data), "lost_leads")
    assert records[0].extra == {"Notes": "first", "Notes (duplicate 4)": "second"}
    assert info.unknown_headers == ["Notes", "Notes (duplicate 4)"]


def test_lock_files_are_ignored_and_file_system_errors_are_rejections(
    target: Target, tmp_path: Path, query, monkeypatch
) -> None:
    import leadhub.load.loader as loader_module

    folder = tmp_path / "in"
    _write(folder, "~$lead-status_2024.xlsx", b"\x00lock")
    good = _write(folder, "lost-leads_2024.csv", b"Quote #,Name\r\n1,Ann\r\n")
    gone = _write(folder, "lead-status_2024.csv", (LEAD_HEADER + "1,TORONTO,Booked,Ann,Bob\r\n").encode())
    pipe = tmp_path / "jobs_2024.csv"
    os.mkfifo(pipe)
    listed = discover([folder, pipe])
    assert listed[1] == ["~$lead-status_2024.xlsx (a lock file of an open workbook)"]
    gone.unlink()  # deleted after the folder was listed
    monkeypatch.setattr(loader_module, "discover", lambda _paths: listed)
    report = _load(target, folder, pipe)
    assert good.exists()
    by_name = {f.source_file: f for f in report.files}
    assert by_name["lost-leads_2024.csv"].status == "loaded"
    assert by_name["lead-status_2024.csv"].status == "rejected"
    assert "no such file" in by_name["lead-status_2024.csv"].message
    assert by_name["jobs_2024.csv"].status == "rejected"
    assert "not a regular file" in by_name["jobs_2024.csv"].message
    logged = dict(query(target, "select source_file, status from {raw}.load_log"))
    assert logged == {
        "lost-leads_2024.csv": "loaded",
        "lead-status_2024.csv": "rejected",
        "jobs_2024.csv": "rejected",
    }


def test_an_unreadable_file_is_rejected_with_its_reason(
    target: Target, tmp_path: Path, query, monkeypatch
) -> None:
    path = _write(
        tmp_path / "in", "lead-status_2024.csv", (LEAD_HEADER + "1,TORONTO,Booked,Ann,Bob\r\n").encode()
    )
    import leadhub.load.loader as loader_module

    def unreadable(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loader_module, "read_file", unreadable)
    report = _load(target, path)
    assert report.rejected and "cannot read the file: Permission denied" in report.rejected[0].message
    assert query(target, "select status from {raw}.load_log") == [("rejected",)]


def test_an_impossible_date_in_a_file_name_rejects_the_file(tmp_path: Path) -> None:
    from leadhub.contract import ContractError

    with pytest.raises(ContractError, match="'2024-02-30' in the file name is not a date"):
        exported_at(_write(tmp_path, "lead-status_2024-02-30.csv", b"x"))
    # eight digits in a row are not surely a date: passed over, as before
    undashed = _write(tmp_path, "lead-status_20240230.csv", b"x")
    assert exported_at(undashed)[1] == "file modification time"


def test_a_newline_in_a_file_name_cannot_forge_progress_lines() -> None:
    assert printable("jobs_2024.csv\n[2/2] fake.csv") == "jobs_2024.csv\\n[2/2] fake.csv"


def test_a_second_writer_stops_with_a_clear_message(target: Target, tmp_path: Path, query) -> None:
    """While one leadhub command holds the warehouse, `leadhub load` in another process stops
    with a message naming the warehouse, loads nothing, and runs once the first is done."""
    import subprocess
    import sys

    from leadhub.warehouse_lock import exclusive

    path = _write(tmp_path / "in", "lost-leads_2024.csv", b"Quote #,Name\r\n1,Ann\r\n")
    env = dict(os.environ, DBT_TARGET=target.name, DBT_PROFILES_DIR=str(tmp_path / "no-profile"))
    command = [sys.executable, "-m", "leadhub.cli", "load", "--target", target.name, str(path)]
    root = Path(__file__).resolve().parents[2]
    (tmp_path / "no-profile").mkdir()
    (tmp_path / "no-profile" / "profiles.yml").write_text((root / "profiles.yml.example").read_text())
    with exclusive(target):
        busy = subprocess.run(command, env=env, cwd=root, text=True, capture_output=True, check=False)
    assert busy.returncode == 1, busy.stderr
    assert "another leadhub command is writing to" in busy.stderr and "Traceback" not in busy.stderr
    assert "files loaded" not in busy.stdout  # it stopped before loading anything
    done = subprocess.run(command, env=env, cwd=root, text=True, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert query(target, "select count(*) from {raw}.lost_leads") == [(1,)]


def test_an_unbalanced_quote_that_swallows_a_record_is_quarantined(tmp_path: Path) -> None:
    """`"Ann Lee,ann@x.com⏎2,OTTAWA,Lost,Bob Roy"` has the right field count once merged: the
    record is quarantined with its raw text (both lines) instead of loading 2 rows for 3;
    a note that merely spans lines still loads."""
    data = (
        b"Quote #,Branch Name,Status,Customer Name,Email\r\n"
        b'1,TORONTO,Booked,"Ann Lee,ann@x.com\r\n2,OTTAWA,Lost,Bob Roy",bob@y.com\r\n'
        b"3,OTTAWA,Lost,Cy Dee,cy@z.com\r\n"
        b'4,TORONTO,Booked,"Dee Fox\r\ncalled twice, wants March, asks for packing",dee@f.com\r\n'
    )
    _, records = _records(_write(tmp_path, "lead-status_2024.csv", data), "lead_status")
    quarantined = [r for r in records if isinstance(r, QuarantinedRow)]
    loaded = [r for r in records if isinstance(r, RawRow)]
    assert len(quarantined) == 1 and "unbalanced quote" in quarantined[0].reason
    assert "2,OTTAWA,Lost,Bob Roy" in quarantined[0].raw_text and quarantined[0].line == 2
    assert [r.values[0] for r in loaded] == ["3", "4"]


def test_xlsx_formula_without_a_saved_result_is_quarantined(tmp_path: Path) -> None:
    """openpyxl writes formulas without calculating them: read as data such a cell is empty,
    which must not pass for a blank value."""
    path = _xlsx(
        tmp_path / "lost_leads.xlsx",
        {"data": [["Quote #", "Name", "Reason"], [1, "Ann", '=B2&" lost"'], [2, "Bob", "price"]]},
    )
    _, records = _records(path, "lost_leads")
    quarantined = [r for r in records if isinstance(r, QuarantinedRow)]
    assert [r.values[0] for r in records if isinstance(r, RawRow)] == ["2"]
    assert len(quarantined) == 1 and "formula without a saved result" in quarantined[0].reason
    assert quarantined[0].line == 2 and quarantined[0].column == "Reason"


def test_xlsx_with_a_stray_cell_at_the_last_row_and_column_reads_its_rows(tmp_path: Path) -> None:
    """A workbook whose one stray cell sits at XFD1048576 declares a dimension of 17 billion
    cells; its rows are read as stored (this took minutes when the dimension was trusted)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["Quote #", "Name"])
    ws.append([1, "Ann"])
    ws.cell(row=1048576, column=16384, value="stray")
    path = tmp_path / "lost_leads.xlsx"
    wb.save(path)
    _, records = _records(path, "lost_leads")
    loaded = [r for r in records if isinstance(r, RawRow)]
    quarantined = [r for r in records if isinstance(r, QuarantinedRow)]
    assert [r.values[:2] for r in loaded] == [["1", "Ann"]]
    assert len(quarantined) == 1 and quarantined[0].line == 1048576  # the stray cell, out of the columns
