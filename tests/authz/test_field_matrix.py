"""For every role, every field of every record type, read through real queries (fragments,
aliases, nested paths), is clear, masked or FORBIDDEN exactly as the policy says.

The expectation comes from Casbin itself, evaluated line by line against the shipped policy,
independently of the hub's permission cache.
"""

import json
from datetime import timedelta
from importlib import resources
from typing import Any

import casbin
import pytest
from graphql import (
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    Undefined,
    get_named_type,
)

from hub.api import build_schema
from hub.authz.guarded import GUARDED_VALUE_TYPES
from hub.authz.masking import mask
from hub.authz.policies import default_lines
from hub.config import Settings
from hub.db.enums import Role
from hub.quality.clock import today
from tests import factories
from tests.authz.conftest import SHANGHAI, RoleClient
from tests.authz.schema_walk import minimal_value
from tests.channel import building as channel
from tests.channel import lending
from tests.graphql_client import GraphQLClient

SCHEMA = build_schema(Settings())._schema
RECORD_TYPES = {
    name: graphql_type
    for name, graphql_type in SCHEMA.type_map.items()
    if isinstance(graphql_type, GraphQLObjectType)
    and any(interface.name == "Record" for interface in graphql_type.interfaces)
}


GUARDED_TYPES = {**RECORD_TYPES, **{name: SCHEMA.type_map[name] for name in GUARDED_VALUE_TYPES}}


def _oracle(role: Role) -> casbin.Enforcer:
    enforcer = casbin.Enforcer(str(resources.files("hub.authz").joinpath("model.conf")))
    for line in default_lines():
        if line.ptype == "p":
            enforcer.add_policy(*line.values)
    return enforcer


def _can_read_rows(enforcer: casbin.Enforcer, role: Role, type_name: str) -> bool:
    return any(
        obj in ("row:*", f"row:{type_name}") or obj.startswith(f"row:{type_name}:")
        for _, obj, act, eft in enforcer.get_implicit_permissions_for_user(role.value)
        if act in ("read", "*") and eft == "allow"
    )


def expected_access(role: Role, type_name: str, field_name: str) -> str:
    """clear, masked or denied, as the shipped policy says."""
    enforcer = _oracle(role)
    target = get_named_type(GUARDED_TYPES[type_name].fields[field_name].type).name
    if target in RECORD_TYPES and not _can_read_rows(enforcer, role, target):
        return "denied"
    if enforcer.enforce(role.value, f"field:{type_name}.{field_name}", "read"):
        return "clear"
    if enforcer.enforce(role.value, f"field:{type_name}.{field_name}", "read_masked"):
        return "masked"
    return "denied"


def _selection(type_name: str, names: list[str] | None = None) -> str:
    parts = []
    fields = GUARDED_TYPES[type_name].fields
    for name in names or list(fields):
        field = fields[name]
        named = get_named_type(field.type)
        is_object = isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
        sub = " { __typename }" if is_object else ""
        if named.name == "CertificateScope":
            sub = " { deviceClasses categories }"
        if named.name == "QualificationReason":
            sub = " { code message }"
        if named.name == "ServiceLevel":
            sub = " { priority responseHours resolutionHours }"
        if named.name == "MaintenanceDue":
            sub = " { dueOn device { __typename } }"
        if named.name == "ServiceMetrics":
            sub = " { opened }"
        required = [
            f"{arg_name}: {json.dumps(minimal_value(arg.type))}"
            for arg_name, arg in field.args.items()
            if isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined
        ]
        arguments = f"({', '.join(required)})" if required else ""
        parts.append(f"a_{name}: {name}{arguments}{sub}")
    return " ".join(parts)


# Fields per document, under the server's alias limit (HUB_MAX_ALIASES).
_FIELDS_PER_DOCUMENT = 25


def _documents(type_name: str) -> list[tuple[str, list[str]]]:
    """Documents reading every field of a type between them, with the fields each reads."""
    names = list(GUARDED_TYPES[type_name].fields)
    chunks = [
        names[start : start + _FIELDS_PER_DOCUMENT]
        for start in range(0, len(names), _FIELDS_PER_DOCUMENT)
    ]
    return [
        (
            "query Matrix($id: ID!) { nodes(ids: [$id]) { ...Fields } } "
            f"fragment Fields on {type_name} {{ {_selection(type_name, chunk)} }}",
            chunk,
        )
        for chunk in chunks
    ]


