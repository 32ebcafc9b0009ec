"""Credit standing from the database: which profile governs each institution (its own, else its
nearest ancestor's), what that account owes, and the status stored on the profile.

A group's profile covers every branch below it that has no profile of its own, so both the
walk up to the governing profile and the walk down to the account's members are recursive
queries: any number of institutions costs two statements.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, and_, case, cast, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from hub.audit.writer import Author
from hub.credit.rules import CreditRules
from hub.credit.standing import ZERO, CreditStanding, Exposure, evaluate
from hub.db.credit import CreditProfile, Receivable
from hub.db.enums import RecordStatus
from hub.db.institution import Institution
from hub.store import records

CREDIT_STATUS = "CREDIT_STATUS"
DEFAULT_CURRENCY = "CNY"
# Group hierarchies are shallow; the bound only guards the recursion against bad data.
_MAX_DEPTH = 12


@dataclass(frozen=True)
class Standing:
    """An institution's credit standing and the account it is computed on."""

    institution_id: uuid.UUID
    account_id: uuid.UUID  # the institution whose profile governs (itself when it has none)
    profile: CreditProfile | None
    standing: CreditStanding


async def governing_profiles(
    session: AsyncSession, institution_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, CreditProfile]:
    """The live profile governing each institution that has one: its own or its nearest
    ancestor's."""
    chain = (
        select(
            Institution.id.label("start_id"),
            Institution.id.label("node_id"),
            Institution.parent_id.label("parent_id"),
            literal(0).label("depth"),
        )
        .where(Institution.id.in_(list(institution_ids)))
        .cte("credit_chain", recursive=True)
    )
    parent = aliased(Institution)
    chain = chain.union_all(
        select(chain.c.start_id, parent.id, parent.parent_id, chain.c.depth + 1)
        .join(parent, parent.id == chain.c.parent_id)
        .where(chain.c.depth < _MAX_DEPTH)
    )
    statement = (
        select(chain.c.start_id, chain.c.depth, CreditProfile)
        .join(CreditProfile, CreditProfile.institution_id == chain.c.node_id)
        .where(CreditProfile.status == RecordStatus.ACTIVE)
        .order_by(chain.c.start_id, chain.c.depth)
    )
    governing: dict[uuid.UUID, CreditProfile] = {}
    for start_id, _, profile in (await session.execute(statement)).all():
        governing.setdefault(start_id, profile)
    return governing


def _money(value: Any) -> Decimal:
    # PostgreSQL sums NUMERIC exactly; SQLite sums the text amounts as floats: round to the cent.
    return ZERO if value is None else Decimal(str(value)).quantize(ZERO)


async def exposures(
    session: AsyncSession, accounts: dict[uuid.UUID, str], on: date
) -> dict[uuid.UUID, Exposure]:
    """What each account (institution id → its currency) owes on a day: receivables of the
    account holder and of every branch below it that has no profile of its own."""
    if not accounts:
        return {}
    members = (
        select(Institution.id.label("account_id"), Institution.id.label("node_id"))
        .add_columns(literal(0).label("depth"))
        .where(Institution.id.in_(list(accounts)))
        .cte("credit_members", recursive=True)
    )
    child = aliased(Institution)
    own_profile = (
        select(CreditProfile.id)
        .where(
            CreditProfile.institution_id == child.id, CreditProfile.status == RecordStatus.ACTIVE
        )
        .exists()
    )
    members = members.union_all(
        select(members.c.account_id, child.id, members.c.depth + 1)
        .join(child, child.parent_id == members.c.node_id)
        .where(~own_profile, members.c.depth < _MAX_DEPTH)
    )
    amount = cast(Receivable.amount, Numeric(18, 2))
    open_ = amount > 0
    overdue = and_(open_, Receivable.due_on < on)
    statement = (
        select(
            members.c.account_id,
            Receivable.currency,
            func.sum(case((open_, amount), else_=0)),
            func.sum(case((overdue, amount), else_=0)),
            func.min(case((overdue, Receivable.due_on))),
        )
        .join(Receivable, Receivable.institution_id == members.c.node_id)
        .group_by(members.c.account_id, Receivable.currency)
    )
    found: dict[uuid.UUID, Exposure] = {}
    for account_id, currency, outstanding, overdue_amount, oldest in await session.execute(
        statement
    ):
        if currency == accounts[account_id]:
            found[account_id] = Exposure(_money(outstanding), _money(overdue_amount), oldest)
    return found


async def standings(
    session: AsyncSession, institution_ids: Sequence[uuid.UUID], rules: CreditRules, on: date
) -> dict[uuid.UUID, Standing]:
    """The credit standing of each institution on a day, in two statements."""
    governing = await governing_profiles(session, institution_ids)
    account_of = {
        row_id: governing[row_id].institution_id if row_id in governing else row_id
        for row_id in institution_ids
    }
    currencies = {
        account_of[row_id]: governing[row_id].currency if row_id in governing else DEFAULT_CURRENCY
        for row_id in institution_ids
    }
    owed = await exposures(session, currencies, on)
    return {
        row_id: Standing(
            institution_id=row_id,
            account_id=account_of[row_id],
            profile=governing.get(row_id),
            standing=evaluate(
                governing.get(row_id), owed.get(account_of[row_id], Exposure()), rules, on
            ),
        )
        for row_id in institution_ids
    }


@dataclass(frozen=True)
class TierChange:
    """One credit account whose stored status or reasons changed."""

    institution_id: uuid.UUID
    before: str | None
    after: str
    reasons: tuple[str, ...]


async def store_standings(
    session: AsyncSession,
    author: Author,
    institution_ids: Sequence[uuid.UUID],
    rules: CreditRules,
    on: date,
) -> list[TierChange]:
    """Evaluate the accounts governing these institutions and store each change of status or
    reasons on its profile, audited as CREDIT_STATUS (the change feed tells subscribers of a
    new hold, a tier crossed or a new overdue)."""
    changes: list[TierChange] = []
    seen: set[uuid.UUID] = set()
    for found in (await standings(session, institution_ids, rules, on)).values():
        profile = found.profile
        if profile is None or profile.id in seen:
            continue
        seen.add(profile.id)
        status, codes = found.standing.status, [r.code.value for r in found.standing.reasons]
        if profile.credit_status is status and list(profile.credit_reasons or []) == codes:
            continue
        before = profile.credit_status
        values: dict[str, Any] = {"credit_status": status, "credit_reasons": codes}
        if before is not status:
            values["credit_status_since"] = on
        await records.apply(session, author, profile, values, action=CREDIT_STATUS)
        changes.append(
            TierChange(profile.institution_id, before and before.value, status.value, tuple(codes))
        )
    return changes


async def profile_holders(session: AsyncSession) -> list[uuid.UUID]:
    """The institutions holding a live credit profile (the credit accounts), by id."""
    statement = select(CreditProfile.institution_id).where(
        CreditProfile.status == RecordStatus.ACTIVE
    )
    return list((await session.execute(statement.order_by(CreditProfile.institution_id))).scalars())
