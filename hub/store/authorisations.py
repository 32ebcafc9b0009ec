"""Channel authorisation letters (授权书): validation, four-eyes review, listing, upsert."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.authorisation import Authorisation
from hub.db.enums import InstitutionKind, RecordStatus, ReviewStatus
from hub.db.institution import Institution
from hub.db.listing import Listing, before, equals, one_of, prefix, text_contains
from hub.errors import ErrorCode, ErrorCollector, fail
from hub.quality.invalid import Invalid
from hub.quality.regions import check_region_code
from hub.store import catalogue, institutions, records
from hub.store.review import four_eyes, review
from hub.store.source_records import SourceKey, upsert

LISTING = Listing(
    model=Authorisation,
    filters={
        "number_contains": text_contains(Authorisation.number),
        "institution_id": equals(Authorisation.institution_id),
        "grantor_id": equals(Authorisation.grantor_id),
        "review_statuses": one_of(Authorisation.review_status),
        "statuses": one_of(Authorisation.status),
        "org_path_prefix": prefix(Authorisation.org_path),
        "valid_to_before": before(Authorisation.valid_to),
    },
    order_fields={
        "NUMBER": Authorisation.number,
        "VALID_FROM": Authorisation.valid_from,
        "VALID_TO": Authorisation.valid_to,
        "CREATED_AT": Authorisation.created_at,
    },
    default_order="VALID_TO",
    default_scope=lambda: Authorisation.status == RecordStatus.ACTIVE,
    scope_overridden_by=frozenset({"statuses"}),
)

FLOW = four_eyes("authorisation letter")
# Changing any of these sends a reviewed letter back to review.
REVIEWED_FIELDS = frozenset(
    {
        "number",
        "grantor_id",
        "institution_id",
        "device_model_ids",
        "categories",
        "regions",
        "valid_from",
        "valid_to",
        "hospital_id",
        "tender",
    }
)
_REQUIRED = {"number", "grantor_id", "institution_id", "regions", "valid_from", "valid_to"}
_GRANTORS = (InstitutionKind.MANUFACTURER, InstitutionKind.DISTRIBUTOR)
_PROJECT_HOLDERS = (InstitutionKind.HOSPITAL, InstitutionKind.CLINIC)


async def _party(
    session: AsyncSession, institution_id: uuid.UUID, field: str, kinds: tuple[Any, ...]
) -> Institution:
    party = await institutions.live(session, institution_id, field)
    if party.kind not in kinds:
        allowed = " or ".join(kind.value for kind in kinds)
        raise fail(field, ErrorCode.INVALID, f"This must be a {allowed}, not {party.kind.value}.")
    return party


def _regions(values: dict[str, Any]) -> None:
    errors = ErrorCollector()
    checked = []
    for index, code in enumerate(values["regions"]):
        try:
            checked.append(check_region_code(str(code)))
        except Invalid as error:
            errors.add(("regions", str(index)), error.code, error.message)
    if not values["regions"]:
        errors.add("regions", ErrorCode.REQUIRED, "Name at least one region.")
    errors.raise_if_any()
    values["regions"] = sorted(set(checked))


async def _coverage(session: AsyncSession, values: dict[str, Any], current: Any) -> None:
    if "categories" in values:
        values["categories"] = sorted({c.strip() for c in values["categories"] if c.strip()})
    if "device_model_ids" in values:
        for index, model_id in enumerate(values["device_model_ids"]):
            await catalogue.live_model(session, model_id, ("device_model_ids", str(index)))
        values["device_model_ids"] = sorted(
            {str(model_id) for model_id in values["device_model_ids"]}
        )
    models = records.effective(values, current, "device_model_ids")
    categories = records.effective(values, current, "categories")
    if not models and not categories:
        message = "Name the device models or the catalogue categories (product line) covered."
        raise fail("device_model_ids", ErrorCode.REQUIRED, message)


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: Authorisation | None
) -> dict[str, Any]:
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(Authorisation, values, required)
    if values.get("grantor_id") is not None:
        await _party(session, values["grantor_id"], "grantor_id", _GRANTORS)
    if values.get("institution_id") is not None:
        grantee = await _party(
            session, values["institution_id"], "institution_id", (InstitutionKind.DISTRIBUTOR,)
        )
        values["org_path"] = grantee.org_path
    if records.effective(values, current, "grantor_id") == records.effective(
        values, current, "institution_id"
    ):
        raise fail("institution_id", ErrorCode.INVALID, "A distributor cannot authorise itself.")
    if values.get("hospital_id") is not None:
        await _party(session, values["hospital_id"], "hospital_id", _PROJECT_HOLDERS)
    if "regions" in values:
        _regions(values)
    await _coverage(session, values, current)
    records.check_order(values, current, "valid_from", "valid_to")
    await records.check_unique(
        session,
        Authorisation,
        values,
        ("grantor_id", "number"),
        exclude_id=current.id if current else None,
        current=current,
    )
    return values


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Authorisation:
    """Validate and insert a letter; it enters review as SUBMITTED by its author."""
    values = {**FLOW.resubmission(author), **{k: v for k, v in values.items() if v is not None}}
    return await records.create_with(session, author, Authorisation, values, _validate)


async def _revise(
    session: AsyncSession,
    author: Author,
    letter: Authorisation,
    values: dict[str, Any],
    expected_version: int | None,
) -> Authorisation:
    async def validate(
        session: AsyncSession, values: dict[str, Any], current: Authorisation
    ) -> dict[str, Any]:
        checked = await _validate(session, values, current)
        reviewed = current.review_status is not ReviewStatus.SUBMITTED
        if reviewed and any(
            checked[key] != getattr(current, key) for key in REVIEWED_FIELDS & checked.keys()
        ):
            checked |= FLOW.resubmission(author)
        return checked

    return await records.revise(session, author, letter, values, expected_version, validate)


async def update_by_id(
    session: AsyncSession,
    author: Author,
    letter_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Authorisation:
    """Validate and apply changes; changing what was reviewed sends it back to review."""
    letter = await records.require_target(session, Authorisation, letter_id)
    return await _revise(session, author, letter, values, expected_version)


async def decide(
    session: AsyncSession,
    author: Author,
    letter_id: uuid.UUID,
    approve: bool,
    comment: str | None,
    expected_version: int | None,
) -> Authorisation:
    """One step of the four-eyes review; only APPROVED letters count in a chain."""
    letter: Authorisation = await review(
        session, author, FLOW, Authorisation, letter_id, approve, comment, expected_version
    )
    return letter


async def upsert_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> Authorisation:
    """Create or update the letter a source ID refers to (matching grantor and number)."""
    given = {k: v for k, v in values.items() if v is not None}

    async def match() -> Authorisation | None:
        if not (given.get("grantor_id") and given.get("number")):
            return None
        statement = select(Authorisation).where(
            Authorisation.grantor_id == given["grantor_id"],
            Authorisation.number == given["number"].strip(),
        )
        return (await session.execute(statement.limit(1))).scalar_one_or_none()

    return await upsert(
        session,
        author,
        key,
        Authorisation,
        match=match,
        create=lambda: create(session, author, given),
        update=lambda row: _revise(session, author, row, given, None),
    )


async def held_by(session: AsyncSession, grantee_ids: list[uuid.UUID]) -> list[Authorisation]:
    """Every live letter granted to any of these distributors."""
    statement = select(Authorisation).where(
        Authorisation.institution_id.in_(grantee_ids),
        Authorisation.status == RecordStatus.ACTIVE,
    )
    return list((await session.execute(statement.order_by(Authorisation.id))).scalars())
