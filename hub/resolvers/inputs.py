"""Turns Strawberry input objects into plain values for the store, decoding global IDs."""

import dataclasses
from typing import Any

from strawberry import UNSET

from hub.errors import ErrorCollector, UserInputError
from hub.global_ids import decode_id
from hub.schema.graphql_errors import BadUserInput

# Input fields holding global IDs, and the type each must name.
REFERENCES = {
    "institution_id": "Institution",
    "parent_id": "Institution",
    "contact_id": "Contact",
    "device_id": "Device",
    "device_model_id": "DeviceModel",
    "batch_id": "Batch",
    "device_ids": "Device",
    "grantor_id": "Institution",
    "hospital_id": "Institution",
    "device_model_ids": "DeviceModel",
    "department_id": "Department",
    "contact_ids": "Contact",
}
_NOT_VALUES = frozenset({"id", "expected_version", "source"})


def _decode(name: str, value: Any) -> Any:
    expected = REFERENCES[name]
    if isinstance(value, list):
        return [decode_id(item, expected, (name, str(i))) for i, item in enumerate(value)]
    return decode_id(value, expected, name)


def values_of(data: Any) -> dict[str, Any]:
    """The given (non-UNSET) fields of an input as {attribute: value}, IDs decoded to UUIDs."""
    errors = ErrorCollector()
    values: dict[str, Any] = {}
    for field in dataclasses.fields(data):
        value = getattr(data, field.name)
        if value is UNSET or field.name in _NOT_VALUES:
            continue
        if field.name in REFERENCES and value is not None:
            try:
                value = _decode(field.name, value)
            except UserInputError as error:
                errors.errors.extend(error.errors)
                continue
        values[field.name] = value
    errors.raise_if_any()
    return values


def filter_values(data: Any) -> dict[str, Any]:
    """Like `values_of` for a list filter, where a bad ID is a request error."""
    if data is None:
        return {}
    try:
        return values_of(data)
    except UserInputError as error:
        raise BadUserInput(str(error)) from error
