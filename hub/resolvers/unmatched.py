"""The steward's list of contact department texts that match no dictionary entry."""

import asyncio

from hub.authz.row_scope import read_scope
from hub.context.request import Info
from hub.db.institution import Institution as InstitutionRow
from hub.schema import relations
from hub.schema.department import UnmatchedDepartment
from hub.schema.graphql_errors import BadUserInput
from hub.store import departments


async def unmatched_departments(info: Info, first: int | None = None) -> list[UnmatchedDepartment]:
    """Department texts of contacts the caller may read that name no department, most
    frequent first."""
    maximum = info.context.settings.max_page_size
    limit = maximum if first is None else first
    if not 0 <= limit <= maximum:
        raise BadUserInput(f"`first` must be between 0 and {maximum}.")
    async with info.context.database.reader() as session:
        found = await departments.unmatched(
            session, limit, lambda model: read_scope(info.context.permissions, model)
        )
    holders = await asyncio.gather(
        *(relations.one(info, InstitutionRow, item.institution_id) for item in found)
    )
    return [
        UnmatchedDepartment(text=item.text, contacts=item.contacts, institution=holder)
        for item, holder in zip(found, holders, strict=True)
    ]
