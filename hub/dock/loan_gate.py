"""Dock gate: a demo unit that is out on loan cannot be shipped to anyone."""

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.institution import Institution
from hub.quality.reasons import Reason, ReasonCode
from hub.store import demo_loans


async def reasons(session: AsyncSession, buyer: Any, device: Any, on: date) -> list[Reason]:
    """ON_LOAN when the unit is at a borrower (its return not yet recorded); else nothing."""
    loan = await demo_loans.on_loan(session, device.id)
    if loan is None:
        return []
    borrower = await session.get(Institution, loan.institution_id)
    where = borrower.name if borrower is not None else "another institution"
    overdue = " (overdue)" if loan.due_back_on < on else ""
    message = (
        f"Unit {device.serial_number} is a demo unit on loan to {where}, due back "
        f"{loan.due_back_on}{overdue}; record its return before shipping it."
    )
    return [Reason(ReasonCode.ON_LOAN, message)]
