"""Console sessions: a random token in an HttpOnly, SameSite=Strict cookie, its hash in the
database, and a per-session token that every form must echo (CSRF)."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.authz.api_keys import identify
from hub.authz.identity import Identity
from hub.authz.people import active_person, identity_of
from hub.db.api_key import ApiKey
from hub.db.console import ConsoleSession
from hub.db.types import utcnow

COOKIE = "hub_console"
LIFETIME = timedelta(hours=10)
"""A working day and a bit: a steward signs in once in the morning."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SignedIn:
    """A live session: who it is and the token its forms must carry."""

    identity: Identity
    display_name: str
    csrf_token: str


async def start(session: AsyncSession, identity: Identity) -> str:
    """Open a session for a person or a service account; returns the cookie's token."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        ConsoleSession(
            token_hash=_digest(token),
            kind=identity.kind,
            subject=identity.subject,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=now + LIFETIME,
        )
    )
    return token


async def key_identity(session: AsyncSession, secret: str) -> Identity | None:
    """The service account behind an API key, as the API would identify it."""
    return await identify(session, secret.strip())


async def resume(session: AsyncSession, token: str) -> SignedIn | None:
    """The session behind a cookie, if it has not expired and its person or key still works."""
    row = await session.get(ConsoleSession, _digest(token))
    if row is None or row.expires_at <= utcnow():
        return None
    if row.kind == "user":
        person = await active_person(session, row.subject)
        if person is None:
            return None
        return SignedIn(identity_of(person), person.display_name, row.csrf_token)
    statement = select(ApiKey).where(ApiKey.name == row.subject, ApiKey.revoked_at.is_(None))
    key = (await session.execute(statement)).scalar_one_or_none()
    if key is None:
        return None
    identity = Identity(subject=key.name, roles=(key.role,), org_path=key.org_path, kind="key")
    return SignedIn(identity, key.name, row.csrf_token)


async def end(session: AsyncSession, token: str) -> None:
    """Sign out: the session row goes, so the cookie is worthless even if it was copied."""
    await session.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == _digest(token)))
    await session.execute(delete(ConsoleSession).where(ConsoleSession.expires_at <= utcnow()))


def same_token(expected: str, presented: str | None) -> bool:
    """Constant-time comparison of a form's CSRF token with the session's."""
    return presented is not None and secrets.compare_digest(expected, presented)
