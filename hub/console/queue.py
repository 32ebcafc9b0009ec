"""The duplicate queue: candidate pairs filtered, sorted and paged in SQL under row scope."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from hub.authz.masking import mask
from hub.authz.permissions import FieldAccess, Permissions
from hub.authz.row_scope import read_scope
from hub.console.page import caller, render, signed_in
from hub.console.records import RECORD_MODELS
from hub.db.dedup import DuplicateCandidate
from hub.db.enums import CandidateStatus, MatchEntity
from hub.global_ids import encode_id

PAGE_SIZE = 50
SORTS = {
    "score": DuplicateCandidate.score.desc(),
    "score_asc": DuplicateCandidate.score.asc(),
    "newest": DuplicateCandidate.created_at.desc(),
}


@dataclass(frozen=True)
class QueueFilter:
    """What the steward asked for; unknown values fall back to the defaults."""

    entity: MatchEntity | None = None
    status: CandidateStatus = CandidateStatus.OPEN
    min_score: float | None = None
    region: str = ""
    sort: str = "score"
    page: int = 1

    @classmethod
    def from_query(cls, params: Any) -> "QueueFilter":
        """Read the filter from query parameters, ignoring values that make no sense."""
        entity = params.get("entity")
        status = params.get("status")
        try:
            min_score = float(params["min_score"]) if params.get("min_score") else None
        except ValueError:
            min_score = None
        page = params.get("page", "1")
        return cls(
            entity=MatchEntity(entity) if entity in set(MatchEntity) else None,
            status=CandidateStatus(status) if status in set(CandidateStatus) else cls.status,
            min_score=min_score,
            region=(params.get("region") or "").strip(),
            sort=params.get("sort") if params.get("sort") in SORTS else "score",
            page=max(int(page), 1) if page.isdigit() else 1,
        )


@dataclass(frozen=True)
class QueueRow:
    """One pair as the queue shows it."""

    id: str
    entity_type: MatchEntity
    score: float
    status: CandidateStatus
    org_path: str
    left: str
    right: str


async def queue_page(
    session: AsyncSession, permissions: Permissions, wanted: QueueFilter
) -> tuple[int, list[QueueRow]]:
    """The total and one page of pairs: a count, the page, and one name lookup per type."""
    clauses = [*read_scope(permissions, DuplicateCandidate)]
    clauses.append(DuplicateCandidate.status == wanted.status)
    if wanted.entity is not None:
        clauses.append(DuplicateCandidate.entity_type == wanted.entity)
    if wanted.min_score is not None:
        clauses.append(DuplicateCandidate.score >= wanted.min_score)
    if wanted.region:
        clauses.append(DuplicateCandidate.org_path.startswith(wanted.region, autoescape=True))
    total = (
        await session.execute(select(func.count()).select_from(DuplicateCandidate).where(*clauses))
    ).scalar_one()
    statement = (
        select(DuplicateCandidate)
        .where(*clauses)
        .order_by(SORTS[wanted.sort], DuplicateCandidate.id)
        .limit(PAGE_SIZE)
        .offset((wanted.page - 1) * PAGE_SIZE)
    )
    candidates = list((await session.execute(statement)).scalars())
    names = await _names(session, permissions, candidates)
    rows = [
        QueueRow(
            id=encode_id("DuplicateCandidate", c.id),
            entity_type=c.entity_type,
            score=c.score,
            status=c.status,
            org_path=c.org_path,
            left=names.get(c.left_id, "（无权查看）"),
            right=names.get(c.right_id, "（无权查看）"),
        )
        for c in candidates
    ]
    return total, rows


async def _names(
    session: AsyncSession, permissions: Permissions, candidates: list[DuplicateCandidate]
) -> dict[uuid.UUID, str]:
    names: dict[uuid.UUID, str] = {}
    for entity, model in RECORD_MODELS.items():
        ids = {
            row_id
            for c in candidates
            if c.entity_type is entity
            for row_id in (c.left_id, c.right_id)
        }
        access = permissions.field_access(model.__name__, "name")
        if not ids or access is FieldAccess.DENIED:
            continue
        statement = select(model.id, model.name).where(
            model.id.in_(ids), *read_scope(permissions, model)
        )
        for row_id, name in await session.execute(statement):
            names[row_id] = mask("name", name) if access is FieldAccess.MASKED else name
    return names


@signed_in
async def queue(request: Request) -> Response:
    """GET /console/duplicates: the steward's review queue."""
    me = caller(request)
    wanted = QueueFilter.from_query(request.query_params)
    async with me.database.reader() as session:
        total, rows = await queue_page(session, me.permissions, wanted)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render(
        request,
        "queue.html",
        rows=rows,
        total=total,
        pages=pages,
        wanted=wanted,
        entities=list(MatchEntity),
        statuses=list(CandidateStatus),
    )
