"""Query and mutation fields of contracts."""

import strawberry

from hub.context.request import Info
from hub.db.contract import Contract as ContractRow
from hub.resolvers import lookups
from hub.resolvers.fields import (
    Values,
    archive_field,
    connection_field,
    create_field,
    update_field,
)
from hub.schema.contract import (
    Contract,
    ContractFilter,
    ContractOrder,
    ContractPayload,
    CreateContractInput,
    UpdateContractInput,
)
from hub.schema.service import levels_input
from hub.store import contracts


def _with_levels(values: Values) -> Values:
    if "service_levels" in values:
        values["service_levels"] = levels_input(values["service_levels"]) or []
    return values


async def contract_by_number(info: Info, number: str) -> Contract | None:
    """The contract with that number."""
    return await lookups.by_key(info, lambda session: contracts.by_number(session, number))


QUERY_FIELDS = {
    "contracts": connection_field(
        Contract, contracts.LISTING, ContractFilter, ContractOrder, "Contracts, filtered."
    ),
    "contract": strawberry.field(resolver=contract_by_number, description="A contract by number."),
}

MUTATION_FIELDS = {
    "create_contract": create_field(
        ContractPayload,
        CreateContractInput,
        contracts.create,
        "Record a contract.",
        prepare=_with_levels,
    ),
    "update_contract": update_field(
        ContractPayload,
        UpdateContractInput,
        "Contract",
        contracts.update_by_id,
        "Change one.",
        prepare=_with_levels,
    ),
    "archive_contract": archive_field(ContractPayload, ContractRow, "Archive a contract."),
}
