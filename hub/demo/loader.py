"""`hub demo`: create and fill the demo database, and hand out one API key per role."""

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.authz.api_keys import create_key, list_keys, rotate_key
from hub.authz.bootstrap import prepare_database
from hub.config import Settings
from hub.db.base import ROOT_ORG_PATH, EntityMixin
from hub.db.contract import Contract
from hub.db.engine import Database, is_sqlite
from hub.db.enums import MatchEntity, Role
from hub.db.institution import Institution
from hub.dedup.scan import run_scan
from hub.demo import channel, service
from hub.demo.archive import load_archive
from hub.demo.console_people import SALES_ORG_PATH, DemoPerson, issue_demo_people
from hub.demo.credit import load_credit
from hub.demo.generator import DEMO_SEED, generate
from hub.demo.plan import DemoPlan, InstitutionPlan
from hub.quality.clock import today
from hub.quality.customer_rules import load_customer_rules
from hub.quality.rules import load_rules
from hub.store import (
    catalogue,
    certificates,
    contacts,
    contracts,
    devices,
    institutions,
    qualifications,
    records,
    tickets,
)

AUTHOR = Author(actor="system:demo", request_id="demo")
"""Who the audit trail says created the demo data."""


@dataclass(frozen=True)
class DemoAccess:
    """How to get in: a fresh API key per role ({role: secret}) and console sign-ins."""

    keys: dict[str, str]
    people: list[DemoPerson]


async def prepare_demo(settings: Settings, *, reset: bool) -> DemoAccess:
    """Prepare the demo database and return a fresh API key per role and a console password
    per demo person.

    Migrates to head (seeding the default policy), then loads the demo data unless the database
    already has institutions, so running it twice adds nothing; every run gives each
    `demo-<role>` key and each demo person a new secret. `reset` first deletes a SQLite
    database file.
    """
    if reset:
        _delete_sqlite_file(settings.database_url)
    database = Database(settings.database_url)
    try:
        await prepare_database(database)
        async with database.transaction() as session:
            fresh = not await _has_institutions(session)
            if fresh:
                await load(session, generate(date.today()))
                training = load_customer_rules(settings.rules_file).training
                await load_archive(session, AUTHOR, today(), training, DEMO_SEED)
                # Screen once, so every institution shows its qualification status.
                ids = await qualifications.screened_ids(session)
                await qualifications.rescreen(
                    session, AUTHOR, ids, load_rules(settings.rules_file), today()
                )
        if fresh:
            # Fill the stewards' review queue, so the duplicate tour has something to show.
            for entity in MatchEntity:
                await run_scan(database, AUTHOR, entity)
        async with database.transaction() as session:
            keys = await issue_demo_keys(session)
            return DemoAccess(keys, await issue_demo_people(session, AUTHOR))
    finally:
        await database.dispose()


def _delete_sqlite_file(url: str) -> None:
    path = make_url(url).database
    if not is_sqlite(url) or not path or path == ":memory:":
        return
    for suffix in ("", "-wal", "-shm"):
        Path(path + suffix).unlink(missing_ok=True)


async def _has_institutions(session: AsyncSession) -> bool:
    return (await session.execute(select(Institution.id).limit(1))).first() is not None


async def issue_demo_keys(session: AsyncSession) -> dict[str, str]:
    """A fresh secret for each role's `demo-<role>` key, creating the keys that are missing."""
    existing = {key.name for key in await list_keys(session)}
    issued_secrets: dict[str, str] = {}
    for role in Role:
        name = f"demo-{role.value}"
        if name in existing:
            issued = await rotate_key(session, AUTHOR, name)
        else:
            org_path = SALES_ORG_PATH if role is Role.SALES else ROOT_ORG_PATH
            issued = await create_key(session, AUTHOR, name, role, org_path)
        issued_secrets[role.value] = issued.secret
    return issued_secrets


async def load(session: AsyncSession, plan: DemoPlan) -> None:
    """Write the plan through the store functions: validated, audited and in the change feed."""
    ids: dict[str, uuid.UUID] = {}
    # The session holds clean rows only weakly; keeping them alive lets the store's lookups of
    # referenced rows (holder, model, batch) hit the identity map instead of the database.
    held: list[EntityMixin] = []

    def keep(key: str, row: EntityMixin) -> None:
        ids[key] = row.id
        held.append(row)

    for place in plan.institutions:
        keep(place.key, await _institution(session, place, ids))
    for person in plan.contacts:
        keep(person.key, await contacts.create(session, AUTHOR, person.values(ids)))
    for model in plan.models:
        keep(model.key, await catalogue.create_model(session, AUTHOR, model.values(ids)))
    for batch in plan.batches:
        keep(batch.key, await catalogue.create_batch(session, AUTHOR, batch.values(ids)))
    for unit in plan.devices:
        keep(unit.key, await devices.create(session, AUTHOR, unit.values(ids)))
    for contract in plan.contracts:
        row = await contracts.create(session, AUTHOR, contract.values(ids))
        if contract.archived:
            await records.archive(session, AUTHOR, Contract, row.id, None)
    for certificate in plan.certificates:
        await certificates.create(session, AUTHOR, certificate.values(ids))
    for ticket in plan.tickets:
        row = await tickets.create(session, AUTHOR, ticket.values(ids))
        for step in ticket.steps:
            await tickets.update_by_id(session, AUTHOR, row.id, dict(step), None)
        if ticket.archived:
            await tickets.archive(session, AUTHOR, row.id, None)
    await channel.load(session, AUTHOR, plan.letters, plan.loans, ids)
    await load_credit(session, plan.credit, ids)
    if plan.service is not None:
        await service.load(session, AUTHOR, plan.service, ids)


async def _institution(
    session: AsyncSession, place: InstitutionPlan, ids: dict[str, uuid.UUID]
) -> Institution:
    """Create an institution, as its source system would when it has one."""
    if not place.sources:
        return await institutions.create(session, AUTHOR, place.values(ids))
    first, *others = place.sources
    row = await institutions.upsert_from_source(session, AUTHOR, first, place.values(ids))
    for key in others:
        # The second system's record matches by code and links to the same institution.
        await institutions.upsert_from_source(session, AUTHOR, key, {"code": place.code})
    return row
