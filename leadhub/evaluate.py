"""Score the warehouse's resolved links against the generator's ground truth.

Every staged row (all versions) is looked up in ``truth/rows_<module>.csv`` by its lineage
(source file and row). For a mapping link (row -> branch, row -> lead source) our ids and the
truth's ids are different namespaces, so each of our entities is paired with the true entity
most of its rows belong to, and each true entity with the one of ours that holds most of its
rows. A row counts as correct only when both pairings agree: splitting one true branch in two,
or merging two, costs accuracy.

    precision = correct / rows we resolved      recall = correct / rows the truth resolves
"""

from __future__ import annotations

import csv
import functools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from leadhub.config import Target
from leadhub.database import fetch, relation, text_type


@dataclass
class Score:
    link: str
    truth_rows: int
    predicted_rows: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted_rows if self.predicted_rows else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.truth_rows if self.truth_rows else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int | str]:
        return {
            "link": self.link,
            "truth_rows": self.truth_rows,
            "predicted_rows": self.predicted_rows,
            "correct": self.correct,
            "precision": round(self.precision, 6),
            "recall": round(self.recall, 6),
            "f1": round(self.f1, 6),
        }


def score_mapping(link: str, pairs: Iterable[tuple[str | None, str | None]]) -> Score:
    """``pairs``: (our id or None, true id or None) per row."""
    pairs = list(pairs)
    both = [(p, t) for p, t in pairs if p is not None and t is not None]
    by_pred: dict[str, Counter] = {}
    by_truth: dict[str, Counter] = {}
    for p, t in both:
        by_pred.setdefault(p, Counter())[t] += 1
        by_truth.setdefault(t, Counter())[p] += 1
    best_truth = {p: c.most_common(1)[0][0] for p, c in by_pred.items()}
    best_pred = {t: c.most_common(1)[0][0] for t, c in by_truth.items()}
    correct = sum(1 for p, t in both if best_truth[p] == t and best_pred[t] == p)
    return Score(
        link=link,
        truth_rows=sum(1 for _, t in pairs if t is not None),
        predicted_rows=sum(1 for p, _ in pairs if p is not None),
        correct=correct,
    )


def score_exact(link: str, pairs: Iterable[tuple[str | None, str | None]]) -> Score:
    """Links whose ids mean the same on both sides (quote numbers): right only when equal."""
    pairs = list(pairs)
    return Score(
        link=link,
        truth_rows=sum(1 for _, t in pairs if t is not None),
        predicted_rows=sum(1 for p, _ in pairs if p is not None),
        correct=sum(1 for p, t in pairs if p is not None and p == t),
    )


def score_table(scores: Iterable[Score]) -> list[str]:
    """The scores as text lines: a header, then one line per link (cli and bench print these)."""
    lines = [
        f"{'link':<26} {'truth rows':>11} {'resolved':>10} {'correct':>10} {'precision':>10} {'recall':>8} {'f1':>7}"
    ]
    for s in scores:
        lines.append(
            f"{s.link:<26} {s.truth_rows:>11,} {s.predicted_rows:>10,} {s.correct:>10,} "
            f"{s.precision:>10.4f} {s.recall:>8.4f} {s.f1:>7.4f}"
        )
    return lines


@functools.lru_cache(maxsize=16)
def _truth_rows(truth: Path, module: str) -> dict[tuple[str, int], dict[str, str]]:
    """Truth per (file, row) of one module; read once per evaluation (cached)."""
    with (truth / f"rows_{module}.csv").open(encoding="utf-8", newline="") as fh:
        return {(t["source_file"], int(t["source_row"])): t for t in csv.DictReader(fh) if not t["malformed"]}


def rows_with_truth(
    target: Target, truth: Path, sql: str, module: str | None = None
) -> Iterator[tuple[dict[str, str], list]]:
    """(truth row, the row's other columns) for each row of `sql` the truth knows. The query's
    first columns are the row's lineage: module (unless `module` says it), _source_file,
    _source_row."""
    for row in fetch(target, sql):
        row_module, (source_file, source_row, *rest) = (module, row) if module else (row[0], row[1:])
        t = _truth_rows(truth, row_module).get((source_file, int(source_row)))
        if t is not None:
            yield t, rest


def _readable_quotes(truth: Path, module: str) -> set[str]:
    """Quote numbers of the module's rows that can be read: a true link needs a row to link to
    (not one broken on purpose)."""
    return {t["quote_number"] for t in _truth_rows(truth, module).values()}


