from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import DeviceClass


class DeviceModelsByUdiDi(BaseModel):
    device_models: "DeviceModelsByUdiDiDeviceModels" = Field(alias="deviceModels")


class DeviceModelsByUdiDiDeviceModels(BaseModel):
    nodes: list["DeviceModelsByUdiDiDeviceModelsNodes"]


class DeviceModelsByUdiDiDeviceModelsNodes(BaseModel):
    id: str
    name: Optional[str]
    device_class: Optional[DeviceClass] = Field(alias="deviceClass")
    udi_di: Optional[str] = Field(alias="udiDi")


DeviceModelsByUdiDi.model_rebuild()
DeviceModelsByUdiDiDeviceModels.model_rebuild()
