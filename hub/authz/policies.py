"""Reading and changing the policy table: seeded defaults, audited admin edits."""

import uuid
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author, record_event
from hub.db.base import ROOT_ORG_PATH
from hub.db.policy import PolicyRule
from hub.errors import ErrorCode, fail

_EFFECTS = ("allow", "deny")
_POLICY_NAMESPACE = uuid.UUID("0b9f2b1e-5d0c-4c53-9f0e-6a3d4c1b7e21")


@dataclass(frozen=True)
class PolicyLine:
    """A Casbin line: `p` (subject, object, action, effect) or `g` (subject, role)."""

    ptype: str
    values: tuple[str, ...]

    @property
    def id(self) -> uuid.UUID:
        """A stable id for audit events about this line."""
        return uuid.uuid5(_POLICY_NAMESPACE, f"{self.ptype}, {', '.join(self.values)}")

    @property
    def org_path(self) -> str:
        """Policies belong to the whole hub."""
        return ROOT_ORG_PATH

    def __str__(self) -> str:
        return ", ".join((self.ptype, *self.values))


def parse_line(text: str) -> PolicyLine | None:
    """A line of the CSV policy format, or None for blanks and comments."""
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    ptype, *values = (part.strip() for part in stripped.split(","))
    return PolicyLine(ptype, tuple(values))


def default_lines() -> list[PolicyLine]:
    """The shipped default policy."""
    text = resources.files("hub.authz").joinpath("default_policy.csv").read_text("utf-8")
    return [line for raw in text.splitlines() if (line := parse_line(raw)) is not None]


def validate(line: PolicyLine) -> None:
    """A user error unless the line has the shape the Casbin model expects."""
    if line.ptype == "p":
        if len(line.values) != 4 or line.values[3] not in _EFFECTS or not all(line.values):
            raise fail(
                "values", ErrorCode.INVALID, "A p line is: subject, object, action, allow|deny."
            )
    elif line.ptype == "g":
        if len(line.values) != 2 or not all(line.values):
            raise fail("values", ErrorCode.INVALID, "A g line is: subject, role.")
    else:
        raise fail("ptype", ErrorCode.INVALID, "A policy line is of type p or g.")
    if any(len(value) > 255 for value in line.values):
        raise fail("values", ErrorCode.TOO_LONG, "Policy values are at most 255 characters.")


def _row(line: PolicyLine) -> PolicyRule:
    columns = dict(zip(("v0", "v1", "v2", "v3", "v4", "v5"), line.values, strict=False))
    return PolicyRule(ptype=line.ptype, **columns)


def _line(rule: PolicyRule) -> PolicyLine:
    values = (rule.v0, rule.v1, rule.v2, rule.v3, rule.v4, rule.v5)
    return PolicyLine(rule.ptype, tuple(value for value in values if value is not None))


async def list_lines(session: AsyncSession) -> list[PolicyLine]:
    """Every stored line, in insertion order."""
    rules = (await session.execute(select(PolicyRule).order_by(PolicyRule.id))).scalars()
    return [_line(rule) for rule in rules]


async def seed_defaults(session: AsyncSession) -> int:
    """Load the default policy into an empty table; returns how many lines were added."""
    if (await session.execute(select(func.count()).select_from(PolicyRule))).scalar_one():
        return 0
    lines = default_lines()
    session.add_all(_row(line) for line in lines)
    await session.flush()
    return len(lines)


async def add_line(session: AsyncSession, author: Author, line: PolicyLine) -> PolicyLine:
    """Add a policy line (audited); a line that exists already is a DUPLICATE."""
    validate(line)
    if line in await list_lines(session):
        raise fail("values", ErrorCode.DUPLICATE, f"The line `{line}` exists already.")
    session.add(_row(line))
    await session.flush()
    await record_event(
        session, author, "ADD_POLICY", line, {"line": {"before": None, "after": str(line)}}
    )
    return line


async def remove_line(session: AsyncSession, author: Author, line: PolicyLine) -> PolicyLine:
    """Remove a policy line (audited)."""
    validate(line)
    rules = (
        await session.execute(select(PolicyRule).where(PolicyRule.ptype == line.ptype))
    ).scalars()
    matching = [rule.id for rule in rules if _line(rule) == line]
    if not matching:
        raise fail("values", ErrorCode.NOT_FOUND, f"No line `{line}`.")
    await session.execute(delete(PolicyRule).where(PolicyRule.id.in_(matching)))
    await record_event(
        session, author, "REMOVE_POLICY", line, {"line": {"before": str(line), "after": None}}
    )
    return line
