"""GraphQL presentation of departments (科室) and the department dictionary."""

from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import contact as contact_db
from hub.db import device as device_db
from hub.db import institution as institution_db
from hub.db.department import Department as DepartmentRow
from hub.db.enums import DepartmentCategory, RecordStatus
from hub.quality.department_dictionary import DepartmentEntry
from hub.schema import relations
from hub.schema.common_inputs import SourceInput
from hub.schema.node import REDIRECT_DESCRIPTION, Record, redirect_of, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type
from hub.store import contacts, departments, devices

if TYPE_CHECKING:
    from hub.schema.contact import Contact
    from hub.schema.device import Device
    from hub.schema.institution import Institution

_MODULE = "hub.schema."


@registers(DepartmentRow)
@strawberry.type(description="A department (科室) of an institution, coded from the dictionary.")
class Department(Record):
    code: str | None = strawberry.field(
        description="Dictionary code: 诊疗科目 such as 03.04, or A01… for offices."
    )
    name: str | None = strawberry.field(description="Standard name, e.g. 心血管内科专业.")
    local_name: str | None = strawberry.field(description="What the hospital calls it (心内科).")
    category: DepartmentCategory | None
    status: RecordStatus | None

    @strawberry.field
    async def institution(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy(_MODULE + "institution")] | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)

    @strawberry.field(description=REDIRECT_DESCRIPTION)
    def redirected_from(self) -> strawberry.ID | None:
        return redirect_of(self)

    @strawberry.field(description="The department of the same code this one was merged into.")
    async def merged_into(self, info: Info) -> "Department | None":
        return await relations.one(info, DepartmentRow, self.row.merged_into_id)

    @strawberry.field(description="People who work in this department.")
    async def contacts(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Contact", strawberry.lazy(_MODULE + "contact")]] | None:
        return await relations.many(
            info, contacts.LISTING, contact_db.Contact.department_id, self.row.id, first
        )

    @strawberry.field(description="Devices installed in this department.")
    async def devices(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Device", strawberry.lazy(_MODULE + "device")]] | None:
        return await relations.many(
            info, devices.LISTING, device_db.Device.department_id, self.row.id, first
        )


@strawberry.type(description="One entry of the department dictionary (departments.toml).")
class DepartmentDictionaryEntry:
    code: str
    name: str
    category: DepartmentCategory
    synonyms: list[str]

    @classmethod
    def of(cls, entry: DepartmentEntry) -> "DepartmentDictionaryEntry":
        """The GraphQL view of a dictionary entry."""
        return cls(
            code=entry.code,
            name=entry.name,
            category=entry.category,
            synonyms=list(entry.synonyms),
        )


@strawberry.input
class DepartmentFilter:
    name_contains: str | None = None
    code: str | None = None
    code_prefix: str | None = strawberry.field(default=None, description="e.g. 03 for 内科.")
    institution_id: strawberry.ID | None = None
    categories: list[DepartmentCategory] | None = None
    statuses: list[RecordStatus] | None = strawberry.field(
        default=None, description="Default: ACTIVE."
    )
    org_path_prefix: str | None = None


DepartmentOrder = order_input("Department", departments.LISTING)


@strawberry.input(
    description="Give the dictionary code, or a name the dictionary knows (心内科 → 03.04); "
    "an unknown name is refused with UNKNOWN_CODE, never guessed."
)
class CreateDepartmentInput:
    institution_id: strawberry.ID
    code: str | None = None
    name: str | None = None
    local_name: str | None = None


@strawberry.input(description="Only the fields given are changed.")
class UpdateDepartmentInput:
    id: strawberry.ID
    expected_version: int | None = None
    code: str | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    local_name: str | None = strawberry.UNSET


@strawberry.input(description="Create or update the department a source-system ID refers to.")
class UpsertDepartmentInput(CreateDepartmentInput):
    source: SourceInput


DepartmentPayload = payload_type(Department, "department")


@strawberry.type(description="A department text of contacts that the dictionary does not know.")
class UnmatchedDepartment:
    text: str
    contacts: int = strawberry.field(description="Live contacts with this text.")
    institution: Annotated["Institution", strawberry.lazy(_MODULE + "institution")] | None
