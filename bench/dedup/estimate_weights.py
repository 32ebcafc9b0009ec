"""Estimate Fellegi–Sunter match weights for the contact rules from a labelled set.

    python bench/dedup/estimate_weights.py            # from FEBRL2; prints TOML to paste

For every compare rule that has `levels`, m is the share of true pairs at each level and u the
share of random pairs (almost all non-matches); the weight is log2(m/u). The thresholds stay
the operator's; only the weights are estimated. Features the set lacks (mobile, e-mail,
institution) keep their hand-set weights. FEBRL1 stays held out for benchmark.py.
"""

import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from labelled import LabelledSet, febrl, true_pairs

from hub.dedup.engine import Matcher, Prepared
from hub.dedup.rules import FeatureRule, load_rules

RANDOM_PAIRS = 200_000


def _level(rule: FeatureRule, left: Prepared, right: Prepared) -> int | None:
    a, b = left.features.get(rule.feature), right.features.get(rule.feature)
    if a is None or b is None:
        return None
    similarity = rule.comparator(a, b)
    return next(
        (index for index, (at_least, _) in enumerate(rule.levels) if similarity >= at_least),
        len(rule.levels) - 1,
    )


def estimate(labelled: LabelledSet, seed: int = 7) -> None:
    """Print the prior and each rule's levels with estimated weights."""
    matcher = Matcher(load_rules().for_entity(labelled.entity))
    prepared = {str(record["id"]): matcher.prepare(record) for record in labelled.records}
    matches = [(prepared[a], prepared[b]) for a, b in true_pairs(labelled.records)]
    rng = random.Random(seed)
    ids = list(prepared)
    randoms = [tuple(prepared[i] for i in rng.sample(ids, 2)) for _ in range(RANDOM_PAIRS)]
    total_pairs = len(ids) * (len(ids) - 1) / 2
    prior = len(matches) / total_pairs
    print(f"prior_weight = {math.log2(prior / (1 - prior)):.2f}")
    for rule in matcher.rules.compare:
        if not rule.levels:
            continue
        m = [0.5] * len(rule.levels)
        u = [0.5] * len(rule.levels)
        for counts, pairs in ((m, matches), (u, randoms)):
            for left, right in pairs:
                level = _level(rule, left, right)
                if level is not None:
                    counts[level] += 1
        if sum(m) == len(m) * 0.5:
            print(f"# {rule.feature}: not in this set, weights kept")
            continue
        weights = [
            (at_least, round(math.log2((mi / sum(m)) / (ui / sum(u))), 2))
            for (at_least, _), mi, ui in zip(rule.levels, m, u, strict=True)
        ]
        print(f"# {rule.feature}")
        print(f"levels = {[list(pair) for pair in weights]}")


if __name__ == "__main__":
    estimate(febrl(2))
