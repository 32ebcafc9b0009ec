"""Normalisers: turn raw field values into comparable features.

Chinese organisation names get the full treatment (NFKC, brackets, traditional → simplified,
abbreviations, legal suffixes, region prefixes, branch qualifiers, ordinals and pinyin); the
vocabulary lives in the match-rules file, so this module holds only the procedure.
"""

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import zhconv
from pypinyin import lazy_pinyin

Features = dict[str, Any]

# NFKC leaves these CJK brackets alone; they all mean "qualifier" in an organisation name.
_OPENING = "([{【〔「『《〈"
_CLOSING = ")]}】〕」』》〉"
_BRACKETED = re.compile(
    f"[{re.escape(_OPENING)}]([^{re.escape(_CLOSING)}]*)[{re.escape(_CLOSING)}]"
)
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGITS = "0123456789"
_NUMERALS = "〇一二三四五六七八九"
_ORDINAL = re.compile(r"第[〇零一二三四五六七八九十百]+")
_ARABIC_ORDINAL = re.compile(r"第(\d{1,3})")


@dataclass(frozen=True)
class NameVocabulary:
    """The words the organisation-name normaliser knows, from the match-rules file."""

    suffixes: tuple[str, ...]
    abbreviations: tuple[tuple[str, str], ...]
    branch_markers: tuple[str, ...]
    region_prefixes: tuple[str, ...]
    affiliation_markers: tuple[str, ...]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> "NameVocabulary":
        """Build from the `[vocabulary]` table; suffixes and prefixes are tried longest first."""
        return cls(
            suffixes=tuple(sorted(data.get("suffixes", ()), key=len, reverse=True)),
            abbreviations=tuple(
                sorted(
                    ((item["from"], item["to"]) for item in data.get("abbreviations", ())),
                    key=lambda pair: len(pair[0]),
                    reverse=True,
                )
            ),
            branch_markers=tuple(data.get("branch_markers", ())),
            region_prefixes=tuple(sorted(data.get("region_prefixes", ()), key=len, reverse=True)),
            affiliation_markers=tuple(data.get("affiliation_markers", ())),
        )


def basic_text(value: str) -> str:
    """NFKC (full-width → half-width), traditional → simplified, lower case, trimmed."""
    return _simplified(unicodedata.normalize("NFKC", value)).lower().strip()


@lru_cache(maxsize=65536)
def _simplified(value: str) -> str:
    return zhconv.convert(value, "zh-hans")


def squeeze(value: str) -> str:
    """Only letters, digits and CJK characters: punctuation and spaces carry no identity."""
    return _NOT_WORD.sub("", value)


@lru_cache(maxsize=65536)
def _char_pinyin(char: str) -> str:
    return lazy_pinyin(char)[0]


def pinyin_key(value: str) -> str:
    """The toneless pinyin of a text, as one string: homophones and typos of sound collide.

    Read character by character (cached): a key must be the same for the same characters
    everywhere, which matters more here than the right reading of a polyphone in context.
    """
    return "".join(map(_char_pinyin, value))


