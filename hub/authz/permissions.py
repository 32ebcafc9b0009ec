"""What one caller may do, resolved once from Casbin and then looked up per field and row."""

from dataclasses import dataclass, field
from enum import Enum

from casbin.util import key_match


class FieldAccess(Enum):
    """How a field reads for a caller."""

    CLEAR = "clear"
    MASKED = "masked"
    DENIED = "denied"


@dataclass(frozen=True)
class RowRule:
    """Allowed (or denied) organisation-unit patterns for one entity type and action."""

    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()

    def matches(self, org_path: str) -> bool:
        """True when a row with this org_path is covered."""
        return any(path_matches(org_path, p) for p in self.allow) and not any(
            path_matches(org_path, p) for p in self.deny
        )


def path_matches(org_path: str, pattern: str) -> bool:
    """Casbin keyMatch on org paths, where `cn/east/*` also covers `cn/east` itself."""
    if pattern.endswith("/*") and org_path == pattern[:-2]:
        return True
    return bool(key_match(org_path, pattern))


@dataclass(frozen=True)
class Permissions:
    """A caller's resolved permissions: row rules, field access, writable fields, operations."""

    rows: dict[tuple[str, str], RowRule] = field(default_factory=dict)
    fields: dict[str, FieldAccess] = field(default_factory=dict)
    writable: frozenset[str] = frozenset()
    operations: frozenset[str] = frozenset()

    def row_rule(self, entity_type: str, action: str) -> RowRule:
        """The org-path rule for reading or writing rows of a type (empty: nothing)."""
        return self.rows.get((entity_type, action), RowRule())

    def can_read_row(self, entity_type: str, org_path: str) -> bool:
        """May the caller read this row?"""
        return self.row_rule(entity_type, "read").matches(org_path)

    def can_write_row(self, entity_type: str, org_path: str) -> bool:
        """May the caller write this row?"""
        return self.row_rule(entity_type, "write").matches(org_path)

    def field_access(self, type_name: str, field_name: str) -> FieldAccess:
        """How `Type.field` reads for the caller (unlisted fields are not guarded)."""
        return self.fields.get(f"{type_name}.{field_name}", FieldAccess.CLEAR)

    def can_write_field(self, type_name: str, field_name: str) -> bool:
        """May the caller set `Type.field` in a mutation input?"""
        return f"{type_name}.{field_name}" in self.writable

    def can_call(self, operation: str) -> bool:
        """May the caller run this guarded operation?"""
        return operation in self.operations
