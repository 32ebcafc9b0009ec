"""Row permissions for reads: SQL conditions for lists, checks for single rows and events."""

from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_

from hub.authz.field_guard import Forbidden
from hub.authz.masking import mask
from hub.authz.permissions import FieldAccess, Permissions
from hub.authz.row_filter import rule_clause
from hub.db.audit import AuditEvent
from hub.db.listing import Listing


def read_scope(permissions: Permissions | None, model: type[Any]) -> list[ColumnElement[bool]]:
    """Conditions restricting a query on `model` to rows the caller may read."""
    if permissions is None:
        return []
    if model is AuditEvent:
        return [_event_scope(permissions)]
    return [rule_clause(permissions.row_rule(model.__name__, "read"), model.org_path)]


def _event_scope(permissions: Permissions) -> ColumnElement[bool]:
    # An event is visible when the row it is about would be: per entity type, by org_path.
    readable = [
        and_(AuditEvent.entity_type == entity_type, rule_clause(rule, AuditEvent.org_path))
        for (entity_type, action), rule in permissions.rows.items()
        if action == "read" and rule.allow
    ]
    return or_(*readable) if readable else false()


def ensure_readable(
    permissions: Permissions | None, row: Any, model: type[Any] | None = None
) -> Any:
    """The row itself (an ORM object, or a Core row of `model`), or FORBIDDEN when it lies
    outside the caller's organisation units."""
    if row is not None and permissions is not None:
        entity_type = (model or type(row)).__name__
        if not permissions.can_read_row(entity_type, row.org_path):
            raise Forbidden(f"You may not read this {entity_type}.")
    return row


def visible_changes(
    permissions: Permissions | None, entity_type: str, changes: dict[str, Any]
) -> dict[str, Any]:
    """An event's before/after values under the caller's field rules: denied fields dropped,
    masked ones masked (an audit event must not become a side door to an ID number)."""
    if permissions is None:
        return changes
    visible: dict[str, Any] = {}
    for column, values in changes.items():
        field_name = graphql_field_name(column)
        access = permissions.field_access(entity_type, field_name)
        if access is FieldAccess.CLEAR:
            visible[column] = values
        elif access is FieldAccess.MASKED:
            visible[column] = {side: mask(field_name, value) for side, value in values.items()}
    return visible


def graphql_field_name(attribute: str) -> str:
    """The GraphQL field presenting a column or input attribute: `institution_id` →
    `institution`, `device_ids` → `devices`, `region_code` → `regionCode`."""
    if attribute.endswith("_ids"):
        attribute = attribute[: -len("_ids")] + "s"
    elif attribute.endswith("_id"):
        attribute = attribute[: -len("_id")]
    head, *rest = attribute.split("_")
    return head + "".join(part.title() for part in rest)


def ensure_searchable(
    permissions: Permissions | None,
    listing: Listing,
    filter_values: dict[str, Any],
    order_field: str | None,
) -> None:
    """Refuse filtering or sorting on a field the caller may not read in clear: matching a
    phone number against a filter would reveal it as surely as reading it."""
    if permissions is None:
        return
    type_name = listing.model.__name__
    attributes = [
        listing.filters[name].attribute for name in filter_values if name in listing.filters
    ]
    if order_field is not None:
        attributes.append(listing.order_fields[order_field].key)
    for attribute in attributes:
        field_name = graphql_field_name(attribute)
        if permissions.field_access(type_name, field_name) is not FieldAccess.CLEAR:
            raise Forbidden(f"You may not filter or sort on {type_name}.{field_name}.")
