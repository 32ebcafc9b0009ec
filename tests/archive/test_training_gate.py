"""The training gate: a model that needs a trained operator, shipped to a department where no
contact holds a valid training, gets OPERATOR_NOT_TRAINED at the dock (WARN or DENY by the rules
file), and the gap is an alert."""

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from hub.app import create_app
from hub.config import Settings
from hub.db.certificate import Certificate
from hub.db.engine import Database
from hub.db.enums import CertificateKind, ReviewStatus, Role
from hub.global_ids import decode_id
from hub.quality.clock import today
from hub.quality.rules import rules_text
from tests import factories
from tests.graphql_client import GraphQLClient, issue_key

CHECK = """
query($institution: ID!, $model: ID!, $department: ID) {
  complianceCheck(institutionId: $institution, deviceModelId: $model, departmentId: $department) {
    decision reasons { code message }
  }
}
"""
BY_DEVICE = """
query($institution: ID!, $model: ID!, $serial: String!) {
  complianceCheckByDevice(institutionId: $institution, deviceModelId: $model,
                          serialNumber: $serial) { decision reasons { code } }
}
"""


async def _approved(database: Database, institution_id: str, kind: CertificateKind) -> None:
    """An approved certificate valid around today (its review is not what these tests test)."""
    async with database.transaction() as session:
        session.add(
            Certificate(
                institution_id=decode_id(institution_id, "Institution", "id"),
                kind=kind,
                number=f"{kind.value}-{uuid.uuid4().hex[:6]}",
                review_status=ReviewStatus.APPROVED,
                valid_from=today() - timedelta(days=365),
                valid_to=today() + timedelta(days=365),
                scope={},
                org_path="cn",
            )
        )


async def _world(api: GraphQLClient, database: Database) -> dict[str, Any]:
    """A qualified hospital with a radiology department and a contact in it, and a CT model
    (category 06-03: the bundled rules require a trained operator)."""
    hospital = await factories.institution(api, name="上海市第六人民医院")
    for kind in (CertificateKind.REGISTRATION_CERTIFICATE, CertificateKind.PRACTICE_LICENSE):
        await _approved(database, hospital["id"], kind)
    radiology = await factories.department(api, hospital["id"], name="放射科")
    doctor = await factories.contact(api, hospital["id"], name="周医生", department="影像科")
    ct = await factories.device_model(
        api, name="uCT 760", deviceClass="III", categoryCode="06-03", udiDi=None
    )
    return {"hospital": hospital, "radiology": radiology, "doctor": doctor, "ct": ct}


async def _check(api: GraphQLClient, world: dict[str, Any]) -> dict[str, Any]:
    return (
        await api.data(
            CHECK,
            institution=world["hospital"]["id"],
            model=world["ct"]["id"],
            department=world["radiology"]["id"],
        )
    )["complianceCheck"]


def _codes(check: dict[str, Any]) -> list[str]:
    return [reason["code"] for reason in check["reasons"]]


async def test_a_model_needing_training_warns_for_an_untrained_department(
    api: GraphQLClient, database: Database
) -> None:
    world = await _world(api, database)
    check = await _check(api, world)
    assert check["decision"] == "ALLOWED"
    assert _codes(check) == ["COVERED", "OPERATOR_NOT_TRAINED"]
    assert "医学影像科" in check["reasons"][1]["message"]


async def test_a_valid_training_in_the_department_passes_the_gate(
    api: GraphQLClient, database: Database
) -> None:
    world = await _world(api, database)
    await factories.training(
        api,
        world["hospital"]["id"],
        world["radiology"]["id"],
        world["ct"]["id"],
        trainedOn=(today() - timedelta(days=30)).isoformat(),
        attendees=[
            {
                "contactId": world["doctor"]["id"],
                "certificateNumber": "UIH-OP-2026-001",
                "certificateExpiresOn": (today() + timedelta(days=335)).isoformat(),
            }
        ],
    )
    assert _codes(await _check(api, world)) == ["COVERED"]


async def test_an_expired_operator_certificate_is_no_training(
    api: GraphQLClient, database: Database
) -> None:
    world = await _world(api, database)
    await factories.training(
        api,
        world["hospital"]["id"],
        world["radiology"]["id"],
        world["ct"]["id"],
        trainedOn=(today() - timedelta(days=800)).isoformat(),
        attendees=[
            {
                "contactId": world["doctor"]["id"],
                "certificateExpiresOn": (today() - timedelta(days=70)).isoformat(),
            }
        ],
    )
    assert _codes(await _check(api, world)) == ["COVERED", "OPERATOR_NOT_TRAINED"]


