"""GraphQL presentation of interactions (visits, calls, demos, complaints …)."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db.enums import InteractionChannel, InteractionKind, RecordStatus
from hub.db.interaction import Interaction as InteractionRow
from hub.db.interaction import InteractionParticipant as InteractionParticipantRow
from hub.schema import relations
from hub.schema.archive_relations import ContactPart, HeldInDepartment
from hub.schema.common_inputs import SourceInput
from hub.schema.node import registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import contacts, interactions

if TYPE_CHECKING:
    from hub.schema.contact import Contact

_MODULE = "hub.schema."
_LINK = InteractionParticipantRow.__table__


@registers(InteractionParticipantRow)
@strawberry.type(description="A contact's part in an interaction (one audited link).")
class InteractionParticipant(ContactPart):
    @strawberry.field
    async def interaction(self, info: Info) -> "Interaction | None":
        return await relations.one(info, InteractionRow, self.row.interaction_id)


@registers(InteractionRow)
@strawberry.type(description="A visit, call, demo, meeting, training, complaint or tender event.")
class Interaction(HeldInDepartment):
    kind: InteractionKind | None
    occurred_at: datetime | None
    channel: InteractionChannel | None
    our_person: str | None = strawberry.field(description="Our sales rep or engineer.")
    summary: str | None = strawberry.field(description="What was said; personal data.")
    outcome: str | None
    next_follow_up_on: date | None
    follow_up_alert: str | None = strawberry.field(
        description="The follow-up rule raised about this interaction by the last screening."
    )
    status: RecordStatus | None

    @strawberry.field(description="The customer's people who took part.")
    async def contacts(
        self, info: Info
    ) -> list[Annotated["Contact", strawberry.lazy(_MODULE + "contact")]] | None:
        return await relations.linked(
            info, _LINK, _LINK.c.interaction_id, _LINK.c.contact_id, contacts.LISTING, self.row.id
        )


@strawberry.input
class InteractionFilter:
    institution_id: strawberry.ID | None = None
    department_id: strawberry.ID | None = None
    kinds: list[InteractionKind] | None = None
    our_person: str | None = None
    statuses: list[RecordStatus] | None = strawberry.field(
        default=None, description="Default: ACTIVE."
    )
    org_path_prefix: str | None = None
    occurred_before: datetime | None = None
    occurred_on_or_after: datetime | None = None
    follow_up_before: date | None = None
    follow_up_alerts: list[str] | None = None


InteractionOrder = order_input("Interaction", interactions.LISTING)


@strawberry.input
class CreateInteractionInput:
    institution_id: strawberry.ID
    kind: InteractionKind
    occurred_at: datetime
    our_person: str
    department_id: strawberry.ID | None = None
    contact_ids: list[strawberry.ID] | None = None
    channel: InteractionChannel | None = None
    summary: str | None = None
    outcome: str | None = None
    next_follow_up_on: date | None = None


@strawberry.input(description="Only the fields given are changed; contactIds replace the list.")
class UpdateInteractionInput:
    id: strawberry.ID
    expected_version: int | None = None
    department_id: strawberry.ID | None = strawberry.UNSET
    contact_ids: list[strawberry.ID] | None = strawberry.UNSET
    kind: InteractionKind | None = strawberry.UNSET
    occurred_at: datetime | None = strawberry.UNSET
    channel: InteractionChannel | None = strawberry.UNSET
    our_person: str | None = strawberry.UNSET
    summary: str | None = strawberry.UNSET
    outcome: str | None = strawberry.UNSET
    next_follow_up_on: date | None = strawberry.UNSET


@strawberry.input(
    description="Create or update the interaction a source-system ID refers to (idempotent)."
)
class UpsertInteractionInput(CreateInteractionInput):
    source: SourceInput


InteractionPayload = payload_type(Interaction, "interaction")
