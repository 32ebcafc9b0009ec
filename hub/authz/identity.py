"""The authenticated caller of one request."""

from dataclasses import dataclass

from hub.db.enums import Role


@dataclass(frozen=True)
class Identity:
    """A service account (API key) or a person, with a role and an organisation unit."""

    subject: str
    role: Role
    org_path: str = "cn"
    kind: str = "key"

    @property
    def actor(self) -> str:
        """How the audit trail names this caller, e.g. `key:crm-prod`."""
        return f"{self.kind}:{self.subject}"


SYSTEM = Identity(subject="system", role=Role.ADMIN, kind="system")
"""The hub itself, for changes made by commands such as `hub demo`."""
