"""What a receiver gets: signed POSTs of the events its webhook may see, in commit order."""

import hashlib
import hmac
import json
from typing import Any

from starlette.applications import Starlette

from hub.db.engine import Database
from hub.webhooks.dispatcher import Dispatcher
from tests import factories
from tests.graphql_client import GraphQLClient
from tests.webhooks.conftest import deliver_all, register
from tests.webhooks.receiver import Received, Receiver

SHANGHAI = "cn/east/shanghai"
BEIJING = "cn/north/beijing"
ROTATE = """
mutation($id: ID!) {
  rotateWebhookSecret(input: {id: $id}) { secret userErrors { code } }
}
"""


def signed_correctly(request: Received, secret: str) -> bool:
    """The receiver's check, as the README shows it."""
    timestamp = request.headers["x-hub-timestamp"]
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest("sha256=" + expected, request.headers["x-hub-signature-256"])


def events(receiver: Receiver) -> list[dict[str, Any]]:
    """The decoded bodies received so far."""
    return [json.loads(request.body) for request in receiver.requests]


async def test_a_mutation_reaches_the_receiver_signed_by_the_running_server(
    hub_app: Starlette, admin: GraphQLClient, receiver: Receiver
) -> None:
    hook = await register(admin, name="erp", url=receiver.url)
    async with hub_app.router.lifespan_context(hub_app):
        hospital = await factories.institution(admin, code="SH-1")
        [request] = await receiver.wait_for(1)
    body = json.loads(request.body)
    assert (body["entityType"], body["action"], body["entityId"]) == (
        "Institution",
        "CREATE",
        hospital["id"],
    )
    assert body["changes"]["code"] == {"before": None, "after": "SH-1"}
    assert request.headers["x-hub-event-seq"] == str(body["seq"])
    assert request.headers["content-type"] == "application/json"
    assert request.path == "/hooks"
    assert signed_correctly(request, hook["secret"])


async def test_a_signature_with_another_secret_does_not_verify(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    await register(admin, name="erp", url=receiver.url)
    await factories.institution(admin, code="SH-1")
    await deliver_all(dispatcher, database)
    assert not signed_correctly(receiver.requests[0], "whsec_someone-else")


async def test_a_tampered_timestamp_does_not_verify(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    hook = await register(admin, name="erp", url=receiver.url)
    await factories.institution(admin, code="SH-1")
    await deliver_all(dispatcher, database)
    request = receiver.requests[0]
    replayed_later = {
        **request.headers,
        "x-hub-timestamp": str(int(request.headers["x-hub-timestamp"]) + 600),
    }
    assert not signed_correctly(
        Received(request.path, replayed_later, request.body), hook["secret"]
    )


async def test_events_before_registration_are_not_sent(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    await factories.institution(admin, code="OLD-1", name="旧医院")
    await register(admin, name="erp", url=receiver.url)
    await factories.institution(admin, code="NEW-1", name="新医院")
    await deliver_all(dispatcher, database)
    assert [event["changes"]["code"]["after"] for event in events(receiver)] == ["NEW-1"]


async def test_entity_types_filter_what_is_sent(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    await register(admin, name="crm", url=receiver.url, entityTypes=["Contact"])
    hospital = await factories.institution(admin, code="SH-1")
    contact = await factories.contact(admin, hospital["id"])
    await deliver_all(dispatcher, database)
    assert [(event["entityType"], event["entityId"]) for event in events(receiver)] == [
        ("Contact", contact["id"])
    ]


async def test_a_restricted_role_gets_only_its_branch_with_pii_masked(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    await register(admin, name="sales-sh", url=receiver.url, role="SALES", orgPath=SHANGHAI)
    beijing = await factories.institution(admin, code="BJ-1", name="北京医院", orgPath=BEIJING)
    await factories.contact(admin, beijing["id"], name="北京联系人")
    shanghai = await factories.institution(admin, code="SH-1", orgPath=SHANGHAI)
    contact = await factories.contact(
        admin, shanghai["id"], mobile="13812345678", idNumber="11010519491231002X"
    )
    await deliver_all(dispatcher, database)
    received = events(receiver)
    assert [event["entityId"] for event in received] == [shanghai["id"], contact["id"]]
    changes = received[1]["changes"]
    assert changes["mobile"] == {"before": None, "after": "138****5678"}
    assert changes["id_number"] == {"before": None, "after": "110***********002X"}
    assert changes["name"] == {"before": None, "after": "张伟"}


async def test_a_role_denied_a_field_never_receives_it(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    await register(admin, name="crm", url=receiver.url, role="CRM", entityTypes=["Contact"])
    hospital = await factories.institution(admin, code="SH-1")
    await factories.contact(admin, hospital["id"], idNumber="11010519491231002X")
    await deliver_all(dispatcher, database)
    [event] = events(receiver)
    assert "id_number" not in event["changes"]
    assert event["changes"]["mobile"] == {"before": None, "after": "13812345678"}


async def test_events_arrive_in_commit_order_each_once(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    await register(admin, name="erp", url=receiver.url)
    for number in range(4):
        await factories.institution(admin, code=f"SH-{number}", name=f"医院{number}")
    await deliver_all(dispatcher, database)
    seqs = [event["seq"] for event in events(receiver)]
    assert len(seqs) == 4
    assert seqs == sorted(set(seqs))


async def test_a_rotated_secret_signs_what_is_sent_next(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    hook = await register(admin, name="erp", url=receiver.url, entityTypes=["Institution"])
    rotated = (await admin.data(ROTATE, id=hook["id"]))["rotateWebhookSecret"]
    await factories.institution(admin, code="SH-1")
    await deliver_all(dispatcher, database)
    [request] = receiver.requests
    assert rotated["secret"] != hook["secret"]
    assert signed_correctly(request, rotated["secret"])
    assert not signed_correctly(request, hook["secret"])


async def test_an_inactive_webhook_is_sent_nothing(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    await register(admin, name="erp", url=receiver.url, active=False)
    await factories.institution(admin, code="SH-1")
    await deliver_all(dispatcher, database)
    assert receiver.requests == []
