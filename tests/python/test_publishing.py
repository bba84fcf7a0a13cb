"""Marts are published at once (macros/marts/publish.sql): a build killed before it publishes
leaves the published marts exactly as they were, with their foreign keys whole, although the
raw data changed; the next build publishes the new marts whole. On both engines."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from warehouse_builds import ROOT, Built, dbt

from leadhub.dbt_runner import dbt_executable
from leadhub.load.loader import Loader
from leadhub.load.warehouse import connect

MARTS = ("customers", "jobs", "lead_status", "booked_opportunities", "bad_leads", "lead_journey")


def _snapshot(built: Built) -> dict[str, list[tuple]]:
    return {mart: sorted(map(tuple, built.rows(built.relation(mart))[1]), key=repr) for mart in MARTS}


def _load_one_more_job(built: Built, tmp: Path) -> None:
    """A new export with one more booked job of a new person: the next build's marts differ."""
    exports = tmp / "more"
    exports.mkdir()
    (exports / "extra-jobs_2024-12-31.csv").write_text(
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


def _killed_during_the_marts(built: Built) -> list[str]:
    """`dbt build`, killed with SIGKILL while the marts are being built; returns the lines it
    printed."""
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
        dbt_executable(), "build",
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
        if "START sql table model" in line and "_publishing.customers" in line:
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    return lines


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_a_killed_build_leaves_the_published_marts_whole(
    warehouses: dict[str, Built], engine: str, tmp_path: Path
) -> None:
    built = warehouses[engine]
    before = _snapshot(built)
    _load_one_more_job(built, tmp_path)
    lines = _killed_during_the_marts(built)
    assert any("_publishing.customers" in line for line in lines), "".join(lines[-20:])
    assert not any("publish:" in line for line in lines)
    assert _snapshot(built) == before
    _, orphans = built.rows(
        f"(select job_id from {built.relation('jobs')} where customer_id is not null and customer_id not in "
        f"(select id from {built.relation('customers')})) as orphans"
    )
    assert orphans == []
    rerun = dbt(["build"], built.env, built.tmp)
    assert rerun.returncode == 0, rerun.stdout[-3000:]
    assert "publish: " in rerun.stdout
    after = _snapshot(built)
    assert len(after["jobs"]) == len(before["jobs"]) + 1  # the new job is published
    (customer_id,) = built.rows(
        f"(select customer_id from {built.relation('jobs')} where job_id = 999999) as j"
    )[1][0]
    assert customer_id is not None and customer_id in {row[0] for row in after["customers"]}
