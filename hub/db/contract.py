"""Contracts and the devices they cover."""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, String, Table, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import ContractKind, ContractStatus
from hub.db.types import JsonDocument, Money

contract_device = Table(
    "contract_device",
    Base.metadata,
    Column("contract_id", Uuid, ForeignKey("contract.id"), primary_key=True),
    Column("device_id", Uuid, ForeignKey("device.id"), primary_key=True, index=True),
)


class Contract(EntityMixin, Base):
    """A sales, service or distribution-authorisation contract with an institution."""

    __tablename__ = "contract"
    __table_args__ = (
        CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="ends_after_start"
        ),
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),
    )

    number: Mapped[str] = mapped_column(String(64), unique=True)
    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    kind: Mapped[ContractKind] = mapped_column(enum_type(ContractKind, "contract_kind"), index=True)
    starts_on: Mapped[date | None] = mapped_column(Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(Date, index=True)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    status: Mapped[ContractStatus] = mapped_column(
        enum_type(ContractStatus, "contract_status"), default=ContractStatus.DRAFT, index=True
    )
    # SERVICE contracts: {priority: {"response_hours": n, "resolution_hours": m}}.
    service_levels: Mapped[dict[str, dict[str, int]]] = mapped_column(JsonDocument, default=dict)
