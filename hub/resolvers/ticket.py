"""Query and mutation fields of service tickets."""

import strawberry

from hub.context.request import Info
from hub.db.ticket import Ticket as TicketRow
from hub.resolvers import lookups
from hub.resolvers.fields import archive_field, connection_field, create_field, update_field
from hub.schema.ticket import (
    CreateTicketInput,
    Ticket,
    TicketFilter,
    TicketOrder,
    TicketPayload,
    UpdateTicketInput,
)
from hub.store import tickets


async def ticket_by_number(info: Info, number: str) -> Ticket | None:
    """The ticket with that number."""
    return await lookups.by_key(info, lambda session: tickets.by_number(session, number))


QUERY_FIELDS = {
    "tickets": connection_field(
        Ticket, tickets.LISTING, TicketFilter, TicketOrder, "Service tickets, filtered."
    ),
    "ticket": strawberry.field(resolver=ticket_by_number, description="A ticket by number."),
}

MUTATION_FIELDS = {
    "create_ticket": create_field(
        TicketPayload, CreateTicketInput, tickets.create, "Open a service ticket."
    ),
    "update_ticket": update_field(
        TicketPayload,
        UpdateTicketInput,
        "Ticket",
        tickets.update_by_id,
        "Change a ticket; status moves must follow the state machine (see nextStatuses).",
    ),
    "archive_ticket": archive_field(
        TicketPayload, TicketRow, "Archive a closed or cancelled ticket.", archive=tickets.archive
    ),
}
