"""Comparators: similarity of two normalised values in [0, 1].

Token-based rapidfuzz scorers see unsegmented Chinese as one token and score 0 unless the whole
string is equal, so CJK text is split into overlapping character bigrams first.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from hub.dedup.normalise import has_cjk

Comparator = Callable[[Any, Any], float]


def char_ngrams(value: str, size: int = 2) -> list[str]:
    """Overlapping character n-grams; a text shorter than `size` is its own single gram."""
    if len(value) <= size:
        return [value]
    return [value[i : i + size] for i in range(len(value) - size + 1)]


def _tokens(value: str) -> str:
    return " ".join(char_ngrams(value)) if has_cjk(value) else value


def exact(left: Any, right: Any) -> float:
    """1 when equal, else 0."""
    return 1.0 if left == right else 0.0


def ratio(left: Any, right: Any) -> float:
    """Normalised Levenshtein similarity (rapidfuzz ratio)."""
    return fuzz.ratio(str(left), str(right)) / 100


def jaro_winkler(left: Any, right: Any) -> float:
    """Jaro–Winkler similarity: typos near the end of a name cost less than at its start."""
    return JaroWinkler.normalized_similarity(str(left), str(right))


def partial(left: Any, right: Any) -> float:
    """Best alignment of the shorter text inside the longer (rapidfuzz partial_ratio)."""
    return fuzz.partial_ratio(str(left), str(right)) / 100


def token_set(left: Any, right: Any) -> float:
    """Token-set similarity, on character bigrams for CJK text."""
    return fuzz.token_set_ratio(_tokens(str(left)), _tokens(str(right))) / 100


def ngram(left: Any, right: Any) -> float:
    """Dice coefficient of character bigram sets: robust to inserted or dropped words."""
    a, b = set(char_ngrams(str(left))), set(char_ngrams(str(right)))
    return 2 * len(a & b) / (len(a) + len(b))


def _shared_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared


def prefix(left: Any, right: Any) -> float:
    """Shared leading characters over the longer length."""
    a, b = str(left), str(right)
    return _shared_prefix(a, b) / max(len(a), len(b))


def nested(left: Any, right: Any) -> float:
    """1 when one text starts with the other (上海 and 上海徐汇), else 0."""
    a, b = str(left), str(right)
    return 1.0 if a.startswith(b) or b.startswith(a) else 0.0


def _levels(code: str) -> list[str]:
    # GB/T 2260: province, city, county, two digits each; trailing 00 means "the whole level".
    levels = [code[i : i + 2] for i in range(0, len(code), 2)]
    while levels and levels[-1] == "00":
        levels.pop()
    return levels


def region(left: Any, right: Any) -> float:
    """Region codes: shared levels over the less precise code's levels (31 covers 310104)."""
    a, b = _levels(str(left)), _levels(str(right))
    if not a or not b:
        return 1.0
    return _shared_prefix(a, b) / min(len(a), len(b))


def numeric(left: Any, right: Any) -> float:
    """1 - relative difference."""
    a, b = float(left), float(right)
    largest = max(abs(a), abs(b))
    return 1.0 if largest == 0 else max(0.0, 1 - abs(a - b) / largest)


def days_apart(scale_days: int) -> Comparator:
    """Dates: 1 when equal, falling linearly to 0 at `scale_days` apart."""

    def compare(left: Any, right: Any) -> float:
        a, b = date.fromisoformat(str(left)[:10]), date.fromisoformat(str(right)[:10])
        return max(0.0, 1 - abs((a - b).days) / scale_days)

    return compare


def overlap(left: Any, right: Any) -> float:
    """Sets (e.g. contacts' mobiles): 1 when they share any element."""
    return 1.0 if set(left) & set(right) else 0.0


def compatible(left: Any, right: Any) -> float:
    """Sets of words: 0 when both have words and none contains or is contained in the other.

    The kinds of two companies (药业 vs 集团, 医疗 vs 科技) set same-brand companies apart;
    生物医疗电子 and 医疗 are compatible, and a side without any says nothing.
    """
    a, b = set(left), set(right)
    if not a or not b or a & b:
        return 1.0
    return 1.0 if any(x in y or y in x for x in a for y in b) else 0.0


COMPARATORS: dict[str, Comparator] = {
    "exact": exact,
    "ratio": ratio,
    "jaro_winkler": jaro_winkler,
    "partial": partial,
    "token_set": token_set,
    "ngram": ngram,
    "prefix": prefix,
    "region": region,
    "nested": nested,
    "numeric": numeric,
    "date": days_apart(365),
    "overlap": overlap,
    "compatible": compatible,
}
"""Comparators by the name the match-rules file uses."""
