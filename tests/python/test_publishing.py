"""Kill -9 at every layer, on both engines. A load killed inside a file leaves no part of it
(one transaction per file). Marts are published at once (macros/marts/publish.sql): a build
killed in staging, intermediate, the marts or while publishing leaves the published marts
exactly as they were (or, at the very end, wholly the new ones), foreign keys whole, although
the raw data changed; the next build publishes the same marts as a clean build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from warehouse_builds import ROOT, SAMPLE, Built, dbt, env_for

from leadhub.config import load_target
from leadhub.database import query
from leadhub.dbt_runner import PRODUCTION_BUILD, dbt_executable
from leadhub.load.loader import BATCH_ROWS, Loader
from leadhub.load.warehouse import connect

MARTS = ("customers", "jobs", "lead_status", "booked_opportunities", "bad_leads", "lead_journey")


def _snapshot(built: Built) -> dict[str, list[tuple]]:
    return {mart: sorted(map(tuple, built.rows(built.relation(mart))[1]), key=repr) for mart in MARTS}


EXTRA_FILE = "extra-jobs_2024-12-31.csv"


def _load_one_more_job(built: Built, tmp: Path) -> None:
    """A new export with one more booked job of a new person: the next build's marts differ."""
    exports = tmp / "more"
    exports.mkdir()
    (exports / EXTRA_FILE).write_text(
        "Job ID,Opportunity Status,Job Date,Customer Name,Customer Email,Branch Name\r\n"
        "999999,Booked,2024-12-30,Zed Publish,zed.publish@example.com,TORONTO\r\n",
        encoding="utf-8",
    )
    warehouse = connect(built.target)
    try:
        report = Loader(warehouse).load([exports])
    finally:
        warehouse.close()
    assert not report.rejected, report


# Where `dbt build` is killed: the first line that matches, in the order a build reaches them.
KILL_POINTS = {
    "staging": lambda line: "START sql" in line and "_staging." in line,
    "intermediate": lambda line: "START sql" in line and "_intermediate." in line,
    "marts": lambda line: "START sql table model" in line and "_publishing.customers" in line,
}


