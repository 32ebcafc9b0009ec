"""Open, assign, resolve and close repair tickets for devices found by scanning their UDI.

    HUB_URL=http://127.0.0.1:8000 HUB_API_KEY=hub_... python service_desk.py open SCAN --summary "…"
    python service_desk.py assign TICKET_NUMBER ENGINEER
    python service_desk.py resolve TICKET_NUMBER --resolution "…" --code PART_REPLACED --part P-1
    python service_desk.py close TICKET_NUMBER --satisfaction 5 --comment "…"
    python service_desk.py show TICKET_NUMBER

Tickets move OPEN → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED; each step sends the version it
read (`expectedVersion`), so a concurrent edit is refused instead of overwritten. A device under
a SERVICE contract gives its tickets SLA deadlines; every line shows where the ticket stands
against them (ON_TRACK, AT_RISK or BREACHED) and when it is due.
"""

import argparse
import sys
from collections.abc import Sequence

from hub_client import HubClient, HubError, find_device, parse_scan, raise_for_user_errors
from hub_client.generated.create_ticket import CreateTicketCreateTicket
from hub_client.generated.enums import ResolutionCode, TicketKind, TicketPriority, TicketStatus
from hub_client.generated.fragments import TicketFields
from hub_client.generated.input_types import CreateTicketInput, UpdateTicketInput
from hub_client.generated.update_ticket import UpdateTicketUpdateTicket


def _show(ticket: TicketFields) -> None:
    status = ticket.status.value if ticket.status else "?"
    line = f"{ticket.number} {status}"
    if ticket.assignee:
        line += f" assignee={ticket.assignee}"
    if ticket.sla_status:
        line += f" sla={ticket.sla_status.value}"
    if ticket.due_at and ticket.status in (
        TicketStatus.OPEN,
        TicketStatus.ASSIGNED,
        TicketStatus.IN_PROGRESS,
    ):
        line += f" due={ticket.due_at:%Y-%m-%dT%H:%M}Z"
    print(line)


def _accepted(payload: CreateTicketCreateTicket | UpdateTicketUpdateTicket) -> TicketFields:
    """The ticket of a mutation payload; HubUserErrors when the hub refused the change."""
    raise_for_user_errors(payload.user_errors)
    if payload.ticket is None:
        raise HubError("the hub accepted the change but returned no ticket")
    return payload.ticket


def _ticket(client: HubClient, number: str) -> TicketFields:
    ticket = client.ticket_by_number(number).ticket
    if ticket is None:
        raise HubError(f"no ticket numbered {number}")
    return ticket


def _move(
    client: HubClient, ticket: TicketFields, status: TicketStatus, **changes: object
) -> TicketFields:
    """One step of the state machine, guarded by the version we read."""
    update = UpdateTicketInput(
        id=ticket.id, expected_version=ticket.version, status=status, **changes
    )
    return _accepted(client.update_ticket(update).update_ticket)


def open_ticket(client: HubClient, scanned: str, summary: str, priority: str) -> TicketFields:
    """A repair ticket for the scanned unit, at the institution holding it."""
    device = find_device(client, parse_scan(scanned))
    if device is None:
        raise HubError(f"the hub knows no device for {scanned!r}")
    if device.institution is None:
        raise HubError(f"device {device.serial_number} is in stock, not at a customer")
    request = CreateTicketInput(
        institution_id=device.institution.id,
        device_id=device.id,
        kind=TicketKind.REPAIR,
        priority=TicketPriority(priority),
        summary=summary,
    )
    return _accepted(client.create_ticket(request).create_ticket)


def resolve(
    client: HubClient, number: str, resolution: str, code: str, parts: list[str]
) -> TicketFields:
    """Start work if it has not started, then resolve with the service record."""
    ticket = _ticket(client, number)
    if ticket.status is TicketStatus.ASSIGNED:
        ticket = _move(client, ticket, TicketStatus.IN_PROGRESS)
    if TicketStatus.RESOLVED not in (ticket.next_statuses or []):
        status = ticket.status.value if ticket.status else "?"
        raise HubError(f"ticket {number} is {status}: it cannot be resolved now")
    return _move(
        client,
        ticket,
        TicketStatus.RESOLVED,
        resolution=resolution,
        resolution_code=ResolutionCode(code),
        parts_used=parts,
    )


def close(
    client: HubClient, number: str, satisfaction: int | None, comment: str | None
) -> TicketFields:
    """Close a resolved ticket with the customer's score (1-5) and comment, if given."""
    ticket = _ticket(client, number)
    return _move(
        client,
        ticket,
        TicketStatus.CLOSED,
        satisfaction=satisfaction,
        satisfaction_comment=comment,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one service-desk command."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    opening = commands.add_parser("open", help="open a repair ticket for a scanned device")
    opening.add_argument("scan", help="a GS1 UDI, (01)…(21)…, or a bare serial number")
    opening.add_argument("--summary", required=True)
    opening.add_argument("--priority", default="NORMAL", choices=[p.value for p in TicketPriority])
    assigning = commands.add_parser("assign", help="assign a ticket to an engineer")
    assigning.add_argument("number")
    assigning.add_argument("engineer")
    resolving = commands.add_parser("resolve", help="resolve a ticket")
    resolving.add_argument("number")
    resolving.add_argument("--resolution", required=True)
    resolving.add_argument(
        "--code", default="PART_REPLACED", choices=[c.value for c in ResolutionCode]
    )
    resolving.add_argument("--part", action="append", default=[], help="a part number used")
    closing = commands.add_parser("close", help="close a resolved ticket")
    closing.add_argument("number")
    closing.add_argument("--satisfaction", type=int, choices=range(1, 6))
    closing.add_argument("--comment")
    showing = commands.add_parser("show", help="a ticket's status and SLA")
    showing.add_argument("number")
    args = parser.parse_args(argv)
    try:
        with HubClient.from_env() as client:
            if args.command == "open":
                ticket = open_ticket(client, args.scan, args.summary, args.priority)
            elif args.command == "assign":
                current = _ticket(client, args.number)
                ticket = _move(client, current, TicketStatus.ASSIGNED, assignee=args.engineer)
            elif args.command == "resolve":
                ticket = resolve(client, args.number, args.resolution, args.code, args.part)
            elif args.command == "close":
                ticket = close(client, args.number, args.satisfaction, args.comment)
            else:
                ticket = _ticket(client, args.number)
    except HubError as error:
        print(f"service_desk: {error}", file=sys.stderr)
        return 1
    _show(ticket)
    return 0


if __name__ == "__main__":
    sys.exit(main())
