"""Relay global IDs: the opaque, type-tagged IDs every layer that speaks to clients uses
(the GraphQL API, webhook payloads), kept at the bottom so that none of them reaches upward."""

import base64
import binascii
import uuid

from hub.errors import ErrorCode, fail


def encode_id(type_name: str, row_id: uuid.UUID) -> str:
    """The opaque global ID of a record, e.g. base64("Institution:<uuid>")."""
    return base64.urlsafe_b64encode(f"{type_name}:{row_id}".encode()).decode()


def decode_any(global_id: str) -> tuple[str, uuid.UUID] | None:
    """(type name, uuid) of a global ID, or None when it is not one of ours."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, raw = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        return type_name, uuid.UUID(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def decode_id(global_id: str, expected_type: str, field: str | tuple[str, ...]) -> uuid.UUID:
    """The uuid inside a global ID of the expected type, or an INVALID user error at `field`."""
    decoded = decode_any(global_id)
    if decoded is None or decoded[0] != expected_type:
        raise fail(field, ErrorCode.INVALID, f"Not the ID of a {expected_type}.")
    return decoded[1]
