from typing import Optional

from .base_model import BaseModel
from .fragments import TicketFields


class TicketByNumber(BaseModel):
    ticket: Optional["TicketByNumberTicket"]


TicketByNumberTicket = TicketFields
TicketByNumber.model_rebuild()
