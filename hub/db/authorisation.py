"""Channel authorisation letters (授权书): who may sell which products where, and until when."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from hub.db.base import Base, EntityMixin, enum_type
from hub.db.enums import RecordStatus
from hub.db.review import FourEyesReview
from hub.db.types import JsonDocument


class Authorisation(FourEyesReview, EntityMixin, Base):
    """One link of a channel: the grantor (a manufacturer, or a distributor it authorised)
    authorises `institution` (the distributor) for device models or catalogue categories, in
    regions and for a period; a project letter (项目授权) names one hospital or tender."""

    __tablename__ = "authorisation"
    __table_args__ = (
        UniqueConstraint("grantor_id", "number"),
        CheckConstraint("grantor_id <> institution_id", name="not_self_granted"),
        CheckConstraint("valid_to >= valid_from", name="valid_to_after_from"),
    )

    number: Mapped[str] = mapped_column(String(64), index=True)
    grantor_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("institution.id"), index=True)
    # The authorised distributor; the letter belongs to its organisation unit.
    institution_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    # Device model ids; a letter for a product line lists catalogue categories instead (or too).
    device_model_ids: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    categories: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    # GB/T 2260 codes; 310000 covers all of Shanghai, 310100 the city districts only.
    regions: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    valid_from: Mapped[date] = mapped_column(Date, index=True)
    valid_to: Mapped[date] = mapped_column(Date, index=True)
    hospital_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("institution.id"), index=True
    )
    tender: Mapped[str | None] = mapped_column(String(100))
    document: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[RecordStatus] = mapped_column(
        enum_type(RecordStatus, "authorisation_status"), default=RecordStatus.ACTIVE, index=True
    )

    def covers_model(self, model: Any) -> bool:
        """Whether the letter names the model or a catalogue category the model is in."""
        if str(model.id) in self.device_model_ids:
            return True
        code = model.category_code or ""
        return any(code == c or code.startswith(c.rstrip("-") + "-") for c in self.categories)
