"""GraphQL presentation of institutions."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import certificate as certificate_db
from hub.db import contact as contact_db
from hub.db import contract as contract_db
from hub.db import credit as credit_db
from hub.db import department as department_db
from hub.db import device as device_db
from hub.db import interaction as interaction_db
from hub.db import ticket as ticket_db
from hub.db import training as training_db
from hub.db.enums import (
    InstitutionKind,
    InstitutionStatus,
    InteractionKind,
    QualificationStatus,
    TicketStatus,
)
from hub.db.institution import Institution as InstitutionRow
from hub.quality.clock import today
from hub.quality.data_quality import assess
from hub.quality.qualification import qualify
from hub.schema import relations
from hub.schema.common_inputs import SourceInput
from hub.schema.connection import Connection
from hub.schema.credit import CreditStatus
from hub.schema.maintenance import MaintenanceDue, check_window
from hub.schema.node import REDIRECT_DESCRIPTION, Record, redirect_of, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type, possible_duplicate_type
from hub.schema.quality import DataQuality, Qualification
from hub.schema.service import From, ServiceMetrics, To, period, present_metrics
from hub.schema.timeline import TimelineEntry
from hub.schema.timeline_pages import timeline_of
from hub.store import (
    certificates,
    contacts,
    contracts,
    credit_requests,
    departments,
    devices,
    institutions,
    interactions,
    receivables,
    tickets,
    trainings,
)
from hub.store.service_metrics import MetricsGroup
from hub.store.timeline import TimelineKind

if TYPE_CHECKING:
    from hub.schema.certificate import Certificate
    from hub.schema.contact import Contact
    from hub.schema.contract import Contract
    from hub.schema.credit import CreditProfile, Receivable
    from hub.schema.department import Department
    from hub.schema.device import Device
    from hub.schema.interaction import Interaction
    from hub.schema.ticket import Ticket
    from hub.schema.training import Training

_MODULE = "hub.schema."
_PARENT = relations.One(InstitutionRow, "parent_id")
_CHILDREN = relations.Many(institutions.LISTING, InstitutionRow.parent_id)
_MERGED_INTO = relations.One(InstitutionRow, "merged_into_id")
_CONTACTS = relations.Many(contacts.LISTING, contact_db.Contact.institution_id)
_DEVICES = relations.Many(devices.LISTING, device_db.Device.institution_id)
_CONTRACTS = relations.Many(contracts.LISTING, contract_db.Contract.institution_id)
_CERTIFICATES = relations.Many(certificates.LISTING, certificate_db.Certificate.institution_id)
_TICKETS = relations.Many(tickets.LISTING, ticket_db.Ticket.institution_id)


@registers(InstitutionRow)
@strawberry.type(description="A hospital, clinic, distributor, pharmacy or one of their branches.")
class Institution(Record):
    code: str | None
    name: str | None
    kind: InstitutionKind | None
    grade: str | None = strawberry.field(description="Hospital grade, e.g. 三级甲等.")
    uscc: str | None = strawberry.field(
        description="统一社会信用代码 (unified social credit code)."
    )
    region_code: str | None = strawberry.field(description="GB/T 2260 six-digit region code.")
    address: str | None
    status: InstitutionStatus | None
    tags: list[str] | None
    credit_rating: str | None
    credit_limit: Decimal | None
    qualification_status: QualificationStatus | None = strawberry.field(
        description="The status stored by the last screening (null: never screened); "
        "its changes are in the change feed."
    )

    @strawberry.field(description="Qualification computed now from approved certificates.")
    async def qualification(self, info: Info, on: date | None = None) -> Qualification | None:
        day = on or today()
        held = await info.context.loaders.certificates_of().load(self.row.id)
        return Qualification.of(qualify(self.row, held, info.context.rules, day), day)

    @strawberry.field(
        description="Credit standing derived now from the governing profile and receivables."
    )
    async def credit_status(self, info: Info) -> CreditStatus | None:
        day = today()
        loader = info.context.loaders.credit_standing(info.context.credit_rules, day)
        return CreditStatus.of(await loader.load(self.row.id), day)

    @strawberry.field(
        description="Its own credit profile (a branch may be covered by its group's)."
    )
    async def credit_profile(
        self, info: Info
    ) -> Annotated["CreditProfile", strawberry.lazy(_MODULE + "credit")] | None:
        profiles = await relations.many(
            info,
            credit_requests.PROFILE_LISTING,
            credit_db.CreditProfile.institution_id,
            self.row.id,
            1,
        )
        return profiles[0] if profiles else None

    @strawberry.field(description="Receivables the ERP reported, earliest due first.")
    async def receivables(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Receivable", strawberry.lazy(_MODULE + "credit")]] | None:
        return await relations.many(
            info, receivables.LISTING, credit_db.Receivable.institution_id, self.row.id, first
        )

    @strawberry.field(description="Its devices due for maintenance within the window.")
    async def maintenance_due(
        self, info: Info, within_days: int = 30
    ) -> list[MaintenanceDue] | None:
        check_window(within_days)
        day = today()
        found = await info.context.loaders.maintenance_due(day, within_days).load(self.row.id)
        return [MaintenanceDue.of(due, day) for due in found]

    @strawberry.field(description="Its service KPIs over the period (null: no tickets in it).")
    async def service_metrics(self, info: Info, start: From, to: To) -> ServiceMetrics | None:
        first, after = period(start, to)
        found = await info.context.loaders.service_metrics(first, after).load(self.row.id)
        return None if found is None else present_metrics(found, MetricsGroup.INSTITUTION)

    @strawberry.field(description="How complete and correct this record is.")
    def data_quality(self, info: Info) -> DataQuality | None:
        return DataQuality.of(assess(self.row, info.context.rules, InstitutionRow))

    @strawberry.field(
        description="The group or head office this is a branch of.", metadata=_PARENT.metadata
    )
    async def parent(self, info: Info) -> "Institution | None":
        return await _PARENT.resolve(info, self.row)

    @strawberry.field(description="Branches and campuses.", metadata=_CHILDREN.metadata)
    async def children(self, info: Info, first: int | None = None) -> list["Institution"] | None:
        return await _CHILDREN.resolve(info, self.row, first)

    @strawberry.field(description=REDIRECT_DESCRIPTION)
    def redirected_from(self) -> strawberry.ID | None:
        return redirect_of(self)

    @strawberry.field(
        description="The surviving record, when this one was merged.",
        metadata=_MERGED_INTO.metadata,
    )
    async def merged_into(self, info: Info) -> "Institution | None":
        return await _MERGED_INTO.resolve(info, self.row)

    @strawberry.field(metadata=_CONTACTS.metadata)
    async def contacts(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Contact", strawberry.lazy(_MODULE + "contact")]] | None:
        return await _CONTACTS.resolve(info, self.row, first)

    @strawberry.field(description="Devices this institution holds.", metadata=_DEVICES.metadata)
    async def devices(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Device", strawberry.lazy(_MODULE + "device")]] | None:
        return await _DEVICES.resolve(info, self.row, first)

    @strawberry.field(metadata=_CONTRACTS.metadata)
    async def contracts(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Contract", strawberry.lazy(_MODULE + "contract")]] | None:
        return await _CONTRACTS.resolve(info, self.row, first)

    @strawberry.field(metadata=_CERTIFICATES.metadata)
    async def certificates(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Certificate", strawberry.lazy(_MODULE + "certificate")]] | None:
        return await _CERTIFICATES.resolve(info, self.row, first)

    @strawberry.field(
        description="Service tickets, optionally only those in some statuses.",
        metadata=_TICKETS.metadata,
    )
    async def tickets(
        self,
        info: Info,
        statuses: list[TicketStatus] | None = None,
        first: int | None = None,
    ) -> list[Annotated["Ticket", strawberry.lazy(_MODULE + "ticket")]] | None:
        return await _TICKETS.resolve(info, self.row, first, statuses=statuses)

    @strawberry.field(
        description="The customer's history, newest first: certificates, contracts, tickets, "
        "demo loans, authorisations, merges. Only what the caller may read, row and field."
    )
    async def timeline(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        kinds: list[TimelineKind] | None = None,
        since: Annotated[date | None, strawberry.argument(name="from")] = None,
        until: Annotated[date | None, strawberry.argument(name="to")] = None,
    ) -> Connection[TimelineEntry]:
        return await timeline_of(info, self.row.id, first, after, kinds, since, until)

    @strawberry.field(description="Departments (科室), by dictionary code.")
    async def departments(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Department", strawberry.lazy(_MODULE + "department")]] | None:
        return await relations.many(
            info,
            departments.LISTING,
            department_db.Department.institution_id,
            self.row.id,
            first,
        )

    @strawberry.field(description="Interactions, oldest first; optionally only some kinds.")
    async def interactions(
        self,
        info: Info,
        kinds: list[InteractionKind] | None = None,
        first: int | None = None,
    ) -> list[Annotated["Interaction", strawberry.lazy(_MODULE + "interaction")]] | None:
        return await relations.many(
            info,
            interactions.LISTING,
            interaction_db.Interaction.institution_id,
            self.row.id,
            first,
            kinds=kinds,
        )

    @strawberry.field(description="Trainings held for this institution's departments.")
    async def trainings(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Training", strawberry.lazy(_MODULE + "training")]] | None:
        return await relations.many(
            info, trainings.LISTING, training_db.Training.institution_id, self.row.id, first
        )


@strawberry.input(description="Which institutions to list; all conditions must hold.")
class InstitutionFilter:
    name_contains: str | None = None
    code: str | None = None
    kinds: list[InstitutionKind] | None = None
    statuses: list[InstitutionStatus] | None = strawberry.field(
        default=None, description="Default: ACTIVE and BLOCKED."
    )
    region_prefix: str | None = strawberry.field(
        default=None, description="e.g. 31 for Shanghai, 4403 for Shenzhen."
    )
    org_path_prefix: str | None = None
    parent_id: strawberry.ID | None = None
    grade: str | None = None


InstitutionOrder = order_input("Institution", institutions.LISTING)


@strawberry.input
class CreateInstitutionInput:
    name: str
    kind: InstitutionKind
    code: str | None = strawberry.field(default=None, description="Generated when omitted.")
    grade: str | None = None
    uscc: str | None = None
    region_code: str | None = None
    address: str | None = None
    parent_id: strawberry.ID | None = None
    tags: list[str] | None = None
    credit_rating: str | None = None
    credit_limit: Decimal | None = None
    org_path: str | None = strawberry.field(default=None, description="Default: the parent's.")


@strawberry.input(description="Only the fields given are changed; null clears a field.")
class UpdateInstitutionInput:
    id: strawberry.ID
    expected_version: int | None = None
    name: str | None = strawberry.UNSET
    kind: InstitutionKind | None = strawberry.UNSET
    code: str | None = strawberry.UNSET
    grade: str | None = strawberry.UNSET
    uscc: str | None = strawberry.UNSET
    region_code: str | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    parent_id: strawberry.ID | None = strawberry.UNSET
    status: InstitutionStatus | None = strawberry.UNSET
    tags: list[str] | None = strawberry.UNSET
    credit_rating: str | None = strawberry.UNSET
    credit_limit: Decimal | None = strawberry.UNSET
    org_path: str | None = strawberry.UNSET


@strawberry.input(description="Create or update the institution a source-system ID refers to.")
class UpsertInstitutionInput(CreateInstitutionInput):
    source: SourceInput


InstitutionDuplicate = possible_duplicate_type(Institution)
InstitutionPayload = payload_type(
    Institution, "institution", {"possible_duplicates": InstitutionDuplicate}
)
