"""The service part of the demo, as generated: consistent on any day, and the same every time."""

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from hub.db.enums import ContractKind, TicketKind
from hub.demo.generator import generate

_CHINA = timezone(timedelta(hours=8))


@pytest.mark.parametrize("day", [date(2026, 1, 1), date(2026, 2, 28), date(2026, 12, 31)])
def test_closed_tickets_end_before_the_day_the_demo_is_made(day: date) -> None:
    service = generate(day).service
    assert service is not None
    start_of_day = datetime.combine(day, time(), _CHINA).astimezone(UTC)
    for ticket in service.history:
        assert ticket.opened_at < ticket.responded_at < ticket.resolved_at < start_of_day
        assert ticket.opened_at >= start_of_day - timedelta(days=367)
        if ticket.deadlines:
            assert ticket.deadlines["respond_by"] <= ticket.deadlines["due_at"]


def test_history_has_repairs_maintenance_and_repeat_failures() -> None:
    service = generate(date(2026, 6, 1)).service
    assert service is not None
    kinds = {ticket.kind for ticket in service.history}
    assert kinds == {TicketKind.REPAIR, TicketKind.MAINTENANCE}
    repaired = [t.device.key for t in service.history if t.kind is TicketKind.REPAIR]
    assert len(repaired) - len(set(repaired)) >= 5
    assert len({ticket.number for ticket in service.history}) == len(service.history)


def test_service_contracts_carry_targets_for_every_priority() -> None:
    plan = generate(date(2026, 6, 1))
    services = [c for c in plan.contracts if c.kind is ContractKind.SERVICE]
    assert services
    for contract in services:
        assert len(contract.service_levels) == 4
        for level in contract.service_levels:
            assert 0 < level["response_hours"] <= level["resolution_hours"]


def test_service_history_is_deterministic_and_leaves_the_rest_alone() -> None:
    day = date(2026, 6, 1)
    first, again = generate(day), generate(day)
    assert first.service and again.service
    assert [t.number for t in first.service.history] == [t.number for t in again.service.history]
    assert [t.number for t in first.tickets] == [t.number for t in again.tickets]