async def _world(api: GraphQLClient, as_role: RoleClient) -> dict[str, str]:
    """One record of every type, every field filled, all in Shanghai; returns type → id.

    Other people (`as_role`) approve what needs a second person: the credit request, the
    authorisation letter, the demo loan."""
    group = await factories.institution(api, name="上海申康", orgPath=SHANGHAI)
    hospital = await factories.institution(
        api,
        name="上海市第六人民医院",
        uscc="12310000425030213E",
        grade="三级甲等",
        address="上海市徐汇区宜山路600号",
        parentId=group["id"],
        tags=["VIP"],
        creditRating="A",
        creditLimit="500000.00",
    )
    contact = await factories.contact(
        api,
        hospital["id"],
        role="LEGAL_REPRESENTATIVE",
        title="院长",
        department="院办",
        officePhone="02164369181",
        email="zhang.wei@example.com",
        idNumber="11010519491231002X",
    )
    model = await factories.device_model(
        api, registrationNumber="粤械注准20172070415", udiDi="06901234567892"
    )
    lot = await factories.batch(
        api, model["id"], manufacturedOn="2025-01-01", expiresOn="2030-01-01"
    )
    device = await factories.device(
        api,
        model["id"],
        batchId=lot["id"],
        institutionId=hospital["id"],
        udi="(01)06901234567892(10)2405A012(21)SN0001",
        installedOn="2025-03-01",
        warrantyEndsOn="2027-03-01",
        nextMaintenanceOn="2026-03-01",
        status="INSTALLED",
    )
    contract = (
        await api.data(
            "mutation($input: CreateContractInput!) { createContract(input: $input) "
            "{ contract { id } } }",
            input={
                "number": "HT-1",
                "institutionId": hospital["id"],
                "kind": "SALES",
                "startsOn": "2025-01-01",
                "endsOn": "2027-01-01",
                "amount": "880000.00",
                "status": "ACTIVE",
                "deviceIds": [device["id"]],
            },
        )
    )["createContract"]["contract"]
    certificate = (
        await api.data(
            "mutation($input: CreateCertificateInput!) { createCertificate(input: $input) "
            "{ certificate { id } } }",
            input={
                "institutionId": hospital["id"],
                "kind": "PRACTICE_LICENSE",
                "number": "PDY12345731010417A1001",
                "issuer": "上海市卫生健康委员会",
                "validFrom": "2024-01-01",
                "validTo": "2029-01-01",
                "document": "s3://x.pdf",
                "scope": {"deviceClasses": ["II"], "categories": ["07"]},
            },
        )
    )["createCertificate"]["certificate"]
    ticket = await factories.ticket(
        api,
        hospital["id"],
        deviceId=device["id"],
        contactId=contact["id"],
        dueAt="2030-01-01T00:00:00+00:00",
        assignee="李工",
        priority="HIGH",
    )
    for step in (
        {"status": "ASSIGNED"},
        {"status": "IN_PROGRESS"},
        {"status": "RESOLVED", "resolution": "更换电源板", "resolutionCode": "PART_REPLACED"}
        | {"partsUsed": ["PWR-220"], "usageReading": 1200},
        {"status": "CLOSED", "satisfaction": 5, "satisfactionComment": "到场及时"},
    ):
        await api.data(
            "mutation($input: UpdateTicketInput!) { updateTicket(input: $input) "
            "{ userErrors { code } } }",
            input={"id": ticket["id"], **step},
        )
    plan = (
        await api.data(
            "mutation($input: CreateMaintenancePlanInput!) { createMaintenancePlan(input: $input) "
            "{ maintenancePlan { id } } }",
            input={
                "deviceModelId": model["id"],
                "intervalDays": 180,
                "intervalUsage": 5000,
                "usageUnit": "hours",
                "checklist": ["电气安全检测"],
            },
        )
    )["createMaintenancePlan"]["maintenancePlan"]
    source = await api.data(
        "mutation($input: UpsertInstitutionInput!) { upsertInstitution(input: $input) "
        "{ institution { id } } }",
        input={
            "source": {"system": "crm", "id": "8812"},
            "name": "上海市第六人民医院",
            "kind": "HOSPITAL",
            "uscc": "12310000425030213E",
        },
    )
    assert source["upsertInstitution"]["institution"]["id"] == hospital["id"]
    record = await api.data('{ sourceRecord(system: "crm", id: "8812") { id } }')
    candidate, merge_event = await _dedup_records(api)
    credit = await _credit_records(api, await as_role(Role.CREDIT), hospital["id"])
    reviewers = (await as_role(Role.ADMIN), await as_role(Role.ADMIN))
    letter = await _letter(api, reviewers, hospital["id"], model["id"])
    loan = await _loan(api, reviewers[0], device["id"], hospital["id"])
    archive = await _archive_records(api, hospital["id"], contact["id"], model["id"])
    return {
        **credit,
        **archive,
        "Authorisation": letter,
        "DemoLoan": loan,
        "DuplicateCandidate": candidate,
        "MergeEvent": merge_event,
        "Institution": hospital["id"],
        "Contact": contact["id"],
        "DeviceModel": model["id"],
        "Batch": lot["id"],
        "Device": device["id"],
        "Contract": contract["id"],
        "Certificate": certificate["id"],
        "Ticket": ticket["id"],
        "MaintenancePlan": plan["id"],
        "SourceRecord": record["sourceRecord"]["id"],
    }


