"""``leadhub generate``: the world, then every module's export files and their ground truth.

Output layout::

    OUT/exports/            the files, exactly as a person would download them
    OUT/truth/              never read by the loader
        settings.json       the settings used
        files.csv           every file: module, format, encoding, line ends, rows, malformed rows
        rows_<module>.csv   every written row: file, source_row, line, current?, malformed kind,
                            and the true person / quote / sales person / branch / lead source /
                            job / bad-lead->lead_status quote behind it
        persons.csv, sales_persons.csv, branches.csv, lead_sources.csv, quotes.csv
        sales_person_variants.csv, branch_variants.csv, lead_source_variants.csv

Modules are written by ``settings.workers`` processes; every module draws from its own
seeded random stream, so the bytes do not depend on scheduling.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import multiprocessing
import random
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from leadhub.contract import exported_at
from leadhub.generate import modules as builders
from leadhub.generate.files import FileMeta, write_csv, write_xlsx
from leadhub.generate.settings import GeneratorSettings
from leadhub.generate.world import World, build_world

Progress = Callable[[str], None]

XLSX_MODULES = {"sales_performance", "user_performance"}
QUARTERLY_PREFIX = {
    "booked_opportunities": "booked-opportunities",
    "lead_status": "lead-status",
    "lost_leads": "lost-leads",
    "bad_leads": "bad-leads",
}
# The contract columns whose name variants the truth lists, and the truth field of each;
# `name` names a sales person only in the performance reports (elsewhere it is a customer).
VARIANT_COLUMNS = {
    "sales_person": "sales_person_id",
    "sales_person_name": "sales_person_id",
    "branch_name": "branch_id",
    "referral_source": "lead_source_id",
    "provider": "lead_source_id",
}
PERFORMANCE_MODULES = ("sales_performance", "user_performance")
ROW_TRUTH_HEADER = [
    "source_file",
    "source_row",
    "source_line",
    "module",
    "is_current",
    "malformed",
    *builders.TRUTH_FIELDS,
]

_WORLD: World | None = None  # the world of this process (each worker builds its own)


@dataclass
class Summary:
    files: list[FileMeta] = field(default_factory=list)

    @property
    def file_count(self) -> int:
        return len(self.files)

    @property
    def total_rows(self) -> int:
        return sum(f.data_rows for f in self.files)

    @property
    def malformed_rows(self) -> int:
        return sum(f.malformed_rows for f in self.files)

    @property
    def rows_by_module(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            out[f.module] = out.get(f.module, 0) + f.data_rows
        return out


def _period_key(module: str, day: dt.date) -> tuple[int, int]:
    if module == "jobs" or module in XLSX_MODULES:
        return (day.year, 0)
    if module == "customers":
        return (0, 0)
    return (day.year, (day.month - 1) // 3 + 1)


def _file_name(module: str, key: tuple[int, int], world: World) -> str:
    year, quarter = key
    end = world.end.isoformat()
    if module == "jobs":
        return f"{year}.xlsx - jobs.csv"
    if module == "sales_performance":
        return f"sales-person-performance_{year}.xlsx"
    if module == "user_performance":
        return f"ringcentral-users_{end}.xlsx"
    if module == "customers":
        return f"customers_{end}.csv"
    first = dt.date(year, 3 * quarter - 2, 1)
    last = (dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)) - dt.timedelta(days=1)
    return f"{QUARTERLY_PREFIX[module]}_{first.isoformat()}_{last.isoformat()}.csv"


def _plan(module: str, world: World) -> dict[tuple[int, int], list[tuple[builders.Row, tuple, bool]]]:
    """Rows per file; a row in an overlap is written to its own period's file (as it looked
    then) and again to the next one (current)."""
    rng = random.Random(f"{world.settings.seed}:{module}:overlap")
    plan: dict[tuple[int, int], list[tuple[builders.Row, tuple, bool]]] = {}
    rows = list(builders.BUILDERS[module](world))
    keys = sorted({_period_key(module, r.period) for r in rows})
    following = {k: keys[i + 1] for i, k in enumerate(keys[:-1])}
    overlaps = module not in XLSX_MODULES and module != "customers"
    for r in rows:
        key = _period_key(module, r.period)
        nxt = following.get(key)
        if overlaps and nxt is not None and rng.random() < world.settings.overlap_rate:
            plan.setdefault(key, []).append((r.stale or r.values, r.truth, False))
            plan.setdefault(nxt, []).append((r.values, r.truth, True))
        else:
            plan.setdefault(key, []).append((r.values, r.truth, True))
    return plan


def _init_worker(settings: GeneratorSettings) -> None:
    global _WORLD
    _WORLD = build_world(settings)


def _write_module(module: str, out: Path) -> tuple[list[FileMeta], Variants]:
    world = _WORLD
    assert world is not None
    columns = builders.columns(module, world)
    names = [name for name, _ in columns]
    header = [h for _, h in columns]
    variant_columns = _variant_columns(module, names)
    variants: Variants = {}
    truth_index = {name: i for i, name in enumerate(builders.TRUTH_FIELDS)}
    rng = random.Random(f"{world.settings.seed}:{module}:files")
    metas: list[FileMeta] = []
    exports = out / "exports"
    with (out / "truth" / f"rows_{module}.csv").open("w", newline="", encoding="utf-8") as fh:
        truth = csv.writer(fh)
        truth.writerow(ROW_TRUTH_HEADER)
        for key, entries in sorted(_plan(module, world).items()):
            name = _file_name(module, key, world)
            values = [[row[n] for n in names] for row, _, _ in entries]
            if module in XLSX_MODULES:
                placed, meta = write_xlsx(exports / name, header, values, rng)
            else:
                placed, meta = write_csv(exports / name, header, values, rng, world.settings)
            meta.module = module
            meta.exported_at = exported_at(exports / name)[0].isoformat(sep=" ")
            metas.append(meta)
            cp1252 = meta.encoding == "windows-1252"
            for p, (vals, t, current) in zip(placed, entries, strict=True):
                truth.writerow([name, p.source_row, p.source_line, module, int(current), p.malformed, *t])
                if p.malformed:
                    continue
                for column, kind in variant_columns.items():
                    value, entity = vals[column], t[truth_index[kind]]
                    if value and entity != "":
                        if cp1252:
                            value = value.encode("cp1252", "replace").decode("cp1252")
                        variants.setdefault(kind, {}).setdefault((value, module), set()).add(str(entity))
    return metas, variants


def _write_module_star(args: tuple[str, Path]) -> tuple[list[FileMeta], Variants]:
    return _write_module(*args)


def _write_reference_truth(world: World, truth: Path) -> None:
    def dump(name: str, header: list[str], rows) -> None:
        with (truth / name).open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)

    dump(
        "persons.csv",
        [
            "person_id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "alt_email",
            "alt_phone",
            "branch_id",
            "street",
            "city",
            "state",
            "zip",
        ],
        (
            [
                p.id,
                p.first,
                p.last,
                p.email,
                p.phone,
                p.alt_email or "",
                p.alt_phone or "",
                p.branch,
                p.street,
                p.city,
                p.state,
                p.zip,
            ]
            for p in world.persons
        ),
    )
    dump(
        "sales_persons.csv",
        [
            "sales_person_id",
            "name",
            "first_name",
            "last_name",
            "nickname",
            "language_tag",
            "in_crm",
            "display_names",
        ],
        (
            [
                p.id,
                p.canonical,
                p.first,
                p.last,
                p.nickname or "",
                p.tag or "",
                int(p.in_crm),
                json.dumps(p.names, ensure_ascii=False),
            ]
            for p in world.sales
        ),
    )
    dump(
        "branches.csv",
        ["branch_id", "name", "normalized_name", "state", "status", "is_test"],
        ([b.id, b.name, b.normalized, b.state, b.status, int(b.is_test)] for b in world.branches),
    )
    dump(
        "lead_sources.csv",
        ["lead_source_id", "name", "category"],
        ([s.id, s.name, s.category] for s in world.sources),
    )
    dump(
        "quotes.csv",
        [
            "quote_number",
            "person_id",
            "branch_id",
            "sales_person_id",
            "lead_source_id",
            "outcome",
            "received_at",
            "booked_date",
            "lost_date",
            "job_ids",
        ],
        (
            [
                q.number,
                q.person,
                q.branch,
                q.sales,
                q.source,
                q.outcome,
                q.received.isoformat(sep=" "),
                q.booked_date or "",
                q.lost_date or "",
                " ".join(str(j.id) for j in q.jobs),
            ]
            for q in world.quotes
        ),
    )


Variants = dict[str, dict[tuple[str, str], set[str]]]


def _variant_columns(module: str, names: list[str]) -> dict[str, str]:
    """Column -> truth field, for the module's columns whose name variants the truth lists."""
    out = {n: VARIANT_COLUMNS[n] for n in names if n in VARIANT_COLUMNS}
    if module in PERFORMANCE_MODULES and "name" in names:
        out["name"] = "sales_person_id"
    return out


