"""Follow-up rules over interactions (rules file [follow_up]) and training gaps of installed
devices: what needs a person's attention, found in SQL.

Every finding names the record it is about, the institution and the person who must act;
row scope applies to the record, whose organisation unit is its institution's region.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from hub.audit.writer import Author
from hub.db.contact import Contact
from hub.db.device import Device, DeviceModel
from hub.db.enums import DeviceStatus, InstitutionStatus, InteractionKind, RecordStatus
from hub.db.institution import Institution
from hub.db.interaction import Interaction
from hub.db.listing import Scope, unrestricted
from hub.quality.customer_rules import CustomerRules, FollowUpRules, TrainingRules
from hub.store import records
from hub.store.training_gate import requiring_models, trained_operator_exists

FOLLOW_UP_DUE = "FOLLOW_UP_DUE"
COMPLAINT_UNANSWERED = "COMPLAINT_UNANSWERED"
KEY_ACCOUNT_QUIET = "KEY_ACCOUNT_QUIET"
TRAINING_GAP = "TRAINING_GAP"
# The follow-up action of the audit trail: raising or clearing an alert on an interaction.
FOLLOW_UP_ACTION = "FOLLOW_UP"


@dataclass(frozen=True)
class Finding:
    """One thing due on a date about one record; `assignee` is who must act."""

    kind: str
    due_on: date
    institution_id: uuid.UUID | None
    record: Any
    label: str
    assignee: str | None


def _later_interaction() -> ColumnElement[bool]:
    """SQL condition: the institution had another live interaction after this one."""
    later = aliased(Interaction)
    return (
        select(later.id)
        .where(
            later.institution_id == Interaction.institution_id,
            later.occurred_at > Interaction.occurred_at,
            later.status == RecordStatus.ACTIVE,
        )
        .exists()
    )


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _label(row: Interaction) -> str:
    return f"{row.kind.value} {row.occurred_at.date().isoformat()}"


async def _follow_ups_due(session: AsyncSession, until: date, scope: Scope) -> list[Finding]:
    statement = select(Interaction).where(
        Interaction.status == RecordStatus.ACTIVE,
        Interaction.next_follow_up_on <= until,
        not_(_later_interaction()),
        *scope(Interaction),
    )
    return [
        Finding(
            FOLLOW_UP_DUE,
            row.next_follow_up_on,
            row.institution_id,
            row,
            _label(row),
            row.our_person,
        )
        for row in (await session.execute(statement)).scalars()
        if row.next_follow_up_on is not None
    ]


async def _complaints_unanswered(
    session: AsyncSession, until: date, rules: FollowUpRules, scope: Scope
) -> list[Finding]:
    days = timedelta(days=rules.complaint_answer_days)
    statement = select(Interaction).where(
        Interaction.status == RecordStatus.ACTIVE,
        Interaction.kind == InteractionKind.COMPLAINT,
        Interaction.occurred_at < _start_of(until + timedelta(days=1) - days),
        not_(_later_interaction()),
        *scope(Interaction),
    )
    return [
        Finding(
            COMPLAINT_UNANSWERED,
            row.occurred_at.date() + days,
            row.institution_id,
            row,
            _label(row),
            row.our_person,
        )
        for row in (await session.execute(statement)).scalars()
    ]


async def _quiet_key_accounts(
    session: AsyncSession, until: date, rules: FollowUpRules, scope: Scope
) -> list[Finding]:
    live = [
        Institution.status == InstitutionStatus.ACTIVE,
        *scope(Institution),
    ]
    candidates = select(Institution.id, Institution.grade, Institution.tags).where(*live)
    key_ids = [
        row_id
        for row_id, grade, tags in await session.execute(candidates)
        if rules.is_key_account(grade, tags)
    ]
    if not key_ids:
        return []
    latest = (
        select(
            Interaction.institution_id,
            func.max(Interaction.occurred_at).label("last_at"),
        )
        .where(Interaction.status == RecordStatus.ACTIVE)
        .group_by(Interaction.institution_id)
        .subquery()
    )
    last = aliased(Interaction)
    statement = (
        select(Institution, last)
        .outerjoin(latest, latest.c.institution_id == Institution.id)
        .outerjoin(
            last,
            and_(
                last.institution_id == Institution.id,
                last.occurred_at == latest.c.last_at,
                last.status == RecordStatus.ACTIVE,
            ),
        )
        .where(Institution.id.in_(key_ids))
        .order_by(Institution.id, last.id)
    )
    quiet = timedelta(days=rules.key_account_quiet_days)
    found: dict[uuid.UUID, Finding] = {}
    for institution, interaction in await session.execute(statement):
        since = interaction.occurred_at if interaction else institution.created_at
        due_on = since.date() + quiet
        if institution.id in found or due_on > until:
            continue
        found[institution.id] = Finding(
            KEY_ACCOUNT_QUIET,
            due_on,
            institution.id,
            interaction or institution,
            institution.name,
            interaction.our_person if interaction else None,
        )
    return list(found.values())


async def _training_gaps(
    session: AsyncSession, on: date, rules: TrainingRules, scope: Scope
) -> list[Finding]:
    works_there = or_(
        and_(Device.department_id.is_(None), Contact.institution_id == Device.institution_id),
        Contact.department_id == Device.department_id,
    )
    statement = (
        select(Device, DeviceModel.name)
        .join(DeviceModel, DeviceModel.id == Device.device_model_id)
        .where(
            Device.status == DeviceStatus.INSTALLED,
            Device.institution_id.is_not(None),
            requiring_models(rules),
            not_(trained_operator_exists(Device.device_model_id, on, works_there)),
            *scope(Device),
        )
    )
    return [
        Finding(
            TRAINING_GAP,
            device.installed_on or on,
            device.institution_id,
            device,
            f"{model_name} {device.serial_number}",
            None,
        )
        for device, model_name in await session.execute(statement)
    ]


async def findings(
    session: AsyncSession,
    rules: CustomerRules,
    on: date,
    within_days: int,
    kinds: Sequence[str],
    scope: Scope = unrestricted,
) -> list[Finding]:
    """Every finding of the given kinds due by `on + within_days` (overdue ones included)."""
    until = on + timedelta(days=within_days)
    found: list[Finding] = []
    if FOLLOW_UP_DUE in kinds:
        found += await _follow_ups_due(session, until, scope)
    if COMPLAINT_UNANSWERED in kinds:
        found += await _complaints_unanswered(session, until, rules.follow_up, scope)
    if KEY_ACCOUNT_QUIET in kinds:
        found += await _quiet_key_accounts(session, until, rules.follow_up, scope)
    if TRAINING_GAP in kinds:
        found += await _training_gaps(session, on, rules.training, scope)
    return found


async def screen(
    session: AsyncSession, author: Author, rules: CustomerRules, on: date
) -> list[Finding]:
    """Store on each interaction the follow-up alert now due about it (or none), auditing each
    change as a FOLLOW_UP event: the change feed tells the region once when an alert is raised
    and once when it clears. Returns the findings whose alert was newly raised."""
    kinds = (FOLLOW_UP_DUE, COMPLAINT_UNANSWERED, KEY_ACCOUNT_QUIET)
    due = [
        finding
        for finding in await findings(session, rules, on, 0, kinds)
        if isinstance(finding.record, Interaction)
    ]
    wanted: dict[uuid.UUID, Finding] = {}
    for finding in sorted(due, key=lambda f: kinds.index(f.kind)):
        wanted.setdefault(finding.record.id, finding)
    raised = select(Interaction).where(Interaction.follow_up_alert.is_not(None))
    cleared = [row for row in (await session.execute(raised)).scalars() if row.id not in wanted]
    for row in cleared:
        await records.apply(
            session, author, row, {"follow_up_alert": None}, action=FOLLOW_UP_ACTION
        )
    new: list[Finding] = []
    for finding in wanted.values():
        row = finding.record
        if row.follow_up_alert != finding.kind:
            await records.apply(
                session, author, row, {"follow_up_alert": finding.kind}, action=FOLLOW_UP_ACTION
            )
            new.append(finding)
    return new
