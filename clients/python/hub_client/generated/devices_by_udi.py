from .base_model import BaseModel
from .fragments import DeviceFields


class DevicesByUdi(BaseModel):
    devices: "DevicesByUdiDevices"


class DevicesByUdiDevices(BaseModel):
    nodes: list["DevicesByUdiDevicesNodes"]


DevicesByUdiDevicesNodes = DeviceFields
DevicesByUdi.model_rebuild()
DevicesByUdiDevices.model_rebuild()
