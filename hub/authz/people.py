"""Person accounts: who may sign in to the console, with an Argon2id password hash."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.authz.identity import Identity
from hub.db.base import ROOT_ORG_PATH
from hub.db.console import Person
from hub.db.enums import Role
from hub.db.types import utcnow
from hub.errors import ErrorCode, fail
from hub.store import records

MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
# Verified against when the username is unknown, so both answers take as long.
_DECOY_HASH = _hasher.hash("decoy password that matches nothing")


def identity_of(person: Person) -> Identity:
    """The identity the API knows this person by: `user:<username>`, as a JWT would carry."""
    return Identity(
        subject=person.username, roles=(person.role,), org_path=person.org_path, kind="user"
    )


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise fail(
            "password",
            ErrorCode.INVALID,
            f"A password needs at least {MIN_PASSWORD_LENGTH} characters.",
        )
    return _hasher.hash(password)


async def create_person(
    session: AsyncSession,
    author: Author,
    username: str,
    password: str,
    role: Role,
    *,
    display_name: str | None = None,
    org_path: str = ROOT_ORG_PATH,
) -> Person:
    """Add a person who may sign in; the password is stored only as an Argon2id hash."""
    values = records.clean_text(
        Person,
        {"username": username, "display_name": display_name or username, "org_path": org_path},
        {"username", "display_name", "org_path"},
    )
    await records.check_unique(session, Person, values, ("username",))
    person = Person(
        role=role,
        password_hash=_checked_password(password),
        password_changed_at=utcnow(),
        **values,
    )
    return await records.insert(session, author, person)


async def find_person(session: AsyncSession, username: str) -> Person:
    """The person with that username, or a NOT_FOUND error."""
    person = await _by_username(session, username)
    if person is None:
        raise fail("username", ErrorCode.NOT_FOUND, f"No person named {username!r}.")
    return person


async def _by_username(session: AsyncSession, username: str) -> Person | None:
    statement = select(Person).where(Person.username == username.strip())
    return (await session.execute(statement)).scalar_one_or_none()


async def set_password(
    session: AsyncSession, author: Author, username: str, password: str
) -> Person:
    """Give a person a new password (the audit trail records that it changed, not the hash)."""
    person = await find_person(session, username)
    changes = {"password_hash": _checked_password(password), "password_changed_at": utcnow()}
    return await records.apply(session, author, person, changes, action="SET_PASSWORD")


async def set_disabled(
    session: AsyncSession, author: Author, username: str, disabled: bool
) -> Person:
    """Disable a person (their console sessions stop working at once) or enable them again."""
    person = await find_person(session, username)
    if (person.disabled_at is not None) == disabled:
        state = "disabled" if disabled else "enabled"
        raise fail("username", ErrorCode.INVALID_STATE, f"{username!r} is already {state}.")
    changes = {"disabled_at": utcnow() if disabled else None}
    return await records.apply(
        session, author, person, changes, action="DISABLE" if disabled else "ENABLE"
    )


async def list_people(session: AsyncSession) -> list[Person]:
    """Every person, by username."""
    return list((await session.execute(select(Person).order_by(Person.username))).scalars())


async def active_person(session: AsyncSession, username: str) -> Person | None:
    """The person with that username unless unknown or disabled."""
    person = await _by_username(session, username)
    return person if person is not None and person.disabled_at is None else None


async def authenticate(session: AsyncSession, username: str, password: str) -> Person | None:
    """The person whose username and password these are, or None (unknown, wrong, disabled)."""
    person = await active_person(session, username)
    try:
        _hasher.verify(person.password_hash if person else _DECOY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return person
