"""The dock's one question — may this shipment leave for this buyer now? — answered by
compliance and then by every gate beside it.

A gate is an async function of the session and the shipment that returns the reasons it
refuses the shipment and any notes the dock should see (an override in force). Credit is the
first gate; training, demo-loan and authorisation gates sit in the same list.
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.quality.compliance import ComplianceResult, Decision
from hub.quality.reasons import Reason


@dataclass(frozen=True)
class Shipment:
    """What leaves the dock: a device model (and the unit, when scanned) for a buyer, on a day."""

    buyer: Any
    model: Any
    device: Any | None
    on: date


@dataclass(frozen=True)
class GateVerdict:
    """What one gate says: refusals deny the shipment, notes only inform."""

    refusals: tuple[Reason, ...] = ()
    notes: tuple[Reason, ...] = ()


Gate = Callable[[AsyncSession, Shipment], Awaitable[GateVerdict]]


async def ship_check(
    session: AsyncSession, shipment: Shipment, compliance: ComplianceResult, gates: Sequence[Gate]
) -> ComplianceResult:
    """Compliance's decision joined with every gate's: DENIED when any of them refuses, with
    the reasons of all of them (every gate is asked, so the dock sees every obstacle at once)."""
    refused = compliance.decision is Decision.DENIED
    reasons = list(compliance.reasons)
    for gate in gates:
        verdict = await gate(session, shipment)
        refused = refused or bool(verdict.refusals)
        reasons.extend(verdict.refusals + verdict.notes)
    return ComplianceResult(Decision.DENIED if refused else Decision.ALLOWED, tuple(reasons))
