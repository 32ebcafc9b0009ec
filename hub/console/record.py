"""The record page: an institution's 360° view, from parent to audit trail."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from hub.authz.masking import mask
from hub.authz.permissions import FieldAccess, Permissions
from hub.authz.row_scope import read_scope
from hub.console.gateway import Caller
from hub.console.page import caller, render, signed_in
from hub.console.records import SELECTIONS, side_by_side
from hub.db.enums import MatchEntity
from hub.db.source_record import SourceRecord
from hub.global_ids import decode_any

_RECORD = """
query Record($id: ID!) {
  node(id: $id) {
    ... on Institution {
      %(institution)s
      createdAt updatedAt redirectedFrom
      qualification { status reasons { code certificateKind message } }
      %(relations)s
    }
  }
}
"""
# Institution.<relation>(arguments) → (type, fields shown).
_RELATIONS = {
    "children(first: 100)": ("Institution", "id, code, name, status"),
    "contacts(first: 100)": (
        "Contact",
        "id, name, role, title, department, mobile, officePhone, email, idNumber, status",
    ),
    "certificates(first: 100)": (
        "Certificate",
        "id, kind, number, issuer, validFrom, validTo, reviewStatus, status, document",
    ),
    "devices(first: 100)": (
        "Device",
        "id, serialNumber, status, installedOn, warrantyEndsOn, nextMaintenanceOn, "
        "deviceModel { name }",
    ),
    "contracts(first: 100)": (
        "Contract",
        "id, number, kind, startsOn, endsOn, amount, currency, status",
    ),
    "tickets(statuses: [OPEN, ASSIGNED, IN_PROGRESS], first: 100)": (
        "Ticket",
        "id, number, kind, priority, status, summary, dueAt, assignee",
    ),
}


def record_query(me: Caller) -> str:
    """The 360° query, holding only the relations and fields the caller may read."""
    relations = [
        f"{relation} {{ {me.selection(type_name, items)} }}"
        for relation, (type_name, items) in _RELATIONS.items()
        if me.sees("Institution", relation.split("(")[0])
    ]
    if me.sees("Institution", "timeline"):
        relations.append(
            "timeline(first: 50) { totalCount nodes { kind at label recordType recordId } }"
        )
    return _RECORD % {
        "institution": me.selection("Institution", SELECTIONS[MatchEntity.INSTITUTION]),
        "relations": "\n      ".join(relations),
    }


_TRAIL = """
query Trail($id: ID!) {
  auditTrail(entityId: $id, first: 50) {
    totalCount
    nodes { seq at actor action changes }
  }
}
"""


async def source_ids(
    session: AsyncSession, permissions: Permissions, entity_id: uuid.UUID
) -> list[tuple[str, str]]:
    """(system, id) of every source-system record that points at the institution."""
    if permissions.field_access("SourceRecord", "sourceId") is FieldAccess.DENIED:
        return []
    masked = permissions.field_access("SourceRecord", "sourceId") is FieldAccess.MASKED
    statement = (
        select(SourceRecord.source_system, SourceRecord.source_id)
        .where(
            SourceRecord.entity_type == "Institution",
            SourceRecord.entity_id == entity_id,
            *read_scope(permissions, SourceRecord),
        )
        .order_by(SourceRecord.source_system, SourceRecord.source_id)
    )
    return [
        (system, mask("sourceId", source_id) if masked else source_id)
        for system, source_id in await session.execute(statement)
    ]


@signed_in
async def record(request: Request) -> Response:
    """GET /console/records/{id}: 404 for what the caller may not read (no existence leak)."""
    me = caller(request)
    global_id = request.path_params["id"]
    decoded = decode_any(global_id)
    if decoded is None or decoded[0] != "Institution":
        raise HTTPException(404, "没有这条记录，或您无权查看。")
    institution: dict[str, Any] | None = (await me.run(record_query(me), id=global_id)).get("node")
    if not institution or not institution.get("id"):
        raise HTTPException(404, "没有这条记录，或您无权查看。")
    trail = None
    if me.can("auditTrail"):
        trail = (await me.run(_TRAIL, id=institution["id"]))["auditTrail"]
    survivor = decode_any(institution["id"])
    assert survivor is not None
    async with me.database.reader() as session:
        sources = await source_ids(session, me.permissions, survivor[1])
    return render(
        request,
        "record.html",
        institution=institution,
        fields=side_by_side(me, MatchEntity.INSTITUTION, [institution]),
        trail=trail,
        sources=sources,
        sees=me.sees,
    )
