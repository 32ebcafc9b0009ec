"""GraphQL presentation of contacts."""

from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import certificate as certificate_db
from hub.db import department as department_db
from hub.db import institution as institution_db
from hub.db.contact import Contact as ContactRow
from hub.db.enums import ContactRole, RecordStatus
from hub.schema import relations
from hub.schema.common_inputs import SourceInput
from hub.schema.node import REDIRECT_DESCRIPTION, Record, redirect_of, registers
from hub.schema.ordering import order_input
from hub.schema.payloads import payload_type, possible_duplicate_type
from hub.store import certificates, contacts

if TYPE_CHECKING:
    from hub.schema.certificate import Certificate
    from hub.schema.department import Department
    from hub.schema.institution import Institution


@registers(ContactRow)
@strawberry.type(description="A person at an institution.")
class Contact(Record):
    name: str | None
    role: ContactRole | None
    title: str | None
    department: str | None = strawberry.field(
        description="The department as the source wrote it (科室); see departmentRecord."
    )
    mobile: str | None
    office_phone: str | None
    email: str | None
    id_number: str | None = strawberry.field(
        description="居民身份证 number; kept only for legal representatives and agents."
    )
    status: RecordStatus | None

    @strawberry.field(description=REDIRECT_DESCRIPTION)
    def redirected_from(self) -> strawberry.ID | None:
        return redirect_of(self)

    @strawberry.field(description="The surviving contact, when this one was merged.")
    async def merged_into(self, info: Info) -> "Contact | None":
        return await relations.one(info, ContactRow, self.row.merged_into_id)

    @strawberry.field(
        description="The coded department the text names; null while the dictionary does not "
        "know the text (see unmatchedDepartments)."
    )
    async def department_record(
        self, info: Info
    ) -> Annotated["Department", strawberry.lazy("hub.schema.department")] | None:
        return await relations.one(info, department_db.Department, self.row.department_id)

    @strawberry.field
    async def institution(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)

    @strawberry.field(description="Personal documents such as an ID card or authorisation.")
    async def certificates(
        self, info: Info, first: int | None = None
    ) -> list[Annotated["Certificate", strawberry.lazy("hub.schema.certificate")]] | None:
        return await relations.many(
            info, certificates.LISTING, certificate_db.Certificate.contact_id, self.row.id, first
        )


@strawberry.input
class ContactFilter:
    name_contains: str | None = None
    institution_id: strawberry.ID | None = None
    roles: list[ContactRole] | None = None
    statuses: list[RecordStatus] | None = strawberry.field(
        default=None, description="Default: ACTIVE."
    )
    mobile: str | None = None
    email: str | None = None
    org_path_prefix: str | None = None


ContactOrder = order_input("Contact", contacts.LISTING)


@strawberry.input
class CreateContactInput:
    institution_id: strawberry.ID
    name: str
    role: ContactRole | None = None
    title: str | None = None
    department: str | None = strawberry.field(
        default=None,
        description="科室 text; placed on its department when the dictionary knows it.",
    )
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="The department record, instead of the text."
    )
    mobile: str | None = None
    office_phone: str | None = None
    email: str | None = None
    id_number: str | None = None


@strawberry.input(description="Only the fields given are changed; null clears a field.")
class UpdateContactInput:
    id: strawberry.ID
    expected_version: int | None = None
    institution_id: strawberry.ID | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    role: ContactRole | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    department: str | None = strawberry.UNSET
    department_id: strawberry.ID | None = strawberry.UNSET
    mobile: str | None = strawberry.UNSET
    office_phone: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    id_number: str | None = strawberry.UNSET


@strawberry.input(description="Create or update the contact a source-system ID refers to.")
class UpsertContactInput(CreateContactInput):
    source: SourceInput


ContactDuplicate = possible_duplicate_type(Contact)
ContactPayload = payload_type(Contact, "contact", {"possible_duplicates": ContactDuplicate})
