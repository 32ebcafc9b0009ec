from pydantic import Field

from .base_model import BaseModel
from .fragments import DeviceFields, PageInfoFields


class DevicesBySerial(BaseModel):
    devices: "DevicesBySerialDevices"


class DevicesBySerialDevices(BaseModel):
    page_info: "DevicesBySerialDevicesPageInfo" = Field(alias="pageInfo")
    nodes: list["DevicesBySerialDevicesNodes"]


DevicesBySerialDevicesPageInfo = PageInfoFields
DevicesBySerialDevicesNodes = DeviceFields
DevicesBySerial.model_rebuild()
DevicesBySerialDevices.model_rebuild()
