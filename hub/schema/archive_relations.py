"""Relations that the records of a customer's archive share: where a record is held (an
institution and one of its departments) and whose part a link records (a contact)."""

from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.context.request import Info
from hub.db import contact as contact_db
from hub.db import institution as institution_db
from hub.db.department import Department as DepartmentRow
from hub.schema import relations
from hub.schema.node import Record

if TYPE_CHECKING:
    from hub.schema.contact import Contact
    from hub.schema.department import Department
    from hub.schema.institution import Institution

_MODULE = "hub.schema."


@strawberry.type
class HeldInDepartment(Record):
    """A record an institution holds, in one of its departments."""

    @strawberry.field
    async def institution(
        self, info: Info
    ) -> Annotated["Institution", strawberry.lazy(_MODULE + "institution")] | None:
        return await relations.one(info, institution_db.Institution, self.row.institution_id)

    @strawberry.field
    async def department(
        self, info: Info
    ) -> Annotated["Department", strawberry.lazy(_MODULE + "department")] | None:
        return await relations.one(info, DepartmentRow, self.row.department_id)


@strawberry.type
class ContactPart(Record):
    """A contact's part in something (an audited link row)."""

    @strawberry.field
    async def contact(
        self, info: Info
    ) -> Annotated["Contact", strawberry.lazy(_MODULE + "contact")] | None:
        return await relations.one(info, contact_db.Contact, self.row.contact_id)
