"""`make bench SCALE=1`: time the floor, load and dbt build on DuckDB and PostgreSQL (and
Spark: `make bench TARGET=spark`).

Prints one table, the targets side by side from the same run: the floor (the engine reading
the same files once, leadhub/bench_steps.py), `leadhub load`, the thread seconds of each dbt
layer, of publishing and of the tests within one `dbt build`, its wall seconds, and the total,
with rows/s, peak memory of each process and total / floor; the same as JSON in bench/. Then
staging's accounting, the resolved links scored against the generator's ground truth, and
identity beside Splink. The warehouse of each run is fresh: a new DuckDB file under bench/,
a dropped-and-recreated PostgreSQL database ``leadhub_bench``, a new Spark warehouse folder
under bench/ (a local session: each step's process starts its own JVM, as a user's would).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import click

from leadhub.bench_steps import Measured, measured, seconds_by_step
from leadhub.config import PROJECT_ROOT, load_target
from leadhub.database import fetch, postgres_connection
from leadhub.dbt_runner import PRODUCTION_BUILD, dbt_command
from leadhub.evaluate import ComparisonLoad, Score, evaluate, identity_comparison_load, score_table
from leadhub.generate.generator import generate
from leadhub.generate.settings import OTHER_SYSTEMS_HABITS, GeneratorSettings
from leadhub.identity_peer import identity_seconds, splink_on_records
from leadhub.staging_report import normalization_shares
from leadhub.warehouse_summary import staging_accounting

BENCH_DB = "leadhub_bench"


def _fresh_postgres() -> None:
    with postgres_connection(load_target("postgres"), autocommit=True) as conn:
        conn.execute(f"drop database if exists {BENCH_DB} with (force)")
        conn.execute(f"create database {BENCH_DB}")


STEPS = (
    "floor", "load", "dbt staging", "dbt intermediate", "dbt marts", "dbt hooks (publish)", "dbt tests",
    "dbt build", "total",
)  # fmt: skip
THREAD_STEPS = {"dbt staging", "dbt intermediate", "dbt marts", "dbt hooks (publish)", "dbt tests"}


@dataclass
class StepTime:
    seconds: float
    peak_rss_mb: float | None = None


def _checked(step: str, target: str, run: Measured) -> Measured:
    if run.returncode != 0:
        raise click.ClickException(
            f"{step} failed on {target} (exit {run.returncode}):\n{run.output[-3000:]}"
        )
    return run


def _bench_target(name: str, root: Path) -> tuple[dict[str, StepTime], int]:
    """floor, load and one `dbt build` on a fresh warehouse of the target, each its own process."""
    exports = root / "data" / "exports"
    python = sys.executable
    floor = _checked(
        "floor",
        name,
        measured([python, "-m", "leadhub.bench_steps", "floor", "--target", name, str(exports)]),
    )
    load = _checked(
        "load",
        name,
        measured([python, "-m", "leadhub.cli", "load", str(exports), "--target", name, "--quiet"]),
    )
    click.echo(f"{name}: floor {floor.seconds:.1f}s, load {load.seconds:.1f}s", err=True)
    artifacts = root / f"dbt-{name}"
    command, env = dbt_command(PRODUCTION_BUILD, name, artifacts=artifacts)  # as `leadhub build` runs it
    build = _checked("dbt build", name, measured(command, env))
    click.echo(f"{name}: dbt build {build.seconds:.1f}s", err=True)
    # read after the build: a local Spark session in this process would lock the metastore
    target = load_target(name)
    (warehouse_rows,) = fetch(
        target,
        f"select coalesce(sum(rows_in_file), 0) from {target.raw_schema}.load_log where status = 'loaded'",
    )[0]
    warehouse_rows = int(warehouse_rows)
    times = {
        "floor": StepTime(floor.seconds, floor.peak_rss_mb),
        "load": StepTime(load.seconds, load.peak_rss_mb),
        **{
            step: StepTime(seconds)
            for step, seconds in seconds_by_step(artifacts / "target" / "run_results.json").items()
        },
        "dbt build": StepTime(build.seconds, build.peak_rss_mb),
        "total": StepTime(load.seconds + build.seconds, max(load.peak_rss_mb, build.peak_rss_mb)),
    }
    shutil.copy(artifacts / "target" / "run_results.json", root / "run_results.json")
    return times, warehouse_rows


def _print_bench_table(times: dict[str, dict[str, StepTime]], rows: int, scale: float, seed: int) -> dict:
    """One table, the targets side by side; returns the same as data (bench.json)."""
    names = list(times)
    click.echo(f"\nleadhub bench, scale {scale:g} (seed {seed}), {rows:,} rows, {os.cpu_count()} cores")
    click.echo("  dbt layer and test rows: thread seconds of their nodes in the one `dbt build` (2 threads)")
    head = f"  {'step':<20}" + "".join(f" {n + ' s':>13} {'rows/s':>10} {'peak MB':>8}" for n in names)
    click.echo(head)
    data: dict = {"scale": scale, "seed": seed, "rows": rows, "cores": os.cpu_count(), "targets": {}}
    for step in STEPS:
        line = f"  {step:<20}"
        for name in names:
            t = times[name].get(step)
            data["targets"].setdefault(name, {})
            if t is None:
                line += f" {'-':>13} {'-':>10} {'-':>8}"
                continue
            rate = rows / t.seconds if t.seconds else 0.0
            rss = f"{t.peak_rss_mb:,.0f}" if t.peak_rss_mb is not None else "-"
            line += f" {t.seconds:>13.1f} {rate:>10,.0f} {rss:>8}"
            data["targets"][name][step] = {"seconds": round(t.seconds, 3), "rows_per_second": round(rate),
                                           "peak_rss_mb": round(t.peak_rss_mb) if t.peak_rss_mb else None}  # fmt: skip
        click.echo(line)
    line = f"  {'total / floor':<20}"
    for name in names:
        ratio = times[name]["total"].seconds / times[name]["floor"].seconds
        data["targets"][name]["total_over_floor"] = round(ratio, 2)
        line += f" {ratio:>12.1f}x {'':>10} {'':>8}"
    click.echo(line)
    return data


@click.command()
@click.option("--scale", type=float, default=1.0, show_default=True)
@click.option("--seed", type=int, default=42, show_default=True)
@click.option("--targets", default="duckdb,postgres", show_default=True)
@click.option(
    "--febrl/--no-febrl",
    default=True,
    show_default=True,
    help="Also score customer identity on FEBRL3 and FEBRL4 beside Splink (DuckDB).",
)
@click.option(
    "--habits/--no-habits",
    default=True,
    show_default=True,
    help="Generate with the habits of other systems' exports (settings.OTHER_SYSTEMS_HABITS).",
)
@click.option(
    "--splink/--no-splink",
    default=True,
    show_default=True,
    help="Also run Splink on the same records beside leadhub's identity (DuckDB).",
)
@click.option(
    "--reuse-data/--no-reuse-data",
    default=False,
    show_default=True,
    help="Keep the exports an earlier run generated at this scale (generating SCALE=10 takes ~17 min).",
)
def main(
    scale: float, seed: int, targets: str, febrl: bool, habits: bool, splink: bool, reuse_data: bool
) -> None:
    root = PROJECT_ROOT / "bench" / f"scale-{scale:g}"
    reuse = reuse_data and (root / "data" / "exports").is_dir() and (root / "data" / "truth").is_dir()
    if root.exists():
        for child in root.iterdir():
            if not (reuse and child.name == "data"):
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    root.mkdir(parents=True, exist_ok=True)

    if reuse:
        click.echo(f"reusing the exports in {root / 'data'} (--reuse-data)", err=True)
    else:
        t0 = time.perf_counter()
        settings = GeneratorSettings(scale=scale, seed=seed, **(OTHER_SYSTEMS_HABITS if habits else {}))
        summary = generate(settings, root / "data")
        click.echo(f"generated {summary.total_rows:,} rows in {time.perf_counter() - t0:.1f}s", err=True)

    identity_times: dict[str, float] = {}
    reports: list[tuple[str, list, list]] = []
    evaluations: list[tuple[str, list[Score], ComparisonLoad]] = []
    times: dict[str, dict[str, StepTime]] = {}
    rows = 0
    names = targets.split(",")
    for name in names:
        os.environ["DBT_TARGET"] = name
        if name == "duckdb":
            os.environ["LEADHUB_DUCKDB_PATH"] = str(root / "leadhub.duckdb")
        elif name == "spark":
            os.environ["LEADHUB_SPARK_WAREHOUSE"] = str(root / "spark-warehouse")
        else:
            os.environ.pop("LEADHUB_PG_DATABASE", None)
            _fresh_postgres()
            os.environ["LEADHUB_PG_DATABASE"] = BENCH_DB
        times[name], rows = _bench_target(name, root)
        identity_times[name] = identity_seconds(root / "run_results.json")
        target = load_target(name)
        reports.append((name, staging_accounting(target), normalization_shares(target)))
        evaluations.append(
            (name, evaluate(target, root / "data" / "truth"), identity_comparison_load(target))
        )

    data = _print_bench_table(times, rows, scale, seed)
    (root.parent / f"bench-scale-{scale:g}.json").write_text(
        json.dumps(data, indent=2) + "\n", encoding="utf-8"
    )
    click.echo(f"  (also in bench/bench-scale-{scale:g}.json)")
    for name, accounting, shares in reports:
        click.echo(f"\nstaging on {name}: raw rows = current + superseded + rejected")
        for module, raw, current, superseded, rejected in accounting:
            click.echo(f"  {module:<22} {raw:>9,} = {current:>9,} + {superseded:>8,} + {rejected:>6,}")
        click.echo(f"values normalized on {name} (present raw values -> typed values)")
        for kind, present, normalized in shares:
            share = normalized / present if present else 1.0
            click.echo(f"  {kind:<14} {present:>10,} {normalized:>10,} {share:>9.3%}")
    for name, scores, load in evaluations:
        _print_evaluation(name, scores, load)
    for other in names[1:]:
        _print_mart_comparison(names[0], other)
    if splink and "duckdb" in identity_times:
        _print_identity_beside_splink(evaluations, identity_times, root)
    if febrl:
        from leadhub.febrl import DATASETS, compare, comparison_table

        comparisons = []
        for dataset in DATASETS:
            comparisons.append(compare(dataset, root / "febrl"))
            click.echo(f"{dataset} built and scored beside splink", err=True)
        click.echo(
            "\ncustomer identity on data we did not make (FEBRL), pairwise; leadhub seconds = whole dbt build"
        )
        for line in comparison_table(comparisons):
            click.echo(f"  {line}")


def _print_mart_comparison(first: str, second: str) -> None:
    """The same exports built on two engines: their marts, row for row (leadhub compare)."""
    from leadhub.compare import compare_marts

    comparisons = compare_marts(load_target(first), load_target(second))
    equal = [c.mart for c in comparisons if c.equal]
    click.echo(f"\nmarts on {second} against {first}: {len(equal)} of {len(comparisons)} equal row for row")
    for c in comparisons:
        if not c.equal:
            click.echo(
                f"  {c.mart}: {len(c.only_in_first)} rows only on {first}, {len(c.only_in_second)} only on {second}"
            )


def _print_identity_beside_splink(
    evaluations: list[tuple[str, list[Score], ComparisonLoad]], identity_times: dict[str, float], root: Path
) -> None:
    """leadhub's identity models and Splink on the same records (DuckDB), timed and scored."""
    os.environ["DBT_TARGET"] = "duckdb"
    os.environ["LEADHUB_DUCKDB_PATH"] = str(root / "leadhub.duckdb")
    click.echo("customer identity beside Splink on the same records (splink running...)", err=True)
    try:
        peer = splink_on_records(load_target("duckdb"), root / "data" / "truth")
    except ValueError as exc:  # too few records for Splink's EM (an m probability of 0)
        click.echo(f"\ncustomer identity beside Splink: Splink could not train at this scale ({exc})")
        return
    click.echo("\ncustomer identity, records to customers, beside Splink 5 on the same records")
    click.echo(f"  {'method':<18} {'seconds':>8} {'precision':>9} {'recall':>8} {'f1':>7}")
    for name, scores, _ in evaluations:
        ours = next(s for s in scores if s.link == "customer_identity (pairs)")
        click.echo(
            f"  {'leadhub ' + name:<18} {identity_times[name]:>8.1f} {ours.precision:>9.4f} "
            f"{ours.recall:>8.4f} {ours.f1:>7.4f}"
        )
    score = peer.score
    click.echo(
        f"  {'splink duckdb':<18} {peer.seconds:>8.1f} {score.precision:>9.4f} {score.recall:>8.4f} {score.f1:>7.4f}"
    )


def _print_evaluation(name: str, scores: list[Score], load: ComparisonLoad) -> None:
    click.echo(f"\nresolution against ground truth on {name}")
    for line in score_table(scores):
        click.echo(f"  {line}")
    kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(load.by_kind.items()))
    click.echo(
        f"  identity comparisons: {load.pairs:,} candidate pairs of {load.profiles:,} profiles for "
        f"{load.records:,} records ({load.pairs_per_record:.2f} per record, at most "
        f"{load.max_pairs_of_one_profile} for one profile; {load.skipped_blocks} blocks skipped as hubs, "
        f"oversized or past the comparison budget); pairs per blocking rule: {kinds}"
    )


if __name__ == "__main__":
    main()
