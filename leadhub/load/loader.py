"""Load a folder (or a list) of export files into the raw layer, losing nothing.

Per file, in one transaction: read it, write its rows to ``raw.<module>``, its unreadable
records to ``raw.quarantine`` and a line to ``raw.load_log``.  A rejected file leaves no
rows behind (only its ``rejected`` log line); a file already loaded (same checksum) is
skipped, so loading twice changes nothing.

Every row belongs to a company (tenant): the one given (``--company``; a single mover's is the
default company), or with ``from_folders`` the folder an export sits in under the given folder
(``exports/acme/jobs.csv`` is acme's). The same file loaded for two companies is loaded twice.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from leadhub.config import DEFAULT_COMPANY, ConfigError, check_company
from leadhub.contract import EXPORT_SUFFIXES, ContractError, Module, exported_at, module_for_file
from leadhub.load.reader import FileInfo, FileRejected, QuarantinedRow, RawRow, Record, read_file
from leadhub.load.records import RawBlock
from leadhub.load.warehouse import (
    QUARANTINE_COLUMNS,
    LoadLogEntry,
    RawWarehouse,
    block_table,
    module_columns,
)

BATCH_ROWS = 50_000
Progress = Callable[[str], None]


@dataclass
class FileResult:
    source_file: str
    module: str | None
    status: str  # loaded / skipped / rejected
    rows_loaded: int = 0
    rows_rejected: int = 0
    seconds: float = 0.0
    message: str = ""


@dataclass
class ReadFile:
    """A file as read, before anything is written: its records, or why it cannot be read."""

    module: Module | None
    info: FileInfo | None
    records: list[Record]
    error: ContractError | FileRejected | OSError | None
    seconds: float


@dataclass
class LoadReport:
    run_id: str
    files: list[FileResult] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "rejected"]

    def total(self, attr: str) -> int:
        return sum(getattr(f, attr) for f in self.files)


# Files a person's tools leave beside exports: Excel's lock file of an open workbook
# ("~$name.xlsx"), LibreOffice's (".~lock.name#"), and hidden files. Never exports.
LOCK_FILE_PREFIXES = ("~$", ".~lock.")


def discover(paths: Iterable[Path]) -> tuple[list[tuple[Path, str]], list[str]]:
    """(export files with their lineage name, ignored non-export files), in a stable order.

    A path given by name is always an export to try (a named pipe or a missing file is then
    rejected with its reason, like any bad file); inside a folder only regular files ending in
    .csv or .xlsx are, and lock and hidden files are ignored."""
    files: list[tuple[Path, str]] = []
    ignored: list[str] = []
    for root in paths:
        if root.is_dir():
            for p in sorted(root.rglob("*")):
                parts = p.relative_to(root).parts
                if any(part.startswith(".") for part in parts) or p.is_dir():
                    continue
                rel = p.relative_to(root).as_posix()
                if p.name.startswith(LOCK_FILE_PREFIXES):
                    ignored.append(f"{rel} (a lock file of an open workbook)")
                elif p.suffix.lower() in EXPORT_SUFFIXES:
                    files.append((p, rel))
                else:
                    ignored.append(rel)
        else:
            files.append((root, root.name))
    return files, ignored


def printable(name: str) -> str:
    """A file name as one line of output: control characters (a newline in a name could forge
    progress lines) written as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def _check_regular_file(path: Path, name: str) -> None:
    """Refuse what cannot be an export before opening it: a named pipe would block the load."""
    if not path.exists():
        raise FileRejected(printable(name), "no such file or folder")
    if not path.is_file():
        raise FileRejected(printable(name), "not a regular file (a named pipe, socket or device)")


