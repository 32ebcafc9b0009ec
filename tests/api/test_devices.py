"""Device models, batches and devices: keys, consistency rules and the recall trace."""

from tests import factories
from tests.graphql_client import GraphQLClient

RECALL_TRACE = """
query Recall($model: ID!, $lot: String!) {
  batch(deviceModelId: $model, lotNumber: $lot) {
    lotNumber
    devices { serialNumber institution { name contacts { name mobile } } }
  }
}
"""


async def test_recall_trace_reaches_holders_and_their_contacts(api: GraphQLClient) -> None:
    hospital = await factories.institution(api, name="浙江大学医学院附属第一医院")
    await factories.contact(api, hospital["id"], name="王芳", mobile="13900001111")
    model = await factories.device_model(api)
    lot = await factories.batch(api, model["id"], lotNumber="L2405")
    await factories.device(
        api, model["id"], serialNumber="N12-0001", batchId=lot["id"], institutionId=hospital["id"]
    )
    await factories.device(api, model["id"], serialNumber="N12-0002", batchId=lot["id"])
    data = await api.data(RECALL_TRACE, model=model["id"], lot="L2405")
    assert data["batch"] == {
        "lotNumber": "L2405",
        "devices": [
            {
                "serialNumber": "N12-0001",
                "institution": {
                    "name": "浙江大学医学院附属第一医院",
                    "contacts": [{"name": "王芳", "mobile": "13900001111"}],
                },
            },
            {"serialNumber": "N12-0002", "institution": None},
        ],
    }


async def test_serial_number_is_unique_per_model(api: GraphQLClient) -> None:
    monitor = await factories.device_model(api)
    pump = await factories.device_model(api, name="SP5 输液泵", categoryCode="14-02")
    await factories.device(api, monitor["id"], serialNumber="X1")
    await factories.device(api, pump["id"], serialNumber="X1")
    payload = (
        await api.data(
            factories.CREATE_DEVICE, input={"deviceModelId": monitor["id"], "serialNumber": "X1"}
        )
    )["createDevice"]
    assert payload["userErrors"][0]["code"] == "DUPLICATE"
    assert payload["userErrors"][0]["field"] == ["input", "serialNumber"]


async def test_device_lookup_by_serial_and_model(api: GraphQLClient) -> None:
    model = await factories.device_model(api)
    await factories.device(
        api, model["id"], serialNumber="SN-77", udi="(01)06901234567892(21)SN-77"
    )
    data = await api.data(
        'query($m: ID!) { device(serialNumber: "SN-77", deviceModelId: $m) '
        "{ udi deviceModel { name deviceClass } } }",
        m=model["id"],
    )
    assert data["device"] == {
        "udi": "(01)06901234567892(21)SN-77",
        "deviceModel": {"name": "BeneVision N12 病人监护仪", "deviceClass": "II"},
    }


async def test_batch_of_another_model_is_refused(api: GraphQLClient) -> None:
    monitor = await factories.device_model(api)
    pump = await factories.device_model(api, name="SP5 输液泵")
    pump_lot = await factories.batch(api, pump["id"])
    payload = (
        await api.data(
            factories.CREATE_DEVICE,
            input={"deviceModelId": monitor["id"], "serialNumber": "S", "batchId": pump_lot["id"]},
        )
    )["createDevice"]
    assert payload["userErrors"][0]["code"] == "MISMATCH"


async def test_lot_number_is_unique_per_model(api: GraphQLClient) -> None:
    model = await factories.device_model(api)
    await factories.batch(api, model["id"], lotNumber="A1")
    payload = (
        await api.data(
            factories.CREATE_BATCH, input={"deviceModelId": model["id"], "lotNumber": "A1"}
        )
    )["createBatch"]
    assert payload["userErrors"][0]["code"] == "DUPLICATE"


async def test_batch_must_expire_after_manufacture(api: GraphQLClient) -> None:
    model = await factories.device_model(api)
    payload = (
        await api.data(
            factories.CREATE_BATCH,
            input={
                "deviceModelId": model["id"],
                "lotNumber": "B1",
                "manufacturedOn": "2025-05-01",
                "expiresOn": "2025-04-01",
            },
        )
    )["createBatch"]
    assert payload["userErrors"][0]["field"] == ["input", "expiresOn"]


async def test_device_takes_its_holders_org_path(api: GraphQLClient) -> None:
    hospital = await factories.institution(api, orgPath="cn/south/guangzhou")
    model = await factories.device_model(api)
    device = await factories.device(api, model["id"], institutionId=hospital["id"])
    assert device["orgPath"] == "cn/south/guangzhou"


async def test_device_relations_both_ways(api: GraphQLClient) -> None:
    hospital = await factories.institution(api, name="四川大学华西医院")
    model = await factories.device_model(api)
    device = await factories.device(api, model["id"], institutionId=hospital["id"])
    await factories.ticket(api, hospital["id"], deviceId=device["id"], summary="报警无声")
    data = await api.data(
        "query($id: ID!) { node(id: $id) { ... on Device { institution { name } "
        "deviceModel { manufacturer } tickets { summary } contracts { number } } } }",
        id=device["id"],
    )
    assert data["node"] == {
        "institution": {"name": "四川大学华西医院"},
        "deviceModel": {"manufacturer": "深圳迈瑞生物医疗电子股份有限公司"},
        "tickets": [{"summary": "报警无声"}],
        "contracts": [],
    }


async def test_invalid_udi_di_is_refused(api: GraphQLClient) -> None:
    payload = (
        await api.data(
            factories.CREATE_MODEL,
            input={"name": "X", "manufacturer": "Y", "deviceClass": "I", "udiDi": "12AB"},
        )
    )["createDeviceModel"]
    assert payload["userErrors"][0]["field"] == ["input", "udiDi"]
