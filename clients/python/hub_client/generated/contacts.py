from pydantic import Field

from .base_model import BaseModel
from .fragments import ContactFields, PageInfoFields


class Contacts(BaseModel):
    contacts: "ContactsContacts"


class ContactsContacts(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "ContactsContactsPageInfo" = Field(alias="pageInfo")
    nodes: list["ContactsContactsNodes"]


ContactsContactsPageInfo = PageInfoFields
ContactsContactsNodes = ContactFields
Contacts.model_rebuild()
ContactsContacts.model_rebuild()
