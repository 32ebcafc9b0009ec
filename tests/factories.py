"""Small helpers that create records through the public GraphQL API."""

from typing import Any

from tests.graphql_client import GraphQLClient

CREATE_INSTITUTION = """
mutation Create($input: CreateInstitutionInput!) {
  createInstitution(input: $input) {
    institution { id code name version orgPath status }
    userErrors { field code message }
  }
}
"""

CREATE_CONTACT = """
mutation Create($input: CreateContactInput!) {
  createContact(input: $input) { contact { id name orgPath } userErrors { field code message } }
}
"""

CREATE_MODEL = """
mutation Create($input: CreateDeviceModelInput!) {
  createDeviceModel(input: $input) { deviceModel { id name } userErrors { field code message } }
}
"""

CREATE_BATCH = """
mutation Create($input: CreateBatchInput!) {
  createBatch(input: $input) { batch { id lotNumber } userErrors { field code message } }
}
"""

CREATE_DEVICE = """
mutation Create($input: CreateDeviceInput!) {
  createDevice(input: $input) {
    device { id serialNumber orgPath version }
    userErrors { field code message }
  }
}
"""

CREATE_TICKET = """
mutation Create($input: CreateTicketInput!) {
  createTicket(input: $input) {
    ticket { id number status version }
    userErrors { field code message }
  }
}
"""


async def create(
    api: GraphQLClient, mutation: str, field: str, record: str, **input: Any
) -> dict[str, Any]:
    """Run a create mutation that must succeed; return the created record."""
    payload = (await api.data(mutation, input=input))[field]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload[record]


async def institution(api: GraphQLClient, **input: Any) -> dict[str, Any]:
    """A new institution (a hospital in Shanghai unless told otherwise)."""
    values = {"name": "上海市第一人民医院", "kind": "HOSPITAL", "regionCode": "310101", **input}
    return await create(api, CREATE_INSTITUTION, "createInstitution", "institution", **values)


async def contact(api: GraphQLClient, institution_id: str, **input: Any) -> dict[str, Any]:
    """A new contact at an institution."""
    values = {"institutionId": institution_id, "name": "张伟", "mobile": "13812345678", **input}
    return await create(api, CREATE_CONTACT, "createContact", "contact", **values)


async def device_model(api: GraphQLClient, **input: Any) -> dict[str, Any]:
    """A new Class II patient monitor model."""
    values = {
        "name": "BeneVision N12 病人监护仪",
        "manufacturer": "深圳迈瑞生物医疗电子股份有限公司",
        "deviceClass": "II",
        "categoryCode": "07-03",
        **input,
    }
    return await create(api, CREATE_MODEL, "createDeviceModel", "deviceModel", **values)


async def batch(api: GraphQLClient, model_id: str, **input: Any) -> dict[str, Any]:
    """A new batch of a model."""
    values = {"deviceModelId": model_id, "lotNumber": "2405A012", **input}
    return await create(api, CREATE_BATCH, "createBatch", "batch", **values)


async def device(api: GraphQLClient, model_id: str, **input: Any) -> dict[str, Any]:
    """A new device of a model."""
    values = {"deviceModelId": model_id, "serialNumber": "SN0001", **input}
    return await create(api, CREATE_DEVICE, "createDevice", "device", **values)


async def ticket(api: GraphQLClient, institution_id: str, **input: Any) -> dict[str, Any]:
    """A new repair ticket."""
    values = {"institutionId": institution_id, "kind": "REPAIR", "summary": "监护仪黑屏", **input}
    return await create(api, CREATE_TICKET, "createTicket", "ticket", **values)


CREATE_DEPARTMENT = """
mutation Create($input: CreateDepartmentInput!) {
  createDepartment(input: $input) {
    department { id code name localName orgPath version }
    userErrors { field code message }
  }
}
"""

CREATE_INTERACTION = """
mutation Create($input: CreateInteractionInput!) {
  createInteraction(input: $input) {
    interaction { id kind orgPath version }
    userErrors { field code message }
  }
}
"""

CREATE_TRAINING = """
mutation Create($input: CreateTrainingInput!) {
  createTraining(input: $input) {
    training { id trainedOn orgPath attendees { id contact { id } } }
    userErrors { field code message }
  }
}
"""


async def department(api: GraphQLClient, institution_id: str, **input: Any) -> dict[str, Any]:
    """A new department (心血管内科专业 unless told otherwise) at an institution."""
    values = {"institutionId": institution_id, "name": "心内科", **input}
    return await create(api, CREATE_DEPARTMENT, "createDepartment", "department", **values)


async def interaction(api: GraphQLClient, institution_id: str, **input: Any) -> dict[str, Any]:
    """A new visit at an institution."""
    values = {
        "institutionId": institution_id,
        "kind": "VISIT",
        "occurredAt": "2026-03-02T02:00:00+00:00",
        "ourPerson": "王销售",
        "summary": "主任对新监护仪感兴趣",
        **input,
    }
    return await create(api, CREATE_INTERACTION, "createInteraction", "interaction", **values)


async def training(
    api: GraphQLClient, institution_id: str, department_id: str, model_id: str, **input: Any
) -> dict[str, Any]:
    """A new training on a model for a department."""
    values = {
        "institutionId": institution_id,
        "departmentId": department_id,
        "deviceModelId": model_id,
        "trainer": "李工",
        "trainedOn": "2026-01-15",
        **input,
    }
    return await create(api, CREATE_TRAINING, "createTraining", "training", **values)
