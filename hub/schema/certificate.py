"""GraphQL presentation of certificates."""

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from hub.context.request import Info
from hub.db import contact as contact_db
from hub.db import institution as institution_db
from hub.db.certificate import Certificate as CertificateRow
from hub.db.enums import CertificateKind, DeviceClass, RecordStatus, ReviewStatus
from hub.schema import relations
from hub.schema.node import Record, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import certificates

if TYPE_CHECKING:
    from hub.schema.contact import Contact
    from hub.schema.institution import Institution


@strawberry.type(description="What a licence or filing permits.")
class CertificateScope:
    device_classes: list[DeviceClass]
    categories: list[str] = strawberry.field(
        description="Catalogue categories: 2017 codes (07) or 2002 codes (6840)."
    )


@strawberry.input
class CertificateScopeInput:
    device_classes: list[DeviceClass] = strawberry.field(default_factory=list)
    categories: list[str] = strawberry.field(default_factory=list)


def scope_document(scope: CertificateScopeInput | None) -> dict[str, Any] | None:
    """The stored JSON form of a scope input."""
    if scope is None:
        return None
    return {
        "deviceClasses": [device_class.value for device_class in scope.device_classes],
        "categories": [category.strip() for category in scope.categories if category.strip()],
    }


@registers(CertificateRow)
@strawberry.type(description="A licence, filing or personal document, with scope and validity.")
class Certificate(Record):
    kind: CertificateKind | None
    number: str | None
    issuer: str | None
    valid_from: date | None
    valid_to: date | None = strawberry.field(description="Null: no expiry (e.g. a filing).")
    review_status: ReviewStatus | None
    submitted_by: str | None = strawberry.field(description="Who submitted it for review.")
    first_reviewer: str | None
    first_reviewed_at: datetime | None
    first_comment: str | None
    second_reviewer: str | None = strawberry.field(
        description="Gave the second approval (or the rejection at the second step)."
    )
    second_reviewed_at: datetime | None
    second_comment: str | None
    document: str | None = strawberry.field(description="Reference to the scanned document.")
    status: RecordStatus | None

    @strawberry.field
    def scope(self) -> CertificateScope | None:
        stored = self.row.scope or {}
        return CertificateScope(
            device_classes=[DeviceClass(value) for value in stored.get("deviceClasses", [])],
            categories=list(stored.get("categories", [])),
        )

    @strawberry.field(description="The institution holding it (null for personal documents).")
    async def institution(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)

    @strawberry.field(description="The person holding it (personal documents only).")
    async def contact(
        self, info: Info
    ) -> Annotated["Contact", strawberry.lazy("hub.schema.contact")] | None:
        return await relations.one(info, contact_db.Contact, self.row.contact_id)


@strawberry.input
class CertificateFilter:
    number_contains: str | None = None
    institution_id: strawberry.ID | None = None
    contact_id: strawberry.ID | None = None
    kinds: list[CertificateKind] | None = None
    review_statuses: list[ReviewStatus] | None = None
    statuses: list[RecordStatus] | None = None
    org_path_prefix: str | None = None
    valid_to_before: date | None = None
    valid_to_on_or_after: date | None = None


CertificateOrder = order_input("Certificate", certificates.LISTING)


@strawberry.input(description="Give exactly one holder: institutionId or contactId.")
class CreateCertificateInput:
    kind: CertificateKind
    number: str
    institution_id: strawberry.ID | None = None
    contact_id: strawberry.ID | None = None
    issuer: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    scope: CertificateScopeInput | None = None
    document: str | None = None


@strawberry.input(description="Only the fields given are changed; null clears a field.")
class UpdateCertificateInput:
    id: strawberry.ID
    expected_version: int | None = None
    kind: CertificateKind | None = strawberry.UNSET
    number: str | None = strawberry.UNSET
    issuer: str | None = strawberry.UNSET
    valid_from: date | None = strawberry.UNSET
    valid_to: date | None = strawberry.UNSET
    scope: CertificateScopeInput | None = strawberry.UNSET
    document: str | None = strawberry.UNSET


@strawberry.enum(description="A reviewer's verdict at one review step.")
class ReviewDecision(StrEnum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"


@strawberry.input(
    description="One review step; the two approvals need two people, neither the submitter."
)
class ReviewCertificateInput:
    id: strawberry.ID
    decision: ReviewDecision
    comment: str | None = strawberry.field(default=None, description="Required to reject.")
    expected_version: int | None = None


CertificatePayload = payload_type(Certificate, "certificate")
