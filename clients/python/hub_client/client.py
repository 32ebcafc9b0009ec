"""HubClient: the generated typed client plus authentication, retries and clear errors."""

import os
import re
from collections.abc import Callable, Generator, Sequence
from typing import Any

import httpx

from hub_client.errors import (
    GraphQLErrorDetail,
    HubGraphQLError,
    HubHttpError,
    HubUnavailable,
    HubUserErrors,
    UserErrorDetail,
)
from hub_client.generated.client import Client
from hub_client.generated.fragments import UserErrorFields
from hub_client.retrying import RetryHook, RetryPolicy, log_retry

Credential = str | Callable[[], str]
"""A fixed secret, or a function returning a fresh one (e.g. a JWT renewed before expiry)."""

_GATEWAY_ERRORS = frozenset({502, 503, 504})
# Only documents that open with a query may be resent after a lost answer; anything else
# (a mutation, or a document this check does not understand) is treated as not idempotent.
_QUERY_DOCUMENT = re.compile(r"^\s*(query\b|\{)")


class BearerAuth(httpx.Auth):
    """Sends `Authorization: Bearer <credential>`, asking a callable credential each time."""

    def __init__(self, credential: Credential) -> None:
        self._credential = credential

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add the header to the outgoing request."""
        secret = self._credential() if callable(self._credential) else self._credential
        request.headers["Authorization"] = f"Bearer {secret}"
        yield request


def graphql_endpoint(url: str) -> str:
    """The /graphql URL of a hub given by its base URL (or already by its /graphql URL)."""
    base = url.rstrip("/")
    return base if base.endswith("/graphql") else f"{base}/graphql"


class HubClient(Client):
    """A typed, synchronous hub client: one method per operation in hub_client/operations.

    Authenticate with a service account's API key (`api_key=`) or a person's JWT (`token=`);
    both travel as a Bearer credential. Transport failures are retried as `retry` says (see
    hub_client.retrying); GraphQL errors raise HubGraphQLError, mutation userErrors are
    checked with `raise_for_user_errors`.
    """

    def __init__(
        self,
        url: str,
        *,
        api_key: str | None = None,
        token: Credential | None = None,
        timeout: float | httpx.Timeout = 30.0,
        retry: RetryPolicy | None = None,
        on_retry: RetryHook = log_retry,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        credential = api_key if token is None else token
        if credential is None or (api_key is not None and token is not None):
            raise ValueError("Pass exactly one of api_key= or token=.")
        http = httpx.Client(auth=BearerAuth(credential), timeout=timeout, transport=transport)
        super().__init__(url=graphql_endpoint(url), http_client=http)
        self.retry = retry or RetryPolicy()
        self.on_retry = on_retry

    @classmethod
    def from_env(cls, **options: Any) -> "HubClient":
        """A client for HUB_URL (default http://127.0.0.1:8000) with HUB_API_KEY or HUB_TOKEN."""
        url = os.environ.get("HUB_URL", "http://127.0.0.1:8000")
        token = os.environ.get("HUB_TOKEN")
        if token:
            return cls(url, token=token, **options)
        api_key = os.environ.get("HUB_API_KEY")
        if not api_key:
            raise ValueError("Set HUB_API_KEY (a service account's key) or HUB_TOKEN (a JWT).")
        return cls(url, api_key=api_key, **options)

    def close(self) -> None:
        """Close the connection pool."""
        self.http_client.close()

    def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """POST one operation, retrying transport failures as the retry policy allows."""

        def attempt() -> httpx.Response:
            response = super(HubClient, self).execute(query, operation_name, variables, **kwargs)
            if response.status_code in _GATEWAY_ERRORS:
                raise HubUnavailable(response.status_code)
            return response

        idempotent = _QUERY_DOCUMENT.match(query) is not None
        return self.retry.run(attempt, idempotent=idempotent, on_retry=self.on_retry)

    def get_data(self, response: httpx.Response) -> dict[str, Any]:
        """The response's `data`; HubGraphQLError if it has `errors`, HubHttpError if not JSON."""
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and body.get("errors"):
            errors = [GraphQLErrorDetail.from_dict(error) for error in body["errors"]]
            raise HubGraphQLError(errors, response.status_code, body.get("data"))
        if not response.is_success or not isinstance(body, dict) or body.get("data") is None:
            raise HubHttpError(response.status_code, response.text)
        return body["data"]


def raise_for_user_errors(user_errors: Sequence[UserErrorFields]) -> None:
    """Raise HubUserErrors when a mutation payload's `userErrors` is not empty."""
    if user_errors:
        raise HubUserErrors(
            [
                UserErrorDetail(tuple(error.field or ()), error.code.value, error.message)
                for error in user_errors
            ]
        )
