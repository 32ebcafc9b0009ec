"""The row-access rule the store applies to every referenced row it reads and every write.

The store does not know about Casbin: the resolver layer attaches an object with these two
methods to the transaction's session (`grant`), and every lookup and write inside that
transaction obeys it. Sessions without one (CLI, system jobs) are unrestricted.
"""

from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from hub.errors import AccessDenied

_KEY = "row_access"


class RowAccess(Protocol):
    """Which rows (by entity type and organisation unit) the caller may read and write."""

    def can_read_row(self, entity_type: str, org_path: str) -> bool:
        """May the caller read this row?"""
        ...

    def can_write_row(self, entity_type: str, org_path: str) -> bool:
        """May the caller write this row?"""
        ...


def grant(session: AsyncSession, access: RowAccess) -> None:
    """Restrict everything done in this session to what `access` allows."""
    session.info[_KEY] = access


def readable(session: AsyncSession, row: Any) -> bool:
    """May the session's caller read this row?"""
    access: RowAccess | None = session.info.get(_KEY)
    return access is None or access.can_read_row(type(row).__name__, row.org_path)


def ensure_writable(session: AsyncSession, row: Any) -> None:
    """Refuse the whole mutation when the session's caller may not write this row."""
    ensure_may_write(session, type(row).__name__, row.org_path)


def ensure_may_write(session: AsyncSession, entity_type: str, org_path: str) -> None:
    """Refuse when the session's caller may not write rows of this type in this unit."""
    access: RowAccess | None = session.info.get(_KEY)
    if access is not None and not access.can_write_row(entity_type, org_path):
        raise AccessDenied(f"You may not write this {entity_type} ({org_path}).")
