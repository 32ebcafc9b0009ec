"""Registering, changing and removing webhooks (audited; the secret never enters the trail)."""

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from hub.audit.writer import Author, diff, record_event, snapshot
from hub.db.base import ROOT_ORG_PATH, Base, EntityMixin
from hub.db.enums import Role
from hub.db.webhook import Webhook
from hub.errors import ErrorCode, ErrorCollector, fail
from hub.store import records
from hub.webhooks.destinations import Allowlist, refusal
from hub.webhooks.queue import feed_head
from hub.webhooks.signing import new_secret

_SCHEMES = ("http", "https")
_TEXT_KEYS = ("name", "url", "org_path")
# Audited things that are not ORM rows (see hub/authz/policies.py).
_NON_ROW_ENTITIES = frozenset({"PolicyLine"})


@dataclass(frozen=True)
class WebhookSpec:
    """The configurable part of a webhook; None means "not given" (keep, or default)."""

    name: str | None = None
    url: str | None = None
    entity_types: list[str] | None = None
    role: Role | None = None
    org_path: str | None = None
    active: bool | None = None

    def given(self) -> dict[str, Any]:
        """The attributes that were given."""
        values = {
            "name": self.name,
            "url": self.url,
            "entity_types": self.entity_types,
            "role": self.role,
            "org_path": self.org_path,
            "active": self.active,
        }
        return {key: value for key, value in values.items() if value is not None}


def audited_entity_types() -> frozenset[str]:
    """Every entity type the change feed can carry events about."""
    rows = {
        mapper.class_.__name__
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, EntityMixin)
    }
    return frozenset(rows) | _NON_ROW_ENTITIES


def _check_url(url: str, allowlist: Allowlist, errors: ErrorCollector) -> None:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        errors.add("url", ErrorCode.INVALID, "Not a URL.")
        return
    if parsed.scheme not in _SCHEMES or not parsed.host:
        errors.add("url", ErrorCode.INVALID, "The URL must be http:// or https:// with a host.")
    elif parsed.userinfo:
        # Credentials in the URL would show in every listing; the signature authenticates.
        errors.add("url", ErrorCode.INVALID, "The URL must not contain a user name or password.")
    elif (reason := refusal(parsed.host, allowlist)) is not None:
        errors.add("url", ErrorCode.INVALID, f"Webhooks may not target the hub's network: {reason}")


def _check_entity_types(entity_types: list[str], errors: ErrorCollector) -> list[str]:
    known = audited_entity_types()
    cleaned = []
    for index, entity_type in enumerate(entity_types):
        name = entity_type.strip()
        if name not in known:
            errors.add(
                ("entity_types", str(index)),
                ErrorCode.INVALID,
                f"Unknown entity type {name!r}; known: {', '.join(sorted(known))}.",
            )
        elif name not in cleaned:
            cleaned.append(name)
    return cleaned


async def _validated(
    session: AsyncSession, values: dict[str, Any], current: Webhook | None, allowlist: Allowlist
) -> dict[str, Any]:
    # Text is trimmed and may not be blank; a new webhook must have all of it.
    text = {key: values.get(key) for key in _TEXT_KEYS if key in values or current is None}
    cleaned = values | records.clean_text(Webhook, text, set(text))
    errors = ErrorCollector()
    if "url" in cleaned:
        _check_url(cleaned["url"], allowlist, errors)
    if "entity_types" in cleaned:
        cleaned["entity_types"] = _check_entity_types(cleaned["entity_types"], errors)
    errors.raise_if_any()
    await records.check_unique(
        session, Webhook, cleaned, ("name",), exclude_id=current.id if current else None
    )
    return cleaned


async def create_webhook(
    session: AsyncSession, author: Author, spec: WebhookSpec, allowlist: Allowlist
) -> Webhook:
    """Register a webhook with a new secret; it receives events committed after this one.
    Its URL may point into the hub's network only where `allowlist` says so."""
    defaults = {"role": Role.AUDITOR, "org_path": ROOT_ORG_PATH, "entity_types": [], "active": True}
    values = await _validated(session, defaults | spec.given(), None, allowlist)
    webhook = Webhook(secret=new_secret(), cursor=0, **values)
    await records.insert(session, author, webhook)
    # The writer holds the feed lock from its first event to commit (PostgreSQL), so every
    # event up to here is committed before any later one: start after them, after our own.
    cursor = await feed_head(session)
    await session.execute(update(Webhook).where(Webhook.id == webhook.id).values(cursor=cursor))
    set_committed_value(webhook, "cursor", cursor)
    return webhook


async def find_webhook(session: AsyncSession, webhook_id: uuid.UUID, field: str = "id") -> Webhook:
    """The webhook with that id, or NOT_FOUND at `field`."""
    webhook = await session.get(Webhook, webhook_id)
    if webhook is None:
        raise fail(field, ErrorCode.NOT_FOUND, "No webhook with that id exists.")
    return webhook


async def find_webhook_by_name(session: AsyncSession, name: str) -> Webhook:
    """The webhook with that name, or NOT_FOUND at `name`."""
    statement = select(Webhook).where(Webhook.name == name.strip())
    webhook = (await session.execute(statement)).scalar_one_or_none()
    if webhook is None:
        raise fail("name", ErrorCode.NOT_FOUND, f"No webhook named {name!r}.")
    return webhook


async def update_webhook(
    session: AsyncSession,
    author: Author,
    webhook_id: uuid.UUID,
    spec: WebhookSpec,
    allowlist: Allowlist,
    expected_version: int | None = None,
) -> Webhook:
    """Change a webhook; new filters apply to events enqueued from now on."""
    webhook = await find_webhook(session, webhook_id)
    values = await _validated(session, spec.given(), webhook, allowlist)
    return await records.apply(session, author, webhook, values, expected_version=expected_version)


async def rotate_secret(
    session: AsyncSession, author: Author, webhook_id: uuid.UUID, expected_version: int | None
) -> Webhook:
    """Give a webhook a new secret; every attempt from now on is signed with it."""
    webhook = await find_webhook(session, webhook_id)
    records.check_version(webhook, expected_version)
    webhook.secret = new_secret()
    await records.flush(session)
    # The secret is never audited, so the event says only that it changed.
    await record_event(session, author, "ROTATE_SECRET", webhook, {})
    return webhook


async def delete_webhook(
    session: AsyncSession, author: Author, webhook_id: uuid.UUID, expected_version: int | None
) -> Webhook:
    """Remove a webhook and its delivery history (deactivate it to keep them)."""
    webhook = await find_webhook(session, webhook_id)
    records.check_version(webhook, expected_version)
    before = snapshot(webhook)
    await session.delete(webhook)
    await records.flush(session)
    await record_event(session, author, "DELETE", webhook, diff(before, {}))
    return webhook


async def list_webhooks(session: AsyncSession) -> list[Webhook]:
    """Every webhook, by name."""
    return list((await session.execute(select(Webhook).order_by(Webhook.name))).scalars())
