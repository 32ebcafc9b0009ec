"""Relay connections with offset cursors and a total count."""

import base64
from typing import Generic, TypeVar

import strawberry

T = TypeVar("T")

_CURSOR_PREFIX = "offset:"


def encode_cursor(offset: int) -> str:
    """The opaque cursor of the row at `offset` in a result."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int | None:
    """The offset inside a cursor, or None when it is not one of ours."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    if not text.startswith(_CURSOR_PREFIX) or not text[len(_CURSOR_PREFIX) :].isdigit():
        return None
    return int(text[len(_CURSOR_PREFIX) :])


@strawberry.type(description="Where a page sits in the whole result.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    nodes: list[T]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Rows matching the filter, over all pages.")
