"""The ticket state machine: which status may follow which, and what each one requires."""

from hub.db.enums import TicketStatus

TRANSITIONS: dict[TicketStatus, frozenset[TicketStatus]] = {
    TicketStatus.OPEN: frozenset({TicketStatus.ASSIGNED, TicketStatus.CANCELLED}),
    TicketStatus.ASSIGNED: frozenset(
        {TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.CANCELLED}
    ),
    TicketStatus.IN_PROGRESS: frozenset(
        {TicketStatus.ASSIGNED, TicketStatus.RESOLVED, TicketStatus.CANCELLED}
    ),
    # A customer may reject a fix: the ticket goes back to work.
    TicketStatus.RESOLVED: frozenset({TicketStatus.CLOSED, TicketStatus.IN_PROGRESS}),
    TicketStatus.CLOSED: frozenset({TicketStatus.ARCHIVED}),
    TicketStatus.CANCELLED: frozenset({TicketStatus.ARCHIVED}),
    TicketStatus.ARCHIVED: frozenset(),
}

# Once here, only archiving is left; the ticket's content is frozen.
TERMINAL = frozenset({TicketStatus.CLOSED, TicketStatus.CANCELLED, TicketStatus.ARCHIVED})


def can_move(current: TicketStatus, target: TicketStatus) -> bool:
    """True when `target` may directly follow `current`."""
    return target in TRANSITIONS[current]