async def _letter(
    api: GraphQLClient, reviewers: tuple[GraphQLClient, ...], hospital_id: str, model_id: str
) -> str:
    """A project letter from the manufacturer to a Shanghai distributor, approved twice."""
    maker = await factories.institution(
        api, name="深圳迈瑞生物医疗电子股份有限公司", kind="MANUFACTURER", orgPath=SHANGHAI
    )
    dealer = await factories.institution(
        api, name="华润医药商业集团有限公司", kind="DISTRIBUTOR", orgPath=SHANGHAI
    )
    letter = await channel.submit_letter(
        api,
        number="MR-SQ-2026-001",
        grantorId=maker["id"],
        institutionId=dealer["id"],
        deviceModelIds=[model_id],
        categories=["07"],
        regions=["310000"],
        validFrom="2026-01-01",
        validTo="2026-12-31",
        hospitalId=hospital_id,
        tender="SHZB-2026-001",
        document="s3://letters/1.pdf",
    )
    for reviewer in reviewers:
        await channel.review_letter(reviewer, letter["id"], comment="核对无误")
    return letter["id"]


async def _loan(
    api: GraphQLClient, approver: GraphQLClient, device_id: str, hospital_id: str
) -> str:
    """A demo loan approved by a second person and returned."""
    loan = await lending.lent(api, approver, device_id, hospital_id, purpose="临床试用")
    await lending.return_loan(api, loan["id"])
    return loan["id"]


async def _archive_records(
    api: GraphQLClient, hospital_id: str, contact_id: str, model_id: str
) -> dict[str, str]:
    """The customer archive of the hospital: the department the contact's 院办 text created, an
    interaction with its participant, a training with its attendee."""
    placed = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Contact { departmentRecord { id } } } }",
        id=contact_id,
    )
    department_id = placed["node"]["departmentRecord"]["id"]
    visit = await factories.interaction(
        api,
        hospital_id,
        departmentId=department_id,
        contactIds=[contact_id],
        channel="IN_PERSON",
        outcome="约定演示",
        nextFollowUpOn="2026-03-16",
    )
    course = await factories.training(
        api,
        hospital_id,
        department_id,
        model_id,
        notes="操作与日常保养",
        attendees=[
            {
                "contactId": contact_id,
                "certificateNumber": "OP-2026-001",
                "certificateExpiresOn": "2028-01-15",
            }
        ],
    )
    # The participant link is its own record; the change feed names it.
    feed = await api.data("{ changes(after: 0, first: 100) { events { entityType entityId } } }")
    participant_id = next(
        event["entityId"]
        for event in feed["changes"]["events"]
        if event["entityType"] == "InteractionParticipant"
    )
    return {
        "Department": department_id,
        "Interaction": visit["id"],
        "InteractionParticipant": participant_id,
        "Training": course["id"],
        "TrainingAttendee": course["attendees"][0]["id"],
    }


