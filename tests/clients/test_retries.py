"""HubClient retries what is safe to resend, then gives up with HubConnectionError."""

import socket
from collections.abc import Iterator

import httpx
import pytest
from hub_client import HubClient, HubConnectionError, RetryPolicy
from hub_client.generated.input_types import UpdateTicketInput

from hub.config import Settings
from tests.clients.live import LiveHub

QUICK = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.01)
# Connecting gets all the time it needs (a slow connect would be retried even for a mutation);
# waiting for the answer does not.
ANSWER_TIMEOUT = httpx.Timeout(10.0, read=0.05)


def test_a_refused_connection_is_retried_until_the_hub_listens(
    settings: Settings, admin_key: str
) -> None:
    server = LiveHub(settings)  # port reserved, nothing listening yet: connections are refused
    failures: list[tuple[int, str]] = []

    def start_hub(attempt: int, error: BaseException, wait: float) -> None:
        failures.append((attempt, type(error).__name__))
        server.start()

    try:
        with HubClient(server.url, api_key=admin_key, retry=QUICK, on_retry=start_hub) as client:
            found = client.institution_by_code("HOS-000000-00").institution
    finally:
        server.stop()
    assert failures == [(1, "ConnectError")]
    assert found is None


def test_a_hub_that_never_listens_fails_after_the_last_attempt(
    settings: Settings, admin_key: str
) -> None:
    server = LiveHub(settings)
    waits: list[int] = []
    try:
        with (
            HubClient(
                server.url,
                api_key=admin_key,
                retry=QUICK,
                on_retry=lambda n, _e, _w: waits.append(n),
            ) as client,
            pytest.raises(HubConnectionError) as raised,
        ):
            client.institution_by_code("HOS-000000-00")
    finally:
        server.stop()
    assert raised.value.attempts == 3
    assert waits == [1, 2]


@pytest.fixture
def silent_port() -> Iterator[str]:
    """A URL whose port accepts connections (kernel backlog) but never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def _impatient_client(url: str, retried: list[int]) -> HubClient:
    """A client that gives up on an answer quickly and notes each retry."""
    return HubClient(
        url,
        api_key="k",
        timeout=ANSWER_TIMEOUT,
        retry=QUICK,
        on_retry=lambda n, _e, _w: retried.append(n),
    )


def test_a_query_whose_answer_times_out_is_retried(silent_port: str) -> None:
    retried: list[int] = []
    with (
        _impatient_client(silent_port, retried) as client,
        pytest.raises(HubConnectionError) as raised,
    ):
        client.institution_by_code("HOS-000000-00")
    assert (retried, raised.value.attempts) == ([1, 2], 3)
    assert isinstance(raised.value.__cause__, httpx.ReadTimeout)


def test_a_mutation_whose_answer_times_out_is_not_resent(silent_port: str) -> None:
    retried: list[int] = []
    with (
        _impatient_client(silent_port, retried) as client,
        pytest.raises(HubConnectionError) as raised,
    ):
        client.update_ticket(UpdateTicketInput(id="VGlja2V0OjE=", assignee="王工"))
    assert (retried, raised.value.attempts) == ([], 1)
