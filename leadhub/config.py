"""One place for configuration: the dbt profile.

The loader connects to exactly the warehouse dbt builds in.  We read the same
``profiles.yml`` dbt reads (``$DBT_PROFILES_DIR``, then the project folder, then
``~/.dbt``; the committed ``profiles.yml.example`` as a last resort), render its
``env_var()`` calls the way dbt does, and pick the target from ``--target``,
``$DBT_TARGET`` or the profile's default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

PROFILE_NAME = "leadhub"
# The company (tenant) of rows loaded without one: a single mover. Equal to dbt's var
# default_company (dbt_project.yml); its keys and ids are the unscoped ones.
DEFAULT_COMPANY = "default"
COMPANY_MAX_LENGTH = 100
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(Exception):
    """The profile is missing, malformed or names an unsupported target."""


@dataclass(frozen=True)
class Target:
    name: str
    type: str  # "duckdb" or "postgres"
    settings: dict[str, Any]
    raw_schema: str

    @property
    def duckdb_path(self) -> Path:
        path = Path(str(self.settings.get("path", "warehouse/leadhub.duckdb")))
        return path if path.is_absolute() else Path.cwd() / path

    @property
    def spark_parameters(self) -> dict[str, str]:
        """The Spark session's settings (the profile's server_side_parameters)."""
        return {str(k): str(v) for k, v in (self.settings.get("server_side_parameters") or {}).items()}

    def describe(self) -> str:
        if self.type == "duckdb":
            return f"duckdb file {self.duckdb_path}"
        if self.type == "spark":
            where = self.spark_parameters.get("spark.sql.warehouse.dir", "spark-warehouse")
            return f"spark ({self.settings.get('method')}), warehouse {where}"
        s = self.settings
        return f"postgres {s.get('user')}@{s.get('host')}:{s.get('port')}/{s.get('dbname')}"


def check_company(name: str) -> str:
    """A company (tenant) name as given, or a ConfigError saying what is wrong with it. It
    becomes part of keys written "<company>/<key>", so it holds no slash."""
    problem = None
    if not name or name != name.strip():
        problem = "is empty or starts or ends with a space"
    elif "/" in name or "\\" in name:
        problem = "contains a slash"
    elif not name.isprintable():
        problem = "contains a control character"
    elif len(name) > COMPANY_MAX_LENGTH:
        problem = f"is longer than {COMPANY_MAX_LENGTH} characters"
    if problem:
        raise ConfigError(f"company name {name!r} {problem}")
    return name


def _env_var(name: str, default: str | None = None) -> str:
    if name in os.environ:
        return os.environ[name]
    if default is None:
        raise ConfigError(f"profile needs environment variable {name}, which is not set")
    return default


def _as_number(value: str) -> int | float:
    text = str(value)
    return float(text) if "." in text else int(text)


def _as_bool(value: str) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def _render(node: Any, env: jinja2.Environment) -> Any:
    if isinstance(node, dict):
        return {k: _render(v, env) for k, v in node.items()}
    if isinstance(node, list):
        return [_render(v, env) for v in node]
    if isinstance(node, str) and "{{" in node:
        text = env.from_string(node).render()
        # Like dbt: values stay text unless the template asks for a number or a boolean.
        if "as_number" in node:
            return _as_number(text)
        if "as_bool" in node:
            return _as_bool(text)
        return text
    return node


def profiles_path() -> Path:
    candidates = []
    if os.environ.get("DBT_PROFILES_DIR"):
        candidates.append(Path(os.environ["DBT_PROFILES_DIR"]) / "profiles.yml")
    candidates += [
        Path.cwd() / "profiles.yml",
        PROJECT_ROOT / "profiles.yml",
        Path.home() / ".dbt" / "profiles.yml",
        PROJECT_ROOT / "profiles.yml.example",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ConfigError("no profiles.yml found (copy profiles.yml.example to profiles.yml)")


def load_target(target: str | None = None, path: Path | None = None) -> Target:
    """The warehouse target: the profile's output named ``target`` (or the default one)."""
    path = path or profiles_path()
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.globals["env_var"] = _env_var
    env.filters.update(as_number=_as_number, as_text=str, as_bool=_as_bool, as_native=lambda v: v)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    profile = doc.get(PROFILE_NAME)
    if not isinstance(profile, dict):
        raise ConfigError(f"{path}: no profile named {PROFILE_NAME!r}")
    profile = _render(profile, env)
    name = target or os.environ.get("DBT_TARGET") or profile.get("target")
    outputs = profile.get("outputs") or {}
    if name not in outputs:
        raise ConfigError(f"{path}: profile {PROFILE_NAME!r} has no target {name!r} (has {sorted(outputs)})")
    settings = dict(outputs[name])
    kind = settings.get("type")
    if kind not in {"duckdb", "postgres", "spark"}:
        raise ConfigError(
            f"{path}: target {name!r} has type {kind!r}; leadhub supports duckdb, postgres and spark"
        )

    raw_schema = os.environ.get("LEADHUB_RAW_SCHEMA", "raw")
    return Target(name=str(name), type=str(kind), settings=settings, raw_schema=raw_schema)
