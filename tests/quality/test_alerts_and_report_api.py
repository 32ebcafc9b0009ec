"""Alerts in date order, and the data-quality report and score."""

from datetime import timedelta

from hub.quality.clock import today
from tests import factories
from tests.graphql_client import GraphQLClient
from tests.quality.reviewing import submit

ALERTS = """
query($within: Int!, $kinds: [AlertKind!]) {
  alerts(withinDays: $within, kinds: $kinds) { kind dueOn daysLeft label institution { name } }
}
"""


def _in(days: int) -> str:
    return (today() + timedelta(days=days)).isoformat()


async def _due_things(api: GraphQLClient) -> None:
    hospital = await factories.institution(api, name="华山医院")
    model = await factories.device_model(api)
    await factories.device(
        api,
        model["id"],
        serialNumber="W-1",
        institutionId=hospital["id"],
        warrantyEndsOn=_in(40),
        nextMaintenanceOn=_in(-3),
    )
    await submit(
        api, institutionId=hospital["id"], kind="PRACTICE_LICENSE", number="P-1", validTo=_in(10)
    )
    await submit(
        api, institutionId=hospital["id"], kind="PRACTICE_LICENSE", number="P-2", validTo=_in(200)
    )
    await api.data(
        "mutation($input: CreateContractInput!) { createContract(input: $input) "
        "{ userErrors { code } } }",
        input={
            "number": "HT-1",
            "institutionId": hospital["id"],
            "kind": "SERVICE",
            "endsOn": _in(25),
        },
    )


async def test_alerts_come_in_date_order_with_their_institution(api: GraphQLClient) -> None:
    await _due_things(api)
    alerts = (await api.data(ALERTS, within=90))["alerts"]
    assert [(a["kind"], a["label"], a["daysLeft"]) for a in alerts] == [
        ("MAINTENANCE_DUE", "W-1", -3),
        ("CERTIFICATE_EXPIRING", "P-1", 10),
        ("CONTRACT_ENDING", "HT-1", 25),
        ("WARRANTY_ENDING", "W-1", 40),
    ]
    assert {a["institution"]["name"] for a in alerts} == {"华山医院"}


async def test_alerts_narrow_by_window_and_kind(api: GraphQLClient) -> None:
    await _due_things(api)
    soon = await api.data(ALERTS, within=30, kinds=["CERTIFICATE_EXPIRING", "WARRANTY_ENDING"])
    assert [a["label"] for a in soon["alerts"]] == ["P-1"]


async def test_quality_report_counts_failures_with_sample_ids(api: GraphQLClient) -> None:
    complete = await factories.institution(
        api, name="北京协和医院", uscc="12100000400000624D", address="北京市东城区帅府园1号"
    )
    sparse = await factories.institution(api, name="某诊所", kind="CLINIC")
    report = await api.data(
        "{ dataQualityReport { rules { rule entityType checked failing sampleIds } } }"
    )
    rules = {rule["rule"]: rule for rule in report["dataQualityReport"]["rules"]}
    assert rules["INSTITUTION_USCC"] == {
        "rule": "INSTITUTION_USCC",
        "entityType": "Institution",
        "checked": 2,
        "failing": 1,
        "sampleIds": [sparse["id"]],
    }
    assert rules["INSTITUTION_REGION"]["failing"] == 0
    assert complete["id"] not in rules["INSTITUTION_ADDRESS"]["sampleIds"]


async def test_institution_data_quality_scores_one_record(api: GraphQLClient) -> None:
    sparse = await factories.institution(api, name="某诊所", kind="CLINIC")
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Institution "
        "{ dataQuality { score issues { rule field code } } } } }",
        id=sparse["id"],
    )
    assert data["node"]["dataQuality"] == {
        "score": 0.5,
        "issues": [
            {"rule": "INSTITUTION_USCC", "field": "uscc", "code": "REQUIRED"},
            {"rule": "INSTITUTION_ADDRESS", "field": "address", "code": "REQUIRED"},
        ],
    }


async def test_ma_code_udis_are_accepted_and_reported_as_unparsed(api: GraphQLClient) -> None:
    model = await factories.device_model(api)
    unit = await factories.device(api, model["id"], serialNumber="S1", udi="MA.156.M0.100001.0S1")
    report = await api.data("{ dataQualityReport { rules { rule failing sampleIds } } }")
    rules = {rule["rule"]: rule for rule in report["dataQualityReport"]["rules"]}
    assert rules["DEVICE_UDI"]["failing"] == 0
    assert rules["DEVICE_UDI_UNPARSED"] == {
        "rule": "DEVICE_UDI_UNPARSED",
        "failing": 1,
        "sampleIds": [unit["id"]],
    }
