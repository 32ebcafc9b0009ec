from typing import Annotated, Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import InstitutionFields


class InstitutionsByIds(BaseModel):
    nodes: list[
        Optional[
            Annotated[
                Union[
                    "InstitutionsByIdsNodesNode", "InstitutionsByIdsNodesInstitution"
                ],
                Field(discriminator="typename__"),
            ]
        ]
    ]


class InstitutionsByIdsNodesNode(BaseModel):
    typename__: Literal[
        "Authorisation",
        "Batch",
        "Certificate",
        "Contact",
        "Contract",
        "CreditProfile",
        "CreditRequest",
        "DemoLoan",
        "Department",
        "Device",
        "DeviceModel",
        "DuplicateCandidate",
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


class InstitutionsByIdsNodesInstitution(InstitutionFields):
    typename__: Literal["Institution"] = Field(alias="__typename")
    redirected_from: Optional[str] = Field(alias="redirectedFrom")


InstitutionsByIds.model_rebuild()
