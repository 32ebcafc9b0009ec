"""The authenticated caller of one request."""

from dataclasses import dataclass

from hub.db.base import ROOT_ORG_PATH
from hub.db.enums import Role


@dataclass(frozen=True)
class Identity:
    """A service account (API key) or a person (JWT), with roles and an organisation unit."""

    subject: str
    roles: tuple[Role, ...]
    org_path: str = ROOT_ORG_PATH
    kind: str = "key"

    @property
    def actor(self) -> str:
        """How the audit trail and Casbin name this caller, e.g. `key:crm-prod`."""
        return f"{self.kind}:{self.subject}"

    @property
    def casbin_subject(self) -> str:
        """The subject of this caller's own policy lines (`g, user:alice, steward`)."""
        return self.actor


SYSTEM = Identity(subject="system", roles=(Role.ADMIN,), kind="system")
"""The hub itself, for changes made by commands such as `hub demo`."""
