"""Follow-up rules (rules file [follow_up]): overdue follow-ups, quiet key accounts, unanswered
complaints, in `alerts` scoped to the region and in the change feed via `hub follow-ups`."""

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any

from click.testing import Result
from typer.testing import CliRunner

from hub.cli import app
from hub.db.engine import Database
from hub.db.enums import Role
from hub.quality.clock import today
from hub.quality.customer_rules import load_customer_rules
from hub.store import follow_ups
from tests import factories
from tests.authz.conftest import BEIJING, SHANGHAI, RoleClient
from tests.graphql_client import GraphQLClient

ALERTS = """
query($kinds: [AlertKind!], $within: Int!) {
  alerts(kinds: $kinds, withinDays: $within) { kind daysLeft label assignee subjectId
    institution { name } }
}
"""


def _day(days_from_today: int) -> str:
    return (today() + timedelta(days=days_from_today)).isoformat()


def _at(days_from_today: int) -> str:
    return f"{_day(days_from_today)}T02:00:00+00:00"


async def _alerts(api: GraphQLClient, kind: str, within: int = 0) -> list[dict[str, Any]]:
    return (await api.data(ALERTS, kinds=[kind], within=within))["alerts"]


async def test_an_overdue_follow_up_is_an_alert_for_its_owner(api: GraphQLClient) -> None:
    hospital = await factories.institution(api, name="上海市第六人民医院")
    visit = await factories.interaction(
        api, hospital["id"], occurredAt=_at(-10), nextFollowUpOn=_day(-2), ourPerson="王销售"
    )
    found = await _alerts(api, "FOLLOW_UP_DUE")
    assert [(a["daysLeft"], a["assignee"], a["subjectId"]) for a in found] == [
        (-2, "王销售", visit["id"])
    ]
    assert found[0]["institution"] == {"name": "上海市第六人民医院"}


async def test_a_later_interaction_settles_the_follow_up(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    await factories.interaction(api, hospital["id"], occurredAt=_at(-10), nextFollowUpOn=_day(-2))
    await factories.interaction(api, hospital["id"], kind="CALL", occurredAt=_at(-1))
    assert await _alerts(api, "FOLLOW_UP_DUE") == []


async def test_a_follow_up_due_within_the_window_is_listed_ahead(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    await factories.interaction(api, hospital["id"], occurredAt=_at(-1), nextFollowUpOn=_day(5))
    assert await _alerts(api, "FOLLOW_UP_DUE", within=0) == []
    assert [a["daysLeft"] for a in await _alerts(api, "FOLLOW_UP_DUE", within=7)] == [5]


async def test_a_quiet_key_account_needs_a_visit(api: GraphQLClient) -> None:
    key = await factories.institution(api, name="重点医院", tags=["重点客户"])
    plain = await factories.institution(api, name="普通诊所", kind="CLINIC")
    for institution in (key, plain):
        await factories.interaction(api, institution["id"], occurredAt=_at(-50), ourPerson="陈")
    found = await _alerts(api, "KEY_ACCOUNT_QUIET")
    # The bundled rules: 45 quiet days for a key account.
    assert [(a["label"], a["daysLeft"], a["assignee"]) for a in found] == [("重点医院", -5, "陈")]


async def test_a_key_account_visited_recently_is_not_quiet(api: GraphQLClient) -> None:
    key = await factories.institution(api, grade="三级甲等")
    await factories.interaction(api, key["id"], occurredAt=_at(-50))
    await factories.interaction(api, key["id"], occurredAt=_at(-3))
    assert await _alerts(api, "KEY_ACCOUNT_QUIET") == []


async def test_a_complaint_without_follow_up_in_n_days_is_unanswered(api: GraphQLClient) -> None:
    hospital = await factories.institution(api)
    await factories.interaction(api, hospital["id"], kind="COMPLAINT", occurredAt=_at(-5))
    other = await factories.institution(api, name="上海市第九人民医院")
    await factories.interaction(api, other["id"], kind="COMPLAINT", occurredAt=_at(-1))
    # The bundled rules: a complaint needs an answer within 3 days.
    assert [a["daysLeft"] for a in await _alerts(api, "COMPLAINT_UNANSWERED")] == [-2]


async def test_the_rules_file_sets_the_key_account_tier_and_days(
    api: GraphQLClient, database: Database
) -> None:
    key = await factories.institution(api, name="战略客户医院", tags=["战略"])
    await factories.interaction(api, key["id"], occurredAt=_at(-50))
    bundled = load_customer_rules()
    tiered = replace(
        bundled,
        follow_up=replace(bundled.follow_up, key_account_tags=frozenset({"战略"})),
    )
    patient = replace(tiered, follow_up=replace(tiered.follow_up, key_account_quiet_days=60))
    async with database.reader() as session:
        by_tier = await follow_ups.findings(
            session, tiered, today(), 0, [follow_ups.KEY_ACCOUNT_QUIET]
        )
        by_days = await follow_ups.findings(
            session, patient, today(), 0, [follow_ups.KEY_ACCOUNT_QUIET]
        )
    assert [finding.label for finding in by_tier] == ["战略客户医院"]
    assert by_days == []


async def test_follow_up_alerts_reach_only_the_region_that_must_act(
    api: GraphQLClient, as_role: RoleClient
) -> None:
    shanghai = await factories.institution(api, name="上海医院", orgPath=SHANGHAI)
    beijing = await factories.institution(api, name="北京医院", orgPath=BEIJING)
    for hospital in (shanghai, beijing):
        await factories.interaction(
            api, hospital["id"], occurredAt=_at(-10), nextFollowUpOn=_day(-1)
        )
    sales = await as_role(Role.SALES, SHANGHAI)
    found = (await sales.data(ALERTS, kinds=["FOLLOW_UP_DUE"], within=0))["alerts"]
    assert [a["institution"]["name"] for a in found] == ["上海医院"]
    wms = await as_role(Role.WMS)
    assert (await wms.data(ALERTS, kinds=["FOLLOW_UP_DUE"], within=0))["alerts"] == []


FEED = "{ changes(after: 0, first: 100) { events { action entityType changes } } }"


async def _follow_up_events(api: GraphQLClient) -> list[Any]:
    events = (await api.data(FEED))["changes"]["events"]
    return [e["changes"]["follow_up_alert"]["after"] for e in events if e["action"] == "FOLLOW_UP"]


async def _run_follow_ups() -> Result:
    # The command runs its own event loop, so it runs beside the test's, in a thread.
    return await asyncio.to_thread(CliRunner().invoke, app, ["follow-ups"])


async def test_hub_follow_ups_raises_once_and_clears_in_the_change_feed(
    api: GraphQLClient, database_url: str
) -> None:
    hospital = await factories.institution(api, orgPath=SHANGHAI)
    await factories.interaction(api, hospital["id"], kind="COMPLAINT", occurredAt=_at(-6))
    first = await _run_follow_ups()
    assert first.exit_code == 0, first.output
    assert "COMPLAINT_UNANSWERED" in first.output
    again = await _run_follow_ups()
    assert "No new follow-up is due." in again.output
    assert await _follow_up_events(api) == ["COMPLAINT_UNANSWERED"]
    await factories.interaction(api, hospital["id"], kind="CALL", occurredAt=_at(-1))
    await _run_follow_ups()
    assert await _follow_up_events(api) == ["COMPLAINT_UNANSWERED", None]
