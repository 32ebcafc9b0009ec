"""The department dictionary (departments.toml): standard codes and names, and the spellings
that lead to them. Matching is exact after normalising; an unknown name is never guessed."""

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from hub.db.enums import DepartmentCategory

BUNDLED_DICTIONARY = "departments.toml"
_SPACES = re.compile(r"\s+")
_SUFFIX = "专业"


class DictionaryError(ValueError):
    """The dictionary file is malformed; the message names the entry."""


@dataclass(frozen=True)
class DepartmentEntry:
    """One standard department: `03.04 心血管内科专业`."""

    code: str
    name: str
    category: DepartmentCategory
    synonyms: tuple[str, ...] = ()


def spelling(name: str) -> str:
    """The form names are compared in: NFKC, no spaces, upper case."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name)).upper()


@dataclass(frozen=True)
class DepartmentDictionary:
    """Every standard department, and the spelling → code index built from the file."""

    entries: dict[str, DepartmentEntry]
    index: dict[str, str]

    def match(self, name: str | None) -> DepartmentEntry | None:
        """The standard department a written name denotes, or None when it is unknown."""
        if not name or not name.strip():
            return None
        code = self.index.get(spelling(name))
        return None if code is None else self.entries[code]

    def entry(self, code: str) -> DepartmentEntry | None:
        """The standard department with that code."""
        return self.entries.get(code.strip())


def _spellings(entry: DepartmentEntry) -> set[str]:
    names = {entry.name, *entry.synonyms}
    if entry.name.endswith(_SUFFIX):
        names.add(entry.name.removesuffix(_SUFFIX))
    return {spelling(name) for name in names}


def parse_dictionary(document: dict[str, object]) -> DepartmentDictionary:
    """The dictionary from a decoded TOML document; a spelling claimed twice is an error."""
    entries: dict[str, DepartmentEntry] = {}
    index: dict[str, str] = {}
    sections = {
        "clinical": DepartmentCategory.CLINICAL,
        "administrative": DepartmentCategory.ADMINISTRATIVE,
    }
    for section, category in sections.items():
        table = document.get(section, {})
        if not isinstance(table, dict):
            raise DictionaryError(f"[{section}] must be a table of codes.")
        for code, raw in table.items():
            if code in entries or not isinstance(raw, dict) or "name" not in raw:
                raise DictionaryError(f"{section}.{code}: a code needs one entry with a name.")
            entry = DepartmentEntry(
                code=code,
                name=str(raw["name"]),
                category=category,
                synonyms=tuple(str(word) for word in raw.get("synonyms", [])),
            )
            entries[code] = entry
            for word in _spellings(entry):
                if index.setdefault(word, code) != code:
                    raise DictionaryError(f"{word} names both {index[word]} and {code}.")
    return DepartmentDictionary(entries=entries, index=index)


@cache
def department_dictionary() -> DepartmentDictionary:
    """The bundled dictionary, read once per process."""
    text = resources.files("hub.quality").joinpath(BUNDLED_DICTIONARY).read_text("utf-8")
    return parse_dictionary(tomllib.loads(text))