def _arabic_ordinals(text: str) -> str:
    # 第1人民医院 and 第一人民医院 are the same name.
    def to_chinese(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number <= 10:
            return "第" + ("十" if number == 10 else _NUMERALS[number])
        tens, units = divmod(number, 10)
        head = "" if tens == 1 else _NUMERALS[tens % 10]
        return f"第{head}十{_NUMERALS[units] if units else ''}"

    return _ARABIC_ORDINAL.sub(to_chinese, text)


def _split_qualifiers(text: str, vocabulary: NameVocabulary) -> tuple[str, str | None]:
    # A bracketed campus or branch (（徐汇院区）) is a separate feature; any other bracketed
    # text, such as a region in 国药控股(上海)有限公司, is part of the name.
    branch: str | None = None

    def replace(match: re.Match[str]) -> str:
        nonlocal branch
        inner = match.group(1)
        if any(inner.endswith(marker) for marker in vocabulary.branch_markers):
            branch = squeeze(inner)
            return ""
        return inner

    text = _BRACKETED.sub(replace, text)
    return text, branch


def _strip_suffixes(text: str, suffixes: tuple[str, ...]) -> str:
    stripped = True
    while stripped:
        stripped = False
        for suffix in suffixes:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text = text[: -len(suffix)]
                stripped = True
                break
    return text


_REGION_LEVEL = re.compile(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|新区|区)$")


def _split_regions(text: str, vocabulary: NameVocabulary) -> tuple[str, str]:
    # 上海中山医院 and 复旦大学附属中山医院 share the core 中山医院; a region name that starts
    # a university's name (北京大学) is part of that name and stays, and so does one that
    # would leave only a generic word (北京朝阳医院 keeps 朝阳医院).
    regions: list[str] = []
    changed = True
    while changed:
        changed = False
        for region in vocabulary.region_prefixes:
            rest = text[len(region) :]
            if text.startswith(region) and len(rest) >= 3 and not rest.startswith("大学"):
                regions.append(_REGION_LEVEL.sub("", region))
                text, changed = rest, True
                break
    return "".join(regions), text


def _strip_affiliation(text: str, vocabulary: NameVocabulary) -> str:
    for marker in vocabulary.affiliation_markers:
        _, found, rest = text.partition(marker)
        if found and len(rest) >= 2:
            return rest
    return text


def org_name(value: str, vocabulary: NameVocabulary) -> Features:
    """Features of a Chinese organisation name.

    `full`: the name without punctuation, legal suffixes or branch, region prefixes in one
    spelling (上海市 → 上海); `core`: also without region prefixes and university affiliation;
    `region`: those prefixes; `branch`: a bracketed campus or branch;
    `ordinal`: the 第N numbers that tell sibling hospitals apart; `pinyin`: phonetic key of core.
    """
    text = _arabic_ordinals(basic_text(value))
    text, branch = _split_qualifiers(text, vocabulary)
    text = squeeze(text)
    for short, long in vocabulary.abbreviations:
        text = text.replace(short, long)
    region, rest = _split_regions(_strip_suffixes(text, vocabulary.suffixes), vocabulary)
    full = region + rest
    core = _strip_affiliation(rest, vocabulary)
    ordinals = _ORDINAL.findall(full)
    return {
        "full": full or None,
        "core": core or None,
        "region": region or None,
        "branch": branch or None,
        "ordinal": "".join(ordinals) or None,
        "pinyin": pinyin_key(core) if core else None,
    }


def region_code(value: str) -> Features:
    """A GB/T 2260 code and its province and city prefixes, for blocking."""
    code = value.strip()
    return {"code": code, "province": code[:2], "city": code[:4]} if code else {}


def person_name(value: str) -> Features:
    """Features of a person's name: the squeezed text and its pinyin."""
    text = squeeze(basic_text(value))
    return {"full": text or None, "pinyin": pinyin_key(text) if text else None}


def mobile(value: str) -> str | None:
    """A mainland mobile number as its 11 digits (drops +86, spaces and dashes)."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", value))
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits or None


def code(value: str) -> str | None:
    """An identifier (USCC, ID number, serial): half-width, upper case, no separators."""
    return squeeze(unicodedata.normalize("NFKC", value).lower()).upper() or None


def text(value: str) -> str | None:
    """Free text such as an address: simplified, squeezed."""
    return squeeze(basic_text(value)) or None


def email(value: str) -> str | None:
    """An e-mail address, trimmed and lower-cased."""
    return unicodedata.normalize("NFKC", value).strip().lower() or None


def has_cjk(value: str) -> bool:
    """True when the text contains a CJK ideograph."""
    return _CJK.search(value) is not None


Normaliser = Callable[[Any, NameVocabulary], Any]


def _each(single: Callable[[str], str | None]) -> Normaliser:
    # Lists (all mobiles of an institution's contacts) become sets of normalised values.
    def normalise(value: Any, _: NameVocabulary) -> Any:
        if isinstance(value, list | tuple | set | frozenset):
            return frozenset(item for item in map(single, map(str, value)) if item) or None
        return single(str(value))

    return normalise


NORMALISERS: dict[str, Normaliser] = {
    "org_name": lambda value, vocabulary: org_name(str(value), vocabulary),
    "person_name": lambda value, _: person_name(str(value)),
    "region_code": lambda value, _: region_code(str(value)),
    "mobile": _each(mobile),
    "code": _each(code),
    "text": _each(text),
    "email": _each(email),
    "raw": lambda value, _: value,
}
"""Normalisers by the name the match-rules file uses."""
