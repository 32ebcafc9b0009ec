"""Walking Relay connections page by page, following `pageInfo.endCursor`."""

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from hub_client.errors import HubError

T = TypeVar("T", covariant=True)


class PageInfo(Protocol):
    """The part of `pageInfo` that paging needs (fragment PageInfoFields)."""

    @property
    def has_next_page(self) -> bool: ...

    @property
    def end_cursor(self) -> str | None: ...


class Connection(Protocol[T]):
    """A connection result selected with `pageInfo { ...PageInfoFields }` and `nodes`."""

    @property
    def page_info(self) -> PageInfo: ...

    @property
    def nodes(self) -> Sequence[T]: ...


def iter_pages(fetch: Callable[[str | None], Connection[T]]) -> Iterator[Connection[T]]:
    """Every page: `fetch(None)`, then `fetch(endCursor)` while `hasNextPage`.

    `fetch` runs one query for the page after a cursor, e.g.
    `lambda after: client.institutions(first=100, after=after).institutions`.
    """
    after: str | None = None
    while True:
        page = fetch(after)
        yield page
        if not page.page_info.has_next_page:
            return
        if page.page_info.end_cursor in (None, after):
            # A server bug must not turn into an endless loop over the same page.
            raise HubError("The connection says it has a next page but gave no new endCursor.")
        after = page.page_info.end_cursor


def iter_nodes(fetch: Callable[[str | None], Connection[T]]) -> Iterator[T]:
    """Every node of every page, in order (see iter_pages)."""
    for page in iter_pages(fetch):
        yield from page.nodes
