"""What every resolver gets as `info.context`."""

import uuid
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.types import Info as StrawberryInfo

from hub.audit.notifier import ChangeNotifier
from hub.audit.writer import Author
from hub.authz.engine import PolicyEngine
from hub.authz.identity import Identity
from hub.authz.permissions import Permissions
from hub.config import Settings
from hub.context.loaders import Loaders
from hub.credit.rules import CreditRules, load_credit_rules
from hub.db.engine import Database
from hub.db.reads import RequestReads
from hub.quality.rules import Rules, load_rules


@dataclass
class RequestLog:
    """What the access log line reports about a GraphQL request."""

    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    actor: str = "-"
    operation: str | None = None
    planned: bool = False  # answered from a look-ahead at the selection (hub.resolvers.plan)


@dataclass
class RequestContext:
    """The caller, the database and the loaders of one GraphQL request."""

    request: Request | WebSocket
    response: Response | WebSocket | None
    database: Database
    settings: Settings
    identity: Identity | None  # None only while serving the GraphiQL page
    permissions: Permissions | None  # None only for the GraphiQL page and trusted callers
    policy: PolicyEngine
    notifier: ChangeNotifier
    log: RequestLog
    reads: RequestReads  # the request's one read connection
    loaders: Loaders
    connection_params: dict[str, Any] | None = None  # graphql-transport-ws connection_init

    @property
    def author(self) -> Author:
        """The author stamped on audit events written by this request."""
        actor = self.identity.actor if self.identity else "anonymous"
        return Author(actor=actor, request_id=self.log.request_id)

    @property
    def rules(self) -> Rules:
        """The rules the serving hub enforces (HUB_RULES_FILE or the bundled file)."""
        return load_rules(self.settings.rules_file)

    @property
    def credit_rules(self) -> CreditRules:
        """The credit rules of the same file."""
        return load_credit_rules(self.settings.rules_file)


Info = StrawberryInfo[RequestContext, None]
