"""GraphQL presentation of channel authorisation letters and chains."""

import asyncio
import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import institution as institution_db
from hub.db.authorisation import Authorisation as AuthorisationRow
from hub.db.device import DeviceModel as DeviceModelRow
from hub.db.enums import RecordStatus, ReviewStatus
from hub.dock.authorisation_chain import Chain, LinkStatus
from hub.schema import relations
from hub.schema.catalogue import DeviceModel
from hub.schema.certificate import ReviewDecision
from hub.schema.common_inputs import SourceInput
from hub.schema.node import Record, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import authorisations

if TYPE_CHECKING:
    from hub.schema.institution import Institution

strawberry.enum(LinkStatus, description="How one link of an authorisation chain stands.")


@registers(AuthorisationRow)
@strawberry.type(
    description="An authorisation letter (授权书): the grantor authorises the institution "
    "(a distributor) for device models or catalogue categories, in regions, for a period."
)
class Authorisation(Record):
    number: str | None = strawberry.field(description="授权书编号.")
    categories: list[str] | None = strawberry.field(
        description="Catalogue categories covered (a product line), e.g. 07 or 07-03."
    )
    regions: list[str] | None = strawberry.field(
        description="GB/T 2260 codes; 310000 covers all of Shanghai."
    )
    valid_from: date | None
    valid_to: date | None
    tender: str | None = strawberry.field(description="Tender (招标) number of a project letter.")
    document: str | None = strawberry.field(description="Reference to the scanned letter.")
    review_status: ReviewStatus | None
    submitted_by: str | None
    first_reviewer: str | None
    first_reviewed_at: datetime | None
    first_comment: str | None
    second_reviewer: str | None
    second_reviewed_at: datetime | None
    second_comment: str | None
    status: RecordStatus | None

    @strawberry.field(description="Who grants it: the manufacturer or an authorised distributor.")
    async def grantor(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None:
        return await relations.one(info, institution_db.Institution, self.row.grantor_id)

    @strawberry.field(description="The authorised distributor.")
    async def institution(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)

    @strawberry.field(description="The hospital of a project letter (项目授权).")
    async def hospital(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None:
        return await relations.one(info, institution_db.Institution, self.row.hospital_id)

    @strawberry.field(description="Device models named in the letter.")
    async def device_models(self, info: Info) -> list[DeviceModel] | None:
        ids = [uuid.UUID(value) for value in self.row.device_model_ids]
        return list(await asyncio.gather(*(relations.one(info, DeviceModelRow, i) for i in ids)))


@strawberry.type(
    description="One tier of a channel: the letter the grantee holds, and how it stands."
)
class AuthorisationLink:
    position: int = strawberry.field(description="1 is the distributor asked about.")
    status: LinkStatus
    message: str
    grantee_id: strawberry.Private[uuid.UUID]
    letter_row: strawberry.Private[AuthorisationRow | None]

    @strawberry.field(description="The party holding (or lacking) the letter.")
    async def grantee(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None:
        return await relations.one(info, institution_db.Institution, self.grantee_id)

    @strawberry.field(description="The letter; null when the grantee holds none that applies.")
    async def authorisation(self, info: Info) -> Authorisation | None:
        if self.letter_row is None:
            return None
        return await relations.one(info, AuthorisationRow, self.letter_row.id)


@strawberry.type(description="The channel from a distributor up to the manufacturer.")
class AuthorisationChain:
    complete: bool = strawberry.field(description="Every link valid, up to the manufacturer.")
    links: list[AuthorisationLink]
    broken_link: AuthorisationLink | None = strawberry.field(
        description="The first link that is not VALID."
    )

    @classmethod
    def of(cls, chain: Chain) -> "AuthorisationChain":
        """The GraphQL form of a walked chain."""
        links = [
            AuthorisationLink(
                position=link.position,
                status=link.status,
                message=link.message,
                grantee_id=link.grantee.id,
                letter_row=link.letter,
            )
            for link in chain.links
        ]
        broken = next((link for link in links if link.status is not LinkStatus.VALID), None)
        return cls(complete=chain.complete, links=links, broken_link=broken)


@strawberry.input
class AuthorisationFilter:
    number_contains: str | None = None
    institution_id: strawberry.ID | None = None
    grantor_id: strawberry.ID | None = None
    review_statuses: list[ReviewStatus] | None = None
    statuses: list[RecordStatus] | None = None
    org_path_prefix: str | None = None
    valid_to_before: date | None = None


AuthorisationOrder = order_input("Authorisation", authorisations.LISTING)


@strawberry.input(
    description="Name device models, catalogue categories (a product line), or both; "
    "give hospitalId or tender for a project letter (项目授权)."
)
class CreateAuthorisationInput:
    number: str
    grantor_id: strawberry.ID
    institution_id: strawberry.ID
    regions: list[str]
    valid_from: date
    valid_to: date
    device_model_ids: list[strawberry.ID] | None = None
    categories: list[str] | None = None
    hospital_id: strawberry.ID | None = None
    tender: str | None = None
    document: str | None = None


@strawberry.input(description="Only the fields given are changed; null clears a field.")
class UpdateAuthorisationInput:
    id: strawberry.ID
    expected_version: int | None = None
    number: str | None = strawberry.UNSET
    regions: list[str] | None = strawberry.UNSET
    valid_from: date | None = strawberry.UNSET
    valid_to: date | None = strawberry.UNSET
    device_model_ids: list[strawberry.ID] | None = strawberry.UNSET
    categories: list[str] | None = strawberry.UNSET
    hospital_id: strawberry.ID | None = strawberry.UNSET
    tender: str | None = strawberry.UNSET
    document: str | None = strawberry.UNSET


@strawberry.input(description="Create or update the letter a source-system ID refers to.")
class UpsertAuthorisationInput(CreateAuthorisationInput):
    source: SourceInput


AuthorisationPayload = payload_type(Authorisation, "authorisation")


@strawberry.input(
    description="One review step; the two approvals need two people, neither the submitter."
)
class ReviewAuthorisationInput:
    id: strawberry.ID
    decision: ReviewDecision
    comment: str | None = strawberry.field(default=None, description="Required to reject.")
    expected_version: int | None = None
