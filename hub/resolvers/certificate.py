"""Query and mutation fields of certificates."""

from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.context.request import Info
from hub.db.certificate import Certificate as CertificateRow
from hub.global_ids import decode_id
from hub.resolvers import mutations
from hub.resolvers.fields import Values, archive_field, connection_field, create_field, update_field
from hub.schema.certificate import (
    Certificate,
    CertificateFilter,
    CertificateOrder,
    CertificatePayload,
    CreateCertificateInput,
    ReviewCertificateInput,
    ReviewDecision,
    UpdateCertificateInput,
    scope_document,
)
from hub.store import certificate_review, certificates


def _with_scope_document(values: Values) -> Values:
    if "scope" in values:
        values["scope"] = scope_document(values["scope"]) or {}
    return values


async def review_certificate(info: Info, input: ReviewCertificateInput) -> CertificatePayload:  # type: ignore[valid-type]
    """Approve or reject a certificate at its current review step, as the calling actor."""

    async def write(session: AsyncSession, author: Author) -> Any:
        return await certificate_review.review(
            session,
            author,
            decode_id(input.id, "Certificate", "id"),
            approve=input.decision is ReviewDecision.APPROVE,
            comment=input.comment,
            expected_version=input.expected_version,
        )

    return await mutations.run(info, CertificatePayload, write)


QUERY_FIELDS = {
    "certificates": connection_field(
        Certificate,
        certificates.LISTING,
        CertificateFilter,
        CertificateOrder,
        "Certificates, filtered (e.g. validToBefore) and ordered.",
    ),
}

MUTATION_FIELDS = {
    "create_certificate": create_field(
        CertificatePayload,
        CreateCertificateInput,
        certificates.create,
        "Submit a certificate for review.",
        prepare=_with_scope_document,
    ),
    "update_certificate": update_field(
        CertificatePayload,
        UpdateCertificateInput,
        "Certificate",
        certificates.update_by_id,
        "Change a certificate.",
        prepare=_with_scope_document,
    ),
    "archive_certificate": archive_field(
        CertificatePayload, CertificateRow, "Archive a certificate.", certificates.archive
    ),
    "review_certificate": strawberry.field(
        resolver=review_certificate,
        description="Four-eyes review: SUBMITTED → FIRST_APPROVED → APPROVED, or REJECTED.",
    ),
}
