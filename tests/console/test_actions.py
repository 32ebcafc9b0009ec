"""Console actions go through the hub's own mutations, as the signed-in person, or not at all."""

import re
from typing import Any

from sqlalchemy import select
from stdnum.cn import uscc

from hub.db.audit import AuditEvent
from hub.db.dedup import DuplicateCandidate, MergeEvent
from hub.db.engine import Database
from hub.db.enums import MatchEntity, Role
from hub.dedup.scan import run_scan
from hub.global_ids import encode_id
from tests import factories
from tests.console.conftest import SignIn
from tests.console.visitors import SETUP
from tests.graphql_client import GraphQLClient
from tests.quality.reviewing import submit

_UPDATE = """
mutation Update($input: UpdateInstitutionInput!) {
  updateInstitution(input: $input) { userErrors { code } }
}
"""


def _field(page: str, name: str) -> str:
    """A field's value as the record page shows it."""
    found = re.search(rf'data-field="{name}"><th>[^<]*</th><td>([^<]*)</td>', page)
    assert found, f"no {name} on the page"
    return found.group(1)


async def _duplicate_hospitals(api: GraphQLClient, database: Database) -> dict[str, Any]:
    """Two records of one hospital, the candidate pair the scan proposes, as global IDs."""
    first = await factories.institution(
        api,
        name="复旦大学附属中山医院",
        regionCode="310104",
        address="上海市徐汇区枫林路180号",
        orgPath="cn/east/shanghai",
    )
    second = await factories.institution(
        api,
        name="複旦大學附屬中山醫院",
        regionCode="310104",
        address="徐汇区枫林路180号",
        orgPath="cn/east/shanghai",
    )
    await run_scan(database, SETUP, MatchEntity.INSTITUTION)
    async with database.reader() as session:
        candidate = (await session.execute(select(DuplicateCandidate))).scalar_one()
    return {
        "candidate": encode_id("DuplicateCandidate", candidate.id),
        "first": first["id"],
        "second": second["id"],
    }


async def _merge(steward: Any, pair: dict[str, Any]) -> Any:
    return await steward.post(
        f"/duplicates/{pair['candidate']}/merge",
        survivor=pair["first"],
        member=[pair["first"], pair["second"]],
        **{"field:address": pair["second"], "field:name": pair["first"]},
    )


async def test_a_merge_runs_as_the_person_with_their_field_choice(
    api: GraphQLClient, database: Database, signed_in: SignIn
) -> None:
    pair = await _duplicate_hospitals(api, database)
    steward = await signed_in(Role.STEWARD)
    page = await steward.get(f"/duplicates/{pair['candidate']}")
    assert page.status_code == 200 and 'class="differs"' in page.text
    answer = await _merge(steward, pair)
    assert answer.status_code == 303
    event_page = await steward.get(answer.headers["location"].removeprefix("/console"))
    assert "複旦大學附屬中山醫院" in event_page.text and "已合并" in event_page.text
    async with database.reader() as session:
        merge = (await session.execute(select(MergeEvent))).scalar_one()
        audited = (
            (await session.execute(select(AuditEvent.actor).where(AuditEvent.action == "MERGE")))
            .scalars()
            .all()
        )
    assert merge.actor == f"user:{steward.username}"
    assert set(audited) == {f"user:{steward.username}"}
    record = await steward.get(f"/records/{pair['first']}")
    assert _field(record.text, "address") == "徐汇区枫林路180号"


async def test_an_auditor_gets_no_buttons_and_a_forged_merge_is_refused(
    api: GraphQLClient, database: Database, signed_in: SignIn
) -> None:
    pair = await _duplicate_hospitals(api, database)
    auditor = await signed_in(Role.AUDITOR)
    page = await auditor.get(f"/duplicates/{pair['candidate']}")
    assert page.status_code == 200
    assert 'id="merge"' not in page.text and 'name="survivor"' not in page.text
    answer = await _merge(auditor, pair)
    assert answer.status_code == 403
    async with database.reader() as session:
        assert (await session.execute(select(MergeEvent))).first() is None


