"""The scoring used by `leadhub evaluate`: splits and merges of entities cost accuracy."""

from __future__ import annotations

import pytest

from leadhub.evaluate import Score, score_mapping, score_pairwise, score_table


def test_a_perfect_mapping_under_other_ids_scores_one() -> None:
    s = score_mapping("x", [("a", "1"), ("a", "1"), ("b", "2")])
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_splitting_one_true_entity_costs_the_smaller_part() -> None:
    s = score_mapping("x", [("a", "1"), ("a", "1"), ("a", "1"), ("b", "1")])
    assert s.correct == 3 and s.precision == pytest.approx(0.75)


def test_merging_two_true_entities_costs_the_smaller_one() -> None:
    s = score_mapping("x", [("a", "1"), ("a", "1"), ("a", "2")])
    assert s.correct == 2 and s.recall == pytest.approx(2 / 3)


def test_unresolved_rows_cost_recall_and_extra_resolutions_cost_precision() -> None:
    s = score_mapping("x", [("a", "1"), (None, "1"), ("a", None)])
    assert (s.truth_rows, s.predicted_rows, s.correct) == (2, 2, 1)
    assert s.precision == 0.5 and s.recall == 0.5


def test_pairwise_scoring_counts_record_pairs_from_cluster_sizes() -> None:
    # ours: {1,2} {3} {4,5}; truth: {1,2,3} {4} {5}
    pairs = [("a", "x"), ("a", "x"), ("b", "x"), ("c", "y"), ("c", "z")]
    score = score_pairwise("identity", pairs)
    assert (score.truth_rows, score.predicted_rows, score.correct) == (3, 2, 1)
    assert score.precision == 0.5 and abs(score.recall - 1 / 3) < 1e-9


def test_score_table_has_a_header_and_a_line_per_link() -> None:
    lines = score_table([Score("branch", 10, 8, 8)])
    assert lines[0].split()[:2] == ["link", "truth"]
    assert lines[1].split() == ["branch", "10", "8", "8", "1.0000", "0.8000", "0.8889"]