async def _credit_records(
    api: GraphQLClient, credit_desk: GraphQLClient, institution_id: str
) -> dict[str, str]:
    """An approved credit request, the profile it made, and a receivable overdue by 3 days."""
    request = await credit_desk.data(
        "mutation($input: RequestCreditChangeInput!) { requestCreditChange(input: $input) "
        "{ creditRequest { id } } }",
        input={
            "institutionId": institution_id,
            "rating": "B",
            "creditLimit": "500000.00",
            "paymentTermsDays": 90,
            "validFrom": "2025-01-01",
            "validTo": "2099-12-31",
            "reason": "年度授信",
        },
    )
    request_id = request["requestCreditChange"]["creditRequest"]["id"]
    await api.data(
        "mutation($input: ReviewCreditRequestInput!) { reviewCreditRequest(input: $input) "
        "{ creditRequest { id } } }",
        input={"id": request_id, "decision": "APPROVE", "comment": "同意"},
    )
    due = (today() - timedelta(days=3)).isoformat()
    document = await api.data(
        "mutation($input: UpsertReceivableInput!) { upsertReceivable(input: $input) "
        "{ receivable { id institution { creditProfile { id } } } } }",
        input={
            "source": {"system": "erp", "id": "AR-1"},
            "institutionId": institution_id,
            "amount": "460000.00",
            "dueOn": due,
            "documentDate": "2026-01-01",
        },
    )
    receivable = document["upsertReceivable"]["receivable"]
    return {
        "CreditRequest": request_id,
        "CreditProfile": receivable["institution"]["creditProfile"]["id"],
        "Receivable": receivable["id"],
    }


async def _dedup_records(api: GraphQLClient) -> tuple[str, str]:
    """A duplicate candidate and a merge event between Shanghai distributors."""
    names = (
        "上海康泽医疗器械有限公司",
        "上海康泽医疗器械",
        "上海瑞宁医疗科技有限公司",
        "上海瑞宁医疗科技",
    )
    made = [
        await factories.institution(api, name=name, kind="DISTRIBUTOR", orgPath=SHANGHAI)
        for name in names
    ]
    queue = await api.data(
        "{ duplicateCandidates(entityType: INSTITUTION, status: OPEN) "
        "{ nodes { id left { id } right { id } } } }"
    )
    candidates = queue["duplicateCandidates"]["nodes"]
    kept = next(
        c
        for c in candidates
        if {c["left"]["id"], c["right"]["id"]} == {made[0]["id"], made[1]["id"]}
    )
    merged = await api.data(
        "mutation($input: MergeInput!) { mergeInstitutions(input: $input) "
        "{ mergeEvent { id } userErrors { code } } }",
        input={"survivorId": made[2]["id"], "mergedIds": [made[3]["id"]]},
    )
    return kept["id"], merged["mergeInstitutions"]["mergeEvent"]["id"]


def _expected_value(access: str, field_name: str, truth: Any) -> Any:
    if access == "clear":
        return truth
    if access == "masked":
        return mask(field_name, truth)
    return None


@pytest.mark.parametrize("role", list(Role))
async def test_every_field_obeys_the_policy(
    role: Role, api: GraphQLClient, as_role: RoleClient
) -> None:
    world = await _world(api, as_role)
    caller = await as_role(role, SHANGHAI if role is Role.SALES else "cn")
    assert set(world) == set(RECORD_TYPES)
    for type_name, record_id in world.items():
        for document, names in _documents(type_name):
            _check_fields(
                role,
                type_name,
                names,
                await api.data(document, id=record_id),
                await caller.execute(document, id=record_id),
            )


def _check_fields(
    role: Role, type_name: str, names: list[str], truth: dict[str, Any], body: dict[str, Any]
) -> None:
    """Each field of one document reads as the policy says: clear, masked or FORBIDDEN."""
    if not _can_read_rows(_oracle(role), role, type_name):
        assert body["data"] == {"nodes": [None]}, (role, type_name)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        return
    node = body["data"]["nodes"][0]
    denied_paths = {
        tuple(error["path"])
        for error in body.get("errors", [])
        if error["extensions"]["code"] == "FORBIDDEN"
    }
    for field_name in names:
        alias = f"a_{field_name}"
        access = expected_access(role, type_name, field_name)
        expected = _expected_value(access, field_name, truth["nodes"][0][alias])
        assert node[alias] == expected, (role, type_name, field_name, access)
        assert (("nodes", 0, alias) in denied_paths) == (access == "denied"), (
            role,
            type_name,
            field_name,
        )


