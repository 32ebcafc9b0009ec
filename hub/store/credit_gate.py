"""The dock's credit gate: a buyer on credit HOLD is refused unless an approved override of the
buyer (or of the group account governing it) is in force."""

from datetime import UTC

from sqlalchemy.ext.asyncio import AsyncSession

from hub.credit.rules import CreditRules
from hub.db.enums import CreditTier
from hub.db.types import utcnow
from hub.quality.dock import Gate, GateVerdict, Shipment
from hub.quality.reasons import Reason, ReasonCode
from hub.store import credit_requests, credit_standing


def credit_gate(rules: CreditRules) -> Gate:
    """The gate for the given credit rules."""

    async def gate(session: AsyncSession, shipment: Shipment) -> GateVerdict:
        buyer_id = shipment.buyer.id
        found = (await credit_standing.standings(session, [buyer_id], rules, shipment.on))[buyer_id]
        if found.standing.status is not CreditTier.HOLD:
            return GateVerdict()
        override = await credit_requests.active_override(
            session, [buyer_id, found.account_id], utcnow()
        )
        if override is not None:
            assert override.override_until is not None  # an override always has an end
            until = override.override_until.astimezone(UTC)
            message = (
                f"Credit hold overridden until {until:%Y-%m-%d %H:%M} UTC, approved by "
                f"{override.reviewer}: {override.reason}"
            )
            return GateVerdict(notes=(Reason(ReasonCode.CREDIT_OVERRIDE, message),))
        hold = Reason(ReasonCode.CREDIT_HOLD, "The buyer is on credit hold.")
        return GateVerdict(refusals=(hold, *found.standing.reasons))

    return gate
