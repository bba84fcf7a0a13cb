"""The ``leadhub`` command: generate · load · build · evaluate · integrity · alert · report · metrics · share."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import click

from leadhub import __version__
from leadhub.config import DEFAULT_COMPANY, ConfigError, Target, check_company, load_target
from leadhub.febrl import DATASETS as FEBRL_DATASETS

T = TypeVar("T")


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


def _target(target_name: str | None) -> Target:
    """The profile's target, or a clear error when the profile does not have it."""
    try:
        return load_target(target_name)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
@click.version_option(__version__, prog_name="leadhub")
def main() -> None:
    """leadhub: CRM report exports -> a trustworthy dbt warehouse (DuckDB, PostgreSQL or Spark)."""


@main.command()
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), help="Output folder (required to generate)."
)
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
    out_dir: Path | None,
    scale: float,
    seed: int,
    overrides: tuple[str, ...],
    list_settings: bool,
    quiet: bool,
):
    """Write deterministic synthetic CRM exports (OUT/exports) and their ground truth (OUT/truth)."""
    from leadhub.generate.settings import GeneratorSettings

    if list_settings:
        for name, value, doc in GeneratorSettings.describe():
            click.echo(f"{name} = {value!r}    {doc}")
        return
    if out_dir is None:
        raise click.UsageError("Missing option '--out'.")
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
@click.option("--dataset", type=click.Choice(FEBRL_DATASETS), default=FEBRL_DATASETS[0], show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Output folder.")
def febrl(dataset: str, out_dir: Path) -> None:
    """Write a FEBRL benchmark data set as CRM exports (OUT/exports) with its truth (OUT/truth).

    Each record is one BOOKED job (name and origin address, no email or phone): build it with
    `leadhub build OUT/exports` and score identity with `leadhub evaluate --truth OUT/truth`.
    """
    from leadhub.febrl import write_exports

    count = write_exports(dataset, out_dir)
    click.echo(f"{dataset}: {count:,} records as jobs -> {out_dir}/exports (truth in {out_dir}/truth)")


# --wait of the commands that write to the warehouse (load, build)
WAIT_OPTION = click.option(
    "--wait",
    "wait_seconds",
    type=float,
    default=0.0,
    show_default=True,
    help="Seconds to wait for another leadhub command writing to the same warehouse.",
)


def _company_name(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    try:
        return check_company(value)
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from None


COMPANY_OPTION = click.option(
    "--company",
    default=DEFAULT_COMPANY,
    show_default=True,
    callback=_company_name,
    help="The company (tenant) whose exports these are. One warehouse holds many companies apart.",
)
COMPANIES_FROM_FOLDERS_OPTION = click.option(
    "--companies-from-folders",
    is_flag=True,
    help="Each folder inside the folder given is a company (exports/acme/jobs.csv is acme's).",
)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--target", "target_name", default=None, help="dbt profile target (default: the profile's).")
@click.option("--quiet", is_flag=True, help="Only the summary.")
@COMPANY_OPTION
@COMPANIES_FROM_FOLDERS_OPTION
@WAIT_OPTION
def load(
    paths: tuple[Path, ...],
    target_name: str | None,
    quiet: bool,
    company: str,
    companies_from_folders: bool,
    wait_seconds: float,
) -> None:
    """Load export files (or folders of them) into the raw tables of the dbt target.

    Exits 1 when any file was rejected (the other files are still loaded).
    """
    from leadhub.load.loader import Loader, printable
    from leadhub.load.warehouse import connect

    target = _target(target_name)
    _echo_err(f"loading into {target.describe()} (schema {target.raw_schema})")
    t0 = time.perf_counter()
    with _writing(target, wait_seconds):
        warehouse = connect(target)
        try:
            loader = Loader(
                warehouse,
                progress=None if quiet else _echo_err,
                company=company,
                from_folders=companies_from_folders,
            )
            report = loader.load(list(paths))
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
        _echo_err(f"ignored: {printable(name)}")
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

    from leadhub.database import MissingRelation
    from leadhub.evaluate import evaluate as run
    from leadhub.evaluate import score_table

    target = _target(target_name)
    try:
        scores = run(target, truth_dir)
    except MissingRelation as exc:
        raise click.ClickException(
            f"target {target.name} has not been built with this version's models: run `leadhub build` ({exc})"
        ) from None
    if as_json:
        click.echo(json.dumps([s.as_dict() for s in scores], indent=2))
        return
    for line in score_table(scores):
        click.echo(line)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--target", "target_name", default=None, help="dbt profile target (default: the profile's).")
@click.option("--quiet", is_flag=True, help="Less progress output from the loader.")
@click.option(
    "--alert",
    "send_alert",
    is_flag=True,
    help="After the build, alert (webhook / email) on failing or regressed integrity checks.",
)
@click.option(
    "--unit-tests",
    is_flag=True,
    help="Also run dbt's unit tests (of the models' logic; `make test` runs them, builds need not).",
)
@click.option(
    "--no-report",
    is_flag=True,
    help="Do not write the HTML report (leadhub report) after the build.",
)
@COMPANY_OPTION
@COMPANIES_FROM_FOLDERS_OPTION
@WAIT_OPTION
def build(
    paths: tuple[Path, ...],
    target_name: str | None,
    quiet: bool,
    company: str,
    companies_from_folders: bool,
    send_alert: bool,
    unit_tests: bool,
    no_report: bool,
    wait_seconds: float,
) -> None:
    """Load PATHS (if given), run `dbt build` on the target (models, snapshots and data tests),
    write the HTML report and print a summary of the warehouse."""
    from leadhub.dbt_runner import PRODUCTION_BUILD, run_dbt
    from leadhub.warehouse_summary import print_marts_headline, print_summary

    rejected_files = False
    target = _target(target_name)
    with _writing(target, wait_seconds):
        if paths:
            ctx = click.get_current_context()
            try:
                ctx.invoke(
                    load,
                    paths=paths,
                    target_name=target_name,
                    quiet=quiet,
                    company=company,
                    companies_from_folders=companies_from_folders,
                    wait_seconds=wait_seconds,
                )
            except SystemExit as exc:
                # a rejected file (already named above, and in load_log) does not keep the marts
                # stale: the build runs on everything else, and the command still fails at the end
                rejected_files = bool(exc.code)
        try:
            code = run_dbt(["build"] if unit_tests else PRODUCTION_BUILD, target.name).returncode
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
    if not no_report:
        # Also when the build failed: the report shows the failing check (and that the marts
        # were not published) to someone who never reads this output.
        # the report of the company just loaded, else of the default (or first) company
        loaded_company = (
            company if paths and not companies_from_folders and company != DEFAULT_COMPANY else None
        )
        _write_report(target, None, loaded_company)
    if send_alert:
        # Also (above all) when the build failed: its integrity history is already written.
        _alert(target, tolerance=0.0, dry_run=False)
    if code != 0:
        raise click.ClickException(
            f"dbt build failed on target {target.name} (exit {code}); the line starting `publish:` "
            "above says whether its marts were published"
        )
    print_summary(target, click.echo)
    print_marts_headline(target, click.echo)
    if rejected_files:
        raise click.ClickException(
            "some export files were rejected (listed above); the build ran without them"
        )


@main.command()
@click.option("--target", "target_name", default=None, help="dbt profile target (default: the profile's).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def integrity(target_name: str | None, as_json: bool) -> None:
    """Print the integrity checks of the last build (linkage rates, orphans).

    Exits 1 when an error-level check fails (a linkage rate below its error threshold).
    """
    import json

    from leadhub.integrity import current_checks, table

    target = _target(target_name)
    checks = _read_integrity(target, current_checks, "checks")
    failed = [c for c in checks if c.status == "error"]
    if as_json:
        click.echo(
            json.dumps({"target": target.name, "passed": not failed, "checks": [c.as_dict() for c in checks]})
        )
    else:
        for line in table(checks):
            click.echo(line)
        for c in checks:
            if c.status != "pass":
                click.echo(f"{c.status.upper()}: {c.sentence()}", err=True)
    if failed:
        sys.exit(1)


@main.command()
@click.option("--target", "target_name", required=True, help="dbt profile target whose marts are checked.")
@click.option(
    "--against",
    "against_name",
    default="duckdb",
    show_default=True,
    help="dbt profile target to compare with.",
)
@click.option("--show", type=int, default=3, show_default=True, help="Differing rows printed per mart.")
def compare(target_name: str, against_name: str, show: int) -> None:
    """Compare the published marts of two targets, row for row and id for id.

    The same exports built on two engines (say Spark and DuckDB) must give the same marts.
    Exits 1 when any mart differs, printing the rows each has that the other lacks.
    """
    from leadhub.compare import compare_marts
    from leadhub.database import MissingRelation

    target, against = _target(target_name), _target(against_name)
    try:
        comparisons = compare_marts(target, against)
    except MissingRelation as exc:
        raise click.ClickException(f"a mart is missing ({exc}): build both targets first") from exc
    click.echo(f"  {'mart':<36} {target.name:>9} {against.name:>9}")
    for c in comparisons:
        verdict = "equal" if c.equal else f"{len(c.only_in_first)} / {len(c.only_in_second)} rows differ"
        click.echo(f"  {c.mart:<36} {c.rows[0]:>9,} {c.rows[1]:>9,}  {verdict}")
        for row in c.only_in_first[:show]:
            click.echo(f"    only in {target.name}: {row}")
        for row in c.only_in_second[:show]:
            click.echo(f"    only in {against.name}: {row}")
    differing = [c.mart for c in comparisons if not c.equal]
    if differing:
        click.echo(f"{len(differing)} of {len(comparisons)} marts differ: {', '.join(differing)}", err=True)
        sys.exit(1)
    click.echo(f"{target.name} and {against.name}: all {len(comparisons)} marts equal")


@contextlib.contextmanager
def _writing(target: Target, wait_seconds: float) -> Iterator[None]:
    """The warehouse's write lock (leadhub/warehouse_lock.py), a busy warehouse said plainly."""
    from leadhub.warehouse_lock import WarehouseBusy, exclusive

    try:
        with exclusive(target, wait_seconds):
            yield
    except WarehouseBusy as exc:
        raise click.ClickException(str(exc)) from None


def _read_integrity(target: Target, read: Callable[[Target], T], what: str) -> T:
    """read(target), with the one expected failure said plainly: no build has made the
    integrity marts yet. Connection, permission and SQL errors are reported as what they are."""
    from leadhub.database import MissingRelation

    try:
        return read(target)
    except MissingRelation as exc:
        raise click.ClickException(
            f"no integrity {what} on target {target.name} yet: run `leadhub build` first ({exc})"
        ) from None
    except Exception as exc:
        raise click.ClickException(
            f"could not read the integrity {what} of target {target.name} ({target.describe()}): "
            f"{type(exc).__name__}: {str(exc).strip()}"
        ) from None


def _write_report(target: Target, out_dir: Path | None, company: str | None = None) -> bool:
    """Write the report (of one company); a warehouse without marts yet, or without that
    company, is said, not raised (False)."""
    from leadhub.database import MissingRelation
    from leadhub.report import default_report_dir, write_report

    out = out_dir or default_report_dir(target)
    try:
        written = write_report(target, out, company)
    except MissingRelation as exc:
        _echo_err(f"report: not written, target {target.name} has no built marts yet ({exc})")
        return False
    except LookupError as exc:
        _echo_err(f"report: not written, {exc.args[0]}")
        return False
    state = "" if written.published else ", marts NOT published"
    failing = f", {written.failing_checks} check(s) failing" if written.failing_checks else ""
    click.echo(
        f"report: {written.path} ({written.size_bytes / 1e6:.1f} MB, {written.seconds:.1f}s{failing}{state})"
    )
    return True


@main.command()
@click.option("--target", "target_name", default=None, help="dbt profile target (default: the profile's).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write index.html into (default: $LEADHUB_REPORT_DIR, else report/<target>).",
)
@click.option(
    "--company",
    default=None,
    help="The company (tenant) to report on (default: the default company, else the first).",
)
def report(target_name: str | None, out_dir: Path | None, company: str | None) -> None:
    """Write the HTML report of the last build: integrity checks and their history, review
    queues, row accounting, conversion and identity, in one file that opens offline."""
    target = _target(target_name)
    if not _write_report(target, out_dir, company):
        sys.exit(1)


def _alert(target, tolerance: float, dry_run: bool) -> int:
    from leadhub.alerts import AlertConfig, send
    from leadhub.integrity import findings, last_runs
    from leadhub.report import report_link

    runs = _read_integrity(target, last_runs, "history")
    found = findings(runs, tolerance)
    if not found:
        click.echo("integrity: nothing to alert (every check passes and none regressed)")
        return 0
    subject = f"leadhub integrity on {target.name}: {len(found)} check(s) failing or regressed"
    lines = [f.sentence() for f in found]
    link = report_link(target)
    if link:
        lines.append(f"report: {link}")
    config = AlertConfig.from_env()
    if dry_run or not config.channels:
        click.echo(subject)
        for line in lines:
            click.echo(f"  {line}")
        if not config.channels:
            click.echo(
                "no alert channel configured (LEADHUB_ALERT_WEBHOOK_URL, LEADHUB_ALERT_SMTP_HOST)", err=True
            )
        return len(found)
    sent = send(config, subject, lines)
    click.echo(f"{subject}; sent by {', '.join(sent)}")
    return len(found)


@main.command()
@click.option("--target", "target_name", default=None, help="dbt profile target (default: the profile's).")
@click.option(
    "--tolerance",
    type=float,
    default=0.0,
    show_default=True,
    help="A passing linkage rate lower than the previous run's by more than this counts as regressed.",
)
@click.option("--dry-run", is_flag=True, help="Print the alert instead of sending it.")
def alert(target_name: str | None, tolerance: float, dry_run: bool) -> None:
    """Alert on integrity checks that fail or regressed since the previous run.

    Compares the last two runs of integrity_check_history and sends one message to the
    webhook (LEADHUB_ALERT_WEBHOOK_URL) and/or by email (LEADHUB_ALERT_SMTP_HOST,
    LEADHUB_ALERT_EMAIL_TO, ...). Sends nothing when all is well.
    """
    target = _target(target_name)
    _alert(target, tolerance, dry_run)


@main.command(
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
)
@click.option("--target", "target_name", default=None, help="dbt profile target (default: the profile's).")
@click.argument("mf_args", nargs=-1, type=click.UNPROCESSED)
def metrics(target_name: str | None, mf_args: tuple[str, ...]) -> None:
    """Run MetricFlow (`mf MF_ARGS...`) on a target of the profile, e.g.

    leadhub metrics --target postgres query --metrics booking_rate --group-by metric_time__month,branch__name

    `mf` has no --target: this gives each target a folder with its own semantic manifest
    (target/metricflow/<target>/), parsed again when the target or the project changed.
    """
    from leadhub.semantic import SemanticLayerError, run_mf

    target = _target(target_name)
    try:
        result = run_mf(target, list(mf_args) or ["--help"])
    except SemanticLayerError as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(result.returncode)


@main.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--target", "target_name", default=None, help="dbt profile target (default: the profile's).")
@click.option(
    "--with-personal-columns",
    is_flag=True,
    help="Keep the columns the marts' YAML marks personal (pii): names, emails, phones, addresses.",
)
def share(out: Path, target_name: str | None, with_personal_columns: bool) -> None:
    """Write the published marts, and nothing else, into the DuckDB file OUT for analysts.

    DuckDB has no roles: whoever reads the warehouse file reads raw, the quarantine and every
    column. OUT holds the marts only, without their personal columns unless asked. It is
    replaced whole (written aside, then renamed). PostgreSQL has roles: grant those instead.
    """
    import duckdb

    from leadhub.load.loader import printable
    from leadhub.share import ShareError, share_marts

    target = _target(target_name)
    click.echo(f"share: the published marts of target {target.name} -> {printable(str(out))}")
    try:
        shared = share_marts(target, out, with_personal_columns, click.echo)
    except ShareError as exc:
        raise click.ClickException(str(exc)) from None
    except duckdb.IOException as exc:  # a build holds the file
        raise click.ClickException(f"could not read {target.duckdb_path}: {str(exc).strip()}") from None
    click.echo(
        f"share: {len(shared)} marts, {sum(m.rows for m in shared):,} rows written to {printable(str(out))}"
    )


if __name__ == "__main__":
    main()
