"""Dock gate: a distributor may receive a model only through a valid authorisation chain
for that model and its region (DESIGN.md: "devices circulating through unauthorised channels")."""

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.enums import InstitutionKind
from hub.dock import authorisation_chain
from hub.quality.reasons import Reason, ReasonCode


async def reasons(session: AsyncSession, buyer: Any, model: Any, on: date) -> list[Reason]:
    """NOT_AUTHORISED, naming the first broken link, when the buyer is a distributor without a
    valid chain into its own region; nothing for other buyers."""
    if buyer.kind is not InstitutionKind.DISTRIBUTOR:
        return []
    chain = await authorisation_chain.walk(session, buyer, model, buyer.region_code, on)
    broken = chain.broken
    if broken is None:
        return []
    message = (
        f"No valid authorisation chain for {model.name} into region {buyer.region_code}: "
        f"link {broken.position} is {broken.status.value}. {broken.message}"
    )
    return [Reason(ReasonCode.NOT_AUTHORISED, message)]
