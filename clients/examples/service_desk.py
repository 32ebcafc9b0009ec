"""Open, assign and resolve repair tickets for devices found by scanning their UDI.

    HUB_URL=http://127.0.0.1:8000 HUB_API_KEY=hub_... python service_desk.py open SCAN --summary "…"
    python service_desk.py assign TICKET_NUMBER ENGINEER
    python service_desk.py resolve TICKET_NUMBER --resolution "…"

Tickets move OPEN → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED; each step sends the version it
read (`expectedVersion`), so a concurrent edit is refused instead of overwritten.
"""

import argparse
import sys
from collections.abc import Sequence

from hub_client import HubClient, HubError, find_device, parse_scan, raise_for_user_errors
from hub_client.generated.create_ticket import CreateTicketCreateTicket
from hub_client.generated.enums import TicketKind, TicketPriority, TicketStatus
from hub_client.generated.fragments import TicketFields
from hub_client.generated.input_types import CreateTicketInput, UpdateTicketInput
from hub_client.generated.update_ticket import UpdateTicketUpdateTicket


def _show(ticket: TicketFields) -> None:
    status = ticket.status.value if ticket.status else "?"
    print(f"{ticket.number} {status}" + (f" assignee={ticket.assignee}" if ticket.assignee else ""))


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
    client: HubClient, ticket: TicketFields, status: TicketStatus, **changes: str
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


def resolve(client: HubClient, number: str, resolution: str) -> TicketFields:
    """Start work if it has not started, then resolve with the resolution text."""
    ticket = _ticket(client, number)
    if ticket.status is TicketStatus.ASSIGNED:
        ticket = _move(client, ticket, TicketStatus.IN_PROGRESS)
    if TicketStatus.RESOLVED not in (ticket.next_statuses or []):
        status = ticket.status.value if ticket.status else "?"
        raise HubError(f"ticket {number} is {status}: it cannot be resolved now")
    return _move(client, ticket, TicketStatus.RESOLVED, resolution=resolution)


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
    args = parser.parse_args(argv)
    try:
        with HubClient.from_env() as client:
            if args.command == "open":
                ticket = open_ticket(client, args.scan, args.summary, args.priority)
            elif args.command == "assign":
                current = _ticket(client, args.number)
                ticket = _move(client, current, TicketStatus.ASSIGNED, assignee=args.engineer)
            else:
                ticket = resolve(client, args.number, args.resolution)
    except HubError as error:
        print(f"service_desk: {error}", file=sys.stderr)
        return 1
    _show(ticket)
    return 0


if __name__ == "__main__":
    sys.exit(main())
