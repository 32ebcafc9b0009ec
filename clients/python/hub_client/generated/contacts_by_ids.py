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
        "Batch",
        "Certificate",
        "Contract",
        "Device",
        "DeviceModel",
        "DuplicateCandidate",
        "Institution",
        "MaintenancePlan",
        "MergeEvent",
        "Node",
        "SourceRecord",
        "Ticket",
    ] = Field(alias="__typename")


class ContactsByIdsNodesContact(ContactFields):
    typename__: Literal["Contact"] = Field(alias="__typename")
    redirected_from: Optional[str] = Field(alias="redirectedFrom")


ContactsByIds.model_rebuild()