def _killed_build(built: Built, point: str) -> list[str]:
    """`dbt build`, killed with SIGKILL at `point`; returns the lines it printed."""
    profiles = built.tmp / "profiles"
    profiles.mkdir(exist_ok=True)
    shutil.copy(ROOT / "profiles.yml.example", profiles / "profiles.yml")
    env = {
        **os.environ,
        **built.env,
        "DBT_PROFILES_DIR": str(profiles),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PYTHONUNBUFFERED": "1",  # each line as it happens, to kill at the right one
    }
    command = [
        dbt_executable(), *PRODUCTION_BUILD,
        "--target-path", str(built.tmp / "killed" / "target"), "--log-path", str(built.tmp / "killed" / "logs"),
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if KILL_POINTS[point](line):
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert KILL_POINTS[point](lines[-1]), f"the build never reached {point}: " + "".join(lines[-20:])
    return lines


def _orphans(built: Built) -> dict[str, int]:
    """Published foreign keys that point at nothing published, by key."""
    jobs, customers = built.relation("jobs"), built.relation("customers")
    lead_status, booked = built.relation("lead_status"), built.relation("booked_opportunities")
    keys = {
        "jobs.customer_id": (jobs, "customer_id", customers),
        "lead_status.customer_id": (lead_status, "customer_id", customers),
        "lead_status.booked_opportunity_id": (lead_status, "booked_opportunity_id", booked),
        "booked_opportunities.customer_id": (booked, "customer_id", customers),
    }
    counts = {}
    for name, (child, column, parent) in keys.items():
        counts[name] = built.rows(
            f"(select count(*) from {child} where {column} is not null "
            f"and {column} not in (select id from {parent})) as orphans"
        )[1][0][0]
    return {name: n for name, n in counts.items() if n}


def _unload(built: Built, source_file: str) -> None:
    """Take a loaded file back out of raw: its rows and its load_log row."""
    raw = built.env["LEADHUB_RAW_SCHEMA"]
    for table, column in (("jobs", "_source_file"), ("load_log", "source_file")):
        query(built.target, f"delete from {raw}.{table} where {column} = '{source_file}'", read_only=False)


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_a_build_killed_at_any_layer_leaves_the_published_marts_whole(
    warehouses: dict[str, Built], engine: str, tmp_path: Path
) -> None:
    """Killed in staging, in intermediate and in the marts, with new raw data that changes the
    marts: the published marts stay exactly those of the last build, foreign keys whole. With
    the new data taken back out, a rerun over what the killed builds left behind publishes
    exactly the marts of the clean build of the same raw data (the sample's)."""
    built = warehouses[engine]
    before = _snapshot(built)
    _load_one_more_job(built, tmp_path)
    for point in KILL_POINTS:
        lines = _killed_build(built, point)
        assert not any("  publish: " in line for line in lines), point
        assert _snapshot(built) == before, point
        assert _orphans(built) == {}, point
    _unload(built, EXTRA_FILE)
    rerun = dbt(PRODUCTION_BUILD, built.env, built.tmp)
    assert rerun.returncode == 0, rerun.stdout[-3000:]
    assert "  publish: " in rerun.stdout
    assert _snapshot(built) == before
    assert _orphans(built) == {}


def _raw_accounting(target) -> tuple[int, list[tuple]]:
    """Rows in raw.jobs, and the loads whose rows are not exactly what load_log says they loaded."""
    raw = target.raw_schema
    (count,) = query(target, f"select count(*) from {raw}.jobs").rows[0]
    mismatched = query(
        target,
        f"select coalesce(r._load_id, l.load_id), r.n, l.rows_loaded from "
        f"(select _load_id, count(*) as n from {raw}.jobs group by _load_id) as r full outer join "
        f"(select load_id, rows_loaded from {raw}.load_log where status = 'loaded' and module = 'jobs') as l "
        "on r._load_id = l.load_id where r.n is null or l.rows_loaded is null or r.n <> l.rows_loaded",
    ).rows
    return count, mismatched


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_a_load_killed_inside_a_file_leaves_no_part_of_it(
    engine: str, tmp_path: Path, pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`leadhub load` killed while it writes a file (one transaction per file): raw keeps none
    of that file's rows and no load_log row says it loaded; loading again loads it whole."""
    env = env_for(engine, tmp_path, pg_database)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    target = load_target(engine, ROOT / "profiles.yml.example")
    warehouse = connect(target)
    try:
        Loader(warehouse).load(sorted((SAMPLE / "exports").glob("*jobs.csv")))
    finally:
        warehouse.close()
    before = _raw_accounting(target)
    assert before[0] > 0 and before[1] == []
    exports = tmp_path / "big"
    exports.mkdir()
    rows = 2 * BATCH_ROWS + 1000  # more than one batch: the kill lands after a batch was written
    with (exports / "jobs_2025-12-31.csv").open("w", encoding="utf-8", newline="") as f:
        f.write("Job ID,Opportunity Status,Job Date,Customer Name,Customer Email,Branch Name\r\n")
        f.writelines(
            f"{900000 + i},Booked,2025-12-30,Person {i},p{i}@example.com,TORONTO\r\n" for i in range(rows)
        )
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "leadhub"), "load", str(exports), "--target", engine],
        cwd=ROOT, env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    assert process.stderr is not None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if " rows (" in line:  # a batch of the file is written, in its open transaction
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert " rows (" in lines[-1], "".join(lines)
    assert _raw_accounting(target) == before
    warehouse = connect(target)
    try:
        report = Loader(warehouse).load([exports])
    finally:
        warehouse.close()
    assert [f.status for f in report.files] == ["loaded"]
    count, mismatched = _raw_accounting(target)
    assert count == before[0] + rows and mismatched == []
