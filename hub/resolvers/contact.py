"""Query and mutation fields of contacts."""

from hub.db.contact import Contact as ContactRow
from hub.db.enums import MatchEntity
from hub.resolvers.dedup import possible_duplicates
from hub.resolvers.fields import (
    archive_field,
    connection_field,
    create_field,
    update_field,
    upsert_field,
)
from hub.schema.contact import (
    Contact,
    ContactDuplicate,
    ContactFilter,
    ContactOrder,
    ContactPayload,
    CreateContactInput,
    UpdateContactInput,
    UpsertContactInput,
)
from hub.store import contacts

_DUPLICATES = possible_duplicates(MatchEntity.CONTACT, ContactDuplicate)

QUERY_FIELDS = {
    "contacts": connection_field(
        Contact, contacts.LISTING, ContactFilter, ContactOrder, "Contacts, filtered and ordered."
    ),
}

MUTATION_FIELDS = {
    "create_contact": create_field(
        ContactPayload,
        CreateContactInput,
        contacts.create,
        "Add a contact to an institution; possibleDuplicates lists likely duplicates.",
        extras=_DUPLICATES,
    ),
    "update_contact": update_field(
        ContactPayload,
        UpdateContactInput,
        "Contact",
        contacts.update_by_id,
        "Change a contact.",
        extras=_DUPLICATES,
    ),
    "archive_contact": archive_field(ContactPayload, ContactRow, "Archive a contact."),
    "upsert_contact": upsert_field(
        ContactPayload,
        UpsertContactInput,
        contacts.upsert_from_source,
        "Create or update the contact a source-system ID refers to.",
        extras=_DUPLICATES,
    ),
}
