"""The ``leadhub`` command: generate · load · build · evaluate."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from leadhub import __version__
from leadhub.config import ConfigError, load_target


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


@click.group()
@click.version_option(__version__, prog_name="leadhub")
def main() -> None:
    """leadhub: CRM report exports -> a trustworthy dbt warehouse (DuckDB or PostgreSQL)."""


@main.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Output folder.")
@click.option("--scale", type=float, default=0.01, show_default=True, help="1.0 = real size (~940k rows).")
@click.option("--seed", type=int, default=42, show_default=True, help="Same seed, same files.")
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override a generator setting (see `leadhub generate --list-settings`), e.g. --set overlap_rate=0.2.",
)
@click.option("--list-settings", is_flag=True, help="Print every setting with its default and exit.")
@click.option("--quiet", is_flag=True, help="No progress output.")
def generate(
    out_dir: Path, scale: float, seed: int, overrides: tuple[str, ...], list_settings: bool, quiet: bool
):
    """Write deterministic synthetic CRM exports (OUT/exports) and their ground truth (OUT/truth)."""
    from leadhub.generate.settings import GeneratorSettings

    if list_settings:
        for name, value, doc in GeneratorSettings.describe():
            click.echo(f"{name} = {value!r}    {doc}")
        return
    from leadhub.generate.generator import generate as run

    try:
        settings = GeneratorSettings.from_overrides(scale=scale, seed=seed, overrides=overrides)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    t0 = time.perf_counter()
    summary = run(settings, out_dir, progress=None if quiet else _echo_err)
    seconds = time.perf_counter() - t0
    click.echo(
        f"generated {summary.total_rows:,} rows in {summary.file_count} files "
        f"({summary.malformed_rows} deliberately malformed) in {seconds:.1f}s -> {out_dir}"
    )
    for module, rows in sorted(summary.rows_by_module.items()):
        click.echo(f"  {module:<22} {rows:>10,} rows")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--target", "target_name", default=None, help="dbt profile target (default: the profile's).")
@click.option("--quiet", is_flag=True, help="Only the summary.")
def load(paths: tuple[Path, ...], target_name: str | None, quiet: bool) -> None:
    """Load export files (or folders of them) into the raw tables of the dbt target.

    Exits 1 when any file was rejected (the other files are still loaded).
    """
    from leadhub.load.loader import Loader
    from leadhub.load.warehouse import connect

    try:
        target = load_target(target_name)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    _echo_err(f"loading into {target.describe()} (schema {target.raw_schema})")
    warehouse = connect(target)
    t0 = time.perf_counter()
    try:
        report = Loader(warehouse, progress=None if quiet else _echo_err).load(list(paths))
    finally:
        warehouse.close()
    seconds = time.perf_counter() - t0
    loaded = report.total("rows_loaded")
    rejected_rows = report.total("rows_rejected")
    counts = {s: sum(1 for f in report.files if f.status == s) for s in ("loaded", "skipped", "rejected")}
    rate = loaded / seconds if seconds > 0 else 0.0
    click.echo(
        f"{counts['loaded']} files loaded, {counts['skipped']} skipped (already loaded), "
        f"{counts['rejected']} rejected; {loaded:,} rows to raw, {rejected_rows:,} to quarantine "
        f"in {seconds:.1f}s ({rate:,.0f} rows/s)"
    )
    for name in report.ignored:
        _echo_err(f"ignored (not .csv/.xlsx): {name}")
    for f in report.rejected:
        _echo_err(f"REJECTED {f.message}")
    if report.rejected:
        sys.exit(1)


@main.command()
@click.option(
    "--truth",
    "truth_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="The truth/ folder that `leadhub generate` wrote beside the exports.",
)
@click.option("--target", "target_name", default=None, help="dbt profile target (default: the profile's).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def evaluate(truth_dir: Path, target_name: str | None, as_json: bool) -> None:
    """Score the built warehouse's links against generated ground truth (precision, recall, F1)."""
    import json

    from leadhub.evaluate import evaluate as run
    from leadhub.evaluate import score_table

    try:
        target = load_target(target_name)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    scores = run(target, truth_dir)
    if as_json:
        click.echo(json.dumps([s.as_dict() for s in scores], indent=2))
        return
    for line in score_table(scores):
        click.echo(line)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--target", "target_name", default=None, help="dbt profile target (default: the profile's).")
@click.option("--quiet", is_flag=True, help="Less progress output from the loader.")
def build(paths: tuple[Path, ...], target_name: str | None, quiet: bool) -> None:
    """Load PATHS (if given), run `dbt build` on the target, and print a summary of the warehouse."""
    from leadhub.warehouse_summary import print_marts_headline, print_summary, run_dbt

    if paths:
        ctx = click.get_current_context()
        try:
            ctx.invoke(load, paths=paths, target_name=target_name, quiet=quiet)
        except SystemExit as exc:
            if exc.code:
                raise
    try:
        target = load_target(target_name)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    code = run_dbt(["build"], target.name)
    if code != 0:
        raise click.ClickException(f"dbt build failed on target {target.name} (exit {code})")
    print_summary(target, click.echo)
    print_marts_headline(target, click.echo)


if __name__ == "__main__":
    main()
