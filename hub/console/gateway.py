"""Runs GraphQL operations in process as the signed-in person: the same schema, field guard,
row scope, validators, transactions and audit as a request to /graphql."""

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

from hub.authz.identity import Identity
from hub.authz.permissions import FieldAccess, Permissions
from hub.context.loaders import Loaders
from hub.context.request import RequestContext, RequestLog
from hub.db.reads import RequestReads
from hub.graphql_app import HubGraphQL

_REFUSED = "FORBIDDEN"


class Caller:
    """One signed-in identity's view of the hub for one console request."""

    def __init__(
        self, graphql: HubGraphQL, request: Request, identity: Identity, permissions: Permissions
    ) -> None:
        self.graphql = graphql
        self.request = request
        self.identity = identity
        self.permissions = permissions

    @property
    def database(self) -> Any:
        """The hub's database (for the console's own scoped reads)."""
        return self.graphql.database

    def _context(self, reads: RequestReads) -> RequestContext:
        state = self.request.scope.get("state", {})
        log: RequestLog = state.get("log") or RequestLog()
        log.actor = self.identity.actor
        return RequestContext(
            request=self.request,
            response=None,
            database=self.graphql.database,
            settings=self.graphql.settings,
            identity=self.identity,
            permissions=self.permissions,
            policy=self.graphql.policy,
            notifier=self.graphql.notifier,
            log=log,
            reads=reads,
            loaders=Loaders(reads, self.permissions),
        )

    async def run(self, document: str, **variables: Any) -> dict[str, Any]:
        """Execute a query or mutation and return its data. A refused operation is a 403, a
        record outside the caller's scope a 404 (its existence does not leak), bad input a
        400; a record refused inside a list (`nodes`) is simply null."""
        # One read connection per operation, as for one request to /graphql: a page that
        # writes and then reads sees its own write.
        reads = RequestReads(self.graphql.database)
        try:
            result = await self.graphql.schema.execute(
                document, variable_values=variables, context_value=self._context(reads)
            )
        finally:
            await reads.close()
        for error in result.errors or []:
            code = (error.extensions or {}).get("code")
            path = tuple(error.path or ())
            if code is None:
                raise RuntimeError(f"Console operation failed: {error.message}")
            if code != _REFUSED:
                raise HTTPException(400, error.message)
            if len(path) <= 1:
                status = 404 if path and path[0] in ("node", "nodes") else 403
                raise HTTPException(status, error.message)
        return result.data or {}

    def selection(self, type_name: str, items: str) -> str:
        """A GraphQL selection of `Type`'s fields without those the caller may not read, so
        pages never ask for what the guard would refuse. `items` are separated by commas;
        an item may carry its own sub-selection (`parent { id name }`)."""
        kept = [
            item.strip()
            for item in items.split(",")
            if item.strip() and self.sees(type_name, item.split("{")[0].split("(")[0].strip())
        ]
        return " ".join(kept)

    def can(self, operation: str) -> bool:
        """May the caller run this mutation (decides whether a button is drawn at all)?"""
        return self.permissions.can_call(operation)

    def sees(self, type_name: str, field_name: str) -> bool:
        """Does the caller have any read grant on `Type.field` (else it is not shown)?"""
        return self.permissions.field_access(type_name, field_name) is not FieldAccess.DENIED

    def may_edit(self, type_name: str, field_name: str) -> bool:
        """May the caller set `Type.field` in an update?"""
        return self.permissions.can_write_field(type_name, field_name)
