"""The match-rules configuration: a TOML file shipped with the package, overridable by path."""

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from hub.dedup.comparators import COMPARATORS, Comparator
from hub.dedup.knowledge import NameVocabulary, load_vocabulary
from hub.dedup.normalise import NORMALISERS, Normaliser, with_aliases

DEFAULT_RULES_PATH = Path(__file__).with_name("match_rules.toml")
RULES_ENV = "HUB_MATCH_RULES"
SCORINGS = frozenset({"weighted_mean", "match_weight"})
SURVIVORSHIP_RULES = frozenset({"most_trusted_source", "most_recent", "most_complete", "survivor"})


class RulesError(ValueError):
    """The match-rules file is malformed; the message names the offending entry."""


@dataclass(frozen=True)
class FeatureRule:
    """Compare one feature with one comparator, weighted; a veto feature caps the score.

    With `levels` (Fellegi–Sunter scoring), the similarity picks the first level it reaches and
    that level's match weight, log2(m/u), is the feature's evidence.
    """

    feature: str
    method: str
    comparator: Comparator
    weight: float
    veto: bool = False
    veto_below: float = 1.0
    levels: tuple[tuple[float, float], ...] = ()

    def match_weight(self, similarity: float) -> float:
        """The match weight of the first level whose threshold the similarity reaches."""
        for at_least, weight in self.levels:
            if similarity >= at_least:
                return weight
        return self.levels[-1][1]


@dataclass(frozen=True)
class Survivorship:
    """How a merge picks each field's value when the steward did not choose."""

    default: str
    per_field: dict[str, str]
    source_trust: tuple[str, ...]

    def rule_for(self, field: str) -> str:
        """The rule of one field."""
        return self.per_field.get(field, self.default)


@dataclass(frozen=True)
class EntityRules:
    """Everything the engine needs to match one entity type."""

    entity: str
    fields: dict[str, Normaliser]
    blocking: tuple[tuple[str, ...], ...]
    compare: tuple[FeatureRule, ...]
    review_threshold: float
    auto_threshold: float
    auto_merge: bool
    veto_cap: float
    max_block_size: int
    survivorship: Survivorship
    vocabulary: NameVocabulary
    combine: tuple[tuple[str, tuple[str, ...]], ...] = ()
    scoring: str = "weighted_mean"
    prior_weight: float = 0.0


@dataclass(frozen=True)
class MatchRules:
    """The rules of every entity type."""

    entities: dict[str, EntityRules]

    def for_entity(self, entity: str) -> EntityRules:
        """The rules of `institution` or `contact`."""
        try:
            return self.entities[entity]
        except KeyError:
            raise RulesError(f"the match rules have no [{entity}] table") from None


def _lookup(table: dict[str, Any], name: str, where: str) -> Any:
    if name not in table:
        raise RulesError(f"{where}: unknown name {name!r}; known: {', '.join(sorted(table))}")
    return table[name]


def _entity(entity: str, data: dict[str, Any], vocabulary: NameVocabulary) -> EntityRules:
    fields = {
        field: _lookup(NORMALISERS, normaliser, f"[{entity}.fields] {field}")
        for field, normaliser in data["fields"].items()
    }
    compare = tuple(
        FeatureRule(
            feature=item["feature"],
            method=item["method"],
            comparator=_lookup(COMPARATORS, item["method"], f"[[{entity}.compare]]"),
            weight=float(item.get("weight", 1.0)),
            veto=bool(item.get("veto", False)),
            veto_below=float(item.get("veto_below", 1.0)),
            levels=tuple(
                sorted(((float(a), float(w)) for a, w in item.get("levels", ())), reverse=True)
            ),
        )
        for item in data["compare"]
    )
    survivorship = dict(data.get("survivorship", {}))
    trust = tuple(survivorship.pop("source_trust", ()))
    default = survivorship.pop("default", "most_trusted_source")
    for field, rule in {"default": default, **survivorship}.items():
        _lookup(
            {name: name for name in SURVIVORSHIP_RULES}, rule, f"[{entity}.survivorship] {field}"
        )
    scoring = _lookup(
        {name: name for name in SCORINGS},
        data.get("scoring", "weighted_mean"),
        f"[{entity}] scoring",
    )
    if scoring == "match_weight" and not all(rule.levels for rule in compare):
        raise RulesError(f"[{entity}]: match_weight scoring needs `levels` on every compare rule")
    review, auto = float(data["review_threshold"]), float(data["auto_threshold"])
    if not 0 < review <= auto <= 1:
        raise RulesError(f"[{entity}]: need 0 < review_threshold <= auto_threshold <= 1")
    return EntityRules(
        entity=entity,
        fields=fields,
        blocking=tuple(tuple(key.split("+")) for key in data["blocking"]),
        compare=compare,
        review_threshold=review,
        auto_threshold=auto,
        auto_merge=bool(data.get("auto_merge", False)),
        veto_cap=float(data.get("veto_cap", 0.5)),
        max_block_size=int(data.get("max_block_size", 300)),
        survivorship=Survivorship(default, survivorship, trust),
        vocabulary=vocabulary,
        combine=tuple((name, tuple(parts)) for name, parts in data.get("combine", {}).items()),
        scoring=scoring,
        prior_weight=float(data.get("prior_weight", 0.0)),
    )


def parse_rules(data: dict[str, Any], base: Path = DEFAULT_RULES_PATH.parent) -> MatchRules:
    """Rules from a parsed TOML document; knowledge-file paths are relative to `base`."""
    vocabulary = with_aliases(load_vocabulary(data.get("vocabulary", {}), base))
    try:
        entities = {
            name: _entity(name, table, vocabulary)
            for name, table in data.items()
            if name != "vocabulary"
        }
    except KeyError as error:
        raise RulesError(f"missing key {error} in the match rules") from error
    return MatchRules(entities)


def load_rules(path: Path | str | None = None) -> MatchRules:
    """Rules from `path`, else from $HUB_MATCH_RULES, else the file shipped with the package."""
    chosen = Path(path or os.environ.get(RULES_ENV) or DEFAULT_RULES_PATH)
    return _load_cached(chosen.resolve())


@lru_cache(maxsize=8)
def _load_cached(path: Path) -> MatchRules:
    with path.open("rb") as handle:
        return parse_rules(tomllib.load(handle), path.parent)
