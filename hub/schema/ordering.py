"""`orderBy` inputs generated from the store's sortable columns, so the two never drift."""

from enum import Enum
from typing import Any

import strawberry

from hub.db.listing import Listing, SortDirection


def order_input(type_name: str, listing: Listing) -> Any:
    """`<Type>Order { field: <Type>OrderField!, direction: SortDirection = ASC }`."""
    fields = Enum(f"{type_name}OrderField", {name: name for name in listing.order_fields})  # type: ignore[misc]
    strawberry.enum(fields, description=f"Columns {type_name} lists can be sorted by.")
    namespace = {
        "__annotations__": {"field": fields, "direction": SortDirection},
        "direction": SortDirection.ASC,
    }
    return strawberry.input(type(f"{type_name}Order", (), namespace))


def order_args(order: Any) -> tuple[str | None, SortDirection]:
    """(column name, direction) of an optional order input."""
    if order is None:
        return None, SortDirection.ASC
    return order.field.value, order.direction
