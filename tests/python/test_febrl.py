"""Customer identity on data we did not make: FEBRL3 as CRM jobs exports, built and scored
beside Splink on the same records (leadhub/febrl.py)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from leadhub.contract import MODULES_BY_NAME, module_for_file
from leadhub.febrl import Comparison, compare, records, write_exports
from leadhub.load.reader import RawRow, each_record, read_file


def test_febrl3_becomes_one_booked_job_per_record_with_its_truth(tmp_path: Path) -> None:
    count = write_exports("febrl3", tmp_path)
    assert count == 5000
    jobs = MODULES_BY_NAME["jobs"]
    path = tmp_path / "exports" / "febrl3_jobs.csv"
    assert module_for_file(path) == jobs
    info, rows = read_file(path, jobs)
    read = [r for r in each_record(rows) if isinstance(r, RawRow)]
    assert len(read) == 5000 and not info.unknown_headers
    column = {name: i for i, name in enumerate(jobs.column_names)}
    assert {r.values[column["opportunity_status"]] for r in read} == {"Booked"}
    named = sum(1 for r in read if r.values[column["customer_name"]])
    assert named == 4994  # 6 FEBRL3 records have neither given name nor surname
    assert {r.values[column["customer_email"]] for r in read} <= {"", None}
    with (tmp_path / "truth" / "rows_jobs.csv").open(encoding="utf-8", newline="") as fh:
        truth = list(csv.DictReader(fh))
    assert len(truth) == 5000
    sizes = Counter(t["person_id"] for t in truth)
    assert len(sizes) == 2000  # FEBRL3: 2,000 originals and 3,000 duplicates of them
    assert {r.person for r in records("febrl3")} == set(sizes)
    for module in ("lead_status", "bad_leads", "booked_opportunities"):
        headers_only = (
            (tmp_path / "exports" / f"febrl3_{module}.csv").read_text(encoding="utf-8").splitlines()
        )
        assert len(headers_only) == 1


@pytest.fixture(scope="module")
def febrl3(tmp_path_factory) -> Comparison:
    return compare("febrl3", tmp_path_factory.mktemp("febrl"))


def test_identity_on_febrl3_matches_the_field_beside_splink(febrl3: Comparison) -> None:
    """On data leadhub was not built for, identity by evidence must keep its precision and
    reach the field's recall: issue 12 asks for precision >= 0.99 and F1 >= 0.98 (Splink's
    published 0.978). Splink on the same records, in the same run, shows what is possible."""
    ours, peer = febrl3.ours, febrl3.peer.score
    assert ours.truth_rows == peer.truth_rows == 6538  # true pairs of FEBRL3
    assert ours.precision >= 0.99, ours.as_dict()
    assert ours.f1 >= 0.98, ours.as_dict()
    assert peer.precision >= 0.99 and peer.f1 >= 0.95, peer.as_dict()
    # the true pairs that meet in a block at all: the union of the blocking rules survives
    # a typo in any one field
    assert febrl3.blocking.truth_rows == 6538 and febrl3.blocking.recall >= 0.97, febrl3.blocking.as_dict()
