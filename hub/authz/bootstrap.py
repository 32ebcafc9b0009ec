"""Preparing a database for the hub: schema to head, default policy when none is stored."""

from hub.authz.policies import seed_defaults
from hub.db.engine import Database
from hub.db.migrate import upgrade_to_head


async def prepare_database(database: Database) -> int:
    """Migrate to head and seed the default policy into an empty policy table.

    Returns the number of policy lines seeded (0 when policies already existed).
    """
    await upgrade_to_head(database)
    async with database.transaction() as session:
        return await seed_defaults(session)