NESTED = """
query Nested {
  institutions(filter: {nameContains: "第六"}) {
    nodes {
      name
      people: contacts { who: name phone: mobile id: idNumber mail: email }
      contracts { number amount }
    }
  }
}
"""


@pytest.mark.parametrize(
    ("role", "contact", "amount"),
    [
        (Role.ADMIN, ("13812345678", "11010519491231002X", "zhang.wei@example.com"), "880000.00"),
        (Role.STEWARD, ("13812345678", "11010519491231002X", "zhang.wei@example.com"), "denied"),
        (Role.AUDITOR, ("138****5678", "110***********002X", "z***@example.com"), "880000.00"),
        (Role.CRM, ("13812345678", "denied", "zhang.wei@example.com"), "880000.00"),
        (Role.SALES, ("138****5678", "110***********002X", "z***@example.com"), None),
    ],
)
async def test_nested_paths_are_masked_and_refused_in_place(
    role: Role,
    contact: tuple[str, str, str],
    amount: str | None,
    api: GraphQLClient,
    as_role: RoleClient,
) -> None:
    await _world(api, as_role)
    caller = await as_role(role, SHANGHAI if role is Role.SALES else "cn")
    body = await caller.execute(NESTED)
    institution = body["data"]["institutions"]["nodes"][0]
    person = institution["people"][0]
    shown = tuple(None if value == "denied" else value for value in contact)
    assert (person["phone"], person["id"], person["mail"]) == shown
    assert person["who"] == "张伟"
    expected_amount = None if amount == "denied" else amount
    assert institution["contracts"][0]["amount"] == expected_amount
    refused = {tuple(e["path"]) for e in body.get("errors", [])}
    assert (("institutions", "nodes", 0, "people", 0, "id") in refused) == (contact[1] == "denied")
    assert (("institutions", "nodes", 0, "contracts", 0, "amount") in refused) == (
        amount == "denied"
    )


async def test_wms_never_sees_amounts_or_contact_pii(
    api: GraphQLClient, as_role: RoleClient
) -> None:
    await _world(api, as_role)
    wms = await as_role(Role.WMS)
    body = await wms.execute(
        "{ contracts { nodes { number amount } } contacts { nodes { name officePhone mobile "
        "email idNumber } } }"
    )
    assert body["data"]["contracts"]["nodes"] == [{"number": "HT-1", "amount": None}]
    assert body["data"]["contacts"]["nodes"] == [
        {
            "name": "张伟",
            "officePhone": "+86 21 6436 9181",
            "mobile": None,
            "email": None,
            "idNumber": None,
        }
    ]
    assert len(body["errors"]) == 4
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}


CREDIT_STATUS = (
    "query Credit($id: ID!) { nodes(ids: [$id]) { ... on Institution { creditStatus { "
    + _selection("CreditStatus")
    + " } } } }"
)


@pytest.mark.parametrize("role", list(Role))
async def test_every_credit_status_field_obeys_the_policy(
    role: Role, api: GraphQLClient, as_role: RoleClient
) -> None:
    world = await _world(api, as_role)
    truth = (await api.data(CREDIT_STATUS, id=world["Institution"]))["nodes"][0]["creditStatus"]
    assert truth["a_status"] == "WARNING" and truth["a_exposure"] == "460000.00"
    caller = await as_role(role, SHANGHAI if role is Role.SALES else "cn")
    body = await caller.execute(CREDIT_STATUS, id=world["Institution"])
    node = body["data"]["nodes"][0]
    if not _can_read_rows(_oracle(role), role, "Institution"):
        assert node is None, role
        return
    if expected_access(role, "Institution", "creditStatus") == "denied":
        assert node == {"creditStatus": None}, role
        return
    denied_paths = {
        tuple(error["path"])
        for error in body.get("errors", [])
        if error["extensions"]["code"] == "FORBIDDEN"
    }
    for field_name in GUARDED_TYPES["CreditStatus"].fields:
        alias = f"a_{field_name}"
        access = expected_access(role, "CreditStatus", field_name)
        shown = node["creditStatus"][alias]
        assert shown == _expected_value(access, field_name, truth[alias]), (role, field_name)
        path = ("nodes", 0, "creditStatus", alias)
        assert (path in denied_paths) == (access == "denied"), (role, field_name)
