"""A credit desk's webhook hears of a customer going on hold, as it happens."""

import json

import httpx

from hub.db.engine import Database
from hub.db.enums import Role
from hub.webhooks.dispatcher import Dispatcher
from tests import factories
from tests.credit.desk import approved_profile, owed
from tests.graphql_client import GraphQLClient, issue_key
from tests.webhooks.conftest import deliver_all, register
from tests.webhooks.receiver import Receiver


async def test_a_new_hold_reaches_the_credit_webhook(
    admin: GraphQLClient,
    hub_http: httpx.AsyncClient,
    receiver: Receiver,
    dispatcher: Dispatcher,
    database: Database,
) -> None:
    officer = GraphQLClient(hub_http, await issue_key(database, Role.CREDIT, "credit-zhao"))
    manager = GraphQLClient(hub_http, await issue_key(database, Role.CREDIT, "credit-qian"))
    await register(
        admin, name="credit-desk", url=receiver.url, role="CREDIT", entityTypes=["CreditProfile"]
    )
    buyer = await factories.institution(admin, code="DIS-1")
    await approved_profile((officer, manager), buyer["id"], creditLimit="1000")
    await owed(officer, buyer["id"], "AR-1", "1500.00", 30)
    await deliver_all(dispatcher, database)
    received = [json.loads(request.body) for request in receiver.requests]
    assert [(event["action"], event["changes"].get("credit_status")) for event in received] == [
        ("APPROVE", None),
        ("CREDIT_STATUS", {"before": None, "after": "NORMAL"}),
        ("CREDIT_STATUS", {"before": "NORMAL", "after": "HOLD"}),
    ]
    assert received[2]["changes"]["credit_reasons"]["after"] == ["CREDIT_UTILISATION"]