# The lookups scored by mapping (entity kinds of stg_crm__entity_mentions), each with the
# truth's id column of its kind.
LOOKUPS = {"branch": "branch_id", "lead_source": "lead_source_id", "sales_person": "sales_person_id"}


def evaluate(target: Target, truth: Path) -> list[Score]:
    scores = _lookup_scores(target, truth)
    scores += _quote_link_scores(target, truth)
    scores.append(_customer_identity_score(target, truth))
    scores.append(_blocking_score(target, truth))
    scores.append(_bad_lead_link_score(target, truth))
    return scores


def _lookup_scores(target: Target, truth: Path) -> list[Score]:
    """Every row naming a branch, lead source or sales person (every version, both performance
    files included), as stg_crm__entity_mentions lists them, -> the entity we resolved."""
    pairs: dict[str, list[tuple[str | None, str | None]]] = {kind: [] for kind in LOOKUPS}
    resolved = {
        (kind, variant): entity
        for kind, variant, entity in fetch(
            target, f"select lookup_name, variant, entity_id from {relation(target, 'int_lookup_variants')}"
        )
    }
    mentions = (
        "select module, _source_file, _source_row, entity_kind, mention "
        f"from {relation(target, 'stg_crm__entity_mentions')}"
    )
    categories = dict(
        fetch(
            target,
            f"select cast(lead_source_id as {text_type(target)}), category from {relation(target, 'int_lead_sources')}",
        )
    )
    true_categories: dict[str, str] = {}
    if (truth / "lead_sources.csv").exists():  # a truth without lead sources (FEBRL) has no rows naming one
        with (truth / "lead_sources.csv").open(encoding="utf-8", newline="") as fh:
            true_categories = {t["lead_source_id"]: t["category"] for t in csv.DictReader(fh)}
    category_pairs: list[tuple[str | None, str | None]] = []
    for t, (kind, mention) in rows_with_truth(target, truth, mentions):
        ours = resolved.get((kind, mention)) if mention else None
        pairs[kind].append((ours, t[LOOKUPS[kind]] or None))
        if kind == "lead_source" and t["lead_source_id"]:
            category_pairs.append(
                (categories.get(str(ours)) if ours else None, true_categories[t["lead_source_id"]])
            )
    scores = [score_mapping(kind, kind_pairs) for kind, kind_pairs in pairs.items()]
    scores.append(score_exact("lead_source_category", category_pairs))
    return scores


def _quote_link_scores(target: Target, truth: Path) -> list[Score]:
    """lead_status -> booked opportunity and lost lead -> booked opportunity, by quote number."""
    booked_truth = _readable_quotes(truth, "booked_opportunities")
    booked_ours = {
        r[0]
        for r in fetch(
            target,
            f"select booked_quote_number from {relation(target, 'int_quote_links')} "
            "where booked_quote_number is not null",
        )
    }
    scores = []
    for module in ("lead_status", "lost_leads"):
        pairs: list[tuple[str | None, str | None]] = []
        quotes = (
            f"select _source_file, _source_row, quote_number from {relation(target, 'base_crm__' + module)}"
        )
        for t, (quote,) in rows_with_truth(target, truth, quotes, module):
            true_quote = t["quote_number"] or None
            pairs.append(
                (
                    quote if quote in booked_ours else None,
                    true_quote if true_quote in booked_truth else None,
                )
            )
        scores.append(score_exact(f"{module}->booked", pairs))
    return scores


