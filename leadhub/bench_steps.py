"""The steps `make bench` times, each in a process of its own so that its peak memory is its
own: the floor (the engine reading the same files, once), `leadhub load`, and one
`dbt build` whose nodes are summed per layer from run_results.json.

    python -m leadhub.bench_steps floor --target duckdb EXPORTS   (the floor, run by bench.py)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import click
import duckdb

from leadhub.config import PROJECT_ROOT, load_target
from leadhub.database import LAYER_PREFIXES, postgres_connection


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mb: float
    returncode: int
    output: str


def measured(command: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run a command; its wall seconds and its peak resident memory (its own, by wait4)."""
    t0 = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(time.perf_counter() - t0, usage.ru_maxrss / 1024, process.returncode, output)


# Where a dbt node's seconds go: its layer, by its name, or the tests.
def node_step(unique_id: str) -> str:
    kind, name = unique_id.split(".")[0], unique_id.split(".")[-1]
    if kind in ("test", "unit_test"):
        return "dbt tests"
    if kind == "operation":
        return "dbt hooks (publish)"
    layer = next((lay for prefix, lay in LAYER_PREFIXES.items() if name.startswith(prefix)), "marts")
    if kind in ("seed", "snapshot") or layer == "snapshots":  # snapshots read staging's models
        return "dbt staging"
    return f"dbt {layer}"


def seconds_by_step(run_results: Path) -> dict[str, float]:
    """Thread seconds of each step's nodes in one dbt run (two threads: they overlap)."""
    out: dict[str, float] = {}
    for result in json.loads(run_results.read_text(encoding="utf-8"))["results"]:
        step = node_step(result["unique_id"])
        out[step] = out.get(step, 0.0) + float(result.get("execution_time") or 0.0)
    return out


@dataclass(frozen=True)
class Floor:
    csv_files: int
    csv_rows: int
    xlsx_files: int
    xlsx_rows: int


def floor_duckdb(exports: Path, scratch: Path) -> Floor:
    """Every CSV into a table by DuckDB's own reader (all text, bad records dropped: a floor,
    not a loader), every workbook read by calamine."""
    scratch.unlink(missing_ok=True)
    con = duckdb.connect(str(scratch))
    rows = files = 0
    for n, path in enumerate(sorted(exports.glob("*.csv"))):
        con.execute(
            f"create table f{n} as select * from read_csv(?, all_varchar = true, header = true, "
            "ignore_errors = true, strict_mode = false)",
            [str(path)],
        )
        rows += con.execute(f"select count(*) from f{n}").fetchone()[0]
        files += 1
    con.close()
    scratch.unlink(missing_ok=True)
    return Floor(files, rows, *_floor_xlsx(exports))


def floor_postgres(exports: Path) -> Floor:
    """Every CSV's lines into a one-column table by COPY (no parsing: a floor), every workbook
    read by calamine."""
    rows = files = 0
    with postgres_connection(load_target("postgres"), autocommit=True) as conn:
        conn.execute("drop schema if exists bench_floor cascade")
        conn.execute("create schema bench_floor")
        for n, path in enumerate(sorted(exports.glob("*.csv"))):
            conn.execute(f"create table bench_floor.f{n} (line text)")
            # lines as they are (one text column, no parsing), only made safe for COPY's text
            # format: one kind of line break, backslashes escaped, NULs dropped
            data = path.read_bytes().replace(b"\x00", b"").replace(b"\\", b"\\\\")
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            with (
                conn.cursor() as cur,
                cur.copy(
                    f"copy bench_floor.f{n} from stdin with (delimiter E'\\x01', encoding 'LATIN1')"
                ) as copy,
            ):
                copy.write(data)
            rows += conn.execute(f"select count(*) from bench_floor.f{n}").fetchone()[0] - 1
            files += 1
        conn.execute("drop schema bench_floor cascade")
    return Floor(files, rows, *_floor_xlsx(exports))


def floor_spark(exports: Path) -> Floor:
    """Every CSV into a Parquet table by Spark's own reader (all text, malformed records
    dropped: a floor, not a loader), through the target's session, every workbook read by
    calamine. Includes the start of the session's JVM, which every Spark load pays."""
    from leadhub.database import spark_session

    spark = spark_session(load_target("spark"))
    spark.sql("drop schema if exists bench_floor cascade")
    spark.sql("create schema bench_floor")
    rows = files = 0
    for n, path in enumerate(sorted(exports.glob("*.csv"))):
        frame = spark.read.csv(str(path), header=True, mode="DROPMALFORMED", multiLine=True)
        frame.write.format("parquet").saveAsTable(f"bench_floor.f{n}")
        rows += spark.table(f"bench_floor.f{n}").count()
        files += 1
    spark.sql("drop schema bench_floor cascade")
    return Floor(files, rows, *_floor_xlsx(exports))


def _floor_xlsx(exports: Path) -> tuple[int, int]:
    import python_calamine

    rows = files = 0
    for path in sorted(exports.glob("*.xlsx")):
        try:
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
            rows += max(len(workbook.get_sheet_by_index(0).to_python()) - 1, 0)
            files += 1
        except Exception:  # a hostile workbook: the floor skips it
            continue
    return files, rows


@click.group()
def main() -> None:
    """Steps of `make bench`, each run as a process of its own."""


@main.command()
@click.option("--target", "target_name", required=True)
@click.argument("exports", type=click.Path(exists=True, file_okay=False, path_type=Path))
def floor(target_name: str, exports: Path) -> None:
    """Read EXPORTS the cheapest way the engine can; prints the counts as JSON."""
    if target_name == "duckdb":
        result = floor_duckdb(exports, exports.parent / "floor.duckdb")
    elif target_name == "spark":
        result = floor_spark(exports)
    else:
        result = floor_postgres(exports)
    click.echo(json.dumps(asdict(result)))


if __name__ == "__main__":
    sys.exit(main())
