"""Retries with backoff, giving up, sending again, and a restart that loses nothing."""

import asyncio
from datetime import timedelta

from starlette.applications import Starlette

from hub.app import webhook_dispatcher
from hub.db.engine import Database
from hub.db.types import utcnow
from hub.webhooks import queue
from hub.webhooks.dispatcher import Dispatcher
from tests import factories
from tests.graphql_client import GraphQLClient
from tests.webhooks.conftest import count_pending, deliver_all, deliveries, register
from tests.webhooks.receiver import Receiver

REDELIVER = """
mutation($id: ID!) {
  redeliverWebhookDelivery(input: {id: $id}) { delivery { status attempts } userErrors { code } }
}
"""
RETRY_FAILED = """
mutation($id: ID!) {
  retryFailedWebhookDeliveries(input: {webhookId: $id}) { retried userErrors { code } }
}
"""


async def _one_institution_hook(admin: GraphQLClient, receiver: Receiver) -> dict[str, str]:
    hook = await register(admin, name="erp", url=receiver.url, entityTypes=["Institution"])
    await factories.institution(admin, code="SH-1")
    return hook


def test_backoff_doubles_up_to_the_cap() -> None:
    policy = queue.RetryPolicy(base_seconds=10, cap_seconds=60, max_attempts=8)
    assert [policy.delay(n).total_seconds() for n in range(1, 6)] == [10, 20, 40, 60, 60]


