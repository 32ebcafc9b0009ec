from pydantic import Field

from .base_model import BaseModel
from .fragments import TicketFields, UserErrorFields


class RecordSlaBreaches(BaseModel):
    record_sla_breaches: "RecordSlaBreachesRecordSlaBreaches" = Field(
        alias="recordSlaBreaches"
    )


class RecordSlaBreachesRecordSlaBreaches(BaseModel):
    breached: list["RecordSlaBreachesRecordSlaBreachesBreached"]
    user_errors: list["RecordSlaBreachesRecordSlaBreachesUserErrors"] = Field(
        alias="userErrors"
    )


RecordSlaBreachesRecordSlaBreachesBreached = TicketFields
RecordSlaBreachesRecordSlaBreachesUserErrors = UserErrorFields
RecordSlaBreaches.model_rebuild()
RecordSlaBreachesRecordSlaBreaches.model_rebuild()
