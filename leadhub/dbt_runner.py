"""The one place leadhub runs dbt: `leadhub build`, the bench and the tests call run_dbt.

dbt runs in the project folder with the profile leadhub itself reads (config.profiles_path,
or DBT_PROFILES_DIR from the given environment), without anonymous usage statistics, either
streaming its output (a person watches) or capturing it (the caller reports it).

It runs as a child process, except on a Spark target reached through a local session
(method: session): Spark's metastore (embedded Derby) admits one JVM at a time, and the
loader, the summary and the report already hold the session of this process. There dbt runs
in this process (dbtRunner) and dbt-spark joins that session.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from leadhub.config import PROJECT_ROOT, ConfigError, load_target, profiles_path

# What `leadhub build` runs: every model, seed, snapshot and data test. Unit tests check the
# models' logic, not the data: dbt advises running them in development and CI (make test
# does), not in every production build, where they cost a second each. Data tests tagged
# `logic` are the same kind (they check macros on made-up values, not the exports).
PRODUCTION_BUILD = ["build", "--exclude-resource-type", "unit_test", "--exclude", "tag:logic"]


@dataclass(frozen=True)
class DbtRun:
    command: list[str]
    returncode: int
    stdout: str  # "" when the output was streamed
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def dbt_executable() -> str:
    """dbt of this Python environment, else the one on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else "dbt"


def _profiles_dir(env: Mapping[str, str]) -> str:
    if env.get("DBT_PROFILES_DIR"):
        return env["DBT_PROFILES_DIR"]
    profile = profiles_path()
    if profile.name != "profiles.yml":  # only the example exists: dbt needs a real profiles.yml
        raise ConfigError("no profiles.yml: copy profiles.yml.example to profiles.yml (make does it)")
    return str(profile.parent)


def dbt_command(
    args: list[str],
    target: str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    artifacts: Path | None = None,
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of `dbt <args> [--target target]` (see run_dbt)."""
    full_env = {**os.environ, **(env or {})}
    full_env["DBT_PROFILES_DIR"] = _profiles_dir(full_env)
    full_env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    command = [dbt_executable(), *args]
    if target:
        command += ["--target", target]
    if artifacts is not None:
        command += ["--target-path", str(artifacts / "target"), "--log-path", str(artifacts / "logs")]
    return command, full_env


def run_dbt(
    args: list[str],
    target: str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    artifacts: Path | None = None,
    capture: bool = False,
    timeout: float | None = None,
) -> DbtRun:
    """`dbt <args> [--target target]` in the project folder.

    env: variables on top of this process's environment (the profile's env_vars).
    artifacts: a folder for dbt's target/ and logs/ (default: the project's own).
    capture: keep stdout and stderr in the result instead of streaming them.
    """
    command, full_env = dbt_command(args, target, env=env, artifacts=artifacts)
    if _uses_local_spark(target, full_env):
        return _run_in_process(command, full_env, capture)
    t0 = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env=full_env,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        text=True,
        timeout=timeout,
        check=False,
    )
    return DbtRun(command, result.returncode, result.stdout or "", time.perf_counter() - t0)


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    """This process's environment replaced by `env` for a while."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _uses_local_spark(target: str | None, env: Mapping[str, str]) -> bool:
    """The target is Spark through a local session (see the module's docstring)."""
    with _environment(env):
        try:
            resolved = load_target(target, Path(env["DBT_PROFILES_DIR"]) / "profiles.yml")
        except ConfigError:
            return False  # dbt itself reports a profile it cannot read
    return resolved.type == "spark" and resolved.settings.get("method") == "session"


def _run_in_process(command: list[str], env: Mapping[str, str], capture: bool) -> DbtRun:
    from dbt.cli.main import dbtRunner

    output = io.StringIO()
    t0 = time.perf_counter()
    cwd = Path.cwd()
    with _environment(env), contextlib.redirect_stdout(output if capture else sys.stdout):
        os.chdir(PROJECT_ROOT)
        try:
            result = dbtRunner().invoke(command[1:])
        finally:
            os.chdir(cwd)
    returncode = 0 if result.success else (2 if result.exception is not None else 1)
    return DbtRun(command, returncode, output.getvalue(), time.perf_counter() - t0)
