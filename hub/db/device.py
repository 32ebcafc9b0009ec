"""The product catalogue and the physical units: device models, batches and devices."""

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import BatchStatus, DeviceClass, DeviceStatus, RecordStatus


class DeviceModel(EntityMixin, Base):
    """A registered product (one 注册证 / 备案 line)."""

    __tablename__ = "device_model"

    name: Mapped[str] = mapped_column(String(200), index=True)
    manufacturer: Mapped[str] = mapped_column(String(200), index=True)
    device_class: Mapped[DeviceClass] = mapped_column(
        enum_type(DeviceClass, "device_class"), index=True
    )
    category_code: Mapped[str | None] = mapped_column(String(16), index=True)
    registration_number: Mapped[str | None] = mapped_column(String(64), index=True)
    udi_di: Mapped[str | None] = mapped_column(String(14), unique=True)
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "device_model_status"), default=RecordStatus.ACTIVE, index=True
    )


class Batch(EntityMixin, Base):
    """A production lot of one model."""

    __tablename__ = "batch"
    __table_args__ = (
        UniqueConstraint("device_model_id", "lot_number"),
        CheckConstraint(
            "expires_on IS NULL OR manufactured_on IS NULL OR expires_on > manufactured_on",
            name="expires_after_manufacture",
        ),
    )

    device_model_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("device_model.id"), index=True
    )
    lot_number: Mapped[str] = mapped_column(String(64), index=True)
    manufactured_on: Mapped[date | None] = mapped_column(Date, index=True)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[BatchStatus] = mapped_column(
        enum_type(BatchStatus, "batch_status"), default=BatchStatus.ACTIVE, index=True
    )


class Device(EntityMixin, Base):
    """One physical unit, identified by model and serial number."""

    __tablename__ = "device"
    __table_args__ = (UniqueConstraint("device_model_id", "serial_number"),)

    device_model_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("device_model.id"), index=True
    )
    serial_number: Mapped[str] = mapped_column(String(64), index=True)
    batch_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("batch.id"), index=True)
    udi: Mapped[str | None] = mapped_column(String(200), index=True)
    institution_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("department.id"), index=True
    )
    installed_on: Mapped[date | None] = mapped_column(Date, index=True)
    warranty_ends_on: Mapped[date | None] = mapped_column(Date, index=True)
    next_maintenance_on: Mapped[date | None] = mapped_column(Date, index=True)
    # The usage meter (hours, exposures, tests) as last reported by the device or the ERP.
    usage_reading: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[DeviceStatus] = mapped_column(
        enum_type(DeviceStatus, "device_status"), default=DeviceStatus.IN_STOCK, index=True
    )
