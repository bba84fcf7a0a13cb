"""MetricFlow (`mf`) on any target of the profile: `leadhub metrics [--target T] ARGS...`.

`mf` has no --target. It reads target/semantic_manifest.json of the folder it runs in, and
that manifest names the relations (database, schema) of the warehouse it was parsed for. So
each target gets a folder of its own, target/metricflow/<target>/, holding the project's
dbt_project.yml (linked), the profile, and a manifest that `dbt parse` writes again whenever
the target's settings or the project's files changed since it was written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from leadhub.config import PROJECT_ROOT, ConfigError, Target, profiles_path
from leadhub.dbt_runner import run_dbt

# what a parse depends on besides the profile
PROJECT_SOURCES = ("dbt_project.yml", "models", "macros", "seeds", "snapshots", "tests", "analyses")
STAMP = "leadhub_target.json"


class SemanticLayerError(Exception):
    """The semantic manifest could not be made for the target."""


@dataclass(frozen=True)
class MetricFlowRun:
    command: list[str]
    returncode: int
    stdout: str


def mf_executable() -> str:
    beside = Path(sys.executable).parent / "mf"
    return str(beside) if beside.exists() else "mf"


def _stamp(target: Target) -> str:
    """What the manifest depends on besides the project: the target and where it points."""
    settings = {k: v for k, v in target.settings.items() if k != "password"}
    return json.dumps(
        {"target": target.name, "settings": settings, "raw_schema": target.raw_schema},
        sort_keys=True,
        default=str,
    )


def _newest_source() -> float:
    newest = 0.0
    for name in PROJECT_SOURCES:
        path = PROJECT_ROOT / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for file in files:
            newest = max(newest, file.stat().st_mtime)
    return newest


def semantic_folder(target: Target, base: Path | None = None) -> Path:
    return (base or PROJECT_ROOT / "target" / "metricflow") / target.name


def prepare(target: Target, env: Mapping[str, str] | None = None, base: Path | None = None) -> Path:
    """The target's folder with a current semantic manifest (parsing only when needed)."""
    folder = semantic_folder(target, base)
    manifest = folder / "target" / "semantic_manifest.json"
    (folder / "target").mkdir(parents=True, exist_ok=True)
    link = folder / "dbt_project.yml"
    if not link.exists():
        link.symlink_to(PROJECT_ROOT / "dbt_project.yml")
    profile = (
        Path(env["DBT_PROFILES_DIR"]) / "profiles.yml"
        if env and env.get("DBT_PROFILES_DIR")
        else profiles_path()
    )
    shutil.copyfile(profile, folder / "profiles.yml")
    stamp = folder / STAMP
    fresh = (
        manifest.exists()
        and stamp.exists()
        and stamp.read_text(encoding="utf-8") == _stamp(target)
        and manifest.stat().st_mtime >= _newest_source()
    )
    if not fresh:
        parsed = run_dbt(
            ["parse", "--quiet"],
            target.name,
            env={**(env or {}), "DBT_PROFILES_DIR": str(folder)},
            artifacts=folder,
            capture=True,
        )
        if not parsed.ok or not manifest.exists():
            raise SemanticLayerError(f"dbt parse for target {target.name} failed:\n{parsed.stdout[-3000:]}")
        stamp.write_text(_stamp(target), encoding="utf-8")
    return folder


def run_mf(
    target: Target,
    args: list[str],
    env: Mapping[str, str] | None = None,
    base: Path | None = None,
    capture: bool = False,
) -> MetricFlowRun:
    """`mf ARGS` on the target (its manifest prepared first)."""
    try:
        folder = prepare(target, env, base)
    except ConfigError as exc:
        raise SemanticLayerError(str(exc)) from exc
    command = [mf_executable(), *args]
    full_env = {
        **os.environ,
        **(env or {}),
        "DBT_TARGET": target.name,
        "DBT_PROFILES_DIR": str(folder),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    result = subprocess.run(
        command,
        cwd=folder,
        env=full_env,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        text=True,
        check=False,
    )
    return MetricFlowRun(command, result.returncode, result.stdout or "")
