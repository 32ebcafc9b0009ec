"""API keys: generated once, shown once, stored only as a SHA-256 hash."""

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.authz.identity import Identity
from hub.db.api_key import ApiKey
from hub.db.base import ROOT_ORG_PATH
from hub.db.enums import Role
from hub.db.types import utcnow
from hub.errors import ErrorCode, fail
from hub.store import records

_KEY_PREFIX = "hub_"


def hash_key(secret: str) -> str:
    """The stored form of a key. Keys carry 256 random bits, so a plain SHA-256 suffices."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedKey:
    """A newly created key: the record and the secret, which is never stored."""

    record: ApiKey
    secret: str


async def create_key(
    session: AsyncSession, author: Author, name: str, role: Role, org_path: str = ROOT_ORG_PATH
) -> IssuedKey:
    """Create a key for a service account; the secret is returned once."""
    values = records.clean_text(ApiKey, {"name": name, "org_path": org_path}, {"name", "org_path"})
    await records.check_unique(session, ApiKey, values, ("name",))
    secret = _KEY_PREFIX + secrets.token_urlsafe(32)
    record = ApiKey(
        name=values["name"],
        role=role,
        org_path=values["org_path"],
        prefix=secret[: len(_KEY_PREFIX) + 6],
        key_hash=hash_key(secret),
    )
    await records.insert(session, author, record)
    return IssuedKey(record=record, secret=secret)


async def identify(session: AsyncSession, secret: str) -> Identity | None:
    """The identity of a presented key, or None for an unknown or revoked key."""
    if not secret.startswith(_KEY_PREFIX):
        return None
    statement = select(ApiKey).where(
        ApiKey.key_hash == hash_key(secret), ApiKey.revoked_at.is_(None)
    )
    key = (await session.execute(statement)).scalar_one_or_none()
    if key is None:
        return None
    return Identity(subject=key.name, roles=(key.role,), org_path=key.org_path, kind="key")


async def find_key(session: AsyncSession, name: str) -> ApiKey:
    """The key record with that name, or a NOT_FOUND error."""
    key = (await session.execute(select(ApiKey).where(ApiKey.name == name))).scalar_one_or_none()
    if key is None:
        raise fail("name", ErrorCode.NOT_FOUND, f"No API key named {name!r}.")
    return key


async def revoke_key(session: AsyncSession, author: Author, name: str) -> ApiKey:
    """Revoke a key: it stops working on the next request."""
    key = await find_key(session, name)
    if key.revoked_at is not None:
        raise fail("name", ErrorCode.INVALID_STATE, f"The API key {name!r} is already revoked.")
    return await records.apply(session, author, key, {"revoked_at": utcnow()}, action="REVOKE")


async def rotate_key(session: AsyncSession, author: Author, name: str) -> IssuedKey:
    """Give a key a new secret, returned once; the old secret stops working at once."""
    key = await find_key(session, name)
    if key.revoked_at is not None:
        raise fail("name", ErrorCode.INVALID_STATE, f"The API key {name!r} is revoked.")
    secret = _KEY_PREFIX + secrets.token_urlsafe(32)
    values = {"prefix": secret[: len(_KEY_PREFIX) + 6], "key_hash": hash_key(secret)}
    await records.apply(session, author, key, values, action="ROTATE")
    return IssuedKey(record=key, secret=secret)


async def list_keys(session: AsyncSession) -> list[ApiKey]:
    """Every key record, by name."""
    return list((await session.execute(select(ApiKey).order_by(ApiKey.name))).scalars())
