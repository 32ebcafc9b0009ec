"""GraphQL presentation of trainings and their attendees."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import device as device_db
from hub.db.enums import RecordStatus
from hub.db.training import Training as TrainingRow
from hub.db.training import TrainingAttendee as TrainingAttendeeRow
from hub.schema import relations
from hub.schema.archive_relations import ContactPart, HeldInDepartment
from hub.schema.common_inputs import SourceInput
from hub.schema.node import registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import trainings

if TYPE_CHECKING:
    from hub.schema.catalogue import DeviceModel

_MODULE = "hub.schema."


@registers(TrainingAttendeeRow)
@strawberry.type(description="A contact who attended a training, and any operator certificate.")
class TrainingAttendee(ContactPart):
    certificate_number: str | None
    certificate_expires_on: date | None

    @strawberry.field
    async def training(self, info: Info) -> "Training | None":
        return await relations.one(info, TrainingRow, self.row.training_id)


@registers(TrainingRow)
@strawberry.type(description="A training on a device model for a department.")
class Training(HeldInDepartment):
    trained_on: date | None
    trainer: str | None
    notes: str | None
    status: RecordStatus | None

    @strawberry.field
    async def device_model(
        self, info: Info
    ) -> Annotated["DeviceModel", strawberry.lazy(_MODULE + "catalogue")] | None:
        return await relations.one(info, device_db.DeviceModel, self.row.device_model_id)

    @strawberry.field
    async def attendees(
        self, info: Info, first: int | None = None
    ) -> list[TrainingAttendee] | None:
        return await relations.many(
            info, trainings.ATTENDEE_LISTING, TrainingAttendeeRow.training_id, self.row.id, first
        )


@strawberry.input
class TrainingFilter:
    institution_id: strawberry.ID | None = None
    department_id: strawberry.ID | None = None
    device_model_id: strawberry.ID | None = None
    trainer: str | None = None
    statuses: list[RecordStatus] | None = strawberry.field(
        default=None, description="Default: ACTIVE."
    )
    org_path_prefix: str | None = None
    trained_before: date | None = None
    trained_on_or_after: date | None = None


TrainingOrder = order_input("Training", trainings.LISTING)


@strawberry.input(description="An attendee, with the operator certificate issued, if any.")
class TrainingAttendeeInput:
    contact_id: strawberry.ID
    certificate_number: str | None = None
    certificate_expires_on: date | None = None


@strawberry.input
class CreateTrainingInput:
    institution_id: strawberry.ID
    department_id: strawberry.ID
    device_model_id: strawberry.ID
    trainer: str
    trained_on: date
    notes: str | None = None
    attendees: list[TrainingAttendeeInput] | None = None


@strawberry.input(
    description="Only the fields given are changed; attendees are added or have their "
    "certificates updated (an attendance is never removed)."
)
class UpdateTrainingInput:
    id: strawberry.ID
    expected_version: int | None = None
    department_id: strawberry.ID | None = strawberry.UNSET
    device_model_id: strawberry.ID | None = strawberry.UNSET
    trainer: str | None = strawberry.UNSET
    trained_on: date | None = strawberry.UNSET
    notes: str | None = strawberry.UNSET
    attendees: list[TrainingAttendeeInput] | None = strawberry.UNSET


@strawberry.input(description="Create or update the training a source-system ID refers to.")
class UpsertTrainingInput(CreateTrainingInput):
    source: SourceInput


TrainingPayload = payload_type(Training, "training")
