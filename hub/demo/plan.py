"""The demo data as plain values: what to create, before anything touches a database.

Rows refer to each other as plan objects; `values(ids)` turns a plan into the input of its
store function, looking up the database ids of the rows it refers to by their plan keys.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hub.db.enums import (
    BatchStatus,
    CertificateKind,
    ContactRole,
    ContractKind,
    ContractStatus,
    DeviceStatus,
    InstitutionKind,
    ReviewStatus,
    TicketKind,
    TicketPriority,
)
from hub.demo.catalogue import Product
from hub.demo.places import District
from hub.store.source_records import SourceKey

if TYPE_CHECKING:
    from hub.demo.channel import LetterPlan, LoanPlan
    from hub.demo.credit import CreditPlan
    from hub.demo.service import ServiceDemo

Ids = Mapping[str, uuid.UUID]


@dataclass(eq=False)
class InstitutionPlan:
    """An institution; `sources` are the source-system IDs it is known by."""

    code: str
    name: str
    kind: InstitutionKind
    district: District
    address: str
    org_path: str
    founded: date
    grade: str | None = None
    uscc: str | None = None
    parent: "InstitutionPlan | None" = None
    tags: list[str] = field(default_factory=list)
    credit_rating: str | None = None
    credit_limit: Decimal | None = None
    sources: list[SourceKey] = field(default_factory=list)

    @property
    def key(self) -> str:
        """How other plans refer to this one."""
        return f"institution:{self.code}"

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `institutions.create`."""
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "grade": self.grade,
            "uscc": self.uscc,
            "region_code": self.district.code,
            "address": self.address,
            "parent_id": ids[self.parent.key] if self.parent else None,
            "org_path": self.org_path,
            "tags": self.tags,
            "credit_rating": self.credit_rating,
            "credit_limit": self.credit_limit,
        }


@dataclass(eq=False)
class ContactPlan:
    """A person at an institution."""

    number: int
    institution: InstitutionPlan
    name: str
    role: ContactRole
    title: str
    department: str
    mobile: str | None = None
    office_phone: str | None = None
    email: str | None = None
    id_number: str | None = None

    @property
    def key(self) -> str:
        """How other plans refer to this one."""
        return f"contact:{self.number}"

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `contacts.create`."""
        return {
            "institution_id": ids[self.institution.key],
            "name": self.name,
            "role": self.role,
            "title": self.title,
            "department": self.department,
            "mobile": self.mobile,
            "office_phone": self.office_phone,
            "email": self.email,
            "id_number": self.id_number,
        }


@dataclass(eq=False)
class ModelPlan:
    """A device model, straight from the catalogue."""

    product: Product

    @property
    def key(self) -> str:
        """How other plans refer to this one."""
        return f"model:{self.product.udi_di}"

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `catalogue.create_model`."""
        product = self.product
        return {
            "name": product.name,
            "manufacturer": product.maker.name,
            "device_class": product.device_class,
            "category_code": product.category_code,
            "registration_number": product.registration_number,
            "udi_di": product.udi_di,
        }


@dataclass(eq=False)
class BatchPlan:
    """A production lot of a model."""

    model: ModelPlan
    lot_number: str
    manufactured_on: date
    expires_on: date
    status: BatchStatus = BatchStatus.ACTIVE

    @property
    def key(self) -> str:
        """How other plans refer to this one."""
        return f"batch:{self.model.product.udi_di}:{self.lot_number}"

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `catalogue.create_batch`."""
        return {
            "device_model_id": ids[self.model.key],
            "lot_number": self.lot_number,
            "manufactured_on": self.manufactured_on,
            "expires_on": self.expires_on,
            "status": self.status,
        }


@dataclass(eq=False)
class DevicePlan:
    """One physical unit; `holder` None means it sits in our own warehouse."""

    batch: BatchPlan
    serial_number: str
    status: DeviceStatus
    holder: InstitutionPlan | None = None
    installed_on: date | None = None
    warranty_ends_on: date | None = None
    next_maintenance_on: date | None = None

    @property
    def product(self) -> Product:
        """What kind of device this is."""
        return self.batch.model.product

    @property
    def key(self) -> str:
        """How other plans refer to this one."""
        return f"device:{self.product.udi_di}:{self.serial_number}"

    @property
    def udi(self) -> str:
        """The GS1 UDI in human-readable form, as a scanner reports the label."""
        batch = self.batch
        return (
            f"(01){self.product.udi_di}(11){batch.manufactured_on:%y%m%d}"
            f"(17){batch.expires_on:%y%m%d}(10){batch.lot_number}(21){self.serial_number}"
        )

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `devices.create`."""
        return {
            "device_model_id": ids[self.batch.model.key],
            "batch_id": ids[self.batch.key],
            "serial_number": self.serial_number,
            "udi": self.udi,
            "institution_id": ids[self.holder.key] if self.holder else None,
            "installed_on": self.installed_on,
            "warranty_ends_on": self.warranty_ends_on,
            "next_maintenance_on": self.next_maintenance_on,
            "status": self.status,
        }


