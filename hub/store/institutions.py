"""Institutions: validation, hierarchy rules, create / update / archive / upsert, listing."""

import secrets
import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.authorisation import Authorisation
from hub.db.certificate import Certificate
from hub.db.contact import Contact
from hub.db.contract import Contract
from hub.db.credit import CreditProfile, CreditRequest, Receivable
from hub.db.demo_loan import DemoLoan
from hub.db.department import Department
from hub.db.device import Device
from hub.db.enums import InstitutionStatus
from hub.db.institution import Institution
from hub.db.interaction import Interaction, InteractionParticipant
from hub.db.listing import Listing, equals, one_of, prefix, text_contains
from hub.db.ticket import Ticket
from hub.db.training import Training, TrainingAttendee
from hub.errors import ErrorCode, ErrorCollector, fail
from hub.quality.identifiers import check_uscc
from hub.quality.invalid import check_field
from hub.quality.regions import check_region_code
from hub.quality.text import normalise_name
from hub.store import qualifications, records
from hub.store.source_records import SourceKey, upsert

LISTING = Listing(
    model=Institution,
    filters={
        "name_contains": text_contains(Institution.name),
        "code": equals(Institution.code),
        "kinds": one_of(Institution.kind),
        "statuses": one_of(Institution.status),
        "region_prefix": prefix(Institution.region_code),
        "org_path_prefix": prefix(Institution.org_path),
        "parent_id": equals(Institution.parent_id),
        "grade": equals(Institution.grade),
    },
    order_fields={
        "NAME": Institution.name,
        "CODE": Institution.code,
        "REGION_CODE": Institution.region_code,
        "CREATED_AT": Institution.created_at,
        "UPDATED_AT": Institution.updated_at,
    },
    default_order="NAME",
    default_scope=lambda: Institution.status.in_(
        [InstitutionStatus.ACTIVE, InstitutionStatus.BLOCKED]
    ),
    scope_overridden_by=frozenset({"statuses"}),
)

_REQUIRED = {"code", "name", "kind"}
_SETTABLE_STATUSES = {InstitutionStatus.ACTIVE, InstitutionStatus.BLOCKED}
# Fields qualification depends on: a change re-qualifies an institution that was screened.
_QUALIFYING_FIELDS = ("kind", "uscc", "status")
# Rows that inherit their institution's organisation unit for row permissions.
_CHILD_MODELS = (
    Contact,
    Device,
    Contract,
    Certificate,
    Ticket,
    DemoLoan,
    Authorisation,
    Department,
    Interaction,
    Training,
    CreditProfile,
    CreditRequest,
    Receivable,
)
# Rows under a child: (model, column naming the child, the child model).
_GRANDCHILD_MODELS = (
    (InteractionParticipant, InteractionParticipant.interaction_id, Interaction),
    (TrainingAttendee, TrainingAttendee.training_id, Training),
)


def new_code() -> str:
    """A fresh institution code for callers that do not bring their own."""
    return f"INS-{secrets.token_hex(4).upper()}"


def _check_shapes(values: dict[str, Any]) -> None:
    errors = ErrorCollector()
    check_field(errors, values, "name", normalise_name)
    check_field(errors, values, "uscc", check_uscc)
    check_field(errors, values, "region_code", check_region_code)
    limit = values.get("credit_limit")
    if limit is not None and limit < 0:
        errors.add("credit_limit", ErrorCode.INVALID, "The credit limit cannot be negative.")
    if values.get("status") not in (None, *_SETTABLE_STATUSES):
        errors.add("status", ErrorCode.INVALID, "Only ACTIVE or BLOCKED can be set directly.")
    errors.raise_if_any()


