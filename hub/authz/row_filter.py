"""Row rules compiled into SQL conditions on `org_path` (never string-built SQL)."""

from typing import Any

from sqlalchemy import ColumnElement, and_, false, not_, or_, true

from hub.authz.permissions import RowRule


def _pattern_clause(column: Any, pattern: str) -> ColumnElement[bool]:
    if pattern == "*":
        return true()
    if pattern.endswith("/*"):
        base = pattern[:-2]
        return or_(column == base, column.startswith(base + "/", autoescape=True))
    if pattern.endswith("*"):
        return column.startswith(pattern[:-1], autoescape=True)
    return column == pattern


def rule_clause(rule: RowRule, column: Any) -> ColumnElement[bool]:
    """`org_path` matches an allowed pattern and no denied one."""
    if not rule.allow:
        return false()
    allowed = or_(*(_pattern_clause(column, pattern) for pattern in rule.allow))
    if not rule.deny:
        return allowed
    return and_(allowed, not_(or_(*(_pattern_clause(column, p) for p in rule.deny))))
