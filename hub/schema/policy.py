"""GraphQL presentation of Casbin policy lines (admin only)."""

import strawberry

from hub.authz import policies
from hub.schema.node import registers
from hub.schema.payloads import payload_type


@registers(policies.PolicyLine, addressable=False)
@strawberry.type(
    description="A Casbin line: p (subject, object, action, effect) or g (subject, role)."
)
class PolicyLine:
    ptype: str
    values: list[str]
    text: str = strawberry.field(description="The line as in the CSV policy format.")

    @classmethod
    def from_row(cls, line: policies.PolicyLine) -> "PolicyLine":
        """Present a stored line."""
        return cls(ptype=line.ptype, values=list(line.values), text=str(line))


@strawberry.input(
    description='e.g. {ptype: "p", values: ["crm", "field:Contact.email", "read", "deny"]}'
)
class PolicyLineInput:
    ptype: str
    values: list[str]

    def to_line(self) -> policies.PolicyLine:
        """The policy line this input describes."""
        return policies.PolicyLine(self.ptype.strip(), tuple(v.strip() for v in self.values))


PolicyLinePayload = payload_type(PolicyLine, "line")
