"""Query and mutation fields of trainings."""

from typing import Any

from hub.db.training import Training as TrainingRow
from hub.errors import ErrorCollector, FieldError, UserInputError
from hub.resolvers.fields import (
    archive_field,
    connection_field,
    create_field,
    update_field,
    upsert_field,
)
from hub.resolvers.inputs import values_of
from hub.schema.training import (
    CreateTrainingInput,
    Training,
    TrainingFilter,
    TrainingOrder,
    TrainingPayload,
    UpdateTrainingInput,
    UpsertTrainingInput,
)
from hub.store import trainings


def _attendee_values(values: dict[str, Any]) -> dict[str, Any]:
    """Nested attendee inputs as plain values, their contact IDs decoded."""
    if not values.get(trainings.ATTENDEES):
        return values
    errors = ErrorCollector()
    attendees = []
    for index, attendee in enumerate(values[trainings.ATTENDEES]):
        try:
            attendees.append(values_of(attendee))
        except UserInputError as error:
            errors.errors.extend(
                FieldError(
                    (trainings.ATTENDEES, str(index), *problem.field), problem.code, problem.message
                )
                for problem in error.errors
            )
    errors.raise_if_any()
    return {**values, trainings.ATTENDEES: attendees}


async def _upsert(session: Any, author: Any, key: Any, values: dict[str, Any]) -> Any:
    return await trainings.upsert_from_source(session, author, key, _attendee_values(values))


QUERY_FIELDS = {
    "trainings": connection_field(
        Training,
        trainings.LISTING,
        TrainingFilter,
        TrainingOrder,
        "Trainings on device models, filtered and ordered.",
    ),
}

MUTATION_FIELDS = {
    "create_training": create_field(
        TrainingPayload,
        CreateTrainingInput,
        trainings.create,
        "Record a training with its attendees and operator certificates.",
        prepare=_attendee_values,
    ),
    "update_training": update_field(
        TrainingPayload,
        UpdateTrainingInput,
        "Training",
        trainings.update_by_id,
        "Change a training; attendees given are added or have their certificates updated.",
        prepare=_attendee_values,
    ),
    "archive_training": archive_field(TrainingPayload, TrainingRow, "Archive a training."),
    "upsert_training": upsert_field(
        TrainingPayload,
        UpsertTrainingInput,
        _upsert,
        "Create or update the training a source-system ID refers to (idempotent).",
    ),
}
