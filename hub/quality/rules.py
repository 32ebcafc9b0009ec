"""The qualification rules, read from a TOML file shipped with the package (or HUB_RULES_FILE).

Nothing here knows a regulation: every fact comes from the file, so an operator who edits it and
runs `hub rescreen` changes what the hub enforces.
"""

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from hub.db.enums import CertificateKind, DeviceClass, InstitutionKind

BUNDLED_RULES = "rules.toml"


class RulesError(ValueError):
    """The rules file is malformed; the message says where."""


@dataclass(frozen=True)
class KindRule:
    """What one certificate kind means."""

    label: str
    permits_classes: frozenset[DeviceClass] = frozenset()
    scoped: bool = False
    matches_uscc: bool = False


@dataclass(frozen=True)
class Template:
    """What one institution kind must hold, and which certificates it buys under."""

    required: tuple[tuple[CertificateKind, ...], ...] = ()
    buys_with: frozenset[CertificateKind] = frozenset()


@dataclass(frozen=True)
class Exemption:
    """A Class II product group exempt from the operation filing."""

    category: str
    name: str


@dataclass(frozen=True)
class Rules:
    """Everything qualification and compliance decisions are made from."""

    warning_days: int
    kinds: dict[CertificateKind, KindRule]
    templates: dict[InstitutionKind, Template]
    licence_free_classes: frozenset[DeviceClass]
    entity_certificates: tuple[CertificateKind, ...]
    exemptions: tuple[Exemption, ...]
    categories_2017: dict[str, str]
    categories_2002: dict[str, str]
    crosswalk: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def kind(self, kind: CertificateKind) -> KindRule:
        """The rule of a certificate kind (an unlisted kind permits nothing)."""
        return self.kinds.get(kind, KindRule(label=kind.value))

    def template(self, kind: InstitutionKind) -> Template:
        """The template of an institution kind (an unlisted kind needs nothing)."""
        return self.templates.get(kind, Template())

    def top_levels(self, code: str) -> frozenset[str]:
        """The 2017 top-level categories a 2017 or 2002 code denotes (empty if unknown)."""
        code = code.strip()
        if code in self.crosswalk:
            return frozenset(self.crosswalk[code])
        top = code[:2]
        return frozenset({top}) if top in self.categories_2017 else frozenset()

    def is_exempt(self, category_code: str | None) -> bool:
        """True when a Class II product of this category needs no operation filing."""
        return category_code is not None and any(
            category_code.startswith(exemption.category) for exemption in self.exemptions
        )


def _enum_tuple(enum_type: Any, values: Any, where: str) -> tuple[Any, ...]:
    # Order is kept: the first kind of a group names it in reasons.
    try:
        return tuple(enum_type(value) for value in values or [])
    except ValueError as error:
        raise RulesError(f"{where}: {error}") from error


def _enum_set(enum_type: Any, values: Any, where: str) -> frozenset[Any]:
    return frozenset(_enum_tuple(enum_type, values, where))


def parse_rules(document: dict[str, Any]) -> Rules:
    """Rules from the decoded TOML document; RulesError names the first bad entry."""
    try:
        kinds = {
            CertificateKind(name): KindRule(
                label=entry.get("label", name),
                permits_classes=_enum_set(
                    DeviceClass, entry.get("permits_classes"), f"certificate_kinds.{name}"
                ),
                scoped=bool(entry.get("scoped", False)),
                matches_uscc=bool(entry.get("matches_uscc", False)),
            )
            for name, entry in document.get("certificate_kinds", {}).items()
        }
        templates = {
            InstitutionKind(name): Template(
                required=tuple(
                    _enum_tuple(CertificateKind, group, f"institution_kinds.{name}.required")
                    for group in entry.get("required", [])
                ),
                buys_with=_enum_set(
                    CertificateKind, entry.get("buys_with"), f"institution_kinds.{name}.buys_with"
                ),
            )
            for name, entry in document.get("institution_kinds", {}).items()
        }
        purchase = document.get("purchase", {})
        old = document.get("categories_2002", {})
        return Rules(
            warning_days=int(document.get("warning_days", 90)),
            kinds=kinds,
            templates=templates,
            licence_free_classes=_enum_set(
                DeviceClass, purchase.get("licence_free_classes"), "purchase"
            ),
            entity_certificates=_enum_tuple(
                CertificateKind, purchase.get("entity_certificates"), "purchase"
            ),
            exemptions=tuple(
                Exemption(category=str(entry["category"]), name=str(entry.get("name", "")))
                for entry in document.get("filing_exemptions", [])
            ),
            categories_2017={
                str(code): str(name) for code, name in document.get("categories_2017", {}).items()
            },
            categories_2002={str(code): str(entry["name"]) for code, entry in old.items()},
            crosswalk={str(code): tuple(entry.get("maps_to", [])) for code, entry in old.items()},
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise RulesError(f"malformed rules file: {error!r}") from error
    except ValueError as error:
        if isinstance(error, RulesError):
            raise
        raise RulesError(str(error)) from error


def read_rules_text(path: Path | None) -> str:
    """The text of the rules file at `path`, or of the bundled one."""
    if path is None:
        return resources.files("hub.quality").joinpath(BUNDLED_RULES).read_text(encoding="utf-8")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def _load(path: Path | None, modified: float) -> Rules:
    # `modified` is part of the cache key, so an edited file is read again.
    try:
        return parse_rules(tomllib.loads(read_rules_text(path)))
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{path or BUNDLED_RULES}: {error}") from error


def load_rules(path: Path | None = None) -> Rules:
    """The rules in `path`, or the bundled ones; cached until the file changes."""
    try:
        modified = path.stat().st_mtime if path is not None else 0.0
    except OSError as error:
        raise RulesError(f"cannot read the rules file {path}: {error.strerror}") from error
    return _load(path, modified)


def current_rules() -> Rules:
    """The rules the running hub enforces: HUB_RULES_FILE, or the bundled file."""
    from hub.config import get_settings

    return load_rules(get_settings().rules_file)
