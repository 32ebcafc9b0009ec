"""One timeline per customer: dated events from every record about an institution, merged
and paged in SQL (one UNION ALL over a registry of sources, never rows loaded into Python).

Adding a source (interactions, trainings, credit changes ...) is one `TimelineKind` member and
one `Source` in `SOURCES`: which table, which column dates the event, which column names the
institution, which field is shown as the entry's label, and any condition on the rows. Row
permissions apply per source model; field permissions to the date and label fields.
"""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    Select,
    String,
    cast,
    func,
    literal,
    null,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from hub.db.authorisation import Authorisation
from hub.db.certificate import Certificate
from hub.db.contract import Contract
from hub.db.dedup import MergeEvent
from hub.db.demo_loan import DemoLoan
from hub.db.enums import MatchEntity, ReviewStatus
from hub.db.listing import Scope
from hub.db.ticket import Ticket
from hub.db.types import UtcDateTime
from hub.store import demo_loans

_ONE_DAY = timedelta(days=1)


class TimelineKind(StrEnum):
    """What happened; one member per source in the registry."""

    CERTIFICATE_SUBMITTED = "CERTIFICATE_SUBMITTED"
    CERTIFICATE_APPROVED = "CERTIFICATE_APPROVED"
    CERTIFICATE_EXPIRES = "CERTIFICATE_EXPIRES"
    CONTRACT_STARTS = "CONTRACT_STARTS"
    CONTRACT_ENDS = "CONTRACT_ENDS"
    TICKET_OPENED = "TICKET_OPENED"
    TICKET_RESOLVED = "TICKET_RESOLVED"
    DEMO_LOAN_REQUESTED = "DEMO_LOAN_REQUESTED"
    DEMO_LOAN_OUT = "DEMO_LOAN_OUT"
    DEMO_LOAN_RETURNED = "DEMO_LOAN_RETURNED"
    AUTHORISATION_GRANTED = "AUTHORISATION_GRANTED"
    AUTHORISATION_ISSUED = "AUTHORISATION_ISSUED"
    AUTHORISATION_EXPIRES = "AUTHORISATION_EXPIRES"
    MERGED = "MERGED"


@dataclass(frozen=True)
class Source:
    """One kind of event: the rows of `model` whose `at` is set, on `institution`'s timeline.

    `at` and `label` are columns of `model`; the caller must be able to read `at` in clear to
    see the event at all, and the label in clear (or masked) to see its text.
    """

    kind: TimelineKind
    model: type[Any]
    at: InstrumentedAttribute[Any]
    institution: InstrumentedAttribute[Any]
    label: InstrumentedAttribute[Any] | None = None
    where: Callable[[], Sequence[ColumnElement[bool]]] = lambda: ()


SOURCES: tuple[Source, ...] = (
    Source(
        TimelineKind.CERTIFICATE_SUBMITTED,
        Certificate,
        Certificate.created_at,
        Certificate.institution_id,
        Certificate.number,
    ),
    Source(
        TimelineKind.CERTIFICATE_APPROVED,
        Certificate,
        Certificate.second_reviewed_at,
        Certificate.institution_id,
        Certificate.number,
        lambda: (Certificate.review_status == ReviewStatus.APPROVED,),
    ),
    Source(
        TimelineKind.CERTIFICATE_EXPIRES,
        Certificate,
        Certificate.valid_to,
        Certificate.institution_id,
        Certificate.number,
    ),
    Source(
        TimelineKind.CONTRACT_STARTS,
        Contract,
        Contract.starts_on,
        Contract.institution_id,
        Contract.number,
    ),
    Source(
        TimelineKind.CONTRACT_ENDS,
        Contract,
        Contract.ends_on,
        Contract.institution_id,
        Contract.number,
    ),
    Source(
        TimelineKind.TICKET_OPENED, Ticket, Ticket.opened_at, Ticket.institution_id, Ticket.number
    ),
    Source(
        TimelineKind.TICKET_RESOLVED,
        Ticket,
        Ticket.resolved_at,
        Ticket.institution_id,
        Ticket.number,
    ),
    Source(
        TimelineKind.DEMO_LOAN_REQUESTED,
        DemoLoan,
        DemoLoan.created_at,
        DemoLoan.institution_id,
        DemoLoan.department,
    ),
    Source(
        TimelineKind.DEMO_LOAN_OUT,
        DemoLoan,
        DemoLoan.starts_on,
        DemoLoan.institution_id,
        DemoLoan.department,
        lambda: (DemoLoan.status.in_(demo_loans.WENT_OUT),),
    ),
    Source(
        TimelineKind.DEMO_LOAN_RETURNED,
        DemoLoan,
        DemoLoan.returned_on,
        DemoLoan.institution_id,
        DemoLoan.department,
    ),
    Source(
        TimelineKind.AUTHORISATION_GRANTED,
        Authorisation,
        Authorisation.valid_from,
        Authorisation.institution_id,
        Authorisation.number,
    ),
    Source(
        TimelineKind.AUTHORISATION_ISSUED,
        Authorisation,
        Authorisation.valid_from,
        Authorisation.grantor_id,
        Authorisation.number,
    ),
    Source(
        TimelineKind.AUTHORISATION_EXPIRES,
        Authorisation,
        Authorisation.valid_to,
        Authorisation.institution_id,
        Authorisation.number,
    ),
    Source(
        TimelineKind.MERGED,
        MergeEvent,
        MergeEvent.created_at,
        MergeEvent.survivor_id,
        where=lambda: (MergeEvent.entity_type == MatchEntity.INSTITUTION,),
    ),
)


