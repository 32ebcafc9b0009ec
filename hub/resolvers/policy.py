"""Policy administration: list, add and remove Casbin lines; changes apply on the next request."""

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.authz import policies
from hub.context.request import Info
from hub.resolvers import mutations
from hub.schema.policy import PolicyLine, PolicyLineInput, PolicyLinePayload

Change = Callable[[AsyncSession, Author, policies.PolicyLine], Awaitable[policies.PolicyLine]]


async def list_policies(info: Info) -> list[PolicyLine]:
    """Every stored policy line."""
    async with info.context.reads.session() as session:
        return [PolicyLine.from_row(line) for line in await policies.list_lines(session)]


async def _change(info: Info, line_input: PolicyLineInput, change: Change) -> Any:
    async def write(session: AsyncSession, author: Author) -> policies.PolicyLine:
        return await change(session, author, line_input.to_line())

    payload = await mutations.run(info, PolicyLinePayload, write)
    if not payload.user_errors:
        await info.context.policy.reload()
    return payload


async def add_policy(info: Info, input: PolicyLineInput) -> PolicyLinePayload:  # type: ignore[valid-type]
    """Add a policy line or role assignment (`g`)."""
    return await _change(info, input, policies.add_line)


async def remove_policy(info: Info, input: PolicyLineInput) -> PolicyLinePayload:  # type: ignore[valid-type]
    """Remove a policy line or role assignment."""
    return await _change(info, input, policies.remove_line)


QUERY_FIELDS = {
    "policies": strawberry.field(resolver=list_policies, description="Every policy line (admin)."),
}

MUTATION_FIELDS = {
    "add_policy": strawberry.field(
        resolver=add_policy, description="Add a policy line; applies from the next request."
    ),
    "remove_policy": strawberry.field(
        resolver=remove_policy, description="Remove a policy line; applies from the next request."
    ),
}
