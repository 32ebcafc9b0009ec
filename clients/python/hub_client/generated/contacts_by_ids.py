from typing import Annotated, Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    ContactFields,
    ContactFieldsInstitution,  # noqa: F401
)


class ContactsByIds(BaseModel):
    nodes: list[
        Optional[
            Annotated[
                Union["ContactsByIdsNodesNode", "ContactsByIdsNodesContact"],
                Field(discriminator="typename__"),
            ]
        ]
    ]


class ContactsByIdsNodesNode(BaseModel):
    typename__: Literal[
        "Authorisation",
        "Batch",
        "Certificate",
        "Contract",
        "CreditProfile",
        "CreditRequest",
        "DemoLoan",
        "Department",
        "Device",
        "DeviceModel",
        "DuplicateCandidate",
        "Institution",
        "Interaction",
        "InteractionParticipant",
        "MaintenancePlan",
        "MergeEvent",
        "Node",
        "Receivable",
        "SourceRecord",
        "Ticket",
        "Training",
        "TrainingAttendee",
    ] = Field(alias="__typename")


class ContactsByIdsNodesContact(ContactFields):
    typename__: Literal["Contact"] = Field(alias="__typename")
    redirected_from: Optional[str] = Field(alias="redirectedFrom")


ContactsByIds.model_rebuild()
