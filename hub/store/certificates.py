"""Certificates held by institutions (licences, filings) or contacts (personal documents)."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.certificate import Certificate
from hub.db.contact import Contact
from hub.db.enums import CertificateKind, RecordStatus, ReviewStatus
from hub.db.listing import Listing, before, equals, on_or_after, one_of, prefix, text_contains
from hub.errors import ErrorCode, ErrorCollector, fail
from hub.quality.identifiers import check_resident_id, check_uscc
from hub.quality.invalid import check_field, normalised
from hub.store import institutions, qualifications, records
from hub.store.certificate_review import REVIEWED_FIELDS, resubmission
from hub.store.source_records import SourceKey, upsert

LISTING = Listing(
    model=Certificate,
    filters={
        "number_contains": text_contains(Certificate.number),
        "institution_id": equals(Certificate.institution_id),
        "contact_id": equals(Certificate.contact_id),
        "kinds": one_of(Certificate.kind),
        "review_statuses": one_of(Certificate.review_status),
        "statuses": one_of(Certificate.status),
        "org_path_prefix": prefix(Certificate.org_path),
        "valid_to_before": before(Certificate.valid_to),
        "valid_to_on_or_after": on_or_after(Certificate.valid_to),
    },
    order_fields={
        "NUMBER": Certificate.number,
        "VALID_FROM": Certificate.valid_from,
        "VALID_TO": Certificate.valid_to,
        "CREATED_AT": Certificate.created_at,
    },
    default_order="VALID_TO",
    default_scope=lambda: Certificate.status == RecordStatus.ACTIVE,
    scope_overridden_by=frozenset({"statuses"}),
)

_REQUIRED = {"kind", "number"}
# Kinds whose number is a checkable identifier: the business licence carries the USCC.
_NUMBER_CHECKS = {
    CertificateKind.BUSINESS_LICENSE: check_uscc,
    CertificateKind.ID_CARD: check_resident_id,
}


async def _holder_org_path(session: AsyncSession, values: dict[str, Any]) -> str:
    if values.get("institution_id") is not None:
        holder = await institutions.live(session, values["institution_id"], "institution_id")
        return holder.org_path
    contact = await records.require(session, Contact, values["contact_id"], "contact_id")
    records.require_live(contact, "contact_id")
    return contact.org_path


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: Certificate | None
) -> dict[str, Any]:
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(Certificate, values, required)
    if "institution_id" in values or "contact_id" in values or current is None:
        holders = [records.effective(values, current, k) for k in ("institution_id", "contact_id")]
        if sum(holder is not None for holder in holders) != 1:
            raise fail(
                "institution_id",
                ErrorCode.INVALID,
                "A certificate has exactly one holder: an institution or a contact.",
            )
        merged = dict(zip(("institution_id", "contact_id"), holders, strict=True))
        values |= merged
        values["org_path"] = await _holder_org_path(session, merged)
    records.check_order(values, current, "valid_from", "valid_to")
    if "number" in values or "kind" in values:
        _check_number(values, current)
    return values


def _check_number(values: dict[str, Any], current: Certificate | None) -> None:
    check = _NUMBER_CHECKS.get(records.effective(values, current, "kind"))
    if check is None:
        return
    checked = {"number": records.effective(values, current, "number")}
    errors = ErrorCollector()
    check_field(errors, checked, "number", check)
    errors.raise_if_any()
    if "number" in values:
        values["number"] = checked["number"]


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Certificate:
    """Validate and insert a certificate; it enters review as SUBMITTED by its author.

    The GraphQL input has no review fields; trusted loaders (demo data, migrations of old
    systems) may pass a review status that was reached elsewhere.
    """
    values = {**resubmission(author), **{k: v for k, v in values.items() if v is not None}}
    return await records.create_with(session, author, Certificate, values, _validate)


async def update_by_id(
    session: AsyncSession,
    author: Author,
    certificate_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Certificate:
    """Validate and apply changes; changing what was reviewed sends it back to review."""
    certificate = await records.require_target(session, Certificate, certificate_id)
    return await _revise(session, author, certificate, values, expected_version)


async def _revise(
    session: AsyncSession,
    author: Author,
    certificate: Certificate,
    values: dict[str, Any],
    expected_version: int | None,
) -> Certificate:
    async def validate(
        session: AsyncSession, values: dict[str, Any], current: Certificate
    ) -> dict[str, Any]:
        checked = await _validate(session, values, current)
        reviewed = current.review_status is not ReviewStatus.SUBMITTED
        if reviewed and any(
            checked[key] != getattr(current, key) for key in REVIEWED_FIELDS & checked.keys()
        ):
            checked |= resubmission(author)
        return checked

    version = certificate.version
    certificate = await records.revise(
        session, author, certificate, values, expected_version, validate
    )
    if certificate.version != version:  # an unchanged write leaves the holder as it was
        await qualifications.requalify(session, author, certificate.institution_id)
    return certificate


async def upsert_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> Certificate:
    """Create or update the certificate a source ID refers to (matching holder, kind and
    number). New certificates enter review as SUBMITTED, like those created through the API."""
    given = {k: v for k, v in values.items() if v is not None}

    async def match() -> Certificate | None:
        if not (given.get("institution_id") and given.get("kind") and given.get("number")):
            return None
        check = _NUMBER_CHECKS.get(given["kind"])
        number = given["number"].strip()
        statement = select(Certificate).where(
            Certificate.institution_id == given["institution_id"],
            Certificate.kind == given["kind"],
            Certificate.number == (normalised(check, number) if check else number),
            Certificate.status == RecordStatus.ACTIVE,
        )
        return (await session.execute(statement.limit(1))).scalar_one_or_none()

    return await upsert(
        session,
        author,
        key,
        Certificate,
        match=match,
        create=lambda: create(session, author, given),
        update=lambda row: _revise(session, author, row, given, None),
    )


async def archive(
    session: AsyncSession, author: Author, certificate_id: uuid.UUID, expected_version: int | None
) -> Certificate:
    """Archive a certificate; it stops counting toward its holder's qualification."""
    certificate = await records.archive(
        session, author, Certificate, certificate_id, expected_version
    )
    await qualifications.requalify(session, author, certificate.institution_id)
    return certificate
