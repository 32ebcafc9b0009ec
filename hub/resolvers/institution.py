"""Query and mutation fields of institutions."""

import strawberry

from hub.context.request import Info
from hub.db.enums import MatchEntity
from hub.db.institution import Institution as InstitutionRow
from hub.resolvers import lookups
from hub.resolvers.dedup import possible_duplicates
from hub.resolvers.fields import (
    archive_field,
    connection_field,
    create_field,
    update_field,
    upsert_field,
)
from hub.schema.institution import (
    CreateInstitutionInput,
    Institution,
    InstitutionDuplicate,
    InstitutionFilter,
    InstitutionOrder,
    InstitutionPayload,
    UpdateInstitutionInput,
    UpsertInstitutionInput,
)
from hub.store import institutions

_BY_CODE = lookups.Unique(InstitutionRow.code, str.strip)
_BY_USCC = lookups.Unique(InstitutionRow.uscc, lambda uscc: uscc.strip().upper())


async def institution_by_code(info: Info, code: str) -> Institution | None:
    """The institution with that code."""
    return await _BY_CODE.resolve(info, code)


async def institution_by_uscc(info: Info, uscc: str) -> Institution | None:
    """The institution with that USCC."""
    return await _BY_USCC.resolve(info, uscc)


_DUPLICATES = possible_duplicates(MatchEntity.INSTITUTION, InstitutionDuplicate)

QUERY_FIELDS = {
    "institutions": connection_field(
        Institution,
        institutions.LISTING,
        InstitutionFilter,
        InstitutionOrder,
        "Institutions, filtered and ordered.",
    ),
    "institution": strawberry.field(
        resolver=institution_by_code,
        description="An institution by its code.",
        metadata=_BY_CODE.metadata,
    ),
    "institution_by_uscc": strawberry.field(
        resolver=institution_by_uscc,
        description="An institution by its USCC.",
        metadata=_BY_USCC.metadata,
    ),
}

MUTATION_FIELDS = {
    "create_institution": create_field(
        InstitutionPayload,
        CreateInstitutionInput,
        institutions.create,
        "Create an institution; possibleDuplicates lists stored ones it may duplicate.",
        extras=_DUPLICATES,
    ),
    "update_institution": update_field(
        InstitutionPayload,
        UpdateInstitutionInput,
        "Institution",
        institutions.update_by_id,
        "Change an institution; a new orgPath is passed on to its contacts, devices and more.",
        extras=_DUPLICATES,
    ),
    "archive_institution": archive_field(
        InstitutionPayload, InstitutionRow, "Archive an institution."
    ),
    "upsert_institution": upsert_field(
        InstitutionPayload,
        UpsertInstitutionInput,
        institutions.upsert_from_source,
        "Create or update the institution a source-system ID refers to.",
        extras=_DUPLICATES,
    ),
}