def _os_message(exc: OSError, name: str) -> str:
    """A file-system error as a rejection reason naming the file."""
    reason = exc.strerror or exc.__class__.__name__
    return f"{printable(name)}: cannot read the file: {reason}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class Loader:
    def __init__(
        self,
        warehouse: RawWarehouse,
        patterns: dict[str, tuple[str, ...]] | None = None,
        progress: Progress | None = None,
        company: str = DEFAULT_COMPANY,
        from_folders: bool = False,
    ) -> None:
        self.wh = warehouse
        self.patterns = patterns
        self.progress = progress or (lambda _msg: None)
        self.company = check_company(company)
        self.from_folders = from_folders

    def company_of(self, name: str) -> str:
        """The company a file's rows belong to (its lineage name is relative to the folder given,
        so with from_folders its first part is the company folder)."""
        if not self.from_folders:
            return self.company
        parts = name.split("/")
        if len(parts) < 2:
            raise FileRejected(
                printable(name), "not inside a company folder (companies are taken from folders)"
            )
        try:
            return check_company(parts[0])
        except ConfigError as exc:
            raise FileRejected(printable(name), f"its folder is not a usable company name: {exc}") from None

    def load(self, paths: Iterable[Path]) -> LoadReport:
        report = LoadReport(run_id=uuid.uuid4().hex)
        files, report.ignored = discover(paths)
        self.wh.ensure_schema()
        # The next file is read (parsed, checked, held in memory) in a thread while this one is
        # written: Arrow's parser and the engines' writes run outside the GIL, so the two
        # overlap on two cores. Files are still written one at a time, in order.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="leadhub-read") as reader:
            ahead = [reader.submit(self.read, path, name) for path, name in files[:1]]
            for n, (path, name) in enumerate(files, start=1):
                prepared = ahead.pop().result()
                if n < len(files):
                    ahead.append(reader.submit(self.read, *files[n]))
                self.progress(f"[{n}/{len(files)}] {printable(name)}")
                result = self.load_file(path, name, report.run_id, prepared)
                report.files.append(result)
                self.progress(f"    {result.status}: {result.message}")
        return report

    def read(self, path: Path, name: str) -> ReadFile:
        """A file read whole, or why it cannot be: everything but the writing."""
        t0 = time.perf_counter()
        module: Module | None = None
        try:
            _check_regular_file(path, name)
            module = module_for_file(path, self.patterns)
            info, records = read_file(path, module)
            return ReadFile(module, info, list(records), None, time.perf_counter() - t0)
        except (ContractError, FileRejected, OSError) as exc:
            return ReadFile(module, None, [], exc, time.perf_counter() - t0)

    def _log(self, entry_kw: dict) -> None:
        self.wh.write_log(LoadLogEntry(**entry_kw))

    def load_file(self, path: Path, name: str, run_id: str, prepared: ReadFile | None = None) -> FileResult:
        started = _now()
        prepared = prepared or self.read(path, name)
        t0 = time.perf_counter() - prepared.seconds  # the file's own work: reading and writing
        load_id = uuid.uuid4().hex
        base = dict(
            load_id=load_id,
            run_id=run_id,
            source_file=name,
            module=None,
            file_format=path.suffix.lower().lstrip("."),
            encoding=None,
            file_checksum=None,
            file_bytes=None,
            rows_in_file=0,
            rows_loaded=0,
            rows_rejected=0,
            blank_lines=0,
            unknown_headers=None,
            missing_optional_headers=None,
            exported_at=None,
            exported_at_from=None,
            started_at=started,
            company=None,
        )
        try:
            if prepared.module is not None:
                base["module"] = prepared.module.name
            company = base["company"] = self.company_of(name)
            if prepared.error is not None:
                raise prepared.error
            module, info, records = prepared.module, prepared.info, prepared.records
            assert module is not None and info is not None
            base.update(file_checksum=info.checksum, file_bytes=info.size_bytes)
            previous = self.wh.loaded_as(info.checksum, company)
            if previous is not None:
                return FileResult(name, module.name, "skipped", message=f"already loaded (load {previous})")
            when, when_from = exported_at(path)
            base.update(exported_at=when, exported_at_from=when_from)
            self.wh.begin()
            try:
                loaded, rejected = self._write(
                    module.name, name, info, records, load_id, started, when, company
                )
                elapsed = time.perf_counter() - t0
                base.update(
                    encoding=info.encoding,
                    rows_in_file=loaded + rejected,
                    rows_loaded=loaded,
                    rows_rejected=rejected,
                    blank_lines=info.blank_lines,
                    unknown_headers=json.dumps(info.unknown_headers) if info.unknown_headers else None,
                    missing_optional_headers=(
                        json.dumps(info.missing_optional) if info.missing_optional else None
                    ),
                )
                self._log(dict(base, status="loaded", error=None, finished_at=_now(), seconds=elapsed))
                self.wh.commit()
            except BaseException:
                self.wh.rollback()
                raise
            rate = loaded / elapsed if elapsed > 0 else 0.0
            return FileResult(
                name,
                module.name,
                "loaded",
                loaded,
                rejected,
                elapsed,
                f"{loaded:,} rows, {rejected:,} quarantined, {elapsed:.2f}s ({rate:,.0f} rows/s)",
            )
        except (ContractError, FileRejected, OSError) as exc:
            message = _os_message(exc, name) if isinstance(exc, OSError) else str(exc)
            elapsed = time.perf_counter() - t0
            self._log(dict(base, status="rejected", error=message, finished_at=_now(), seconds=elapsed))
            return FileResult(name, base["module"], "rejected", seconds=elapsed, message=message)

    def _write(
        self, module: str, name: str, info: FileInfo, records, load_id: str, loaded_at, when, company: str
    ):
        columns = module_columns(info.module)
        qcolumns = [c for c, _ in QUARANTINE_COLUMNS]
        rows: list[tuple] = []
        quarantine: list[tuple] = []
        loaded = rejected = 0
        t0 = time.perf_counter()
        for rec in records:
            if isinstance(rec, RawBlock):
                block = block_table(columns, rec, {
                    "_source_file": name, "_file_checksum": info.checksum, "_load_id": load_id,
                    "_loaded_at": loaded_at, "_exported_at": when, "_company": company,
                })  # fmt: skip
                for offset in range(0, block.num_rows, BATCH_ROWS):
                    batch = block.slice(offset, BATCH_ROWS)
                    self.wh.insert_arrow(module, batch)
                    loaded += batch.num_rows
                    rate = loaded / (time.perf_counter() - t0)
                    self.progress(f"    {loaded:,} rows ({rate:,.0f} rows/s)")
            elif isinstance(rec, RawRow):
                extra = json.dumps(rec.extra, ensure_ascii=False) if rec.extra else None
                rows.append(
                    (
                        *rec.values,
                        extra,
                        name,
                        rec.row,
                        rec.line,
                        info.checksum,
                        load_id,
                        loaded_at,
                        when,
                        company,
                    )
                )
                if len(rows) >= BATCH_ROWS:
                    self.wh.insert(module, columns, rows)
                    loaded += len(rows)
                    rows.clear()
                    rate = loaded / (time.perf_counter() - t0)
                    self.progress(f"    {loaded:,} rows ({rate:,.0f} rows/s)")
            else:
                assert isinstance(rec, QuarantinedRow)
                quarantine.append(
                    (
                        load_id,
                        module,
                        name,
                        rec.row,
                        rec.line,
                        rec.column,
                        rec.reason,
                        rec.raw_text,
                        info.checksum,
                        loaded_at,
                    )
                )
        self.wh.insert(module, columns, rows)
        loaded += len(rows)
        self.wh.insert("quarantine", qcolumns, quarantine)
        rejected = len(quarantine)
        return loaded, rejected