@dataclass(eq=False)
class ContractPlan:
    """A contract and the devices it covers; `archived` ones are archived after creation."""

    number: str
    holder: InstitutionPlan
    kind: ContractKind
    starts_on: date
    ends_on: date
    amount: Decimal
    status: ContractStatus
    devices: list[DevicePlan] = field(default_factory=list)
    archived: bool = False
    service_levels: list[dict[str, Any]] = field(default_factory=list)

    @property
    def key(self) -> str:
        """How other plans refer to this one."""
        return f"contract:{self.number}"

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `contracts.create`."""
        return {
            "number": self.number,
            "institution_id": ids[self.holder.key],
            "kind": self.kind,
            "starts_on": self.starts_on,
            "ends_on": self.ends_on,
            "amount": self.amount,
            "currency": "CNY",
            "status": self.status,
            "device_ids": [ids[device.key] for device in self.devices],
            "service_levels": self.service_levels,
        }


@dataclass(eq=False)
class CertificatePlan:
    """A licence, filing or personal document of an institution or a contact."""

    holder: InstitutionPlan | ContactPlan
    kind: CertificateKind
    number: str
    issuer: str
    valid_from: date | None
    valid_to: date | None
    review_status: ReviewStatus
    scope: dict[str, list[str]] = field(default_factory=dict)
    document: str | None = None

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `certificates.create`."""
        by_institution = isinstance(self.holder, InstitutionPlan)
        return {
            "institution_id": ids[self.holder.key] if by_institution else None,
            "contact_id": None if by_institution else ids[self.holder.key],
            "kind": self.kind,
            "number": self.number,
            "issuer": self.issuer,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "scope": self.scope,
            "review_status": self.review_status,
            "document": self.document,
        }


@dataclass(eq=False)
class TicketPlan:
    """A ticket, opened and then walked through `steps` (updates), maybe archived at the end."""

    number: str
    holder: InstitutionPlan
    kind: TicketKind
    priority: TicketPriority
    summary: str
    opened_at: datetime
    due_at: datetime
    device: DevicePlan | None = None
    contact: ContactPlan | None = None
    steps: list[dict[str, Any]] = field(default_factory=list)
    archived: bool = False

    def values(self, ids: Ids) -> dict[str, Any]:
        """Input of `tickets.create`."""
        return {
            "number": self.number,
            "institution_id": ids[self.holder.key],
            "device_id": ids[self.device.key] if self.device else None,
            "contact_id": ids[self.contact.key] if self.contact else None,
            "kind": self.kind,
            "priority": self.priority,
            "summary": self.summary,
            "opened_at": self.opened_at,
            "due_at": self.due_at,
        }


@dataclass
class DemoPlan:
    """Everything the demo creates, in an order that satisfies every reference."""

    institutions: list[InstitutionPlan]
    contacts: list[ContactPlan]
    models: list[ModelPlan]
    batches: list[BatchPlan]
    devices: list[DevicePlan]
    contracts: list[ContractPlan]
    certificates: list[CertificatePlan]
    tickets: list[TicketPlan]
    # The sales channel (hub/demo/channel.py): authorisation letters and demo loans.
    letters: list["LetterPlan"] = field(default_factory=list)
    loans: list["LoanPlan"] = field(default_factory=list)
    credit: list["CreditPlan"] = field(default_factory=list)
    service: "ServiceDemo | None" = None