def _write_variant_truth(variants: Variants, truth: Path) -> None:
    """Every distinct name variant as written (after encoding), with the entity behind it."""
    for kind, file_name in (
        ("sales_person_id", "sales_person_variants.csv"),
        ("branch_id", "branch_variants.csv"),
        ("lead_source_id", "lead_source_variants.csv"),
    ):
        with (truth / file_name).open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["variant", "module", kind, "ambiguous"])
            for (value, module), ids in sorted(variants.get(kind, {}).items()):
                w.writerow([value, module, sorted(ids)[0], int(len(ids) > 1)])


def generate(settings: GeneratorSettings, out: Path, progress: Progress | None = None) -> Summary:
    global _WORLD
    say = progress or (lambda _m: None)
    exports, truth = out / "exports", out / "truth"
    for folder in (exports, truth):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    say(f"building the world (scale {settings.scale}, seed {settings.seed})")
    _WORLD = world = build_world(settings)
    say(f"  {len(world.persons):,} persons, {len(world.quotes):,} quotes, {len(world.bad_leads):,} bad leads")
    names = [
        "bad_leads",
        "lead_status",
        "jobs",
        "lost_leads",
        "booked_opportunities",
        "sales_performance",
        "user_performance",
    ]
    if settings.include_customers:
        names.append("customers")
    summary = Summary()
    variants: Variants = {}
    tasks = [(name, out) for name in names]

    def collect(name: str, result: tuple[list[FileMeta], Variants]) -> None:
        metas, found = result
        summary.files.extend(metas)
        for kind, by_value in found.items():
            for key, ids in by_value.items():
                variants.setdefault(kind, {}).setdefault(key, set()).update(ids)
        say(f"  {name}: {sum(m.data_rows for m in metas):,} rows in {len(metas)} files")

    if settings.workers > 1:
        # forkserver, not fork: the caller may run threads (DuckDB, OpenMP), and a forked copy
        # of a threaded process can crash. Each worker builds the same seeded world itself.
        context = multiprocessing.get_context("forkserver")
        with context.Pool(settings.workers, initializer=_init_worker, initargs=(settings,)) as pool:
            for name, result in zip(names, pool.imap(_write_module_star, tasks), strict=True):
                collect(name, result)
    else:
        for name, task in zip(names, tasks, strict=True):
            collect(name, _write_module_star(task))
    say("writing reference truth")
    _write_reference_truth(world, truth)
    _write_variant_truth(variants, truth)
    with (truth / "files.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        fields = list(asdict(summary.files[0]))
        w.writerow(fields)
        for meta in sorted(summary.files, key=lambda m: m.name):
            w.writerow([getattr(meta, f) for f in fields])
    (truth / "settings.json").write_text(settings.as_json() + "\n", encoding="utf-8")
    _WORLD = None
    return summary
