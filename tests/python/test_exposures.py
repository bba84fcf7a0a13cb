"""The CLI's application exposures (models/_cli__exposures.yml) list exactly the models its
Python reads by name, so that `dbt ls --select +exposure:leadhub_build` tells the truth."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
READERS = {
    "leadhub/warehouse_summary.py": "leadhub_build",
    "leadhub/evaluate.py": "leadhub_evaluate",
    "leadhub/staging_report.py": "leadhub_bench",
    "leadhub/identity_peer.py": "leadhub_bench_identity",
    "leadhub/integrity.py": "leadhub_integrity",
    "leadhub/report/data.py": "leadhub_report",
}
MODELS = {p.stem for p in (ROOT / "models").rglob("*.sql")}
BASE = {m for m in MODELS if m.startswith("base_crm__")}


def _exposures() -> dict[str, dict]:
    doc = yaml.safe_load((ROOT / "models" / "_cli__exposures.yml").read_text(encoding="utf-8"))
    return {e["name"]: e for e in doc["exposures"]}


def _refs(exposure: dict) -> set[str]:
    return {m.group(1) for d in exposure["depends_on"] if (m := re.fullmatch(r"ref\('([a-z_0-9]+)'\)", d))}


def _read_by(text: str) -> set[str]:
    """Models a module names: `relation(target, "model")`, a mart of the latest build
    (`r.mart("model")`, the report), or a quoted staging or intermediate model name (a lookup
    table of models)."""
    called = set(re.findall(r"(?:relation\((?:r\.)?target, |\.mart\()[\"']([a-z_0-9]+)[\"']\)", text))
    quoted = {m for m in re.findall(r"[\"']((?:base|stg|int)_[a-z_0-9]+)[\"']", text) if m in MODELS}
    return called | quoted


@pytest.mark.parametrize(("module", "exposure"), READERS.items())
def test_an_exposure_lists_the_models_its_command_reads(module: str, exposure: str) -> None:
    text = (ROOT / module).read_text(encoding="utf-8")
    named = _read_by(text)
    # a base model per module, named in a loop (or through warehouse_summary's accounting
    # query): any of them may be read
    dynamic = BASE if re.search(r"[\"']base_crm__[\"'] \+|staging_accounting_sql\(", text) else set()
    declared = _refs(_exposures()[exposure])
    assert named <= declared, f"{module} reads {sorted(named - declared)}, not in exposure {exposure}"
    unread = declared - named - dynamic
    assert not unread, f"exposure {exposure} lists {sorted(unread)}, which {module} does not read"
    assert named, module


def test_every_application_exposure_is_checked() -> None:
    assert set(_exposures()) == set(READERS.values())
    assert all(e["type"] == "application" for e in _exposures().values())
