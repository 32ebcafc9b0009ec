"""Query and mutation fields of departments and the department dictionary."""

from typing import Any

import strawberry

from hub.db.department import Department as DepartmentRow
from hub.quality.department_dictionary import department_dictionary
from hub.resolvers.fields import (
    archive_field,
    connection_field,
    create_field,
    update_field,
    upsert_field,
)
from hub.resolvers.unmatched import unmatched_departments
from hub.schema.department import (
    CreateDepartmentInput,
    Department,
    DepartmentDictionaryEntry,
    DepartmentFilter,
    DepartmentOrder,
    DepartmentPayload,
    UpdateDepartmentInput,
    UpsertDepartmentInput,
)
from hub.schema.graphql_errors import BadUserInput
from hub.store import departments

_MAX_DICTIONARY_ANSWERS = 200


def department_dictionary_entries(
    name_contains: str | None = None,
) -> list[DepartmentDictionaryEntry]:
    """Dictionary entries whose name or a synonym contains the text (all when omitted)."""
    if name_contains is not None and len(name_contains) > _MAX_DICTIONARY_ANSWERS:
        raise BadUserInput("`nameContains` is too long.")
    wanted = (name_contains or "").strip()
    return [
        DepartmentDictionaryEntry.of(entry)
        for entry in department_dictionary().entries.values()
        if not wanted or any(wanted in word for word in (entry.name, *entry.synonyms))
    ]


def match_department(name: str) -> DepartmentDictionaryEntry | None:
    """The dictionary entry a written department name denotes; null when it is unknown."""
    if len(name) > _MAX_DICTIONARY_ANSWERS:
        raise BadUserInput("`name` is too long.")
    entry = department_dictionary().match(name)
    return None if entry is None else DepartmentDictionaryEntry.of(entry)


QUERY_FIELDS: dict[str, Any] = {
    "departments": connection_field(
        Department,
        departments.LISTING,
        DepartmentFilter,
        DepartmentOrder,
        "Departments of institutions, filtered and ordered.",
    ),
    "department_dictionary": strawberry.field(
        resolver=department_dictionary_entries,
        description="The department dictionary: 诊疗科目 and offices, with synonyms.",
    ),
    "match_department": strawberry.field(
        resolver=match_department,
        description="Which standard department a written name (心内科) denotes; null if unknown.",
    ),
    "unmatched_departments": strawberry.field(
        resolver=unmatched_departments,
        description="Contacts' department texts the dictionary does not know: a steward's "
        "to-do list (teach departments.toml the spelling, then run `hub departments adopt`).",
    ),
}

MUTATION_FIELDS = {
    "create_department": create_field(
        DepartmentPayload, CreateDepartmentInput, departments.create, "Add a department."
    ),
    "update_department": update_field(
        DepartmentPayload,
        UpdateDepartmentInput,
        "Department",
        departments.update_by_id,
        "Change a department.",
    ),
    "archive_department": archive_field(DepartmentPayload, DepartmentRow, "Archive a department."),
    "upsert_department": upsert_field(
        DepartmentPayload,
        UpsertDepartmentInput,
        departments.upsert_from_source,
        "Create or update the department a source-system ID refers to.",
    ),
}
