from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import TicketFields, UserErrorFields


class CreateTicket(BaseModel):
    create_ticket: "CreateTicketCreateTicket" = Field(alias="createTicket")


class CreateTicketCreateTicket(BaseModel):
    ticket: Optional["CreateTicketCreateTicketTicket"]
    user_errors: list["CreateTicketCreateTicketUserErrors"] = Field(alias="userErrors")


CreateTicketCreateTicketTicket = TicketFields
CreateTicketCreateTicketUserErrors = UserErrorFields
CreateTicket.model_rebuild()
CreateTicketCreateTicket.model_rebuild()
