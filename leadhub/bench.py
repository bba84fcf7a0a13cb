"""`make bench SCALE=1`: time generate, load and dbt build on DuckDB and PostgreSQL.

Prints seconds and rows/s per step (dbt per layer), then the resolved links scored against
the generator's ground truth and the identity comparison load. The warehouse of each run is fresh: a new DuckDB file
under bench/, and a dropped-and-recreated PostgreSQL database ``leadhub_bench``.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import click

from leadhub.config import PROJECT_ROOT, load_target
from leadhub.database import postgres_connection
from leadhub.dbt_runner import run_dbt
from leadhub.evaluate import ComparisonLoad, Score, evaluate, identity_comparison_load, score_table
from leadhub.generate.generator import generate
from leadhub.generate.settings import OTHER_SYSTEMS_HABITS, GeneratorSettings
from leadhub.identity_peer import identity_seconds, splink_on_records
from leadhub.load.loader import Loader
from leadhub.load.warehouse import connect
from leadhub.staging_report import normalization_shares
from leadhub.warehouse_summary import staging_accounting

BENCH_DB = "leadhub_bench"


def _fresh_postgres() -> None:
    with postgres_connection(load_target("postgres"), autocommit=True) as conn:
        conn.execute(f"drop database if exists {BENCH_DB} with (force)")
        conn.execute(f"create database {BENCH_DB}")


# dbt build in layer order: each step's seconds are that layer's models and their tests.
LAYERS = (
    ("dbt staging", ["--exclude", "path:models/intermediate+"]),
    ("dbt intermediate", ["--select", "path:models/intermediate"]),
    ("dbt marts", ["--select", "path:models/marts"]),
)


def _dbt_build(target: str, workdir: Path, selection: list[str]) -> float:
    result = run_dbt(["build", *selection], target, artifacts=workdir, capture=True)
    if not result.ok:
        raise click.ClickException(f"dbt build failed on {target}:\n{result.stdout[-3000:]}")
    return result.seconds


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
def main(scale: float, seed: int, targets: str, febrl: bool, habits: bool) -> None:
    root = PROJECT_ROOT / "bench" / f"scale-{scale:g}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    results: list[tuple[str, str, float, int]] = []

    t0 = time.perf_counter()
    settings = GeneratorSettings(scale=scale, seed=seed, **(OTHER_SYSTEMS_HABITS if habits else {}))
    summary = generate(settings, root / "data")
    results.append(("generate", "-", time.perf_counter() - t0, summary.total_rows))
    click.echo(f"generated {summary.total_rows:,} rows in {results[-1][2]:.1f}s", err=True)

    identity_times: dict[str, float] = {}
    reports: list[tuple[str, list, list]] = []
    evaluations: list[tuple[str, list[Score], ComparisonLoad]] = []
    for name in targets.split(","):
        os.environ["DBT_TARGET"] = name
        if name == "duckdb":
            os.environ["LEADHUB_DUCKDB_PATH"] = str(root / "leadhub.duckdb")
        else:
            os.environ.pop("LEADHUB_PG_DATABASE", None)
            _fresh_postgres()
            os.environ["LEADHUB_PG_DATABASE"] = BENCH_DB
        target = load_target(name)
        warehouse = connect(target)
        t0 = time.perf_counter()
        report = Loader(warehouse).load([root / "data" / "exports"])
        warehouse.close()
        seconds = time.perf_counter() - t0
        rows = report.total("rows_loaded") + report.total("rows_rejected")
        results.append(("load", name, seconds, rows))
        click.echo(f"loaded {rows:,} rows into {name} in {seconds:.1f}s", err=True)
        for step, selection in LAYERS:
            results.append((step, name, _dbt_build(name, root, selection), rows))
            click.echo(f"{step} on {name} in {results[-1][2]:.1f}s", err=True)
            if step == "dbt intermediate":
                identity_times[name] = identity_seconds(root / "target" / "run_results.json")
        reports.append((name, staging_accounting(target), normalization_shares(target)))
        evaluations.append(
            (name, evaluate(target, root / "data" / "truth"), identity_comparison_load(target))
        )

    click.echo(f"\nleadhub bench, scale {scale:g} (seed {seed}), {os.cpu_count()} cores")
    click.echo(f"{'step':<18} {'target':<10} {'seconds':>9} {'rows':>11} {'rows/s':>10}")
    for step, name, seconds, rows in results:
        click.echo(f"{step:<18} {name:<10} {seconds:>9.1f} {rows:>11,} {rows / seconds:>10,.0f}")
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
    if "duckdb" in identity_times:
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


def _print_identity_beside_splink(
    evaluations: list[tuple[str, list[Score], ComparisonLoad]], identity_times: dict[str, float], root: Path
) -> None:
    """leadhub's identity models and Splink on the same records (DuckDB), timed and scored."""
    os.environ["DBT_TARGET"] = "duckdb"
    os.environ["LEADHUB_DUCKDB_PATH"] = str(root / "leadhub.duckdb")
    click.echo("customer identity beside Splink on the same records (splink running...)", err=True)
    peer = splink_on_records(load_target("duckdb"), root / "data" / "truth")
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
        f"{load.max_pairs_of_one_profile} for one profile; {load.skipped_blocks} blocks skipped as hubs "
        f"or oversized); pairs per blocking rule: {kinds}"
    )


if __name__ == "__main__":
    main()