@dataclass(frozen=True)
class Window:
    """Which events of the timeline to count and page: kinds and a date range."""

    kinds: frozenset[TimelineKind] | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class Entry:
    """One event on an institution's timeline."""

    institution_id: uuid.UUID
    kind: TimelineKind
    at: datetime
    entity_type: str
    entity_id: uuid.UUID
    label: str | None


def _instant(column: InstrumentedAttribute[Any], dialect: str) -> ColumnElement[Any]:
    """The column as a UTC timestamp that sorts alike across sources on both databases
    (a date is its midnight in UTC)."""
    if not isinstance(column.type, Date):
        return type_coerce(column, UtcDateTime)
    if dialect == "sqlite":
        # SQLite keeps dates as YYYY-MM-DD and timestamps as YYYY-MM-DD HH:MM:SS.ffffff.
        return type_coerce(type_coerce(column, String) + " 00:00:00.000000", UtcDateTime)
    return type_coerce(func.timezone("UTC", cast(column, DateTime())), UtcDateTime)


def _select(
    source: Source,
    institution_ids: Sequence[uuid.UUID],
    dialect: str,
    scope: Scope,
    labelled: bool,
) -> Select[Any]:
    label = cast(source.label, String) if labelled and source.label is not None else null()
    return select(
        literal(source.kind.value, String).label("kind"),
        _instant(source.at, dialect).label("at"),
        literal(source.model.__name__, String).label("entity_type"),
        source.model.id.label("entity_id"),
        source.institution.label("institution_id"),
        type_coerce(label, String).label("label"),
    ).where(
        source.institution.in_(institution_ids),
        source.at.is_not(None),
        *source.where(),
        *scope(source.model),
    )


@dataclass(frozen=True)
class Visible:
    """What the caller may see: the sources whose date it may read, and the labelled ones."""

    sources: tuple[Source, ...]
    labelled: frozenset[TimelineKind]


def _events(
    institution_ids: Sequence[uuid.UUID],
    window: Window,
    visible: Visible,
    dialect: str,
    scope: Scope,
) -> Any:
    chosen = [s for s in visible.sources if window.kinds is None or s.kind in window.kinds]
    if not chosen:
        return None
    union = union_all(
        *(_select(s, institution_ids, dialect, scope, s.kind in visible.labelled) for s in chosen)
    ).subquery("timeline")
    clauses = []
    if window.since is not None:
        clauses.append(union.c.at >= datetime.combine(window.since, time(), tzinfo=UTC))
    if window.until is not None:
        next_day = datetime.combine(window.until, time(), tzinfo=UTC) + _ONE_DAY
        clauses.append(union.c.at < next_day)
    return union, clauses


async def page(
    session: AsyncSession,
    institution_ids: Sequence[uuid.UUID],
    window: Window,
    visible: Visible,
    scope: Scope,
    start: int,
    end: int,
) -> tuple[dict[uuid.UUID, int], dict[uuid.UUID, list[Entry]]]:
    """Per institution: how many events the window holds, and its events at offsets
    `start` (inclusive) to `end` (exclusive), newest first. Two statements, however many
    institutions."""
    dialect = session.get_bind().dialect.name
    built = _events(institution_ids, window, visible, dialect, scope)
    if built is None:
        return {}, {}
    union, clauses = built
    counted = select(union.c.institution_id, func.count()).where(*clauses)
    totals = dict((await session.execute(counted.group_by(union.c.institution_id))).all())
    if end <= start:
        return totals, {}
    rank = (
        func.row_number()
        .over(
            partition_by=union.c.institution_id,
            order_by=(union.c.at.desc(), union.c.kind, union.c.entity_id),
        )
        .label("rank")
    )
    ranked = select(union, rank).where(*clauses).subquery("ranked")
    statement = (
        select(ranked)
        .where(ranked.c.rank > start, ranked.c.rank <= end)
        .order_by(ranked.c.institution_id, ranked.c.rank)
    )
    entries: dict[uuid.UUID, list[Entry]] = {}
    for row in await session.execute(statement):
        entries.setdefault(row.institution_id, []).append(
            Entry(
                institution_id=row.institution_id,
                kind=TimelineKind(row.kind),
                at=row.at,
                entity_type=row.entity_type,
                entity_id=row.entity_id,
                label=row.label,
            )
        )
    return totals, entries
