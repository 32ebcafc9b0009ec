"""The process-wide Casbin enforcer and the per-caller permission cache built from it."""

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import casbin
from casbin.util import key_match
from casbin_async_sqlalchemy_adapter import Adapter
from sqlalchemy import func, select

from hub.authz.identity import Identity
from hub.authz.permissions import FieldAccess, Permissions, RowRule
from hub.db.engine import Database
from hub.db.policy import PolicyRule

_ROW_PREFIX = "row:"
_OWN_ORG = "{org}"


@dataclass(frozen=True)
class GuardedSchema:
    """What the policy is evaluated over: guarded fields and operations of the schema."""

    # "Type.field" → the entity type the field returns (None for plain values)
    fields: dict[str, str | None]
    entity_types: frozenset[str]
    operations: frozenset[str]


class PolicyEngine:
    """Loads policies from the database and resolves each caller's Permissions once.

    Casbin evaluates every field and operation for a caller's role set a single time per
    policy version; requests then look the answers up in dictionaries (DESIGN.md §5).
    """

    def __init__(self, database: Database, guarded: GuardedSchema) -> None:
        self._database = database
        self._adapter = Adapter(database.engine, db_class=PolicyRule)
        self._guarded = guarded
        self._enforcer: casbin.AsyncEnforcer | None = None
        self._cache: dict[tuple[Any, ...], Permissions] = {}
        self._resolving = asyncio.Lock()
        self._fingerprint: tuple[int, int] | None = None
        self._checked_at = 0.0
        self.version = 0

    async def _current_fingerprint(self) -> tuple[int, int]:
        statement = select(func.count(), func.coalesce(func.max(PolicyRule.id), 0))
        async with self._database.reader() as session:
            count, newest = (await session.execute(statement)).one()
        return int(count), int(newest)

    async def refresh_if_changed(self, max_age_seconds: float) -> None:
        """Reload when another process changed the policy table (checked at most every
        `max_age_seconds`; this process's own changes reload at once)."""
        now = time.monotonic()
        if self._enforcer is not None and now - self._checked_at < max_age_seconds:
            return
        self._checked_at = now
        if self._enforcer is None or await self._current_fingerprint() != self._fingerprint:
            await self.reload()

    async def reload(self) -> None:
        """Read every policy line again; cached permissions are dropped."""
        model_path = resources.files("hub.authz").joinpath("model.conf")
        enforcer = casbin.AsyncEnforcer(str(model_path), self._adapter)
        await enforcer.load_policy()
        self._fingerprint = await self._current_fingerprint()
        self._checked_at = time.monotonic()
        self._enforcer = enforcer
        self._cache = {}
        self.version += 1

    async def permissions(self, identity: Identity) -> Permissions:
        """The caller's permissions, computed on first use per policy version."""
        if self._enforcer is None:
            await self.reload()
        assert self._enforcer is not None
        caller = (identity.casbin_subject, identity.roles, identity.org_path)
        if caller not in self._cache:
            # Requests arriving together for a new caller resolve it once, not once each.
            async with self._resolving:
                if caller not in self._cache:
                    self._cache[caller] = await self._resolve_caller(self._enforcer, identity)
        return self._cache[caller]

    async def _resolve_caller(
        self, enforcer: casbin.AsyncEnforcer, identity: Identity
    ) -> Permissions:
        subject = await self._request_subject(enforcer, identity)
        key = (subject, identity.org_path)
        if key not in self._cache:
            self._cache[key] = await self._resolve(enforcer, subject, identity.org_path)
        return self._cache[key]

    async def _request_subject(self, enforcer: casbin.AsyncEnforcer, identity: Identity) -> str:
        # A caller's roles come from its key or token; Casbin may add more through `g` lines
        # and may hold lines for the subject itself. One synthetic subject linked to both lets
        # Casbin apply its own semantics (deny wins) across all of them.
        own_lines = await enforcer.get_permissions_for_user(identity.casbin_subject)
        own_roles = await enforcer.get_implicit_roles_for_user(identity.casbin_subject)
        members = sorted({role.value for role in identity.roles})
        if own_lines or own_roles:
            members.append(identity.casbin_subject)
        subject = "request:" + "+".join(members)
        manager = enforcer.get_role_manager()
        for member in members:
            manager.add_link(subject, member)
        return subject

    async def _resolve(
        self, enforcer: casbin.AsyncEnforcer, subject: str, org_path: str
    ) -> Permissions:
        lines = await enforcer.get_implicit_permissions_for_user(subject)
        rows = _row_rules(lines, self._guarded.entity_types, org_path)
        field_lines = _lines_under(lines, "field:")
        fields: dict[str, FieldAccess] = {}
        writable: set[str] = set()
        for name, target in self._guarded.fields.items():
            obj = f"field:{name}"
            if target is not None and not rows.get((target, "read"), RowRule()).allow:
                fields[name] = FieldAccess.DENIED  # a relation into rows it may never read
            elif _decides(field_lines, obj, "read"):
                fields[name] = FieldAccess.CLEAR
            elif _decides(field_lines, obj, "read_masked"):
                fields[name] = FieldAccess.MASKED
            else:
                fields[name] = FieldAccess.DENIED
            if _decides(field_lines, obj, "write"):
                writable.add(name)
        op_lines = _lines_under(lines, "op:")
        operations = {
            op for op in self._guarded.operations if _decides(op_lines, f"op:{op}", "call")
        }
        return Permissions(
            rows=rows,
            fields=fields,
            writable=frozenset(writable),
            operations=frozenset(operations),
        )


