"""`dbt build` over the loaded sample on both engines, and the accounting tests biting."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from leadhub.config import Target
from leadhub.load.loader import Loader
from leadhub.load.warehouse import connect

ROOT = Path(__file__).resolve().parents[2]


def _dbt(args: list[str], target: Target, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    profiles = tmp_path / "profiles"
    profiles.mkdir(exist_ok=True)
    shutil.copy(ROOT / "profiles.yml.example", profiles / "profiles.yml")
    env = dict(os.environ, DBT_PROFILES_DIR=str(profiles), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    dbt = str(Path(sys.executable).parent / "dbt")
    command = [
        dbt,
        *args,
        "--target",
        target.name,
        "--target-path",
        str(tmp_path / "target"),
        "--log-path",
        str(tmp_path / "logs"),
    ]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def test_dbt_build_passes_on_the_loaded_sample(
    target: Target, sample_dir: Path, tmp_path: Path, query
) -> None:
    wh = connect(target)
    Loader(wh).load([sample_dir / "exports"])
    wh.close()
    result = _dbt(["build"], target, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "ERROR=0" in result.stdout and "PASS=" in result.stdout

    # A raw row that disappears after loading breaks the accounting: dbt test must fail, naming it.
    query(
        target,
        "delete from {raw}.lead_status where _source_row = 1 and _source_file like 'lead-status_2022%'",
    )
    failed = _dbt(["test", "--select", "source:crm.lead_status"], target, tmp_path)
    assert failed.returncode != 0
    failing = [line for line in failed.stdout.splitlines() if "FAIL" in line and "matches_load_log" in line]
    assert failing, failed.stdout[-4000:]
