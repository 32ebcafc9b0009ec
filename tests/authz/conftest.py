"""Clients for each role, and a small world split across two branches."""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from hub.db.engine import Database
from hub.db.enums import Role
from tests import factories
from tests.graphql_client import GraphQLClient, issue_key

SHANGHAI = "cn/east/shanghai"
BEIJING = "cn/north/beijing"

RoleClient = Callable[..., Awaitable[GraphQLClient]]


@pytest.fixture
def as_role(client: httpx.AsyncClient, database: Database) -> RoleClient:
    """`await as_role(Role.SALES, org_path=...)`: a client with a fresh key of that role."""

    async def make(role: Role, org_path: str = "cn") -> GraphQLClient:
        return GraphQLClient(client, await issue_key(database, role, org_path=org_path))

    return make


@pytest.fixture
async def branches(api: GraphQLClient) -> dict[str, Any]:
    """A Shanghai and a Beijing hospital, each with a contact, a device, a contract and a
    ticket; the Shanghai one is a branch of a Beijing group."""
    group = await factories.institution(api, code="BJ-GROUP", name="北京总院", orgPath=BEIJING)
    model = await factories.device_model(api)
    world: dict[str, Any] = {"group": group, "model": model}
    for key, org_path, parent in (("sh", SHANGHAI, group["id"]), ("bj", BEIJING, None)):
        hospital = await factories.institution(
            api, code=f"{key.upper()}-1", name=f"{key}医院", orgPath=org_path, parentId=parent
        )
        contact = await factories.contact(
            api,
            hospital["id"],
            name=f"{key}联系人",
            mobile="13812345678",
            idNumber="11010519491231002X",
        )
        device = await factories.device(
            api, model["id"], serialNumber=f"{key}-SN", institutionId=hospital["id"]
        )
        ticket = await factories.ticket(api, hospital["id"], number=f"TK-{key}")
        world[key] = {
            "institution": hospital,
            "contact": contact,
            "device": device,
            "ticket": ticket,
        }
    return world
