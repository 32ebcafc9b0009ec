"""The matching engine: normalise records, block them, score pairs, keep the evidence.

It works on plain mappings (an `id` plus the fields the rules name) and needs no database.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from hub.dedup.normalise import code
from hub.dedup.rules import EntityRules

Progress = Callable[[int, int], None]
"""Called with (done, total) while a scan runs."""


@dataclass(frozen=True)
class Evidence:
    """How one feature of a pair compared: stewards see why a pair was proposed."""

    feature: str
    method: str
    left: Any
    right: Any
    similarity: float | None  # None when either record lacks the feature
    weight: float  # the rule's weight, or under match_weight scoring this pair's log2(m/u)
    vetoed: bool = False

    def as_json(self) -> dict[str, Any]:
        """A JSON-safe rendering (sets become sorted lists)."""
        return {
            "feature": self.feature,
            "method": self.method,
            "left": _jsonable(self.left),
            "right": _jsonable(self.right),
            "similarity": None if self.similarity is None else round(self.similarity, 4),
            "weight": self.weight,
            "vetoed": self.vetoed,
        }


def _jsonable(value: Any) -> Any:
    # Sets (mobiles) become sorted lists; UUIDs (institution_id, parent_id) become text.
    if isinstance(value, frozenset | set):
        return sorted(value)
    return value if isinstance(value, str | int | float | type(None)) else str(value)


@dataclass(frozen=True)
class Match:
    """A scored pair; `left_id` < `right_id` so that a pair has one spelling."""

    left_id: str
    right_id: str
    score: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Prepared:
    """A record's normalised features and blocking keys."""

    id: str
    features: dict[str, Any]
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Two records that break a rule no merge can fix, e.g. one serial number twice."""

    kind: str
    ids: tuple[str, ...]
    key: str


class Matcher:
    """Matches records of one entity type by its rules."""

    def __init__(self, rules: EntityRules) -> None:
        self.rules = rules

    def prepare(self, record: Mapping[str, Any]) -> Prepared:
        """Normalise a record's fields into flat features (`name.core`) and blocking keys."""
        features: dict[str, Any] = {}
        for field, normalise in self.rules.fields.items():
            value = record.get(field)
            if value is None or value == "" or value == []:
                continue
            result = normalise(value, self.rules.vocabulary)
            if isinstance(result, dict):
                features.update({f"{field}.{key}": item for key, item in result.items()})
            elif result is not None:
                features[field] = result
        # A combined feature takes the first of its parts a record has (the region code
        # field, else the region the name starts with).
        for name, parts in self.rules.combine:
            value = next((features[part] for part in parts if features.get(part)), None)
            if value is not None:
                features[name] = value
        return Prepared(str(record["id"]), features, tuple(self._keys(features)))

    def _keys(self, features: dict[str, Any]) -> Iterator[str]:
        for parts in self.rules.blocking:
            values = [features.get(part) for part in parts]
            if any(value is None for value in values):
                continue
            name = "+".join(parts)
            # A set-valued feature (mobiles) puts the record in one block per element.
            if len(values) == 1 and isinstance(values[0], frozenset):
                yield from (f"{name}={item}" for item in values[0])
            else:
                yield f"{name}=" + "|".join(str(value) for value in values)

    def _evaluate(self, left: Prepared, right: Prepared, evidence: list[Evidence] | None) -> float:
        # One loop for scoring and for explaining; a scan explains only the pairs it keeps.
        # Weighted mean: Σ weight·similarity / Σ weight. Match weight (Fellegi–Sunter): the
        # prior log2-odds plus each feature's log2(m/u), as a probability.
        total = weights = 0.0
        vetoed = False
        fellegi_sunter = self.rules.scoring == "match_weight"
        for rule in self.rules.compare:
            a, b = left.features.get(rule.feature), right.features.get(rule.feature)
            if a is None or b is None:
                if evidence is not None:
                    weight = 0.0 if fellegi_sunter else rule.weight
                    evidence.append(Evidence(rule.feature, rule.method, a, b, None, weight))
                continue
            similarity = rule.comparator(a, b)
            veto = rule.veto and similarity < rule.veto_below
            vetoed = vetoed or veto
            weight = rule.match_weight(similarity) if fellegi_sunter else rule.weight
            total += weight if fellegi_sunter else weight * similarity
            weights += rule.weight
            if evidence is not None:
                evidence.append(Evidence(rule.feature, rule.method, a, b, similarity, weight, veto))
        if fellegi_sunter:
            score = 1 / (1 + 2 ** -(self.rules.prior_weight + total))
        else:
            score = total / weights if weights else 0.0
        return round(min(score, self.rules.veto_cap) if vetoed else score, 4)

    def score(self, left: Prepared, right: Prepared) -> float:
        """The pair's score alone (weighted mean or match probability), capped by any veto."""
        return self._evaluate(left, right, None)

    def compare(self, left: Prepared, right: Prepared) -> Match:
        """Score a pair and keep the per-feature evidence."""
        if right.id < left.id:
            left, right = right, left
        evidence: list[Evidence] = []
        score = self._evaluate(left, right, evidence)
        return Match(left.id, right.id, score, tuple(evidence))

    def candidate_pairs(self, prepared: list[Prepared]) -> set[tuple[int, int]]:
        """Index pairs sharing at least one block no larger than `max_block_size`."""
        blocks: dict[str, list[int]] = defaultdict(list)
        for index, record in enumerate(prepared):
            for key in record.keys:
                blocks[key].append(index)
        pairs: set[tuple[int, int]] = set()
        for members in blocks.values():
            if 1 < len(members) <= self.rules.max_block_size:
                pairs.update(combinations(members, 2))
        return pairs

    def scan(
        self,
        records: Iterable[Mapping[str, Any]],
        progress: Progress | None = None,
        threshold: float | None = None,
    ) -> list[Match]:
        """Every pair scoring at least `threshold` (default: the review threshold), best first."""
        floor = self.rules.review_threshold if threshold is None else threshold
        prepared = [self.prepare(record) for record in records]
        pairs = self.candidate_pairs(prepared)
        matches: list[Match] = []
        report_every = max(1, len(pairs) // 100)
        for done, (i, j) in enumerate(pairs, start=1):
            if self.score(prepared[i], prepared[j]) >= floor:
                matches.append(self.compare(prepared[i], prepared[j]))
            if progress is not None and (done % report_every == 0 or done == len(pairs)):
                progress(done, len(pairs))
        matches.sort(key=lambda match: (-match.score, match.left_id, match.right_id))
        return matches

    def against(
        self, record: Mapping[str, Any], others: Iterable[Mapping[str, Any]]
    ) -> list[Match]:
        """Matches of one record among others that share a block with it, best first."""
        subject = self.prepare(record)
        keys = set(subject.keys)
        matches = []
        for other in others:
            prepared = self.prepare(other)
            if prepared.id == subject.id or not keys.intersection(prepared.keys):
                continue
            match = self.compare(subject, prepared)
            if match.score >= self.rules.review_threshold:
                matches.append(match)
        return sorted(matches, key=lambda match: -match.score)


def serial_conflicts(devices: Iterable[Mapping[str, Any]]) -> list[Conflict]:
    """Devices of one model whose serial numbers are equal once normalised (SN-01 vs sn01).

    These are not duplicates to merge but data errors to report: a serial names one unit.
    """
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for device in devices:
        serial = code(str(device.get("serial_number") or ""))
        if serial:
            groups[(str(device["device_model_id"]), serial)].append(str(device["id"]))
    return [
        Conflict("SERIAL_NUMBER_COLLISION", tuple(sorted(ids)), f"{model}/{serial}")
        for (model, serial), ids in sorted(groups.items())
        if len(ids) > 1
    ]
