from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import TicketFields, UserErrorFields


class UpdateTicket(BaseModel):
    update_ticket: "UpdateTicketUpdateTicket" = Field(alias="updateTicket")


class UpdateTicketUpdateTicket(BaseModel):
    ticket: Optional["UpdateTicketUpdateTicketTicket"]
    user_errors: list["UpdateTicketUpdateTicketUserErrors"] = Field(alias="userErrors")


UpdateTicketUpdateTicketTicket = TicketFields
UpdateTicketUpdateTicketUserErrors = UserErrorFields
UpdateTicket.model_rebuild()
UpdateTicketUpdateTicket.model_rebuild()
