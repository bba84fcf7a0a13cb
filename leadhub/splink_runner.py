"""Splink 5, the field's reference tool for record linkage, run the same way wherever leadhub
measures itself beside it (FEBRL in leadhub/febrl.py, the bench's CRM records in
leadhub/identity_peer.py): unsupervised on DuckDB (the prior from a deterministic rule, u by
random sampling, m by expectation-maximisation), then clustered at a match probability.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from leadhub.evaluate import Score


@dataclass(frozen=True)
class PeerResult:
    score: Score
    seconds: float


def splink_clusters(
    frame,  # pandas.DataFrame with a unique_id column
    comparisons: Sequence,
    blocking_rules: Sequence,
    prior_rule,
    em_rules: Sequence,
    threshold: float,
) -> tuple[dict[str, str], float]:
    """(cluster id per unique_id, seconds) of Splink trained and run on `frame`."""
    from splink import Linker, SettingsCreator
    from splink.backends.duckdb import DuckDBAPI

    t0 = time.perf_counter()
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=list(comparisons),
        blocking_rules_to_generate_predictions=list(blocking_rules),
    )
    linker = Linker(DuckDBAPI().register(frame), settings, log_level=40)
    linker.training.estimate_probability_two_random_records_match([prior_rule], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    for rule in em_rules:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
    cluster_of = {
        str(uid): str(cluster)
        for uid, cluster in clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]].itertuples(
            index=False
        )
    }
    return cluster_of, time.perf_counter() - t0
