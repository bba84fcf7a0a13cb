"""The scoring used by `leadhub evaluate`: splits and merges of entities cost accuracy."""

from __future__ import annotations

import pytest

from leadhub.evaluate import score_mapping


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