async def test_a_trained_contact_of_another_department_does_not_count(
    api: GraphQLClient, database: Database
) -> None:
    world = await _world(api, database)
    icu = await factories.department(api, world["hospital"]["id"], name="ICU")
    nurse = await factories.contact(api, world["hospital"]["id"], name="吴护士", department="ICU")
    await factories.training(
        api,
        world["hospital"]["id"],
        icu["id"],
        world["ct"]["id"],
        trainedOn=today().isoformat(),
        attendees=[{"contactId": nurse["id"]}],
    )
    assert _codes(await _check(api, world)) == ["COVERED", "OPERATOR_NOT_TRAINED"]


async def test_a_model_outside_the_named_categories_needs_no_training(
    api: GraphQLClient, database: Database
) -> None:
    world = await _world(api, database)
    monitor = await factories.device_model(api)
    check = (
        await api.data(
            CHECK,
            institution=world["hospital"]["id"],
            model=monitor["id"],
            department=world["radiology"]["id"],
        )
    )["complianceCheck"]
    assert _codes(check) == ["COVERED"]
    flags = await api.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) "
        "{ ... on DeviceModel { requiresTrainedOperator } } }",
        ids=[world["ct"]["id"], monitor["id"]],
    )
    assert [node["requiresTrainedOperator"] for node in flags["nodes"]] == [True, False]


async def test_the_dock_check_of_a_unit_uses_the_department_it_is_installed_in(
    api: GraphQLClient, database: Database
) -> None:
    world = await _world(api, database)
    await factories.device(
        api,
        world["ct"]["id"],
        serialNumber="CT-0001",
        institutionId=world["hospital"]["id"],
        departmentId=world["radiology"]["id"],
        status="INSTALLED",
    )
    check = (
        await api.data(
            BY_DEVICE,
            institution=world["hospital"]["id"],
            model=world["ct"]["id"],
            serial="CT-0001",
        )
    )["complianceCheckByDevice"]
    assert _codes(check) == ["COVERED", "OPERATOR_NOT_TRAINED"]


async def test_a_training_gap_is_an_alert_until_someone_is_trained(
    api: GraphQLClient, database: Database
) -> None:
    world = await _world(api, database)
    unit = await factories.device(
        api,
        world["ct"]["id"],
        serialNumber="CT-0002",
        institutionId=world["hospital"]["id"],
        departmentId=world["radiology"]["id"],
        status="INSTALLED",
        installedOn=(today() - timedelta(days=3)).isoformat(),
    )
    query = "{ alerts(kinds: [TRAINING_GAP], withinDays: 0) { label daysLeft subjectId } }"
    assert (await api.data(query))["alerts"] == [
        {"label": "uCT 760 CT-0002", "daysLeft": -3, "subjectId": unit["id"]}
    ]
    await factories.training(
        api,
        world["hospital"]["id"],
        world["radiology"]["id"],
        world["ct"]["id"],
        trainedOn=today().isoformat(),
        attendees=[{"contactId": world["doctor"]["id"]}],
    )
    assert (await api.data(query))["alerts"] == []


@pytest.fixture
async def deny_api(
    settings: Settings, database: Database, tmp_path: Path
) -> AsyncIterator[GraphQLClient]:
    """An admin client of a hub whose rules file sets the training gate to DENY."""
    rules = tmp_path / "rules.toml"
    rules.write_text(rules_text(None).replace('gate = "WARN"', 'gate = "DENY"'), "utf-8")
    app = create_app(settings.model_copy(update={"rules_file": rules}), database)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hub.test"
    ) as http:
        yield GraphQLClient(http, await issue_key(database, Role.ADMIN, "deny-admin"))


async def test_the_rules_file_can_make_the_gate_refuse(
    api: GraphQLClient, deny_api: GraphQLClient, database: Database
) -> None:
    world = await _world(api, database)
    check = await _check(deny_api, world)
    assert check["decision"] == "DENIED"
    assert _codes(check) == ["OPERATOR_NOT_TRAINED"]


async def test_attendees_must_work_at_the_institution(
    api: GraphQLClient, database: Database
) -> None:
    world = await _world(api, database)
    other = await factories.institution(api, name="外院")
    stranger = await factories.contact(api, other["id"], name="外院医生")
    body = await api.data(
        factories.CREATE_TRAINING,
        input={
            "institutionId": world["hospital"]["id"],
            "departmentId": world["radiology"]["id"],
            "deviceModelId": world["ct"]["id"],
            "trainer": "李工",
            "trainedOn": today().isoformat(),
            "attendees": [{"contactId": stranger["id"]}],
        },
    )
    assert [(e["field"], e["code"]) for e in body["createTraining"]["userErrors"]] == [
        (["input", "attendees", "0", "contactId"], "MISMATCH")
    ]
