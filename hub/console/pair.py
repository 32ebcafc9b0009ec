"""The pair page: records side by side, the evidence, and merge or dismiss."""

import uuid
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from hub.authz.permissions import Permissions
from hub.authz.row_scope import read_scope
from hub.console.gateway import Caller
from hub.console.page import back_to, caller, checked_form, render, signed_in
from hub.console.records import records_query, side_by_side
from hub.db.dedup import DuplicateCandidate
from hub.db.enums import CandidateStatus, MatchEntity
from hub.global_ids import decode_any, encode_id

_CANDIDATE = """
query Pair($id: ID!) {
  node(id: $id) {
    ... on DuplicateCandidate {
      id entityType score status
      evidence { feature method left right similarity weight vetoed }
      left { id } right { id }
    }
  }
}
"""
_MERGE = """
mutation Merge($input: MergeInput!) {
  %s(input: $input) {
    mergeEvent { id }
    userErrors { field code message }
  }
}
"""
_MERGE_OPERATIONS = {
    MatchEntity.INSTITUTION: "mergeInstitutions",
    MatchEntity.CONTACT: "mergeContacts",
}
_DISMISS = """
mutation Dismiss($input: DismissDuplicateInput!) {
  dismissDuplicate(input: $input) { userErrors { field code message } }
}
"""


async def _links(
    session: AsyncSession, permissions: Permissions, entity: MatchEntity, ids: list[uuid.UUID]
) -> set[frozenset[uuid.UUID]]:
    """Open candidate pairs the caller may see that touch any of `ids`."""
    statement = select(DuplicateCandidate.left_id, DuplicateCandidate.right_id).where(
        DuplicateCandidate.entity_type == entity,
        DuplicateCandidate.status == CandidateStatus.OPEN,
        or_(DuplicateCandidate.left_id.in_(ids), DuplicateCandidate.right_id.in_(ids)),
        *read_scope(permissions, DuplicateCandidate),
    )
    return {frozenset(pair) for pair in await session.execute(statement)}


async def cluster(
    session: AsyncSession, permissions: Permissions, entity: MatchEntity, ids: list[uuid.UUID]
) -> list[uuid.UUID]:
    """The pair and every record that is an open candidate with each record already in the
    group, so a 3-way duplicate is merged in one go while a branch that merely resembles one
    of them (a candidate with only that one) stays out."""
    near = await _links(session, permissions, entity, ids)
    others = sorted({record for pair in near for record in pair} - set(ids))
    links = near | await _links(session, permissions, entity, others) if others else near
    members = list(ids)
    for record in others:
        if all(frozenset((record, member)) in links for member in members):
            members.append(record)
    return members


async def _pair(me: Caller, candidate_id: str) -> dict[str, Any]:
    candidate = (await me.run(_CANDIDATE, id=candidate_id)).get("node")
    if not candidate or "entityType" not in candidate:
        raise HTTPException(404, "没有这条疑似重复记录，或您无权查看。")
    return candidate


async def _records(me: Caller, candidate: dict[str, Any]) -> list[dict[str, Any]]:
    entity = MatchEntity[candidate["entityType"]]
    pair_ids = [candidate[side]["id"] for side in ("left", "right") if candidate[side]]
    decoded = [decode_any(global_id) for global_id in pair_ids]
    ids = [item[1] for item in decoded if item is not None]
    if candidate["status"] == CandidateStatus.OPEN.value:
        async with me.database.reader() as session:
            ids = await cluster(session, me.permissions, entity, ids)
    global_ids = [encode_id(entity.value, row_id) for row_id in ids]
    nodes = (await me.run(records_query(me, entity), ids=global_ids)).get("nodes") or []
    return [node for node in nodes if node and node.get("id")]


async def _page(
    request: Request, candidate_id: str, errors: list[dict[str, Any]] | None = None
) -> Response:
    me = caller(request)
    candidate = await _pair(me, candidate_id)
    entity = MatchEntity[candidate["entityType"]]
    records = await _records(me, candidate)
    return render(
        request,
        "pair.html",
        status_code=422 if errors else 200,
        candidate=candidate,
        entity=entity,
        records=records,
        rows=side_by_side(me, entity, records),
        can_merge=me.can(_MERGE_OPERATIONS[entity]),
        can_dismiss=me.can("dismissDuplicate"),
        errors=errors or [],
    )


@signed_in
async def pair(request: Request) -> Response:
    """GET /console/duplicates/{id}."""
    return await _page(request, request.path_params["id"])


def merge_input(form: FormData) -> dict[str, Any]:
    """The MergeInput a pair page's form describes: survivor, merged records, and the fields
    the steward picked by hand (a field left "by rule" follows the survivorship rules)."""
    survivor = str(form.get("survivor") or "")
    members = [str(value) for value in form.getlist("member")]
    choices = [
        {"field": key.removeprefix("field:"), "fromId": str(value)}
        for key, value in form.multi_items()
        if key.startswith("field:") and value and value in members
    ]
    return {
        "survivorId": survivor,
        "mergedIds": [member for member in members if member != survivor],
        "fieldChoices": choices,
    }


@signed_in
async def merge(request: Request) -> Response:
    """POST /console/duplicates/{id}/merge: one mergeInstitutions / mergeContacts call."""
    form = await checked_form(request)
    me = caller(request)
    candidate = await _pair(me, request.path_params["id"])
    operation = _MERGE_OPERATIONS[MatchEntity[candidate["entityType"]]]
    outcome = await me.run(_MERGE % operation, input=merge_input(form))
    payload = outcome[operation]
    if payload["userErrors"]:
        return await _page(request, request.path_params["id"], payload["userErrors"])
    return back_to(request, "merge_event", id=payload["mergeEvent"]["id"])


@signed_in
async def dismiss(request: Request) -> Response:
    """POST /console/duplicates/{id}/dismiss: "not a duplicate"."""
    await checked_form(request)
    me = caller(request)
    outcome = await me.run(_DISMISS, input={"candidateId": request.path_params["id"]})
    errors = outcome["dismissDuplicate"]["userErrors"]
    if errors:
        return await _page(request, request.path_params["id"], errors)
    return back_to(request, "queue")
