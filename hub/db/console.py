"""People who sign in to the steward console, and their console sessions."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import Role
from hub.db.types import UtcDateTime


class Person(EntityMixin, Base):
    """A named user (steward, reviewer, auditor, sales rep) with an Argon2 password hash.

    The person's organisation unit is `org_path`; the API sees them as `user:<username>`.
    """

    __tablename__ = "person"
    # A password hash is a secret's derivative: it has no place in a trail auditors read.
    __audit_exclude__ = frozenset({"password_hash"})

    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(enum_type(Role, "person_role"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # Audited in place of the hash, so the trail shows when a password changed.
    password_changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ConsoleSession(Base):
    """A signed-in browser: the cookie carries a random token, the table only its SHA-256.

    `kind` and `subject` name the identity (`user` + username, or `key` + API key name); it is
    looked up again on every request, so disabling a person or revoking a key ends the session.
    """

    __tablename__ = "console_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(100), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