async def test_an_unsafe_undo_shows_the_hubs_own_refusal(
    api: GraphQLClient, database: Database, signed_in: SignIn
) -> None:
    pair = await _duplicate_hospitals(api, database)
    steward = await signed_in(Role.STEWARD)
    event_path = (await _merge(steward, pair)).headers["location"].removeprefix("/console")
    changed = await api.data(_UPDATE, input={"id": pair["first"], "address": "枫林路181号"})
    assert changed["updateInstitution"]["userErrors"] == []
    refused = await steward.post(f"{event_path}/undo")
    assert refused.status_code == 409
    assert "CONFLICT" in refused.text and "undo-refused" in refused.text
    assert "有效" in refused.text


async def test_sales_reads_only_their_region(
    api: GraphQLClient, database: Database, signed_in: SignIn
) -> None:
    inside = await factories.institution(api, name="上海市第六人民医院", orgPath="cn/east/shanghai")
    outside = await factories.institution(
        api, name="北京协和医院", regionCode="110101", orgPath="cn/north/beijing"
    )
    sales = await signed_in(Role.SALES, "cn/east/shanghai")
    assert (await sales.get(f"/records/{inside['id']}")).status_code == 200
    refused = await sales.get(f"/records/{outside['id']}")
    assert refused.status_code == 404 and "北京协和医院" not in refused.text
    search = await sales.get("/?q=医院")
    assert "上海市第六人民医院" in search.text and "北京协和医院" not in search.text


async def test_masked_fields_are_masked_and_ungranted_ones_are_not_shown(
    api: GraphQLClient, signed_in: SignIn, visitor: Any, database: Database
) -> None:
    hospital = await factories.institution(api, creditLimit="2000000.00")
    await factories.contact(api, hospital["id"], mobile="13812345678")
    auditor = await signed_in(Role.AUDITOR)
    page = (await auditor.get(f"/records/{hospital['id']}")).text
    assert "138****5678" in page and "13812345678" not in page
    assert 'data-field="creditLimit"' in page
    from tests.graphql_client import issue_key

    assert (
        await visitor.sign_in(api_key=await issue_key(database, Role.SERVICE))
    ).status_code == 303
    service_page = (await visitor.get(f"/records/{hospital['id']}")).text
    assert 'data-field="creditLimit"' not in service_page and "2,000,000.00" not in service_page


async def test_rejecting_without_a_comment_shows_the_hubs_required_error(
    api: GraphQLClient, signed_in: SignIn
) -> None:
    clinic = await factories.institution(api, name="徐汇区社区卫生服务中心", kind="CLINIC")
    certificate = await submit(
        api, institutionId=clinic["id"], kind="PRACTICE_LICENSE", number="PDY00001X"
    )
    reviewer = await signed_in(Role.STEWARD)
    inbox = await reviewer.get("/reviews")
    assert "PDY00001X" in inbox.text and "初审" in inbox.text
    refused = await reviewer.post(f"/reviews/{certificate['id']}", decision="REJECT", comment="")
    assert refused.status_code == 422 and "REQUIRED" in refused.text
    rejected = await reviewer.post(
        f"/reviews/{certificate['id']}", decision="REJECT", comment="许可证已注销"
    )
    assert rejected.status_code == 303
    assert "PDY00001X" not in (await reviewer.get("/reviews")).text


async def test_a_quality_fix_goes_through_the_validated_update(
    api: GraphQLClient, signed_in: SignIn
) -> None:
    hospital = await factories.institution(api, name="上海市第十人民医院")
    steward = await signed_in(Role.STEWARD)
    failing = await steward.get("/quality/INSTITUTION_USCC")
    assert "上海市第十人民医院" in failing.text
    refused = await steward.post(
        "/quality/INSTITUTION_USCC/fix", id=hospital["id"], version="1", value="12310000425006117X"
    )
    assert refused.status_code == 422
    assert 'class="field-error"' in refused.text and 'value="12310000425006117X"' in refused.text
    valid = "1231000042500611" + "7"
    valid = valid[:17] + uscc.calc_check_digit(valid[:17])
    fixed = await steward.post(
        "/quality/INSTITUTION_USCC/fix", id=hospital["id"], version="1", value=valid
    )
    assert fixed.status_code == 303
    assert "上海市第十人民医院" not in (await steward.get("/quality/INSTITUTION_USCC")).text
