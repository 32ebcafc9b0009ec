"""Declarative base, naming convention and the columns every entity shares."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum, Integer, MetaData, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from hub.db.types import UtcDateTime, utcnow

# Explicit constraint names let Alembic's SQLite batch mode rebuild tables reliably.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


ROOT_ORG_PATH = "cn"
"""The organisation unit of records that belong to the whole company (the catalogue)."""


class Base(DeclarativeBase):
    """Base of every ORM class."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_type(enum_cls: type[StrEnum], name: str) -> Enum:
    """A portable enum column: a VARCHAR with a CHECK constraint, values as stored text."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class EntityMixin:
    """UUID key, timestamps, optimistic-lock version and owning organisation unit."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4, sort_order=-1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    org_path: Mapped[str] = mapped_column(String(255), default=ROOT_ORG_PATH, index=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # SQLAlchemy bumps `version` on every UPDATE and raises StaleDataError on a lost race.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
