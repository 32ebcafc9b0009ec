"""Receivables from the ERP: one row per source document, each a fact as of a day.

Re-sending a document updates it; a fact older than the stored one is ignored, so replaying
yesterday's export after today's changes nothing. A document paid off comes as amount 0.
Every write re-evaluates the credit account the customer belongs to.
"""

from typing import Any

from sqlalchemy import Numeric, cast, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.credit.rules import current_credit_rules
from hub.db.credit import Receivable
from hub.db.listing import Listing, before, equals, on_or_after
from hub.errors import ErrorCollector
from hub.quality.clock import today
from hub.store import credit_standing, institutions, records
from hub.store.amounts import check_amount, check_currency
from hub.store.source_records import SourceKey

LISTING = Listing(
    model=Receivable,
    filters={
        "institution_id": equals(Receivable.institution_id),
        "document_number": equals(Receivable.document_number),
        "due_before": before(Receivable.due_on),
        "due_on_or_after": on_or_after(Receivable.due_on),
    },
    order_fields={"DUE_ON": Receivable.due_on, "AS_OF": Receivable.as_of},
    default_order="DUE_ON",
)
OUTSTANDING = cast(Receivable.amount, Numeric(18, 2)) > 0
"""Documents not yet paid off (SQLite keeps amounts as text, so compare them as numbers)."""

_REQUIRED = {"institution_id", "amount", "due_on"}


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    values = records.clean_text(Receivable, values, _REQUIRED & values.keys())
    errors = ErrorCollector()
    check_amount(errors, values, "amount")
    check_currency(errors, values)
    errors.raise_if_any()
    return values


async def upsert_from_source(
    session: AsyncSession, author: Author, key: SourceKey, values: dict[str, Any]
) -> Receivable:
    """Record what the ERP says about one of its documents (`key`: system and document
    number); the customer's credit account is re-evaluated."""
    given = _checked({k: v for k, v in values.items() if v is not None})
    given.setdefault("as_of", today())
    identity = records.clean_text(
        Receivable,
        {"source_system": key.system, "document_number": key.source_id},
        {"source_system", "document_number"},
    )
    statement = select(Receivable).where(
        Receivable.source_system == identity["source_system"],
        Receivable.document_number == identity["document_number"],
    )
    row = (await session.execute(statement)).scalar_one_or_none()
    if row is not None and given["as_of"] < row.as_of:
        return row  # an older fact than the one on file
    affected = {row.institution_id} if row is not None else set()
    if "institution_id" in given:
        holder = await institutions.live(session, given["institution_id"], "institution_id")
        given["org_path"] = holder.org_path
        affected.add(holder.id)
    if row is None:
        records.clean_text(Receivable, given, _REQUIRED)  # all of them, to create
        row = await records.insert(session, author, Receivable(**identity, **given))
    else:
        await records.apply(session, author, row, given)
    await credit_standing.store_standings(
        session, author, sorted(affected), current_credit_rules(), today()
    )
    return row
