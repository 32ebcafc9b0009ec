"""The demo's credit desk: profiles in every tier, ERP receivables, an override and a pending
request, written through the credit store like the real desk would (request, then approval by
a second person)."""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.credit.rules import current_credit_rules
from hub.db.types import utcnow
from hub.demo.plan import InstitutionPlan
from hub.quality import clock
from hub.store import credit_requests, receivables
from hub.store.source_records import SourceKey

OFFICER = Author(actor="user:demo-credit-zhao", request_id="demo")
MANAGER = Author(actor="user:demo-credit-qian", request_id="demo")
ERP = Author(actor="key:demo-erp", request_id="demo")
ERP_SYSTEM = "kingdee"
"""The source system of the demo's receivables."""


@dataclass(frozen=True)
class Document:
    """A receivable: its number, what is outstanding, and its due date relative to today."""

    number: str
    amount: Decimal
    due_in_days: int
    holder: InstitutionPlan | None = None  # a branch of the account; default the account


@dataclass
class CreditPlan:
    """An account's approved terms, what it owes, and what the desk is doing about it."""

    account: InstitutionPlan
    rating: str
    limit: Decimal
    terms_days: int
    valid_until: date
    documents: list[Document] = field(default_factory=list)
    override_hours: int | None = None  # an approved override running this long from now
    requested_limit: Decimal | None = None  # a raise still waiting for review


def _documents(prefix: str, *rows: tuple[str, int]) -> list[Document]:
    return [
        Document(f"AR{prefix}{index:03d}", Decimal(amount), due)
        for index, (amount, due) in enumerate(rows, start=1)
    ]


def credit_plans(today: date, institutions: Sequence[InstitutionPlan]) -> list[CreditPlan]:
    """One account per tier and cause (normal, warning by use and by overdue, hold by use and
    overdue, by an expired rating, by grade D), a chain of pharmacies sharing one limit, and a
    held distributor shipping under an override.

    Accounts are chosen by code among the demo seed's institutions (the README's tour names
    them); another seed gets the accounts whose codes it happens to have.
    """
    by_code = {plan.code: plan for plan in institutions}
    year = today + timedelta(days=365)
    terms: list[tuple[str, str, str, int, date, list[Document], int | None, str | None]] = [
        # NORMAL, its rating up for renewal within a month
        ("DIS-310104-01", "A", "3000000.00", 90, today + timedelta(days=25),
         _documents("-SH-", ("680000.00", 35), ("520000.00", 70)), None, None),
        # WARNING: 87.5 % of the limit used
        ("DIS-440112-01", "B", "800000.00", 60, year,
         _documents("-GZ-", ("400000.00", 20), ("300000.00", 50)), None, None),
        # WARNING: a receivable 18 days overdue
        ("HOS-430105-01", "A", "5000000.00", 120, year,
         _documents("-CS-", ("186400.00", -18), ("920000.00", 40)), None, None),
        # HOLD: over the limit and 75 days overdue (the README's dock), a raise waiting
        ("DIS-420102-01", "C", "600000.00", 45, year,
         _documents("-WH-", ("238000.00", -75), ("412500.00", 10)), None, "900000.00"),
        # HOLD: its rating expired
        ("DIS-210103-01", "B", "500000.00", 60, today - timedelta(days=20),
         _documents("-SY-", ("96000.00", 25)), None, None),
        # HOLD: grade D, cash before delivery
        ("DIS-440305-02", "D", "0.00", 0, year, [], None, None),
        # HOLD by 70 days overdue, shipping under an override
        ("DIS-420111-01", "B", "1000000.00", 60, year,
         _documents("-WJ-", ("52000.00", -70)), 48, None),
    ]  # fmt: skip
    plans = [
        CreditPlan(
            by_code[code],
            rating,
            Decimal(limit),
            days,
            until,
            documents,
            override,
            Decimal(raised) if raised else None,
        )
        for code, rating, limit, days, until, documents, override, raised in terms
        if code in by_code
    ]
    chain = by_code.get("PHA-110105-01")
    if chain is not None:  # one limit for the chain and its stores
        stores = [plan for plan in institutions if plan.parent is chain]
        documents = [
            Document(f"AR-BJ-{index:03d}", Decimal("45800.00") + index * 1000, 12, store)
            for index, store in enumerate(stores, start=1)
        ]
        plans.append(CreditPlan(chain, "B", Decimal("500000.00"), 30, year, documents))
    return plans


async def load_credit(
    session: AsyncSession, plans: Sequence[CreditPlan], ids: Mapping[str, uuid.UUID]
) -> None:
    """Approve every plan's terms, send its receivables, then raise its override and request."""
    rules = current_credit_rules()
    today = clock.today()
    for plan in plans:
        account_id = ids[plan.account.key]
        terms = {
            "institution_id": account_id,
            "rating": plan.rating,
            "credit_limit": plan.limit,
            "payment_terms_days": plan.terms_days,
            "valid_from": min(today, plan.valid_until) - timedelta(days=365),
            "valid_to": plan.valid_until,
            "reason": "年度授信评审",
        }
        request = await credit_requests.request_change(session, OFFICER, terms, rules)
        await credit_requests.review(session, MANAGER, request.id, True, "同意", None, rules, today)
        for document in plan.documents:
            holder = document.holder or plan.account
            values = {
                "institution_id": ids[holder.key],
                "amount": document.amount,
                "due_on": today + timedelta(days=document.due_in_days),
                "document_date": today + timedelta(days=document.due_in_days - plan.terms_days),
            }
            await receivables.upsert_from_source(
                session, ERP, SourceKey(ERP_SYSTEM, document.number), values
            )
        if plan.override_hours is not None:
            until = utcnow() + timedelta(hours=plan.override_hours)
            values = {
                "institution_id": account_id,
                "override_until": until,
                "reason": "急救设备，总经理特批",
            }
            override = await credit_requests.request_override(session, OFFICER, values)
            await credit_requests.review(
                session, MANAGER, override.id, True, "同意，两天内回款", None, rules, today
            )
        if plan.requested_limit is not None:
            raised = {**terms, "credit_limit": plan.requested_limit, "reason": "客户申请提额"}
            await credit_requests.request_change(session, OFFICER, raised, rules)
