"""Customer identity at scale beside the field's reference tool, on the same records.

`make bench` builds the warehouse, then runs Splink 5 (unsupervised, DuckDB) on the very
records identity resolution compared (int_identity_records, with the fields leadhub compares:
names, email, phone, street, postcode, city, quote number, date). Both are timed and scored on
pairs of records against the generator's truth, so the bench prints one line each:

- leadhub: the dbt seconds of the identity models, records to customers (run_results.json
  of the intermediate layer: int_identity_*, int_customer_records, int_customers);
- Splink: training (u by random sampling, m by EM on two blocking rules), prediction and
  clustering, from a pandas frame already in memory. (Its EM underflows to m = 0 on an exact
  street-number comparison in these records, so the street compares by name only.)
"""

from __future__ import annotations

import json
from pathlib import Path

from leadhub.config import Target
from leadhub.database import fetch, relation
from leadhub.evaluate import rows_with_truth, score_pairwise
from leadhub.splink_runner import PeerResult, splink_clusters

FIELDS = (
    "first_key",
    "last_key",
    "email",
    "phone",
    "street_name_key",
    "postcode_key",
    "city_key",
    "quote_number",
)
# the identity models, records to customers: int_identity_*, int_customer_records, int_customers
IDENTITY_MODELS = ("int_identity_", "int_customer")


def identity_seconds(run_results: Path) -> float:
    """Seconds dbt spent building the identity models (records to customers), from a
    run_results.json that covers the intermediate layer."""
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    return sum(
        r["execution_time"]
        for r in results
        if r["unique_id"].startswith("model.") and r["unique_id"].split(".")[-1].startswith(IDENTITY_MODELS)
    )


def splink_on_records(target: Target, truth: Path, threshold: float = 0.99) -> PeerResult:
    """Splink on int_identity_records of a built DuckDB warehouse, clustered at `threshold`
    (leadhub's var identity_match_min_probability), scored on pairs of records."""
    import pandas as pd
    import splink.comparison_library as cl
    from splink import block_on

    records = relation(target, "int_identity_records")
    columns = ", ".join(FIELDS)
    frame = pd.DataFrame(
        fetch(target, f"select record_key, {columns}, cast(event_at as date) from {records}"),
        columns=["unique_id", *FIELDS, "event_date"],
    )
    cluster_of, seconds = splink_clusters(
        frame,
        comparisons=[
            cl.NameComparison("first_key"),
            cl.NameComparison("last_key"),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
            cl.JaroWinklerAtThresholds("street_name_key"),
            cl.LevenshteinAtThresholds("postcode_key", [1]),
            cl.ExactMatch("city_key"),
        ],
        blocking_rules=[
            block_on("quote_number"),
            block_on("email"),
            block_on("phone"),
            block_on("first_key", "last_key"),
            block_on("last_key", "postcode_key"),
            block_on("street_name_key", "postcode_key"),
        ],
        prior_rule=block_on("first_key", "last_key", "email"),
        em_rules=[block_on("first_key", "last_key"), block_on("email")],
        threshold=threshold,
    )
    sql = f"select module, _source_file, _source_row, record_key from {records}"
    pairs = [
        (cluster_of[record_key], t["person_id"])
        for t, (record_key,) in rows_with_truth(target, truth, sql)
        if t["person_id"]
    ]
    return PeerResult(score_pairwise("customer_identity (pairs)", pairs), seconds)