def prepared(values: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    """Input trimmed, normalised and checked without the database; on update only the given
    fields are checked, on create the result is also `completed`."""
    checked = records.clean_text(Institution, values, _REQUIRED & values.keys())
    _check_shapes(checked)
    return completed(checked) if creating else checked


def completed(checked: dict[str, Any]) -> dict[str, Any]:
    """Values that passed `prepared` made ready for a create: the required fields must be
    there, and a fresh code is drawn when none is given."""
    values = {"code": new_code(), **{k: v for k, v in checked.items() if v is not None}}
    return records.clean_text(Institution, values, _REQUIRED)


async def _check_parent(
    session: AsyncSession, parent_id: uuid.UUID, child_id: uuid.UUID | None
) -> Institution:
    parent = await live(session, parent_id, "parent_id")
    ancestor: Institution | None = parent
    while ancestor is not None and child_id is not None:
        if ancestor.id == child_id:
            raise fail("parent_id", ErrorCode.CYCLE, "An institution cannot be its own ancestor.")
        ancestor = (
            await session.get(Institution, ancestor.parent_id) if ancestor.parent_id else None
        )
    return parent


async def _check_keys(
    session: AsyncSession, values: dict[str, Any], current: Institution | None
) -> None:
    exclude = current.id if current is not None else None
    await records.check_unique(session, Institution, values, ("code",), exclude_id=exclude)
    await records.check_unique(session, Institution, values, ("uscc",), exclude_id=exclude)


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Institution:
    """Validate and insert a new institution (its org unit defaults to its parent's)."""
    values = prepared(values, creating=True)
    await _check_keys(session, values, None)
    if values.get("parent_id") is not None:
        parent = await _check_parent(session, values["parent_id"], None)
        values.setdefault("org_path", parent.org_path)
    return await records.insert(session, author, Institution(**values))


async def update_row(
    session: AsyncSession,
    author: Author,
    institution: Institution,
    values: dict[str, Any],
    expected_version: int | None = None,
) -> Institution:
    """Validate and apply changes; a new org unit is passed on to every child row."""
    records.require_live(institution)
    values = prepared(values, creating=False)
    await _check_keys(session, values, institution)
    if values.get("parent_id") is not None:
        await _check_parent(session, values["parent_id"], institution.id)
    old_org_path = institution.org_path
    before = {key: getattr(institution, key) for key in _QUALIFYING_FIELDS}
    institution = await records.apply(
        session, author, institution, values, expected_version=expected_version
    )
    if institution.org_path != old_org_path:
        await _cascade_org_path(session, institution)
    screened = institution.qualification_status is not None
    if screened and any(getattr(institution, key) != before[key] for key in before):
        await qualifications.requalify(session, author, institution.id)
    return institution


async def _cascade_org_path(session: AsyncSession, institution: Institution) -> None:
    for model in _CHILD_MODELS:
        await session.execute(
            update(model)
            .where(model.institution_id == institution.id)
            .values(org_path=institution.org_path)
            .execution_options(synchronize_session=False)
        )
    for model, parent_column, parent in _GRANDCHILD_MODELS:
        parents = select(parent.id).where(parent.institution_id == institution.id)
        await session.execute(
            update(model)
            .where(parent_column.in_(parents))
            .values(org_path=institution.org_path)
            .execution_options(synchronize_session=False)
        )


async def update_by_id(
    session: AsyncSession,
    author: Author,
    institution_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Institution:
    """Update the institution with that id."""
    institution = await records.require_target(session, Institution, institution_id)
    return await update_row(session, author, institution, values, expected_version)


async def live(session: AsyncSession, institution_id: uuid.UUID, field: str) -> Institution:
    """The institution a child record is attached to; it must exist and be live."""
    institution = await records.require(session, Institution, institution_id, field)
    records.require_live(institution, field)
    return institution


async def by_code(session: AsyncSession, code: str) -> Institution | None:
    """The institution with that code."""
    statement = select(Institution).where(Institution.code == code.strip())
    return (await session.execute(statement)).scalar_one_or_none()


async def by_uscc(session: AsyncSession, uscc: str) -> Institution | None:
    """The institution with that USCC."""
    statement = select(Institution).where(Institution.uscc == uscc.strip().upper())
    return (await session.execute(statement)).scalar_one_or_none()


async def upsert_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> Institution:
    """Create or update the institution a source ID refers to (matching code, then USCC)."""
    given = {k: v for k, v in values.items() if v is not None}

    async def match() -> Institution | None:
        found = await by_code(session, given["code"]) if given.get("code") else None
        if found is None and given.get("uscc"):
            found = await by_uscc(session, given["uscc"])
        # A code or USCC of a merged institution now means its survivor.
        return await records.survivor_of(session, found)

    return await upsert(
        session,
        author,
        key,
        Institution,
        match=match,
        create=lambda: create(session, author, given),
        update=lambda row: update_row(session, author, row, given),
    )
