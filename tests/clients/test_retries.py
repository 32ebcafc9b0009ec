"""HubClient retries requests the hub never received, then gives up with HubConnectionError."""

import pytest
from hub_client import HubClient, HubConnectionError, RetryPolicy

from hub.config import Settings
from tests.clients.live import LiveHub

QUICK = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.01)


def test_a_refused_connection_is_retried_until_the_hub_listens(
    settings: Settings, admin_key: str
) -> None:
    hub = LiveHub(settings)  # port reserved, nothing listening yet: connections are refused
    failures: list[tuple[int, str]] = []

    def start_hub(attempt: int, error: BaseException, wait: float) -> None:
        failures.append((attempt, type(error).__name__))
        hub.start()

    try:
        with HubClient(hub.url, api_key=admin_key, retry=QUICK, on_retry=start_hub) as client:
            found = client.institution_by_code("HOS-000000-00").institution
    finally:
        hub.stop()
    assert failures == [(1, "ConnectError")]
    assert found is None


def test_a_hub_that_never_listens_fails_after_the_last_attempt(
    settings: Settings, admin_key: str
) -> None:
    hub = LiveHub(settings)
    waits: list[int] = []
    try:
        with (
            HubClient(
                hub.url, api_key=admin_key, retry=QUICK, on_retry=lambda n, _e, _w: waits.append(n)
            ) as client,
            pytest.raises(HubConnectionError) as raised,
        ):
            client.institution_by_code("HOS-000000-00")
    finally:
        hub.stop()
    assert raised.value.attempts == 3
    assert waits == [1, 2]
