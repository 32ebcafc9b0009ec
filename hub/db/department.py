"""Departments (科室): coded units of an institution that contacts work in and devices serve."""

import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import DepartmentCategory, RecordStatus


class Department(EntityMixin, Base):
    """One department of one institution, coded from the department dictionary.

    `code` and `name` are the dictionary's (e.g. 03.04 心血管内科专业); `local_name` is what the
    hospital calls it (心内科). One record per code and institution, so merges join by code.
    """

    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("institution_id", "code"),)

    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    code: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(100))
    local_name: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[DepartmentCategory] = mapped_column(
        enum_type(DepartmentCategory, "department_category"), index=True
    )
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "department_status"), default=RecordStatus.ACTIVE, index=True
    )
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("department.id"), index=True
    )
