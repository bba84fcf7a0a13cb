"""`leadhub report`: a self-contained HTML report of a built warehouse, for people who never
write SQL: integrity, review queues, row accounting, conversion and identity."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from leadhub.config import Target

REPORT_FILE = "index.html"


def default_report_dir(target: Target) -> Path:
    """Where `leadhub report` and `leadhub build` write: $LEADHUB_REPORT_DIR, else
    report/<target> under the current folder."""
    configured = os.environ.get("LEADHUB_REPORT_DIR")
    return Path(configured) if configured else Path.cwd() / "report" / target.name


def report_link(target: Target, page: str = "integrity") -> str | None:
    """Where a person opens the report, for alerts: $LEADHUB_REPORT_URL (the address the
    report folder is served at) or the written file's own file:// address; None when neither."""
    prefix = os.environ.get("LEADHUB_REPORT_URL")
    if prefix:
        return f"{prefix.rstrip('/')}/{REPORT_FILE}#{page}"
    path = default_report_dir(target) / REPORT_FILE
    return f"{path.resolve().as_uri()}#{page}" if path.exists() else None


@dataclass(frozen=True)
class WrittenReport:
    path: Path
    size_bytes: int
    seconds: float
    failing_checks: int
    published: bool


def write_report(target: Target, out_dir: Path, company: str | None = None) -> WrittenReport:
    """Read the warehouse, render the report (of one company: see read_report_data) and write
    `out_dir/index.html` (atomically)."""
    from leadhub.report.data import read_report_data
    from leadhub.report.render import render

    started = time.perf_counter()
    data = read_report_data(target, company=company)
    html = render(data)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_FILE
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return WrittenReport(
        path=path,
        size_bytes=path.stat().st_size,
        seconds=time.perf_counter() - started,
        failing_checks=len(data.failing_checks),
        published=data.published,
    )
