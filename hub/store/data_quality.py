"""The data-quality report: every rule run over every live record, failures counted."""

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.listing import Scope, unrestricted, where_clauses
from hub.quality.data_quality import QualityRule, rules_for
from hub.quality.rules import Rules
from hub.store import catalogue, certificates, contacts, devices, institutions

# What the report covers: the live rows of each entity with data-quality rules.
_LISTINGS = (
    institutions.LISTING,
    contacts.LISTING,
    catalogue.MODEL_LISTING,
    devices.LISTING,
    certificates.LISTING,
)
_BATCH = 500


@dataclass
class RuleResult:
    """How many records a rule looked at and failed, with the first few failures."""

    rule: QualityRule
    checked: int = 0
    failing: int = 0
    sample_ids: list[uuid.UUID] = field(default_factory=list)


async def report(
    session: AsyncSession, rules: Rules, samples: int = 5, scope: Scope = unrestricted
) -> list[RuleResult]:
    """One result per rule, in rule order, over the rows `scope` lets through; rows are
    streamed, not loaded all at once."""
    results: list[RuleResult] = []
    for listing in _LISTINGS:
        model = listing.model
        found = [RuleResult(rule) for rule in rules_for(model)]
        statement = (
            select(model)
            .where(*where_clauses(listing, {}), *scope(model))
            .order_by(model.id)
            .execution_options(yield_per=_BATCH)
        )
        async for row in await session.stream_scalars(statement):
            for result in found:
                result.checked += 1
                if result.rule.check(row, rules) is None:
                    continue
                result.failing += 1
                if len(result.sample_ids) < samples:
                    result.sample_ids.append(row.id)
        results.extend(found)
    return results
