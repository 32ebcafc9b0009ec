"""Interactions: what happened between our people and a customer, and what comes next."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.enums import RecordStatus
from hub.db.interaction import Interaction, InteractionParticipant
from hub.db.listing import Listing, before, equals, on_or_after, one_of, prefix
from hub.errors import ErrorCode, fail
from hub.store import departments, institutions, participants, records
from hub.store.source_records import SourceKey, upsert

LISTING = Listing(
    model=Interaction,
    filters={
        "institution_id": equals(Interaction.institution_id),
        "department_id": equals(Interaction.department_id),
        "kinds": one_of(Interaction.kind),
        "our_person": equals(Interaction.our_person),
        "statuses": one_of(Interaction.status),
        "org_path_prefix": prefix(Interaction.org_path),
        "occurred_before": before(Interaction.occurred_at),
        "occurred_on_or_after": on_or_after(Interaction.occurred_at),
        "follow_up_before": before(Interaction.next_follow_up_on),
        "follow_up_alerts": one_of(Interaction.follow_up_alert),
    },
    order_fields={
        "OCCURRED_AT": Interaction.occurred_at,
        "NEXT_FOLLOW_UP_ON": Interaction.next_follow_up_on,
        "CREATED_AT": Interaction.created_at,
        "UPDATED_AT": Interaction.updated_at,
    },
    default_order="OCCURRED_AT",
    default_scope=lambda: Interaction.status == RecordStatus.ACTIVE,
    scope_overridden_by=frozenset({"statuses"}),
)
PARTICIPANTS = "contact_ids"
_REQUIRED = {"institution_id", "kind", "occurred_at", "our_person"}


async def _validate(
    session: AsyncSession, values: dict[str, Any], current: Interaction | None
) -> dict[str, Any]:
    if current is not None and "institution_id" in values:
        raise fail("institution_id", ErrorCode.INVALID, "An interaction stays at its institution.")
    required = _REQUIRED if current is None else _REQUIRED & values.keys()
    values = records.clean_text(Interaction, values, required)
    if values.get("institution_id") is not None:
        holder = await institutions.live(session, values["institution_id"], "institution_id")
        values["org_path"] = holder.org_path
    institution_id = records.effective(values, current, "institution_id")
    if values.get("department_id") is not None:
        await departments.require_at(
            session, values["department_id"], institution_id, "department_id"
        )
    occurred_at = records.effective(values, current, "occurred_at")
    follow_up = records.effective(values, current, "next_follow_up_on")
    if follow_up is not None and occurred_at is not None and follow_up < occurred_at.date():
        raise fail(
            "next_follow_up_on",
            ErrorCode.INVALID,
            "The follow-up cannot be before the interaction.",
        )
    return values


async def _set_participants(
    session: AsyncSession, author: Author, interaction: Interaction, contact_ids: list[uuid.UUID]
) -> None:
    """Make the interaction's participants exactly these contacts."""
    await participants.check_contacts(
        session, contact_ids, interaction.institution_id, PARTICIPANTS
    )
    existing = await participants.links_of(
        session, InteractionParticipant, InteractionParticipant.interaction_id, interaction.id
    )
    kept = set(contact_ids)
    for link in existing:
        if link.contact_id not in kept:
            await participants.unlink(session, author, link)
    present = {link.contact_id for link in existing}
    for contact_id in contact_ids:
        if contact_id not in present:
            link = InteractionParticipant(
                interaction_id=interaction.id, contact_id=contact_id, org_path=interaction.org_path
            )
            await records.insert(session, author, link)


async def create(session: AsyncSession, author: Author, values: dict[str, Any]) -> Interaction:
    """Record an interaction; `contact_ids` are the customer's people who took part."""
    values = dict(values)
    contact_ids = values.pop(PARTICIPANTS, None) or []
    row = await records.create_with(session, author, Interaction, values, _validate)
    await _set_participants(session, author, row, contact_ids)
    return row


async def _revise(
    session: AsyncSession,
    author: Author,
    row: Interaction,
    values: dict[str, Any],
    expected_version: int | None,
) -> Interaction:
    values = dict(values)
    contact_ids = values.pop(PARTICIPANTS, None)
    row = await records.revise(session, author, row, values, expected_version, _validate)
    if contact_ids is not None:
        await _set_participants(session, author, row, contact_ids)
    return row


async def update_by_id(
    session: AsyncSession,
    author: Author,
    interaction_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None,
) -> Interaction:
    """Change an interaction; given `contact_ids` replace the participants."""
    row = await records.require_target(session, Interaction, interaction_id)
    return await _revise(session, author, row, values, expected_version)


async def upsert_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> Interaction:
    """Create or update the interaction a source-system ID refers to (the CRM's activity)."""
    given = {k: v for k, v in values.items() if v is not None}

    async def no_natural_key() -> Interaction | None:
        return None  # two visits on one day are two visits: only the source ID identifies one

    def changes() -> dict[str, Any]:
        return {k: v for k, v in given.items() if k != "institution_id"}

    return await upsert(
        session,
        author,
        key,
        Interaction,
        match=no_natural_key,
        create=lambda: create(session, author, given),
        update=lambda row: _revise(session, author, row, changes(), None),
    )