def _lines_under(lines: Iterable[list[str]], prefix: str) -> list[tuple[str, str, str]]:
    """(object pattern, action, effect) of the lines whose pattern can match `prefix` objects."""
    return [
        (obj, act, eft)
        for _, obj, act, eft in (line[:4] for line in lines)
        if obj.startswith(prefix) or prefix.startswith(obj.rstrip("*"))
    ]


def _decides(lines: Iterable[tuple[str, str, str]], obj: str, act: str) -> bool:
    """model.conf's matcher and effect over the caller's own implicit lines (the `g` part is
    already applied by get_implicit_permissions_for_user): Casbin's keyMatch on the object,
    `*` or the same action, allowed by some line and denied by none.

    One enforce() walks every line of the policy through an expression evaluator (15 ms each
    with 500 lines); a caller's field map takes hundreds of decisions, so they are made here
    over the few lines that concern the caller. tests/authz/test_field_matrix.py checks every
    field of every role against a real Casbin enforcer.
    """
    allowed = False
    for pattern, action, effect in lines:
        if (action == "*" or action == act) and key_match(obj, pattern):
            if effect == "deny":
                return False
            allowed = True
    return allowed


def _row_rules(
    lines: Iterable[list[str]], entity_types: Iterable[str], org_path: str
) -> dict[tuple[str, str], RowRule]:
    allow: dict[tuple[str, str], list[str]] = {}
    deny: dict[tuple[str, str], list[str]] = {}
    for _, obj, act, eft in (line[:4] for line in lines):
        if not obj.startswith(_ROW_PREFIX):
            continue
        type_pattern, _, path_pattern = obj[len(_ROW_PREFIX) :].partition(":")
        path_pattern = (path_pattern or "*").replace(_OWN_ORG, org_path)
        for entity_type in entity_types:
            if not _type_matches(entity_type, type_pattern):
                continue
            for action in ("read", "write"):
                if act in ("*", action):
                    target = allow if eft == "allow" else deny
                    target.setdefault((entity_type, action), []).append(path_pattern)
    keys = allow.keys() | deny.keys()
    return {
        key: RowRule(allow=tuple(allow.get(key, ())), deny=tuple(deny.get(key, ()))) for key in keys
    }


def _type_matches(entity_type: str, pattern: str) -> bool:
    return pattern == "*" or pattern == entity_type
