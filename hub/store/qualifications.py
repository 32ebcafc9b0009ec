"""Stored qualification status: recomputed after certificate changes and by re-screening.

Each change of an institution's status is an audit event (action REQUALIFY) and so reaches the
change feed: a WMS following the feed learns at once that a customer is no longer qualified.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.db.certificate import Certificate
from hub.db.enums import InstitutionStatus, QualificationStatus, RecordStatus
from hub.db.institution import Institution
from hub.quality.clock import today
from hub.quality.qualification import Qualification, qualify
from hub.quality.rules import Rules, current_rules
from hub.store import records

REQUALIFY = "REQUALIFY"
# Institutions whose certificates are loaded in one statement while re-screening.
_CHUNK = 500
_SCREENED = (InstitutionStatus.ACTIVE, InstitutionStatus.BLOCKED)


@dataclass(frozen=True)
class StatusChange:
    """One institution whose stored status changed."""

    institution_id: uuid.UUID
    code: str
    name: str
    before: QualificationStatus | None
    after: QualificationStatus


async def certificates_by_institution(
    session: AsyncSession, institution_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Certificate]]:
    """The live certificates of each institution, in one statement."""
    statement = select(Certificate).where(
        Certificate.institution_id.in_(list(institution_ids)),
        Certificate.status == RecordStatus.ACTIVE,
    )
    grouped: dict[uuid.UUID, list[Certificate]] = defaultdict(list)
    for certificate in (await session.execute(statement)).scalars():
        assert certificate.institution_id is not None  # filtered above
        grouped[certificate.institution_id].append(certificate)
    return grouped


async def qualification_of(
    session: AsyncSession, institution: Institution, rules: Rules, on: date
) -> Qualification:
    """The institution's qualification computed now from its certificates."""
    held = await certificates_by_institution(session, [institution.id])
    return qualify(institution, held.get(institution.id, []), rules, on)


async def _store(
    session: AsyncSession, author: Author, institution: Institution, status: QualificationStatus
) -> StatusChange | None:
    before = institution.qualification_status
    if before is status:
        return None
    # Not an edit by a person, so no expected version: the status is derived, not typed in.
    await records.apply(
        session, author, institution, {"qualification_status": status}, action=REQUALIFY
    )
    return StatusChange(institution.id, institution.code, institution.name, before, status)


async def requalify(
    session: AsyncSession, author: Author, institution_id: uuid.UUID | None
) -> StatusChange | None:
    """Recompute and store one institution's status (after its certificates changed)."""
    institution = await session.get(Institution, institution_id) if institution_id else None
    if institution is None or institution.status not in _SCREENED:
        return None
    qualification = await qualification_of(session, institution, current_rules(), today())
    return await _store(session, author, institution, qualification.status)


async def screened_ids(session: AsyncSession) -> list[uuid.UUID]:
    """Every institution re-screening looks at (live ones, including blocked)."""
    statement = select(Institution.id).where(Institution.status.in_(_SCREENED))
    return list((await session.execute(statement.order_by(Institution.code))).scalars())


async def rescreen(
    session: AsyncSession,
    author: Author,
    institution_ids: Sequence[uuid.UUID],
    rules: Rules,
    on: date,
    advance: Callable[[int], None] = lambda done: None,
) -> list[StatusChange]:
    """Recompute the given institutions' statuses; store and audit each change."""
    changes: list[StatusChange] = []
    for start in range(0, len(institution_ids), _CHUNK):
        chunk = list(institution_ids[start : start + _CHUNK])
        rows = (
            await session.execute(select(Institution).where(Institution.id.in_(chunk)))
        ).scalars()
        held = await certificates_by_institution(session, chunk)
        for institution in rows:
            status = qualify(institution, held.get(institution.id, []), rules, on).status
            if change := await _store(session, author, institution, status):
                changes.append(change)
        advance(len(chunk))
    return changes
