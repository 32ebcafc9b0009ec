from pydantic import Field

from .base_model import BaseModel
from .fragments import ComplianceFields


class ShipCheck(BaseModel):
    ship_check: "ShipCheckShipCheck" = Field(alias="shipCheck")


ShipCheckShipCheck = ComplianceFields
ShipCheck.model_rebuild()