async def test_a_failed_attempt_is_scheduled_again_with_its_answer_recorded(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    hook = await _one_institution_hook(admin, receiver)
    receiver.script = [500]
    await dispatcher.enqueue()
    assert await dispatcher.step() == 1
    [delivery] = await deliveries(admin, hook["id"])
    assert (delivery["status"], delivery["attempts"]) == ("PENDING", 1)
    assert (delivery["lastStatusCode"], delivery["lastError"]) == (500, "HTTP 500")
    assert delivery["nextAttemptAt"] is not None


async def test_two_failures_then_success_make_three_attempts_and_deliver(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    hook = await _one_institution_hook(admin, receiver)
    receiver.script = [500, 500, 200]
    await deliver_all(dispatcher, database)
    [delivery] = await deliveries(admin, hook["id"])
    assert (delivery["status"], delivery["attempts"], delivery["lastStatusCode"]) == (
        "DELIVERED",
        3,
        200,
    )
    assert delivery["deliveredAt"] is not None
    assert delivery["nextAttemptAt"] is None
    assert len(receiver.requests) == 3
    assert {request.headers["x-hub-delivery"] for request in receiver.requests} == {delivery["id"]}
    assert len({request.body for request in receiver.requests}) == 1


async def test_the_last_allowed_failure_marks_the_delivery_failed(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    hook = await _one_institution_hook(admin, receiver)
    receiver.fallback = 503
    await deliver_all(dispatcher, database)
    [delivery] = await deliveries(admin, hook["id"], "FAILED")
    assert (delivery["attempts"], delivery["lastStatusCode"]) == (3, 503)
    assert len(receiver.requests) == 3


async def test_an_unreachable_receiver_counts_as_a_failed_attempt(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    hook = await register(admin, name="gone", url="http://127.0.0.1:9/nothing-listens")
    await factories.institution(admin, code="SH-1")
    await deliver_all(dispatcher, database)
    failed = await deliveries(admin, hook["id"], "FAILED")
    assert [(item["attempts"], item["lastStatusCode"]) for item in failed] == [(3, None)]
    assert failed[0]["lastError"].startswith("ConnectError")


async def test_a_failed_delivery_can_be_sent_again(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    hook = await _one_institution_hook(admin, receiver)
    receiver.script = [503, 503, 503]
    await deliver_all(dispatcher, database)
    [failed] = await deliveries(admin, hook["id"], "FAILED")
    again = (await admin.data(REDELIVER, id=failed["id"]))["redeliverWebhookDelivery"]
    assert again == {"delivery": {"status": "PENDING", "attempts": 0}, "userErrors": []}
    await deliver_all(dispatcher, database)
    [delivered] = await deliveries(admin, hook["id"], "DELIVERED")
    assert (delivered["id"], delivered["attempts"]) == (failed["id"], 1)
    assert len(receiver.requests) == 4
    assert (
        receiver.requests[3].headers["x-hub-delivery"]
        == receiver.requests[0].headers["x-hub-delivery"]
    )


async def test_a_pending_delivery_cannot_be_sent_again(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    hook = await _one_institution_hook(admin, receiver)
    await dispatcher.enqueue()
    [pending] = await deliveries(admin, hook["id"])
    again = (await admin.data(REDELIVER, id=pending["id"]))["redeliverWebhookDelivery"]
    assert again["userErrors"] == [{"code": "INVALID_STATE"}]


async def test_every_failed_delivery_of_a_webhook_can_be_retried_at_once(
    admin: GraphQLClient, receiver: Receiver, dispatcher: Dispatcher, database: Database
) -> None:
    hook = await register(admin, name="erp", url=receiver.url, entityTypes=["Institution"])
    await factories.institution(admin, code="SH-1", name="甲医院")
    await factories.institution(admin, code="SH-2", name="乙医院")
    receiver.fallback = 500
    await deliver_all(dispatcher, database)
    receiver.fallback = 200
    retried = (await admin.data(RETRY_FAILED, id=hook["id"]))["retryFailedWebhookDeliveries"]
    assert retried == {"retried": 2, "userErrors": []}
    await deliver_all(dispatcher, database)
    assert [item["status"] for item in await deliveries(admin, hook["id"])] == [
        "DELIVERED",
        "DELIVERED",
    ]


async def test_a_retrying_delivery_holds_back_the_later_ones(
    hub_app: Starlette, admin: GraphQLClient, receiver: Receiver
) -> None:
    hook = await register(admin, name="erp", url=receiver.url, entityTypes=["Institution"])
    await factories.institution(admin, code="SH-1", name="甲医院")
    await factories.institution(admin, code="SH-2", name="乙医院")
    receiver.script = [500]
    now = utcnow()
    stopped_clock = webhook_dispatcher(hub_app, clock=lambda: now)
    try:
        await stopped_clock.enqueue()
        assert await stopped_clock.step() == 1
        assert await stopped_clock.step() == 0  # the first waits out its backoff, the second waits
    finally:
        await stopped_clock.aclose()
    statuses = [(item["status"], item["attempts"]) for item in await deliveries(admin, hook["id"])]
    assert statuses == [("PENDING", 1), ("PENDING", 0)]


async def test_a_new_worker_delivers_the_rest_exactly_once_after_a_stop(
    hub_app: Starlette,
    admin: GraphQLClient,
    receiver: Receiver,
    dispatcher: Dispatcher,
    database: Database,
) -> None:
    await register(admin, name="erp", url=receiver.url, entityTypes=["Institution"])
    for number in range(5):
        await factories.institution(admin, code=f"SH-{number}", name=f"医院{number}")
    await dispatcher.enqueue()
    await dispatcher.step()
    await dispatcher.step()
    await dispatcher.aclose()  # the first worker stops after two deliveries
    successor = webhook_dispatcher(hub_app)
    try:
        await deliver_all(successor, database)
    finally:
        await successor.aclose()
    seqs = [int(request.headers["x-hub-event-seq"]) for request in receiver.requests]
    assert len(seqs) == 5
    assert seqs == sorted(set(seqs))


async def test_an_attempt_abandoned_mid_request_is_retried_once_its_lease_ends(
    hub_app: Starlette,
    admin: GraphQLClient,
    receiver: Receiver,
    dispatcher: Dispatcher,
    database: Database,
) -> None:
    hook = await _one_institution_hook(admin, receiver)
    await dispatcher.enqueue()
    async with database.transaction() as session:  # a worker claims, then dies
        [abandoned] = await queue.claim(session, utcnow(), timedelta(minutes=1), 10)
    assert await dispatcher.step() == 0  # the lease keeps others off it
    later = webhook_dispatcher(hub_app, clock=lambda: utcnow() + timedelta(minutes=2))
    try:
        assert await later.step() == 1
    finally:
        await later.aclose()
    [delivery] = await deliveries(admin, hook["id"])
    assert (delivery["status"], delivery["attempts"]) == ("DELIVERED", 2)
    assert [request.headers["x-hub-delivery"] for request in receiver.requests] == [delivery["id"]]
    assert abandoned.number == 1


async def test_two_workers_share_the_queue_without_sending_anything_twice(
    hub_app: Starlette, admin: GraphQLClient, receiver: Receiver, database: Database
) -> None:
    hook = await register(admin, name="erp", url=receiver.url, entityTypes=["Institution"])
    for number in range(6):
        await factories.institution(admin, code=f"SH-{number}", name=f"医院{number}")
    workers = [webhook_dispatcher(hub_app), webhook_dispatcher(hub_app)]
    tasks = [asyncio.create_task(worker.run()) for worker in workers]
    try:
        await receiver.wait_for(6)
        async with asyncio.timeout(10):
            while await count_pending(database):
                await asyncio.sleep(0.01)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for worker in workers:
            await worker.aclose()
    assert [item["attempts"] for item in await deliveries(admin, hook["id"])] == [1] * 6
    seqs = [int(request.headers["x-hub-event-seq"]) for request in receiver.requests]
    assert seqs == sorted(set(seqs))
