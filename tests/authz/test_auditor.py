"""The auditor reads everything, masked, and every write attempt is refused."""

from typing import Any

import pytest
from sqlalchemy import func, select

from hub.api import build_schema
from hub.config import Settings
from hub.db.engine import Database
from hub.db.enums import Role
from hub.db.models import Base
from tests.authz.conftest import RoleClient
from tests.authz.schema_walk import mutation_documents

MUTATIONS = mutation_documents(build_schema(Settings())._schema)


async def _row_counts(database: Database) -> dict[str, int]:
    async with database.reader() as session:
        return {
            table.name: (
                await session.execute(select(func.count()).select_from(table))
            ).scalar_one()
            for table in Base.metadata.sorted_tables
        }


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
async def test_every_mutation_is_refused_for_the_auditor(
    mutation: str, as_role: RoleClient, branches: dict[str, Any], database: Database
) -> None:
    auditor = await as_role(Role.AUDITOR)
    before = await _row_counts(database)
    body = await auditor.execute(MUTATIONS[mutation])
    assert body["data"] is None
    assert [error["extensions"]["code"] for error in body["errors"]] == ["FORBIDDEN"]
    assert await _row_counts(database) == before


async def test_auditor_reads_the_audit_trail_with_pii_masked(
    as_role: RoleClient, branches: dict[str, Any]
) -> None:
    auditor = await as_role(Role.AUDITOR)
    contact_id = branches["sh"]["contact"]["id"]
    data = await auditor.data(
        "query($id: ID!) { node(id: $id) { ... on Contact { name mobile idNumber } } "
        "auditTrail(entityId: $id) { nodes { changes } } }",
        id=contact_id,
    )
    assert data["node"] == {
        "name": "sh联系人",
        "mobile": "138****5678",
        "idNumber": "110***********002X",
    }
    changes = data["auditTrail"]["nodes"][0]["changes"]
    assert changes["mobile"] == {"before": None, "after": "138****5678"}
    assert changes["id_number"] == {"before": None, "after": "110***********002X"}
    assert changes["name"] == {"before": None, "after": "sh联系人"}
