"""The exceptions a HubClient raises: one hierarchy under HubError."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


class HubError(Exception):
    """Anything that went wrong talking to the hub."""


class HubConnectionError(HubError):
    """The request failed in transport (refused, timed out, dropped, gateway down) after
    every retry it was allowed; `__cause__` is the last failure."""

    def __init__(self, attempts: int, cause: BaseException) -> None:
        super().__init__(f"hub request failed after {attempts} attempt(s): {cause!r}")
        self.attempts = attempts


class HubUnavailable(HubError):
    """A gateway in front of the hub answered 502, 503 or 504; retried for queries."""

    def __init__(self, status_code: int) -> None:
        super().__init__(f"hub unavailable: HTTP {status_code}")
        self.status_code = status_code


class HubHttpError(HubError):
    """A non-2xx response that carried no GraphQL errors (e.g. an HTML error page)."""

    def __init__(self, status_code: int, body: str) -> None:
        super().__init__(f"HTTP {status_code}: {body[:200]}")
        self.status_code = status_code
        self.body = body


@dataclass(frozen=True)
class GraphQLErrorDetail:
    """One entry of a response's `errors`: message, stable code and where it happened."""

    message: str
    code: str | None
    path: tuple[str | int, ...]

    @classmethod
    def from_dict(cls, error: dict[str, Any]) -> "GraphQLErrorDetail":
        """Read one error as the hub sends it (`extensions.code` holds the code)."""
        extensions = error.get("extensions") or {}
        return cls(
            message=str(error.get("message", "")),
            code=extensions.get("code"),
            path=tuple(error.get("path") or ()),
        )

    def __str__(self) -> str:
        where = ".".join(str(part) for part in self.path)
        return f"{self.code or 'ERROR'}{f' at {where}' if where else ''}: {self.message}"


class HubGraphQLError(HubError):
    """The response carried GraphQL errors (refused request, or fields refused in a result)."""

    def __init__(
        self,
        errors: Sequence[GraphQLErrorDetail],
        status_code: int,
        data: dict[str, Any] | None = None,
    ) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = tuple(errors)
        self.status_code = status_code
        self.data = data

    @property
    def codes(self) -> list[str | None]:
        """The `extensions.code` of each error, in order."""
        return [error.code for error in self.errors]


@dataclass(frozen=True)
class UserErrorDetail:
    """One `userErrors` entry of a mutation payload."""

    field: tuple[str, ...]
    code: str
    message: str

    def __str__(self) -> str:
        return f"{'.'.join(self.field) or 'input'}: {self.code}: {self.message}"


class HubUserErrors(HubError):
    """A mutation was refused with userErrors; nothing was written."""

    def __init__(self, errors: Sequence[UserErrorDetail]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = tuple(errors)
