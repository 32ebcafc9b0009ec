"""Trainings on device models, their attendees and the operator certificates they hold."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.enums import RecordStatus
from hub.db.listing import Listing, before, equals, on_or_after, one_of, prefix
from hub.db.training import Training, TrainingAttendee
from hub.errors import ErrorCode, ErrorCollector, fail
from hub.store import catalogue, departments, institutions, participants, records
from hub.store.source_records import SourceKey, upsert

LISTING = Listing(
    model=Training,
    filters={
        "institution_id": equals(Training.institution_id),
        "department_id": equals(Training.department_id),
        "device_model_id": equals(Training.device_model_id),
        "trainer": equals(Training.trainer),
        "statuses": one_of(Training.status),
        "org_path_prefix": prefix(Training.org_path),
        "trained_before": before(Training.trained_on),
        "trained_on_or_after": on_or_after(Training.trained_on),
    },
    order_fields={
        "TRAINED_ON": Training.trained_on,
        "CREATED_AT": Training.created_at,
        "UPDATED_AT": Training.updated_at,
    },
    default_order="TRAINED_ON",
    default_scope=lambda: Training.status == RecordStatus.ACTIVE,
    scope_overridden_by=frozenset({"statuses"}),
)
ATTENDEE_LISTING = Listing(
    model=TrainingAttendee,
    filters={
        "training_id": equals(TrainingAttendee.training_id),
        "contact_id": equals(TrainingAttendee.contact_id),
    },
    order_fields={"CREATED_AT": TrainingAttendee.created_at},
    default_order="CREATED_AT",
)
ATTENDEES = "attendees"
_REQUIRED = {"institution_id", "department_id", "device_model_id", "trainer", "trained_on"}
_FIXED = ("institution_id",)


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: Training | None
) -> dict[str, Any]:
    if current is not None and "institution_id" in values:
        raise fail("institution_id", ErrorCode.INVALID, "A training stays at its institution.")
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(Training, values, required)
    if values.get("institution_id") is not None:
        holder = await institutions.live(session, values["institution_id"], "institution_id")
        values["org_path"] = holder.org_path
    if values.get("department_id") is not None:
        institution_id = records.effective(values, current, "institution_id")
        await departments.require_at(
            session, values["department_id"], institution_id, "department_id"
        )
    if values.get("device_model_id") is not None:
        await catalogue.live_model(session, values["device_model_id"], "device_model_id")
    return values


def _check_attendees(training: Training, attendees: list[dict[str, Any]]) -> None:
    errors = ErrorCollector()
    for index, attendee in enumerate(attendees):
        expires_on = attendee.get("certificate_expires_on")
        if expires_on is not None and expires_on < training.trained_on:
            path = (ATTENDEES, str(index), "certificate_expires_on")
            errors.add(path, ErrorCode.INVALID, "A certificate cannot expire before the training.")
    errors.raise_if_any()


async def _record_attendees(
    session: AsyncSession, author: Author, training: Training, attendees: list[dict[str, Any]]
) -> None:
    """Add attendees, or update the certificate of those already recorded (never removes one:
    an attendance, once reported, is history)."""
    contact_ids = [attendee["contact_id"] for attendee in attendees]
    await participants.check_contacts(
        session, contact_ids, training.institution_id, ATTENDEES, ("contact_id",)
    )
    _check_attendees(training, attendees)
    existing = await participants.links_of(
        session, TrainingAttendee, TrainingAttendee.training_id, training.id
    )
    by_contact = {link.contact_id: link for link in existing}
    for attendee in attendees:
        certificate = {
            "certificate_number": attendee.get("certificate_number"),
            "certificate_expires_on": attendee.get("certificate_expires_on"),
        }
        link = by_contact.get(attendee["contact_id"])
        if link is None:
            checked = records.clean_text(TrainingAttendee, certificate, set())
            row = TrainingAttendee(
                training_id=training.id,
                contact_id=attendee["contact_id"],
                org_path=training.org_path,
                **checked,
            )
            await records.insert(session, author, row)
        else:
            await records.apply(session, author, link, certificate)


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Training:
    """Record a training and its attendees (with any operator certificates issued)."""
    values = dict(values)
    attendees = values.pop(ATTENDEES, None) or []
    row = await records.create_with(session, author, Training, values, _validate)
    await _record_attendees(session, author, row, attendees)
    return row


async def _revise(
    session: AsyncSession,
    author: Author,
    row: Training,
    values: dict[str, Any],
    expected_version: int | None,
) -> Training:
    values = dict(values)
    attendees = values.pop(ATTENDEES, None)
    row = await records.revise(session, author, row, values, expected_version, _validate)
    if attendees:
        await _record_attendees(session, author, row, attendees)
    return row


async def update_by_id(
    session: AsyncSession,
    author: Author,
    training_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Training:
    """Change a training; given attendees are added or have their certificates updated."""
    row = await records.require_target(session, Training, training_id)
    return await _revise(session, author, row, values, expected_version)


async def upsert_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> Training:
    """Create or update the training a source-system ID refers to."""
    given = {k: v for k, v in values.items() if v is not None}

    async def no_natural_key() -> Training | None:
        return None  # two sessions on one day are two trainings: only the source ID tells

    def changes() -> dict[str, Any]:
        return {k: v for k, v in given.items() if k not in _FIXED}

    return await upsert(
        session,
        author,
        key,
        Training,
        match=no_natural_key,
        create=lambda: create(session, author, given),
        update=lambda row: _revise(session, author, row, changes(), None),
    )
