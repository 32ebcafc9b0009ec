"""The recall trace: every institution a unit of a batch has reached, held or on loan."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, union
from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.demo_loan import DemoLoan
from hub.db.device import Device
from hub.db.institution import Institution
from hub.db.listing import Scope
from hub.store import demo_loans


async def places(
    session: AsyncSession, batch_ids: Sequence[uuid.UUID], scope: Scope
) -> dict[uuid.UUID, list[Institution]]:
    """Per batch, the institutions holding one of its units now or having had one on loan
    (a demo unit travels), by name; one statement for any number of batches."""
    holders = select(Device.batch_id, Device.institution_id.label("institution_id")).where(
        Device.batch_id.in_(batch_ids), Device.institution_id.is_not(None)
    )
    borrowers = (
        select(Device.batch_id, DemoLoan.institution_id.label("institution_id"))
        .join(DemoLoan, DemoLoan.device_id == Device.id)
        .where(Device.batch_id.in_(batch_ids), DemoLoan.status.in_(demo_loans.WENT_OUT))
    )
    reached = union(holders, borrowers).subquery("reached")
    statement = (
        select(reached.c.batch_id, Institution)
        .join(Institution, Institution.id == reached.c.institution_id)
        .where(*scope(Institution))
        .order_by(reached.c.batch_id, Institution.name, Institution.id)
    )
    found: dict[uuid.UUID, list[Any]] = {}
    for batch_id, institution in await session.execute(statement):
        found.setdefault(batch_id, []).append(institution)
    return found
