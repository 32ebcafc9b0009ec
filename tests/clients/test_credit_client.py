"""The client at the dock and at the ERP: receivables in, the credit-aware ship check out."""

from datetime import timedelta
from decimal import Decimal

import httpx
from hub_client import HubClient
from hub_client.generated.enums import CreditTier, Decision
from hub_client.generated.input_types import SourceInput, UpsertReceivableInput

from hub.db.engine import Database
from hub.db.enums import Role
from hub.quality.clock import today
from tests import factories
from tests.clients.live import LiveHub
from tests.credit.desk import approved_profile
from tests.graphql_client import GraphQLClient, issue_key


async def test_the_erp_feeds_receivables_and_the_dock_is_refused_for_credit(
    api: GraphQLClient, client: httpx.AsyncClient, live_hub: LiveHub, database: Database
) -> None:
    buyer = await factories.institution(api, code="DIS-1", kind="DISTRIBUTOR")
    monitor = await factories.device_model(api)
    officer = GraphQLClient(client, await issue_key(database, Role.CREDIT, "credit-zhao"))
    await approved_profile((officer, api), buyer["id"], creditLimit="1000")
    erp_key = await issue_key(database, Role.CREDIT, "kingdee-feed")
    dock_key = await issue_key(database, Role.WMS, "dock-3")
    with HubClient(live_hub.url, api_key=erp_key) as erp:
        document = UpsertReceivableInput(
            source=SourceInput(system="kingdee", id="AR2026-0001"),
            institutionId=buyer["id"],
            amount=Decimal("1500.00"),
            dueOn=today() + timedelta(days=30),
        )
        assert erp.upsert_receivable(input=document).upsert_receivable.user_errors == []
        standing = erp.credit_status(code="DIS-1").institution
        assert standing is not None and standing.credit_status is not None
        assert (standing.credit_status.status, standing.credit_status.exposure) == (
            CreditTier.HOLD,
            Decimal("1500.00"),
        )
    with HubClient(live_hub.url, api_key=dock_key) as dock:
        check = dock.ship_check(institution_id=buyer["id"], device_model_id=monitor["id"])
    assert check.ship_check.decision == Decision.DENIED
    # An unqualified, unauthorised distributor: the credit reasons come after the regulatory ones.
    assert [reason.code.value for reason in check.ship_check.reasons] == [
        "NOT_AUTHORISED",
        "MISSING_CERTIFICATE",
        "CREDIT_HOLD",
        "CREDIT_UTILISATION",
    ]
