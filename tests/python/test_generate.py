"""The generator: deterministic, follows the contract, and as messy as the contract says."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from leadhub.contract import MODULES, module_for_file
from leadhub.generate import vocab
from leadhub.generate.generator import generate
from leadhub.generate.settings import GeneratorSettings
from leadhub.load.reader import QuarantinedRow, RawRow, each_record, read_file


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _truth_rows(out: Path, module: str) -> list[dict[str, str]]:
    with (out / "truth" / f"rows_{module}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _rows(out: Path, module: str) -> list[RawRow]:
    """Readable rows of a module, via the loader's reader."""
    mod = next(m for m in MODULES if m.name == module)
    rows = []
    for path in sorted((out / "exports").iterdir()):
        if module_for_file(path).name == module:
            _, records = read_file(path, mod)
            rows += [r for r in each_record(records) if isinstance(r, RawRow)]
    return rows


def _column(out: Path, module: str, column: str) -> list[str | None]:
    mod = next(m for m in MODULES if m.name == module)
    i = mod.column_names.index(column)
    return [r.values[i] for r in _rows(out, module)]


def test_same_seed_same_bytes_whatever_the_worker_count(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    generate(GeneratorSettings(scale=0.003, seed=11, workers=2), a)
    generate(GeneratorSettings(scale=0.003, seed=11, workers=1), b)
    da, db = _digest(a), _digest(b)
    da.pop("truth/settings.json")
    db.pop("truth/settings.json")
    assert da == db


def test_another_seed_other_data(tmp_path: Path) -> None:
    generate(GeneratorSettings(scale=0.003, seed=1), tmp_path / "a")
    generate(GeneratorSettings(scale=0.003, seed=2), tmp_path / "b")
    assert _digest(tmp_path / "a/exports") != _digest(tmp_path / "b/exports")


def test_every_module_and_every_header_is_written(small_generated: Path) -> None:
    files = list((small_generated / "exports").iterdir())
    by_module = Counter(module_for_file(p).name for p in files)
    assert set(by_module) == {m.name for m in MODULES}
    for module in MODULES:
        path = next(p for p in files if module_for_file(p).name == module.name)
        info, _ = read_file(path, module)
        assert not info.missing_optional, f"{path.name} lacks {info.missing_optional}"
    assert {p.suffix for p in files} == {".csv", ".xlsx"}


def test_truth_accounts_for_every_row_written(small_generated: Path) -> None:
    with (small_generated / "truth/files.csv").open(encoding="utf-8", newline="") as fh:
        files = {f["name"]: f for f in csv.DictReader(fh)}
    for module in MODULES:
        per_file = Counter(t["source_file"] for t in _truth_rows(small_generated, module.name))
        for name, count in per_file.items():
            assert int(files[name]["data_rows"]) == count
    for name, meta in files.items():
        _, records = read_file(small_generated / "exports" / name, module_for_file(name))
        records = each_record(records)
        assert len(records) == int(meta["data_rows"]), name
        assert sum(isinstance(r, QuarantinedRow) for r in records) == int(meta["malformed_rows"]), name


def test_scale_follows_the_contract_row_counts(small_generated: Path) -> None:
    with (small_generated / "truth/files.csv").open(encoding="utf-8", newline="") as fh:
        rows = Counter()
        for f in csv.DictReader(fh):
            rows[f["module"]] += int(f["data_rows"])
    expected = {
        "lead_status": 277_176,
        "bad_leads": 293_228,
        "lost_leads": 129_347,
        "jobs": 181_618,
        "booked_opportunities": 56_570,
    }
    for module, real in expected.items():
        assert rows[module] == pytest.approx(real * 0.004, rel=0.15), module


def test_files_vary_in_encoding_and_line_ends(sample_dir: Path) -> None:
    with (sample_dir / "truth/files.csv").open(encoding="utf-8", newline="") as fh:
        files = list(csv.DictReader(fh))
    assert {f["encoding"] for f in files} >= {"utf-8", "utf-8-bom", "windows-1252", "xlsx"}
    assert {f["line_ending"] for f in files} >= {"crlf", "lf"}
    assert sum(int(f["malformed_rows"]) for f in files) > 0


def test_exports_overlap_and_later_exports_change_status(sample_dir: Path) -> None:
    truth = _truth_rows(sample_dir, "lead_status")
    files_per_quote = Counter(t["entity_key"] for t in truth)
    repeated = [q for q, n in files_per_quote.items() if n > 1]
    assert 0.04 < len(repeated) / len(files_per_quote) < 0.15
    assert any(t["is_current"] == "0" for t in truth)


def test_messy_value_formats_are_present(sample_dir: Path) -> None:
    names = [v for v in _column(sample_dir, "lead_status", "customer_name") if v]
    assert any(re.match(r"^[A-ZÀ-Ý' ]+, \w", n) for n in names), "LAST, First"
    assert any("  " in n or n != n.strip() for n in names), "extra spaces"
    emails = _column(sample_dir, "lead_status", "email")
    assert any(
        e and e.strip().lower() in {"none@none.com", "noemail@noemail.com", "na@na.com"} for e in emails
    )
    assert any(e and e != e.lower() for e in emails)
    phones = _column(sample_dir, "jobs", "customer_phone")
    assert any(p and p.startswith("(") for p in phones) and any(p and p.startswith("+1") for p in phones)
    assert any(p and re.fullmatch(r"\d{10}", p) for p in phones)
    quotes = _column(sample_dir, "lead_status", "quote_number")
    assert any(q.startswith("#") for q in quotes) and any(q != q.strip() for q in quotes)
    branches = set(_column(sample_dir, "lead_status", "branch_name"))
    assert any("(On Hold)" in b or "(ON HOLD)" in b for b in branches)
    assert {"MONTRÉAL", "MONTREAL"} <= branches or {"MONTRÈAL", "MONTREAL"} <= branches
    assert any(b in {"Xxx", "X Test Location"} for b in branches)
    assert any(ord(ch) > 0x2000 for b in branches for ch in b), "emoji"
    moves = _column(sample_dir, "lead_status", "move_date")
    assert "TBD" in moves and "" in moves
    money = _column(sample_dir, "jobs", "total_estimated_cost")
    assert any(m.startswith("$") and "," in m for m in money) and any(
        re.fullmatch(r"\d+(\.\d+)?", m) for m in money
    )
    contact = _column(sample_dir, "lead_status", "time_to_contact")
    assert any("min" in c.lower() for c in contact) and any("hour" in c.lower() for c in contact)


def test_missing_values_at_the_contract_rates(sample_dir: Path) -> None:
    emails = _column(sample_dir, "bad_leads", "customer_email")
    moves = _column(sample_dir, "bad_leads", "move_date")
    assert sum(1 for e in emails if not e) / len(emails) == pytest.approx(0.31, abs=0.04)
    assert sum(1 for m in moves if m in ("", "TBD")) / len(moves) == pytest.approx(0.22, abs=0.04)


def test_sales_person_names_vary_by_module(sample_dir: Path) -> None:
    with (sample_dir / "truth/sales_person_variants.csv").open(encoding="utf-8", newline="") as fh:
        variants = list(csv.DictReader(fh))
    per_person = Counter(v["sales_person_id"] for v in variants)
    assert max(per_person.values()) >= 5
    texts = [v["variant"] for v in variants]
    assert any(re.fullmatch(r"[A-Z][a-zé]+", t) for t in texts), "first name only"
    assert any(re.fullmatch(r"[A-Z][a-z]+ [A-Z]", t) for t in texts), "first name + initial"
    assert any("(" in t and ")" in t for t in texts), "language tag"
    assert any(t.endswith((" $", " *")) for t in texts), "stray symbol"


def test_phone_system_lists_people_the_crm_lacks(sample_dir: Path) -> None:
    truth = _truth_rows(sample_dir, "user_performance")
    assert sum(1 for t in truth if not t["sales_person_id"]) >= 5


def test_bad_leads_mostly_belong_to_a_lead(sample_dir: Path) -> None:
    truth = _truth_rows(sample_dir, "bad_leads")
    linked = sum(1 for t in truth if t["lead_status_quote"])
    assert 0.7 < linked / len(truth) < 0.9


def test_settings_can_be_overridden() -> None:
    s = GeneratorSettings.from_overrides(
        0.1, 3, ["overlap_rate=0.2", "lead_status_contacts=false", 'email_missing={"bad_leads": 0.5}']
    )
    assert s.overlap_rate == 0.2 and s.lead_status_contacts is False
    assert s.email_missing["bad_leads"] == 0.5 and s.email_missing["jobs"] == 0.04
    with pytest.raises(ValueError, match="unknown generator setting"):
        GeneratorSettings.from_overrides(0.1, 3, ["nope=1"])


def test_list_settings_needs_no_output_folder_and_generating_does() -> None:
    from click.testing import CliRunner

    from leadhub.cli import main

    listed = CliRunner().invoke(main, ["generate", "--list-settings"])
    assert listed.exit_code == 0 and "overlap_rate = 0.08" in listed.output
    missing = CliRunner().invoke(main, ["generate"])
    assert missing.exit_code == 2 and "--out" in missing.output


def test_degraded_exports_leave_out_exactly_the_contact_columns(tmp_path: Path) -> None:
    """Rows are built by column name: leaving the contact columns out of a file keeps every
    other value under its own header."""
    from leadhub.generate.vocab import SERVICE_TYPES

    settings = GeneratorSettings(scale=0.002, seed=3, jobs_contacts=False, lead_status_contacts=False)
    generate(settings, tmp_path)
    dropped = {"jobs": ["customer_name", "customer_email", "customer_phone"],
               "lead_status": ["customer_name", "email", "phone"]}  # fmt: skip
    for module, columns in dropped.items():
        for column in columns:
            assert set(_column(tmp_path, module, column)) == {None}, (module, column)
    assert set(_column(tmp_path, "lead_status", "service_type")) <= set(SERVICE_TYPES)
    created = _column(tmp_path, "jobs", "created_at_utc")
    assert created and all(re.match(r"\d{4}-\d{2}-\d{2}", v or "") for v in created)
    assert set(_column(tmp_path, "jobs", "origin_type")) <= {"House", "Apartment", "Condo", "Townhouse"}


def test_habits_of_exports_from_elsewhere_appear_when_switched_on(tmp_path: Path, sample_dir: Path) -> None:
    """Reversed names without a comma, first-name and address typos, branch punctuation: off
    in the sample, present when their rates are set."""
    settings = GeneratorSettings(
        scale=0.002, seed=5, name_reorder_rate=0.0, name_case_rate=0.0, name_reversed_rate=1.0,
        first_name_typo_rate=1.0, address_typo_rate=1.0, branch_punctuation_rate=1.0,
    )  # fmt: skip
    generate(settings, tmp_path)
    with (tmp_path / "truth" / "persons.csv").open(encoding="utf-8", newline="") as fh:
        persons = {p["person_id"]: p for p in csv.DictReader(fh)}
    truth = _truth_rows(tmp_path, "jobs")
    names = _column(tmp_path, "jobs", "customer_name")
    streets = _column(tmp_path, "jobs", "origin_street")
    readable = [t for t in truth if not t["malformed"]]
    assert len(readable) == len(names) > 50
    reversed_names = typo_streets = 0
    for t, name, street in zip(readable, names, streets, strict=True):
        p = persons[t["person_id"]]
        words = (name or "").split()
        reversed_names += bool(words) and words[0] == p["last_name"].split()[0]
        typo_streets += bool(street) and street != p["street"] and street.split()[0] == p["street"].split()[0]
    assert reversed_names > 0.8 * len(names)
    assert typo_streets > 0.5 * len(streets)
    with (tmp_path / "truth" / "branch_variants.csv").open(encoding="utf-8", newline="") as fh:
        variants = {v["variant"] for v in csv.DictReader(fh)}
    assert {"WATERLOO / KITCHENER", "ST CATHARINES"} <= {v.strip().upper() for v in variants}
    assert not any(v.strip() == "WATERLOO / KITCHENER" for v in _column(sample_dir, "jobs", "branch_name"))


def test_unknown_providers_and_short_sales_names_appear_when_switched_on(tmp_path: Path) -> None:
    """Lead-gen networks no rule names (category partner in the truth), and sales persons the
    CRM knows only as "Fatima" / "Fatima N" while the sales-performance report says "Fatima
    Nasser"."""
    settings = GeneratorSettings(
        scale=0.003, seed=5, unknown_provider_rate=0.5, sales_full_name_only_rate=1.0, sales_variant_rate=0.0,
    )  # fmt: skip
    generate(settings, tmp_path)
    with (tmp_path / "truth" / "lead_sources.csv").open(encoding="utf-8", newline="") as fh:
        categories = {s["name"]: s["category"] for s in csv.DictReader(fh)}
    providers = _column(tmp_path, "bad_leads", "provider")
    unknown = [p for p in providers if (p or "").strip() in categories and categories[p.strip()] == "partner"
               and p.strip() in vocab.UNKNOWN_PROVIDERS]  # fmt: skip
    assert len(unknown) > 0.3 * len(providers)
    with (tmp_path / "truth" / "sales_persons.csv").open(encoding="utf-8", newline="") as fh:
        full_names = {s["name"] for s in csv.DictReader(fh) if s["in_crm"] == "1"}
    crm_names = {(n or "").strip() for n in _column(tmp_path, "jobs", "sales_person_name")}
    crm_names |= {(n or "").strip() for n in _column(tmp_path, "lost_leads", "sales_person")}
    assert crm_names and not crm_names & full_names
    report_names = {(n or "").strip() for n in _column(tmp_path, "sales_performance", "name")}
    assert report_names & full_names
