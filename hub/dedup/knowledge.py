"""Chinese institution-name knowledge, read from the data files operators edit.

`knowledge/names.toml` holds the words (suffixes, abbreviations, parent institutions, generic
words, vetoes, branch markers), `knowledge/aliases.toml` the alias registry and
`knowledge/gbt2260.csv` the GB/T 2260 division list. Nothing here knows a word itself.
"""

import csv
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Endings of division names, longest first; a county-level city 义乌市 is also called 义乌.
_LEVEL_ENDINGS = (
    "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区",
    "自治区", "自治州", "地区", "省", "市",
)  # fmt: skip


def _levels(code: str) -> list[str]:
    levels = [code[i : i + 2] for i in range(0, 6, 2)]
    while levels and levels[-1] == "00":
        levels.pop()
    return levels


def _common_code(codes: Iterable[str]) -> str | None:
    # An ambiguous name (吉林: province and city) stands for what its codes share.
    shared: list[str] | None = None
    for code in codes:
        levels = _levels(code)
        if shared is None:
            shared = levels
            continue
        count = 0
        for a, b in zip(shared, levels, strict=False):
            if a != b:
                break
            count += 1
        shared = shared[:count]
    if not shared:
        return None
    return "".join(shared).ljust(6, "0")


@dataclass(frozen=True)
class RegionIndex:
    """GB/T 2260 division names (full and short) and the code each stands for."""

    codes: Mapping[str, str | None]
    short_names: Mapping[str, str]
    longest: int = 0

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str]]) -> "RegionIndex":
        """Index divisions; districts and counties are known only by their full names."""
        by_name: dict[str, set[str]] = defaultdict(set)
        short_of: dict[str, str] = {}
        for code, name in rows:
            by_name[name].add(code)
            short = name
            if not name.endswith(("区", "县", "旗")):
                for ending in _LEVEL_ENDINGS:
                    if name.endswith(ending) and len(name) - len(ending) >= 2:
                        short = name[: -len(ending)]
                        break
            if short != name:
                by_name[short].add(code)
            short_of.setdefault(code, short)
        codes = {name: _common_code(found) for name, found in by_name.items()}
        return cls(codes, short_of, max(map(len, codes), default=0))

    @classmethod
    def from_csv(cls, path: Path) -> "RegionIndex":
        """Read `code,name` rows; lines starting with # are comments."""
        with path.open(encoding="utf-8") as handle:
            lines = (line for line in handle if not line.startswith("#"))
            rows = [(row["code"], row["name"]) for row in csv.DictReader(lines)]
        return cls.from_rows(rows)

    def leading(self, text: str) -> str | None:
        """The longest division name `text` starts with."""
        for length in range(min(self.longest, len(text)), 1, -1):
            if text[:length] in self.codes:
                return text[:length]
        return None

    def short_name(self, code: str) -> str:
        """The short name of a division (义乌 for 330782), for keys that must not vary."""
        return self.short_names.get(code, code)


@dataclass(frozen=True)
class Rewrite:
    """A regular-expression rewrite of a name (an abbreviation rule)."""

    pattern: re.Pattern[str]
    replacement: str


@dataclass(frozen=True)
class NameVocabulary:
    """Everything the organisation-name normaliser knows, from the knowledge files."""

    suffixes: tuple[str, ...] = ()
    abbreviations: tuple[Rewrite, ...] = ()
    university_short_forms: tuple[tuple[str, str], ...] = ()
    parent_pattern: re.Pattern[str] | None = None
    generic_words: tuple[str, ...] = ()
    generic_cores: frozenset[str] = frozenset()
    specialties: tuple[str, ...] = ()
    ordinal: re.Pattern[str] = re.compile(r"第[〇零一二三四五六七八九十百]+")
    campus_markers: tuple[str, ...] = ()
    campus_hosts: tuple[str, ...] = ()
    parent_links: tuple[str, ...] = ()
    outlet_markers: tuple[str, ...] = ()
    outlet_pattern: re.Pattern[str] | None = None
    regions: RegionIndex = field(default_factory=lambda: RegionIndex({}, {}))
    alias_groups: tuple[tuple[str, ...], ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[str, Any],
        regions: RegionIndex | None = None,
        alias_groups: Iterable[Iterable[str]] = (),
    ) -> "NameVocabulary":
        """Build from the parsed names file; word lists are tried longest first."""

        def longest_first(key: str) -> tuple[str, ...]:
            return tuple(sorted(data.get(key, ()), key=len, reverse=True))

        def alternatives(key: str) -> str:
            return "|".join(map(re.escape, longest_first(key)))

        short_forms = [
            (item["short"], item["long"]) for item in data.get("university_short_forms", ())
        ]
        parent = None
        if data.get("parent_endings"):
            parent = re.compile(
                f"^(?P<parent>.{{2,12}}?(?:{alternatives('parent_endings')}))"
                f"(?:{alternatives('parent_schools') or '(?!)'})?"
                f"(?:{alternatives('parent_links') or '(?!)'})?(?P<rest>.{{2,}})$"
            )
        outlet = None
        if data.get("outlet_brand_endings") and data.get("outlet_markers"):
            outlet = re.compile(
                f"^(?P<brand>.+?(?:{alternatives('outlet_brand_endings')}))"
                f"(?P<outlet>.{{2,12}}(?:{alternatives('outlet_markers')}))$"
            )
        return cls(
            suffixes=longest_first("suffixes"),
            abbreviations=tuple(
                Rewrite(re.compile(item["from"]), item["to"])
                for item in data.get("abbreviations", ())
            ),
            university_short_forms=tuple(
                sorted(
                    short_forms,
                    key=lambda pair: len(pair[0]),
                    reverse=True,
                )
            ),
            parent_pattern=parent,
            generic_words=longest_first("generic_words"),
            generic_cores=frozenset(data.get("generic_cores", ())),
            specialties=longest_first("specialties"),
            ordinal=re.compile(data.get("ordinal_pattern", cls.ordinal.pattern)),
            campus_markers=longest_first("campus_markers"),
            campus_hosts=longest_first("campus_hosts"),
            parent_links=longest_first("parent_links"),
            outlet_markers=longest_first("outlet_markers"),
            outlet_pattern=outlet,
            regions=regions or RegionIndex({}, {}),
            alias_groups=tuple(tuple(group) for group in alias_groups),
        )


_SHIPPED = Path(__file__).parent


def load_vocabulary(table: Mapping[str, Any], base: Path) -> NameVocabulary:
    """The vocabulary a match-rules `[vocabulary]` table names (paths relative to `base`).

    `names`, `aliases` and `regions` name the three knowledge files; a table without them gives
    an empty vocabulary (plain text matching). A relative path with no file beside an operator's
    rules file names the shipped file, so a copied match_rules.toml keeps the shipped knowledge.
    """

    def path(key: str) -> Path | None:
        value = table.get(key)
        if value is None:
            return None
        beside = base / value
        return beside if beside.exists() else _SHIPPED / value

    names_path, aliases_path, regions_path = path("names"), path("aliases"), path("regions")
    names: dict[str, Any] = {}
    if names_path is not None:
        with names_path.open("rb") as handle:
            names = tomllib.load(handle)
    groups: list[list[str]] = []
    if aliases_path is not None:
        with aliases_path.open("rb") as handle:
            groups = tomllib.load(handle).get("groups", [])
    regions = RegionIndex.from_csv(regions_path) if regions_path is not None else None
    return NameVocabulary.from_mapping(names, regions, groups)
