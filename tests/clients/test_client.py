"""HubClient against a live hub: authentication, GraphQL errors, user errors and paging."""

import pytest
from hub_client import (
    HubClient,
    HubGraphQLError,
    HubUserErrors,
    iter_nodes,
    iter_pages,
    raise_for_user_errors,
)
from hub_client.generated.enums import TicketStatus
from hub_client.generated.input_types import InstitutionFilter, UpdateTicketInput
from hub_client.generated.institutions import InstitutionsInstitutions

from hub.authz.tokens import mint
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from tests import factories
from tests.clients.live import LiveHub
from tests.graphql_client import GraphQLClient, issue_key


async def test_an_api_key_authenticates_as_its_service_account(
    api: GraphQLClient, live_hub: LiveHub, database: Database
) -> None:
    created = await factories.institution(api, code="HOS-310101-01")
    key = await issue_key(database, Role.CRM, "crm-sync")
    with HubClient(live_hub.url, api_key=key) as client:
        found = client.institution_by_code("HOS-310101-01").institution
    assert found is not None
    assert (found.id, found.name) == (created["id"], "上海市第一人民医院")


async def test_a_jwt_authenticates_a_person_with_their_role(
    api: GraphQLClient, live_hub: LiveHub, settings: Settings
) -> None:
    await factories.institution(api, code="HOS-310101-01", orgPath="cn/east/shanghai")
    await factories.institution(
        api, name="北京协和医院", code="HOS-110101-01", regionCode="110101", orgPath="cn/north"
    )
    token = mint(settings, "alice@example.com", [Role.SALES], "cn/east/shanghai", 300)
    with HubClient(live_hub.url, token=token) as client:
        page = client.institutions(first=10).institutions
    # A salesperson sees only the rows under her own unit.
    assert [node.code for node in page.nodes] == ["HOS-310101-01"]


async def test_a_token_function_is_asked_for_a_token_on_every_request(
    live_hub: LiveHub, settings: Settings
) -> None:
    asked: list[str] = []

    def fresh_token() -> str:
        asked.append("token")
        return mint(settings, "alice@example.com", [Role.AUDITOR], "cn", 300)

    with HubClient(live_hub.url, token=fresh_token) as client:
        client.changes(after=0, first=1)
        client.changes(after=0, first=1)
    assert asked == ["token", "token"]


async def test_fields_the_caller_may_not_read_raise_forbidden_with_the_partial_data(
    api: GraphQLClient, live_hub: LiveHub, database: Database
) -> None:
    hospital = await factories.institution(api)
    await factories.contact(api, hospital["id"], name="李医生")
    key = await issue_key(database, Role.WMS, "dock-3")  # may read contacts, not their mobiles
    with HubClient(live_hub.url, api_key=key) as client, pytest.raises(HubGraphQLError) as raised:
        client.contacts(first=5)
    assert raised.value.codes == ["FORBIDDEN", "FORBIDDEN"]
    assert [error.path for error in raised.value.errors] == [
        ("contacts", "nodes", 0, "mobile"),
        ("contacts", "nodes", 0, "email"),
    ]
    assert raised.value.data is not None
    assert raised.value.data["contacts"]["nodes"][0]["name"] == "李医生"


def test_a_refused_key_raises_unauthenticated(live_hub: LiveHub) -> None:
    with (
        HubClient(live_hub.url, api_key="hub_not-a-key") as client,
        pytest.raises(HubGraphQLError) as raised,
    ):
        client.institution_by_code("HOS-310101-01")
    assert (raised.value.status_code, raised.value.codes) == (401, ["UNAUTHENTICATED"])


def test_a_refused_query_raises_with_the_code_and_message(admin_hub: HubClient) -> None:
    with pytest.raises(HubGraphQLError) as raised:
        admin_hub.changes(after=0, first=100_000)
    assert raised.value.codes == ["BAD_USER_INPUT"]
    assert raised.value.errors[0].path == ("changes",)
    assert "`first` must be between 0 and" in str(raised.value)


async def test_a_mutation_refused_with_user_errors_raises_them(
    api: GraphQLClient, admin_hub: HubClient
) -> None:
    hospital = await factories.institution(api)
    ticket = await factories.ticket(api, hospital["id"])
    # Straight to RESOLVED skips the state machine's steps and lacks a resolution.
    payload = admin_hub.update_ticket(
        UpdateTicketInput(id=ticket["id"], status=TicketStatus.RESOLVED)
    ).update_ticket
    with pytest.raises(HubUserErrors) as raised:
        raise_for_user_errors(payload.user_errors)
    assert [(e.field, e.code) for e in raised.value.errors] == [
        (("input", "status"), "INVALID_TRANSITION")
    ]


async def test_iter_nodes_walks_every_page_of_a_connection(
    api: GraphQLClient, admin_hub: HubClient
) -> None:
    codes = [f"CLI-310104-{n:02d}" for n in range(1, 8)]
    for code in codes:
        await factories.institution(
            api, name=f"徐汇区社区卫生服务中心{code}", kind="CLINIC", code=code
        )
    only_clinics = InstitutionFilter(kinds=["CLINIC"])

    def page(after: str | None) -> InstitutionsInstitutions:
        return admin_hub.institutions(filter_=only_clinics, first=3, after=after).institutions

    assert [len(p.nodes) for p in iter_pages(page)] == [3, 3, 1]
    assert sorted(node.code for node in iter_nodes(page)) == codes
