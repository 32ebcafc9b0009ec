"""Query and mutation fields of certificates."""

from hub.db.certificate import Certificate as CertificateRow
from hub.resolvers.fields import (
    Values,
    archive_field,
    connection_field,
    create_field,
    review_field,
    update_field,
)
from hub.schema.certificate import (
    Certificate,
    CertificateFilter,
    CertificateOrder,
    CertificatePayload,
    CreateCertificateInput,
    ReviewCertificateInput,
    UpdateCertificateInput,
    scope_document,
)
from hub.store import certificate_review, certificates


def _with_scope_document(values: Values) -> Values:
    if "scope" in values:
        values["scope"] = scope_document(values["scope"]) or {}
    return values


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
    "review_certificate": review_field(
        CertificatePayload,
        ReviewCertificateInput,
        "Certificate",
        certificate_review.review,
        "Four-eyes review: SUBMITTED → FIRST_APPROVED → APPROVED, or REJECTED.",
    ),
}