def score_pairwise(link: str, pairs: Iterable[tuple[str, str]]) -> Score:
    """Clusterings compared by record pairs: (our cluster, true cluster) per record.

    A pair of records is predicted when we put both in one cluster, true when the truth does,
    correct when both. Counted from cluster sizes, never by listing the pairs.
    """
    cells: Counter = Counter()
    ours: Counter = Counter()
    theirs: Counter = Counter()
    for p, t in pairs:
        cells[p, t] += 1
        ours[p] += 1
        theirs[t] += 1

    def pair_count(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    return Score(
        link=link, truth_rows=pair_count(theirs), predicted_rows=pair_count(ours), correct=pair_count(cells)
    )


def _customer_identity_score(target: Target, truth: Path) -> Score:
    """Every current record naming a person -> customer, scored on pairs of records."""
    pairs: list[tuple[str, str]] = []
    records = f"select module, _source_file, _source_row, customer_id from {relation(target, 'int_customer_records')}"
    for t, (customer_id,) in rows_with_truth(target, truth, records):
        if t["person_id"]:
            pairs.append((customer_id, t["person_id"]))
    return score_pairwise("customer_identity (pairs)", pairs)


def _blocking_score(target: Target, truth: Path) -> Score:
    """Blocking recall: of the pairs of records that belong to one true person, the share that
    reached identity's comparisons at all: the two records share a quote number (a bridge), are
    one profile, or their profiles share a block that is not skipped (int_identity_block_keys).
    What never meets is never matched, whatever the scoring. Reported as the recall of link
    'identity blocking (pairs)'; every counted pair is a true one, so its precision is 1 by
    construction."""
    records = relation(target, "int_identity_records")
    keys_of: dict[str, set[str]] = {}
    for profile_key, block in fetch(
        target,
        f"select keys.profile_key, keys.block_kind || ':' || keys.block_value "
        f"from {relation(target, 'int_identity_block_keys')} as keys "
        f"inner join {relation(target, 'int_identity_blocks')} as blocks "
        "on keys.block_kind = blocks.block_kind and keys.block_value = blocks.block_value "
        "where not blocks.is_skipped",
    ):
        keys_of.setdefault(profile_key, set()).add(block)
    by_person: dict[str, list[tuple[str, str | None]]] = {}
    sql = f"select module, _source_file, _source_row, profile_key, quote_number from {records}"
    for t, (profile_key, quote) in rows_with_truth(target, truth, sql):
        if t["person_id"]:
            by_person.setdefault(t["person_id"], []).append((profile_key, quote))
    pairs = reached = 0
    for members in by_person.values():
        for i, (key_a, quote_a) in enumerate(members):
            for key_b, quote_b in members[i + 1 :]:
                pairs += 1
                shares_quote = quote_a is not None and quote_a == quote_b
                reached += (
                    shares_quote
                    or key_a == key_b
                    or bool(keys_of.get(key_a, set()) & keys_of.get(key_b, set()))
                )
    return Score(link="identity blocking (pairs)", truth_rows=pairs, predicted_rows=reached, correct=reached)


def _bad_lead_link_score(target: Target, truth: Path) -> Score:
    """Current bad leads -> the lead_status quote of the same lead."""
    lead_status_truth = _readable_quotes(truth, "lead_status")
    pairs: list[tuple[str | None, str | None]] = []
    links = f"select _source_file, _source_row, lead_status_quote_number from {relation(target, 'int_bad_lead_links')}"
    for t, (quote,) in rows_with_truth(target, truth, links, "bad_leads"):
        true_quote = t["lead_status_quote"] or None
        pairs.append((quote, true_quote if true_quote in lead_status_truth else None))
    return score_exact("bad_lead->lead_status", pairs)


@dataclass
class ComparisonLoad:
    """How many comparisons identity resolution made (int_identity_candidate_pairs): pairs of
    profiles, and per blocking rule the pairs its blocks make (a pair two rules find counts
    under both)."""

    records: int
    profiles: int
    pairs: int
    max_pairs_of_one_profile: int
    skipped_blocks: int
    by_kind: dict[str, int]

    @property
    def pairs_per_record(self) -> float:
        return self.pairs / self.records if self.records else 0.0


def identity_comparison_load(target: Target) -> ComparisonLoad:
    pairs_model = relation(target, "int_identity_candidate_pairs")
    blocks_model = relation(target, "int_identity_blocks")
    records = fetch(target, f"select count(*) from {relation(target, 'int_identity_records')}")[0][0]
    profiles = fetch(target, f"select count(*) from {relation(target, 'int_identity_profiles')}")[0][0]
    pairs = fetch(target, f"select count(*) from {pairs_model}")[0][0]
    by_kind = dict(
        fetch(
            target,
            f"select block_kind, sum(max_pair_count) from {blocks_model} where not is_skipped group by 1",
        )
    )
    most = fetch(
        target,
        f"select coalesce(max(n), 0) from (select profile_key, count(*) as n from ("
        f"select profile_key_a as profile_key from {pairs_model} union all "
        f"select profile_key_b from {pairs_model}) as ends group by profile_key) as per",
    )[0][0]
    skipped = fetch(target, f"select count(*) from {blocks_model} where is_skipped")[0][0]
    return ComparisonLoad(
        records=int(records),
        profiles=int(profiles),
        pairs=int(pairs),
        max_pairs_of_one_profile=int(most),
        skipped_blocks=int(skipped),
        by_kind={k: int(v) for k, v in by_kind.items()},
    )
