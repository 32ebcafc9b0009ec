"""API keys of service accounts (stored as hashes only)."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import Role
from hub.db.types import UtcDateTime


class ApiKey(EntityMixin, Base):
    """A service account's key: name, role, scope and the SHA-256 of the secret."""

    __tablename__ = "api_key"
    # Even a hash of a secret has no place in a trail that auditors read.
    __audit_exclude__ = frozenset({"key_hash"})

    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"), index=True)
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
