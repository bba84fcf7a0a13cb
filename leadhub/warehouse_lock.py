"""One leadhub command at a time per warehouse: `leadhub load` and `leadhub build` hold an
exclusive lock while they write, so a second one stops with a clear message (or waits up to
--wait seconds) instead of failing on a database lock halfway through.

- DuckDB: an advisory lock (flock) on ``<warehouse file>.lock``, which also names the holder
  (process id and start time) for the message.
- PostgreSQL: a session advisory lock (``pg_try_advisory_lock``) on a key made of the database
  and the target schema, held by a connection open for the command's lifetime; it is released
  when the command ends, also when it is killed.

Re-entrant within one process: `leadhub build` loads under the lock it already holds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from leadhub.config import Target
from leadhub.database import postgres_connection

POLL_SECONDS = 0.5
_held: set[str] = set()


class WarehouseBusy(Exception):
    """Another leadhub command is writing to the same warehouse."""


def _lock_path(target: Target) -> Path:
    """The lock file of an embedded warehouse: beside the DuckDB file, or in Spark's warehouse folder."""
    if target.type == "duckdb":
        return target.duckdb_path.with_name(target.duckdb_path.name + ".lock")
    return (
        Path(target.spark_parameters.get("spark.sql.warehouse.dir", "spark-warehouse")).resolve()
        / "leadhub.lock"
    )


def _key(target: Target) -> str:
    if target.type in ("duckdb", "spark"):
        return f"{target.type}:{_lock_path(target)}"
    s = target.settings
    return f"postgres:{s.get('host')}:{s.get('port')}:{s.get('dbname')}:{s.get('schema')}"


@contextlib.contextmanager
def exclusive(target: Target, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's lock for the block; WarehouseBusy if another process holds it
    for longer than wait_seconds."""
    key = _key(target)
    if key in _held:
        yield
        return
    locker = _postgres_lock if target.type == "postgres" else _file_lock
    with locker(target, wait_seconds):
        _held.add(key)
        try:
            yield
        finally:
            _held.discard(key)


def _deadline_passed(started: float, wait_seconds: float) -> bool:
    return time.monotonic() - started >= wait_seconds


@contextlib.contextmanager
def _file_lock(target: Target, wait_seconds: float) -> Iterator[None]:
    path = _lock_path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        started = time.monotonic()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if _deadline_passed(started, wait_seconds):
                    holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another process"
                    raise WarehouseBusy(
                        f"another leadhub command is writing to {target.describe()} ({holder}); "
                        "wait for it to finish, or pass --wait SECONDS"
                    ) from None
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"process {os.getpid()} since {dt.datetime.now():%Y-%m-%d %H:%M:%S}".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


@contextlib.contextmanager
def _postgres_lock(target: Target, wait_seconds: float) -> Iterator[None]:
    lock_id = int.from_bytes(hashlib.sha256(_key(target).encode()).digest()[:8], "big", signed=True)
    with postgres_connection(target, autocommit=True) as conn:
        started = time.monotonic()
        while not conn.execute("select pg_try_advisory_lock(%s)", (lock_id,)).fetchone()[0]:
            if _deadline_passed(started, wait_seconds):
                raise WarehouseBusy(
                    f"another leadhub command is writing to {target.describe()} "
                    f"(schema {target.settings.get('schema')}); wait for it to finish, or pass --wait SECONDS"
                )
            time.sleep(POLL_SECONDS)
        yield  # the session lock ends with the connection
