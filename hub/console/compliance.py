"""The compliance dashboard: institutions by qualification status with the reasons, and the
certificates and contracts falling due within a chosen window."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from hub.authz.permissions import Permissions
from hub.authz.row_scope import read_scope
from hub.console.page import caller, render, signed_in
from hub.db.enums import InstitutionStatus, QualificationStatus
from hub.db.institution import Institution
from hub.global_ids import encode_id

WINDOWS = (30, 60, 90, 180, 365)
_LISTED = 50
_QUALIFICATIONS = """
query Reasons($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Institution {
      id code name kind qualificationStatus
      qualification { status reasons { code certificateKind message } }
    }
  }
}
"""
_DUE = """
query Due($days: Int!) {
  alerts(withinDays: $days, kinds: [CERTIFICATE_EXPIRING, CONTRACT_ENDING], first: 100) {
    kind dueOn daysLeft label subjectId institution { id name }
  }
}
"""


async def status_counts(session: AsyncSession, permissions: Permissions) -> dict[str, int]:
    """Live institutions the caller may read, counted by qualification status."""
    statement = (
        select(Institution.qualification_status, func.count())
        .where(
            Institution.status != InstitutionStatus.MERGED, *read_scope(permissions, Institution)
        )
        .group_by(Institution.qualification_status)
    )
    return {
        (status.value if status else "UNSCREENED"): count
        for status, count in await session.execute(statement)
    }


async def wanting(
    session: AsyncSession, permissions: Permissions, status: QualificationStatus
) -> list[str]:
    """Global IDs of the first institutions (by code) in a qualification status."""
    statement = (
        select(Institution.id)
        .where(
            Institution.qualification_status == status,
            Institution.status != InstitutionStatus.MERGED,
            *read_scope(permissions, Institution),
        )
        .order_by(Institution.code)
        .limit(_LISTED)
    )
    return [
        encode_id("Institution", row_id) for row_id in (await session.execute(statement)).scalars()
    ]


@signed_in
async def dashboard(request: Request) -> Response:
    """GET /console/compliance?days=90&status=NOT_QUALIFIED."""
    me = caller(request)
    days_text = request.query_params.get("days", "90")
    days = int(days_text) if days_text.isdigit() and int(days_text) in WINDOWS else 90
    wanted = request.query_params.get("status")
    status = (
        QualificationStatus(wanted)
        if wanted in set(QualificationStatus)
        else QualificationStatus.NOT_QUALIFIED
    )
    async with me.database.reader() as session:
        counts = await status_counts(session, me.permissions)
        ids = await wanting(session, me.permissions, status)
    institutions = (await me.run(_QUALIFICATIONS, ids=ids)).get("nodes") or [] if ids else []
    due = (await me.run(_DUE, days=days))["alerts"]
    return render(
        request,
        "compliance.html",
        counts=counts,
        status=status,
        statuses=list(QualificationStatus),
        institutions=[item for item in institutions if item],
        due=due,
        days=days,
        windows=WINDOWS,
    )
