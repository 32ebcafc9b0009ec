"""How the console asks for and lays out the fields of institutions and contacts."""

from dataclasses import dataclass
from typing import Any

from hub.authz.row_scope import graphql_field_name
from hub.console.gateway import Caller
from hub.console.labels import amount, field_label, label
from hub.db.contact import Contact
from hub.db.enums import MatchEntity
from hub.db.institution import Institution
from hub.dedup.merge import MERGEABLE

RECORD_MODELS: dict[MatchEntity, type[Any]] = {
    MatchEntity.INSTITUTION: Institution,
    MatchEntity.CONTACT: Contact,
}
"""The table behind each kind of record that can be a duplicate."""

# The fields each record type shows side by side, in order (GraphQL selections).
SELECTIONS: dict[MatchEntity, str] = {
    MatchEntity.INSTITUTION: (
        "id, version, code, name, kind, grade, uscc, regionCode, address, parent { id name }, "
        "tags, creditRating, creditLimit, status, orgPath, qualificationStatus"
    ),
    MatchEntity.CONTACT: (
        "id, version, name, role, title, department, mobile, officePhone, email, idNumber, "
        "status, orgPath, institution { id name }"
    ),
}


def nodes_query(type_name: str, selection: str) -> str:
    """A query for records of one type by global IDs (`$ids`)."""
    fragment = f"... on {type_name} {{ {selection} }}"
    return f"query Records($ids: [ID!]!) {{ nodes(ids: $ids) {{ {fragment} }} }}"


def records_query(caller: Caller, entity: MatchEntity) -> str:
    """A query for records of one type by global IDs, with every field the pages show that
    the caller may read (one type per query: `status` is a different enum on each)."""
    return nodes_query(entity.value, caller.selection(entity.value, SELECTIONS[entity]))


_SHOWN: dict[MatchEntity, tuple[str, ...]] = {
    MatchEntity.INSTITUTION: (
        "code",
        "name",
        "kind",
        "grade",
        "uscc",
        "regionCode",
        "address",
        "parent",
        "tags",
        "creditRating",
        "creditLimit",
        "status",
        "orgPath",
        "qualificationStatus",
    ),
    MatchEntity.CONTACT: (
        "name",
        "role",
        "title",
        "department",
        "mobile",
        "officePhone",
        "email",
        "idNumber",
        "institution",
        "status",
        "orgPath",
    ),
}
_ENUM_FIELDS = frozenset({"kind", "status", "qualificationStatus", "role"})
_MONEY_FIELDS = frozenset({"creditLimit", "amount"})


def shown(field: str, value: Any) -> str:
    """A field's value as the page prints it."""
    if value is None or value == []:
        return "—"
    if isinstance(value, dict):
        return str(value.get("name") or "—")
    if isinstance(value, list):
        return "、".join(map(str, value))
    if field in _ENUM_FIELDS:
        return label(value)
    if field in _MONEY_FIELDS:
        return amount(value)
    return str(value)


def _compared(value: Any) -> Any:
    return value.get("id") if isinstance(value, dict) else value


@dataclass(frozen=True)
class FieldRow:
    """One field across the records of a pair (or cluster)."""

    name: str
    label: str
    merge_key: str | None  # the merge's field name, when a merged record can supply it
    values: list[str]
    differs: bool


def side_by_side(
    caller: Caller, entity: MatchEntity, records: list[dict[str, Any]]
) -> list[FieldRow]:
    """Every field the caller may read, with the records' values and whether they differ."""
    mergeable = {graphql_field_name(key): key for key in MERGEABLE[entity]}
    rows = []
    for name in _SHOWN[entity]:
        if not caller.sees(entity.value, name):
            continue  # no read grant: the field is not shown at all
        raw = [record.get(name) for record in records]
        rows.append(
            FieldRow(
                name=name,
                label=field_label(name),
                merge_key=mergeable.get(name),
                values=[shown(name, value) for value in raw],
                differs=len({repr(_compared(value)) for value in raw}) > 1,
            )
        )
    return rows
