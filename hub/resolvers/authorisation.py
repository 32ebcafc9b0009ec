"""Query and mutation fields of authorisation letters, and the chain check."""

from datetime import date

import strawberry

from hub.context.request import Info
from hub.db.authorisation import Authorisation as AuthorisationRow
from hub.db.device import DeviceModel as DeviceModelRow
from hub.db.institution import Institution as InstitutionRow
from hub.dock import authorisation_chain
from hub.quality.clock import today
from hub.quality.invalid import Invalid
from hub.quality.regions import check_region_code
from hub.resolvers.fields import (
    archive_field,
    connection_field,
    create_field,
    review_field,
    update_field,
    upsert_field,
)
from hub.resolvers.quality import row_of
from hub.schema.authorisation import (
    Authorisation,
    AuthorisationChain,
    AuthorisationFilter,
    AuthorisationOrder,
    AuthorisationPayload,
    CreateAuthorisationInput,
    ReviewAuthorisationInput,
    UpdateAuthorisationInput,
    UpsertAuthorisationInput,
)
from hub.schema.graphql_errors import BadUserInput
from hub.store import authorisations


async def authorisation_chain_of(
    info: Info,
    distributor: strawberry.ID,
    device_model: strawberry.ID,
    region: str,
    hospital: strawberry.ID | None = None,
    on: date | None = None,
) -> AuthorisationChain:
    """The chain letting a distributor sell a model into a region, link by link."""
    grantee = await row_of(info, InstitutionRow, distributor, "distributor")
    model = await row_of(info, DeviceModelRow, device_model, "deviceModel")
    project = await row_of(info, InstitutionRow, hospital, "hospital") if hospital else None
    try:
        region_code = check_region_code(region)
    except Invalid as error:
        raise BadUserInput(f"`region`: {error.message}") from error
    async with info.context.database.reader() as session:
        chain = await authorisation_chain.walk(
            session, grantee, model, region_code, on or today(), project.id if project else None
        )
    return AuthorisationChain.of(chain)


QUERY_FIELDS = {
    "authorisations": connection_field(
        Authorisation,
        authorisations.LISTING,
        AuthorisationFilter,
        AuthorisationOrder,
        "Authorisation letters, filtered and ordered.",
    ),
    "authorisation_chain": strawberry.field(
        resolver=authorisation_chain_of,
        description="Manufacturer → first tier → … → the distributor: every link's status "
        "for the model and region (and project hospital), and the first broken link.",
    ),
}

MUTATION_FIELDS = {
    "create_authorisation": create_field(
        AuthorisationPayload,
        CreateAuthorisationInput,
        authorisations.create,
        "Submit an authorisation letter for review.",
    ),
    "update_authorisation": update_field(
        AuthorisationPayload,
        UpdateAuthorisationInput,
        "Authorisation",
        authorisations.update_by_id,
        "Change a letter; changing what was reviewed sends it back to review.",
    ),
    "archive_authorisation": archive_field(
        AuthorisationPayload, AuthorisationRow, "Archive (withdraw) a letter."
    ),
    "review_authorisation": review_field(
        AuthorisationPayload,
        ReviewAuthorisationInput,
        "Authorisation",
        authorisations.decide,
        "Four-eyes review: SUBMITTED → FIRST_APPROVED → APPROVED, or REJECTED.",
    ),
    "upsert_authorisation": upsert_field(
        AuthorisationPayload,
        UpsertAuthorisationInput,
        authorisations.upsert_from_source,
        "Create or update the letter a source-system ID refers to.",
    ),
}
