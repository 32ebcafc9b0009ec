"""Query and mutation fields of interactions."""

from hub.db.interaction import Interaction as InteractionRow
from hub.resolvers.fields import (
    archive_field,
    connection_field,
    create_field,
    update_field,
    upsert_field,
)
from hub.schema.interaction import (
    CreateInteractionInput,
    Interaction,
    InteractionFilter,
    InteractionOrder,
    InteractionPayload,
    UpdateInteractionInput,
    UpsertInteractionInput,
)
from hub.store import interactions

QUERY_FIELDS = {
    "interactions": connection_field(
        Interaction,
        interactions.LISTING,
        InteractionFilter,
        InteractionOrder,
        "Interactions with customers, filtered and ordered.",
    ),
}

MUTATION_FIELDS = {
    "create_interaction": create_field(
        InteractionPayload, CreateInteractionInput, interactions.create, "Record an interaction."
    ),
    "update_interaction": update_field(
        InteractionPayload,
        UpdateInteractionInput,
        "Interaction",
        interactions.update_by_id,
        "Change an interaction; contactIds, when given, replace its participants.",
    ),
    "archive_interaction": archive_field(
        InteractionPayload, InteractionRow, "Archive an interaction."
    ),
    "upsert_interaction": upsert_field(
        InteractionPayload,
        UpsertInteractionInput,
        interactions.upsert_from_source,
        "Create or update the interaction a source-system ID refers to (idempotent).",
    ),
}
