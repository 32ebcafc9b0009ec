"""Normalisers: turn raw field values into comparable features.

Chinese organisation names get the full treatment (NFKC, brackets, traditional → simplified,
abbreviations, legal suffixes, region prefixes, branch qualifiers, ordinals and pinyin); the
vocabulary lives in the match-rules file, so this module holds only the procedure.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import zhconv
from pypinyin import lazy_pinyin

from hub.dedup.knowledge import NameVocabulary

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
_ARABIC_ORDINAL = re.compile(r"第(\d{1,3})")


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


def _bracketed(text: str, vocabulary: NameVocabulary) -> tuple[str, list[str], Features]:
    # A bracketed campus or store is a branch; a region (国药控股（北京）) or a generic word
    # （集团） stays in the name; any other bracketed name is a second name (A（B）).
    seconds: list[str] = []
    branch: Features = {}

    def replace(match: re.Match[str]) -> str:
        inner = squeeze(match.group(1))
        if inner.endswith(vocabulary.campus_markers):
            branch["campus"] = inner
        elif inner.endswith(vocabulary.outlet_markers):
            branch["outlet"] = inner
        elif len(inner) >= 4 and vocabulary.regions.leading(inner) != inner:
            seconds.append(inner)
        else:
            return inner
        return ""

    return _BRACKETED.sub(replace, text), seconds, branch


def _unbracketed_branch(text: str, vocabulary: NameVocabulary) -> tuple[str, Features]:
    # 老百姓大药房五一大道店 is the store 五一大道店 of 老百姓大药房; 仁济医院东院 a campus.
    if vocabulary.outlet_pattern is not None:
        found = vocabulary.outlet_pattern.match(text)
        if found:
            return found["brand"], {"outlet": found["outlet"]}
    for host in vocabulary.campus_hosts:
        head, found, tail = text.rpartition(host)
        marker = next((m for m in vocabulary.campus_markers if tail.endswith(m)), None)
        if found and head and marker and len(tail) <= len(marker) + 4:
            return head + found, {"campus": tail}
    return text, {}


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


def _rewrite(text: str, vocabulary: NameVocabulary) -> str:
    short_forms = dict(vocabulary.university_short_forms)
    found = _alternation(tuple(short_forms)).match(text)
    if found and not text.startswith(long := short_forms[found.group()]):
        text = long + text[found.end() :]
    for rule in vocabulary.abbreviations:
        text = rule.pattern.sub(rule.replacement, text)
    return text


def _is_generic(core: str, vocabulary: NameVocabulary) -> bool:
    # 第一医院, 中心医院, 口腔医院: the kind of hospital, not which one.
    rest = _without(vocabulary.ordinal.sub("", core), vocabulary.generic_words)
    rest = _without(_without(rest, vocabulary.specialties), vocabulary.parent_links)
    return rest in vocabulary.generic_cores


def _consistent(codes: list[str], code: str) -> bool:
    # 北京 then 朝阳 (a city in 辽宁): the second is part of the name, not a place.
    return all(code.rstrip("0").startswith(known.rstrip("0")) for known in codes)


def _split_regions(text: str, vocabulary: NameVocabulary) -> tuple[list[str], list[str], str]:
    # 上海中山医院 and 复旦大学附属中山医院 share 中山医院. A region before a generic rest stays,
    # in its short form (义乌市中心医院 → 义乌中心医院), and so does one before a word too short
    # to be a name of its own (北京朝阳医院 → 朝阳医院).
    codes: list[str] = []
    shorts: list[str] = []
    while (region := vocabulary.regions.leading(text)) is not None:
        rest = text[len(region) :]
        if len(rest) < 2:
            break
        code = vocabulary.regions.codes.get(region)
        short = vocabulary.regions.short_name(code) if code else region
        if _is_generic(rest, vocabulary) or rest in vocabulary.generic_words or len(rest) < 3:
            # Only a region written out (义乌市, not 中山 of 中山眼科中心) says where it is.
            if code and region != short and _consistent(codes, code):
                codes.append(code)
            return codes, shorts, short + rest
        if code and _consistent(codes, code):
            codes.append(code)
        shorts.append(short)
        text = rest
    return codes, shorts, text


def _most_precise(codes: list[str]) -> str | None:
    return max(codes, key=lambda code: len(code.rstrip("0")), default=None)


@lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    # One pass over the text instead of one replace per word; longest words first.
    return re.compile("|".join(map(re.escape, words)) or "(?!)")


def _without(text: str, words: tuple[str, ...]) -> str:
    return _alternation(words).sub("", text)


@dataclass(frozen=True)
class _Parsed:
    full: str
    parent: str | None
    region: str | None
    core: str
    seconds: tuple[str, ...]
    branch: Features


def _outlet(outlet: str, vocabulary: NameVocabulary) -> str:
    # （长沙韶山北路店） and 韶山北路店 are one store; 连锁五一大道店 is 五一大道店.
    for word in vocabulary.suffixes:
        outlet = outlet.removeprefix(word)
    while (region := vocabulary.regions.leading(outlet)) and len(outlet) - len(region) >= 3:
        outlet = outlet[len(region) :]
    return outlet


def _parse(value: str, vocabulary: NameVocabulary) -> _Parsed:
    text = _arabic_ordinals(basic_text(value)).replace("·", "(").replace("•", "(")
    if "(" in text and ")" not in text:
        text += ")"
    text, seconds, branch = _bracketed(text, vocabulary)
    text = _strip_suffixes(squeeze(text), vocabulary.suffixes)
    text, outlet = _unbracketed_branch(text, vocabulary)
    branch = {**outlet, **branch}
    if "outlet" in branch:
        branch["outlet"] = _outlet(branch["outlet"], vocabulary)
    text = _rewrite(_strip_suffixes(text, vocabulary.suffixes), vocabulary)
    parent = None
    found = vocabulary.parent_pattern.match(text) if vocabulary.parent_pattern else None
    if found:
        parent, text = found["parent"], found["rest"]
    codes, shorts, core = _split_regions(text, vocabulary)
    full = (parent or "") + "".join(shorts) + core
    return _Parsed(full, parent, _most_precise(codes), core, tuple(seconds), branch)


def _features(parsed: _Parsed, vocabulary: NameVocabulary) -> Features:
    core = parsed.core
    brand = _without(core, vocabulary.generic_words) or core
    kinds = frozenset(word for word in vocabulary.generic_words if word in core)
    generic = _is_generic(core, vocabulary)
    keys = set() if generic and parsed.parent else {brand}
    if parsed.parent:
        keys.add(parsed.parent + brand)
    specialties = [word for word in vocabulary.specialties if word in core]
    return {
        "full": parsed.full or None,
        "core": core or None,
        "brand": brand or None,
        "keys": frozenset(key for key in keys if key) or None,
        "kinds": kinds,
        "parent": parsed.parent,
        "region_code": parsed.region,
        "ordinal": "".join(vocabulary.ordinal.findall(core)),
        "specialty": "".join(sorted(specialties)),
        "campus": parsed.branch.get("campus"),
        "outlet": parsed.branch.get("outlet", ""),
        "pinyin": pinyin_key(brand) if brand else None,
        "alias": None,
    }


def with_aliases(
    vocabulary: NameVocabulary, learned: Iterable[tuple[str, str]] = ()
) -> NameVocabulary:
    """The vocabulary with its alias registry indexed: each alias's parsed name → canonical.

    `learned` are (alias, canonical) pairs stewards confirmed by merging; a learned canonical
    that the file already reads as another name is read as that one. A name the file's groups
    claim for two institutions is ambiguous and left out: it would join different institutions.
    """
    claimed: dict[str, set[str]] = {}
    for group in vocabulary.alias_groups:
        for name in group:
            claimed.setdefault(_parse(name, vocabulary).full, set()).add(group[0])
    aliases = {full: next(iter(found)) for full, found in claimed.items() if len(found) == 1}
    for alias, canonical in learned:
        target = aliases.get(_parse(canonical, vocabulary).full, canonical)
        aliases.setdefault(_parse(alias, vocabulary).full, target)
    return replace(vocabulary, aliases=aliases)


def org_name(value: str, vocabulary: NameVocabulary) -> Features:
    """Features of a Chinese organisation name.

    `full`: the name without punctuation, legal suffixes or branch; `core`: also without region
    prefixes and parent institution; `brand`: the core without generic words; `keys`: what
    identifies it (the brand, qualified by parent or region when the core is generic such as
    第一医院); `parent`, `region_code` (GB/T 2260, from the name), `ordinal`, `specialty`,
    `campus`, `outlet`; `pinyin` of the brand; `alias`: the canonical name the alias registry
    read it as. A second name (A（B）, A·B) that the registry knows is read as that name.
    """
    parsed = _parse(value, vocabulary)
    seconds = [_parse(second, vocabulary) for second in parsed.seconds]
    for candidate in (parsed, *seconds):
        canonical = vocabulary.aliases.get(candidate.full)
        if canonical is not None:
            known = _parse(canonical, vocabulary)
            region = known.region or parsed.region
            read = replace(known, region=region, branch=parsed.branch)
            return {**_features(read, vocabulary), "alias": canonical}
    features = _features(parsed, vocabulary)
    for second in seconds:
        more = _features(second, vocabulary)["keys"] or frozenset()
        features["keys"] = (features["keys"] or frozenset()) | more or None
    return features


def region_code(value: str) -> Features:
    """A GB/T 2260 code and its province and city prefixes, for blocking."""
    code = value.strip()
    return {"code": code, "province": code[:2], "city": code[:4]} if code else {}


def _name_tokens(text: str) -> list[str]:
    # 张伟 is family 张 + given 伟; "Wei Zhang" and "Zhang Wei" are the same two tokens.
    if has_cjk(text):
        compact = squeeze(text)
        return (
            [pinyin_key(compact[:1]), pinyin_key(compact[1:])]
            if len(compact) > 1
            else [pinyin_key(compact)]
        )
    return [squeeze(token) for token in text.split() if squeeze(token)]


def person_name(value: str) -> Features:
    """Features of a person's name: the squeezed text, its pinyin and its sorted tokens.

    `sorted` is the same when given and family name are swapped (Wei Zhang / Zhang Wei) or when
    one record spells the name in pinyin and the other in characters.
    """
    plain = basic_text(value)
    text = squeeze(plain)
    tokens = sorted(_name_tokens(plain))
    return {
        "full": text or None,
        "pinyin": pinyin_key(text) if text else None,
        "sorted": " ".join(tokens) or None,
    }


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
