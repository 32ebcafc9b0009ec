"""Writes AuditEvent rows inside the transaction of the change they record."""

import functools
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import insert, inspect, text
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.notifier import CHANNEL
from hub.db.audit import AuditEvent
from hub.db.types import utcnow

# Bookkeeping columns change on every write and say nothing about the record itself.
_UNAUDITED = frozenset({"id", "created_at", "updated_at", "version"})
# Any constant works; it names the lock that serialises change-feed writers on PostgreSQL.
_FEED_LOCK_KEY = 7_340_021


@dataclass(frozen=True)
class Author:
    """Who makes a change, and in which request."""

    actor: str
    request_id: str | None = None


def jsonable(value: Any) -> Any:
    """A JSON-safe rendering of a column value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    return value


@functools.cache
def _audited_keys(model: type) -> tuple[str, ...]:
    hidden = _UNAUDITED | getattr(model, "__audit_exclude__", frozenset())
    return tuple(attr.key for attr in inspect(model).column_attrs if attr.key not in hidden)


def snapshot(row: Any) -> dict[str, Any]:
    """The audited column values of an ORM row, JSON-safe."""
    return {key: jsonable(getattr(row, key)) for key in _audited_keys(type(row))}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """`{field: {"before": old, "after": new}}` for every field whose value changed."""
    return {
        key: {"before": before.get(key), "after": after.get(key)}
        for key in sorted(before.keys() | after.keys())
        if before.get(key) != after.get(key)
    }


async def _serialise_feed_writers(session: AsyncSession) -> None:
    # On PostgreSQL, sequence values are handed out before commit, so two concurrent writers
    # could commit seq 11 before seq 10 and a feed reader at 11 would never see 10. Holding one
    # transaction-scoped lock from the first event to the commit makes seq order commit order.
    # SQLite already allows a single writer at a time.
    if session.bind.dialect.name != "postgresql" or session.info.get("feed_locked"):
        return
    await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _FEED_LOCK_KEY})
    # Delivered at commit: change-feed subscribers in every server process wake up.
    await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})
    session.info["feed_locked"] = True


_RECORDED = "audit_events_recorded"


def events_recorded(session: AsyncSession) -> Counter[tuple[str, str]]:
    """(entity type, action) → how many events `record_event` wrote in this session so far;
    a bulk import compares it before and after a row to say whether the row created,
    updated or left a record unchanged."""
    return session.info.setdefault(_RECORDED, Counter())


async def record_event(
    session: AsyncSession,
    author: Author,
    action: str,
    row: Any,
    changes: dict[str, Any],
) -> AuditEvent:
    """Append one event about `row` to the audit trail (flushed, so `seq` is known)."""
    await _serialise_feed_writers(session)
    event = AuditEvent(
        actor=author.actor,
        action=action,
        entity_type=type(row).__name__,
        entity_id=row.id,
        org_path=row.org_path,
        changes=changes,
        request_id=author.request_id,
    )
    session.add(event)
    await session.flush()
    events_recorded(session)[(event.entity_type, action)] += 1
    return event


async def record_creations(
    session: AsyncSession, author: Author, model: type, rows: Sequence[dict[str, Any]]
) -> None:
    """Audit the creation of many rows of `model`, inserted as plain dicts holding every
    column (bulk imports), with one multi-row INSERT."""
    if not rows:
        return
    await _serialise_feed_writers(session)
    at = utcnow()
    keys = _audited_keys(model)
    events = [
        {
            "id": uuid.uuid4(),
            "at": at,
            "actor": author.actor,
            "action": "CREATE",
            "entity_type": model.__name__,
            "entity_id": row["id"],
            "org_path": row["org_path"],
            "changes": diff({}, {key: jsonable(row[key]) for key in keys}),
            "request_id": author.request_id,
        }
        for row in rows
    ]
    connection = await session.connection()
    await connection.execute(insert(AuditEvent.__table__), events)
