from typing import Optional

from .base_model import BaseModel
from .fragments import DeviceFields


class DeviceBySerialAndModel(BaseModel):
    device: Optional["DeviceBySerialAndModelDevice"]


DeviceBySerialAndModelDevice = DeviceFields
DeviceBySerialAndModel.model_rebuild()
