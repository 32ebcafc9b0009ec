"""Alerts: certificates and authorisation letters expiring, contracts and warranties ending,
maintenance due, SLAs missed, demo units overdue, follow-ups due, credit profiles expiring,
customers in a credit tier, receivables falling due."""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from operator import attrgetter
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from hub.db.authorisation import Authorisation
from hub.db.certificate import Certificate
from hub.db.contract import Contract
from hub.db.credit import CreditProfile, Receivable
from hub.db.demo_loan import DemoLoan
from hub.db.device import Device
from hub.db.enums import ContractStatus, CreditTier, ReviewStatus
from hub.db.listing import Listing, Scope, unrestricted, where_clauses
from hub.db.ticket import Ticket
from hub.quality.customer_rules import CustomerRules, current_customer_rules
from hub.store import (
    authorisations,
    certificates,
    contracts,
    credit_requests,
    demo_loans,
    devices,
    follow_ups,
    receivables,
    service_levels,
    tickets,
)
from hub.store.maintenance_due import china_day


class AlertKind(StrEnum):
    CERTIFICATE_EXPIRING = "CERTIFICATE_EXPIRING"
    CONTRACT_ENDING = "CONTRACT_ENDING"
    WARRANTY_ENDING = "WARRANTY_ENDING"
    MAINTENANCE_DUE = "MAINTENANCE_DUE"
    SLA_BREACHED = "SLA_BREACHED"
    DEMO_LOAN_DUE = "DEMO_LOAN_DUE"
    AUTHORISATION_EXPIRING = "AUTHORISATION_EXPIRING"
    FOLLOW_UP_DUE = follow_ups.FOLLOW_UP_DUE
    COMPLAINT_UNANSWERED = follow_ups.COMPLAINT_UNANSWERED
    KEY_ACCOUNT_QUIET = follow_ups.KEY_ACCOUNT_QUIET
    TRAINING_GAP = follow_ups.TRAINING_GAP
    CREDIT_EXPIRING = "CREDIT_EXPIRING"
    CREDIT_TIER = "CREDIT_TIER"  # WARNING or HOLD since `due_on`
    RECEIVABLE_DUE = "RECEIVABLE_DUE"


@dataclass(frozen=True)
class Alert:
    """Something that falls due on a date, about one record of one institution."""

    kind: AlertKind
    due_on: date
    days_left: int
    institution_id: uuid.UUID | None
    record: Any
    label: str
    assignee: str | None = None


@dataclass(frozen=True)
class _Source:
    listing: Listing
    due: InstrumentedAttribute[Any]
    # Overdue maintenance is still due; an expired certificate is no longer "expiring".
    includes_overdue: bool
    label: Callable[[Any], str]
    extra: tuple[ColumnElement[bool], ...] = ()


_SOURCES: dict[AlertKind, _Source] = {
    AlertKind.CERTIFICATE_EXPIRING: _Source(
        certificates.LISTING,
        Certificate.valid_to,
        False,
        attrgetter("number"),
        (Certificate.institution_id.is_not(None),),
    ),
    AlertKind.CONTRACT_ENDING: _Source(
        contracts.LISTING,
        Contract.ends_on,
        False,
        attrgetter("number"),
        (Contract.status.in_([ContractStatus.ACTIVE, ContractStatus.DRAFT]),),
    ),
    AlertKind.WARRANTY_ENDING: _Source(
        devices.LISTING, Device.warranty_ends_on, False, attrgetter("serial_number")
    ),
    AlertKind.MAINTENANCE_DUE: _Source(
        devices.LISTING, Device.next_maintenance_on, True, attrgetter("serial_number")
    ),
    # A loan is due back on its date and stays in the list until its return is recorded.
    AlertKind.DEMO_LOAN_DUE: _Source(
        demo_loans.LISTING,
        DemoLoan.due_back_on,
        True,
        lambda loan: loan.department or "demo unit",
        (DemoLoan.status == demo_loans.OUT,),
    ),
    AlertKind.AUTHORISATION_EXPIRING: _Source(
        authorisations.LISTING,
        Authorisation.valid_to,
        False,
        attrgetter("number"),
        (Authorisation.review_status == ReviewStatus.APPROVED,),
    ),
    AlertKind.CREDIT_EXPIRING: _Source(
        credit_requests.PROFILE_LISTING, CreditProfile.valid_to, False, attrgetter("rating")
    ),
    AlertKind.CREDIT_TIER: _Source(
        credit_requests.PROFILE_LISTING,
        CreditProfile.credit_status_since,
        True,
        attrgetter("credit_status"),
        (CreditProfile.credit_status.in_([CreditTier.WARNING, CreditTier.HOLD]),),
    ),
    AlertKind.RECEIVABLE_DUE: _Source(
        receivables.LISTING,
        Receivable.due_on,
        True,
        attrgetter("document_number"),
        (receivables.OUTSTANDING,),
    ),
}


async def _alerts_of(
    session: AsyncSession, kind: AlertKind, on: date, until: date, scope: Scope
) -> list[Alert]:
    source = _SOURCES[kind]
    window = [source.due <= until] + ([] if source.includes_overdue else [source.due >= on])
    statement = select(source.listing.model).where(
        *where_clauses(source.listing, {}),
        *window,
        *source.extra,
        *scope(source.listing.model),
    )
    return [
        Alert(
            kind=kind,
            due_on=getattr(row, source.due.key),
            days_left=(getattr(row, source.due.key) - on).days,
            institution_id=row.institution_id,
            record=row,
            label=source.label(row),
        )
        for row in (await session.execute(statement)).scalars()
    ]


async def _sla_breaches(session: AsyncSession, on: date, scope: Scope) -> list[Alert]:
    """Running tickets past a deadline, whatever the window: a breach is already due."""
    now = datetime.now(UTC)
    statement = select(Ticket).where(
        service_levels.overdue(now), *where_clauses(tickets.LISTING, {}), *scope(Ticket)
    )
    found = []
    for row in (await session.execute(statement)).scalars():
        unanswered = row.responded_at is None and row.respond_by is not None
        missed = row.respond_by if unanswered and row.respond_by < now else row.due_at
        due_on = china_day(missed)
        found.append(
            Alert(
                kind=AlertKind.SLA_BREACHED,
                due_on=due_on,
                days_left=(due_on - on).days,
                institution_id=row.institution_id,
                record=row,
                label=row.number,
            )
        )
    return found


async def upcoming(
    session: AsyncSession,
    on: date,
    within_days: int,
    kinds: Iterable[AlertKind] | None = None,
    scope: Scope = unrestricted,
    customer_rules: CustomerRules | None = None,
) -> list[Alert]:
    """Every alert due within the window (and overdue maintenance and follow-ups, missed SLAs,
    training gaps), earliest first, among the rows `scope` lets through."""
    until = on + timedelta(days=within_days)
    wanted = list(kinds or AlertKind)
    found: list[Alert] = []
    for kind in wanted:
        if kind is AlertKind.SLA_BREACHED:
            found.extend(await _sla_breaches(session, on, scope))
        elif kind in _SOURCES:
            found.extend(await _alerts_of(session, kind, on, until, scope))
    rules = customer_rules or current_customer_rules()
    for finding in await follow_ups.findings(session, rules, on, within_days, wanted, scope):
        found.append(
            Alert(
                kind=AlertKind(finding.kind),
                due_on=finding.due_on,
                days_left=(finding.due_on - on).days,
                institution_id=finding.institution_id,
                record=finding.record,
                label=finding.label,
                assignee=finding.assignee,
            )
        )
    return sorted(found, key=lambda alert: (alert.due_on, alert.kind.value, alert.label))
