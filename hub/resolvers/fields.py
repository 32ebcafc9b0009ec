"""Factories for the fields every aggregate has: a connection and create/update/archive/upsert.

Each aggregate passes its own types and store functions; the GraphQL plumbing lives once here.
"""

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types.field import StrawberryField

from hub.audit.writer import Author
from hub.authz.row_scope import graphql_field_name
from hub.context.request import Info
from hub.db.listing import Listing, SortDirection, check_filter_names
from hub.errors import ErrorCode, FieldError, UserInputError
from hub.global_ids import decode_id
from hub.resolvers import mutations
from hub.resolvers.inputs import filter_values, values_of
from hub.resolvers.mutations import Extras
from hub.resolvers.pagination import PageArgs, paginate
from hub.schema.certificate import ReviewDecision
from hub.schema.common_inputs import ArchiveInput, SourceInput
from hub.schema.connection import Connection
from hub.schema.ordering import order_args
from hub.schema.relations import READS
from hub.store import records
from hub.store.source_records import SourceKey

Values = dict[str, Any]
Prepare = Callable[[Values], Values]


def _unchanged(values: Values) -> Values:
    return values


def _given(values: Values) -> Values:
    """Create inputs: null means "not given", so it is neither written nor permission-checked."""
    return {name: value for name, value in values.items() if value is not None}


def _writable(info: Info, payload: Any, values: Values) -> Values:
    """The input values, or a FORBIDDEN user error for each field the caller may not set."""
    permissions = info.context.permissions
    if permissions is None:
        return values
    type_name = payload.__name__.removesuffix("Payload")
    refused = [
        FieldError((name,), ErrorCode.FORBIDDEN, f"You may not set {type_name}.{field}.")
        for name in values
        if not permissions.can_write_field(type_name, field := graphql_field_name(name))
    ]
    if refused:
        raise UserInputError(refused)
    return values


@dataclass(frozen=True, eq=False)
class ListRead:
    """How a connection field reads: its listing, and its arguments in the listing's terms."""

    listing: Listing

    def arguments(
        self,
        filter: Any = None,
        order_by: Any = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> tuple[dict[str, Any], str | None, SortDirection, PageArgs]:
        """Filter values, order field, direction and page arguments of converted arguments."""
        order_field, direction = order_args(order_by)
        args = PageArgs(first=first, after=after, last=last, before=before)
        return filter_values(filter), order_field, direction, args


def connection_field(
    node_type: type, listing: Listing, filter_type: type, order_type: type, description: str
) -> StrawberryField:
    """`<plural>(filter, orderBy, first, after, last, before): <Type>Connection!`.

    Every field of `filter_type` must name one of the listing's filters: a filter input field
    the listing does not know would be accepted and silently ignored.
    """
    check_filter_names(listing, (field.name for field in dataclasses.fields(filter_type)))
    read = ListRead(listing)

    async def resolve(
        info: Info,
        filter: Any = None,
        order_by: Any = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Any:
        values, order_field, direction, args = read.arguments(
            filter, order_by, first, after, last, before
        )
        return await paginate(info, listing, values, order_field, direction, args)

    resolve.__annotations__ |= {
        "filter": filter_type | None,
        "order_by": order_type | None,
        "return": Connection[node_type],  # type: ignore[valid-type]
    }
    return strawberry.field(resolver=resolve, description=description, metadata={READS: read})


def create_field(
    payload: Any,
    input_type: type,
    create: Callable[[AsyncSession, Author, Values], Awaitable[Any]],
    description: str,
    prepare: Prepare = _unchanged,
    extras: Extras | None = None,
) -> StrawberryField:
    """`create<Type>(input): <Type>Payload!`."""

    async def resolve(info: Info, input: Any) -> Any:
        async def write(session: AsyncSession, author: Author) -> Any:
            return await create(
                session, author, prepare(_writable(info, payload, _given(values_of(input))))
            )

        return await mutations.run(info, payload, write, extras)

    resolve.__annotations__ |= {"input": input_type, "return": payload}
    return strawberry.field(resolver=resolve, description=description)


def update_field(
    payload: Any,
    input_type: type,
    type_name: str,
    update: Callable[[AsyncSession, Author, Any, Values, int | None], Awaitable[Any]],
    description: str,
    prepare: Prepare = _unchanged,
    extras: Extras | None = None,
) -> StrawberryField:
    """`update<Type>(input: {id, expectedVersion, ...changes}): <Type>Payload!`."""

    async def resolve(info: Info, input: Any) -> Any:
        async def write(session: AsyncSession, author: Author) -> Any:
            row_id = decode_id(input.id, type_name, "id")
            values = prepare(_writable(info, payload, values_of(input)))
            return await update(session, author, row_id, values, input.expected_version)

        return await mutations.run(info, payload, write, extras)

    resolve.__annotations__ |= {"input": input_type, "return": payload}
    return strawberry.field(resolver=resolve, description=description)


def archive_field(
    payload: Any,
    model: type,
    description: str,
    archive: Callable[[AsyncSession, Author, Any, int | None], Awaitable[Any]] | None = None,
) -> StrawberryField:
    """`archive<Type>(input: {id, expectedVersion}): <Type>Payload!`; default: status ARCHIVED."""

    async def resolve(info: Info, input: ArchiveInput) -> Any:
        async def write(session: AsyncSession, author: Author) -> Any:
            row_id = decode_id(input.id, model.__name__, "id")
            if archive is not None:
                return await archive(session, author, row_id, input.expected_version)
            return await records.archive(session, author, model, row_id, input.expected_version)

        return await mutations.run(info, payload, write)

    resolve.__annotations__ |= {"return": payload}
    return strawberry.field(resolver=resolve, description=description)


def upsert_field(
    payload: Any,
    input_type: type,
    upsert: Callable[[AsyncSession, Author, SourceKey, Values], Awaitable[Any]],
    description: str,
    extras: Extras | None = None,
) -> StrawberryField:
    """`upsert<Type>(input: {source: {system, id}, ...}): <Type>Payload!`."""

    async def resolve(info: Info, input: Any) -> Any:
        async def write(session: AsyncSession, author: Author) -> Any:
            source: SourceInput = input.source
            key = SourceKey(system=source.system.strip(), source_id=source.id.strip())
            values = _writable(info, payload, _given(values_of(input)))
            return await upsert(session, author, key, values)

        return await mutations.run(info, payload, write, extras)

    resolve.__annotations__ |= {"input": input_type, "return": payload}
    return strawberry.field(resolver=resolve, description=description)


Decide = Callable[[AsyncSession, Author, Any, bool, str | None, int | None], Awaitable[Any]]
"""A review step of a store: (session, author, id, approve, comment, expected version)."""


def review_field(
    payload: Any, input_type: type, type_name: str, decide: Decide, description: str
) -> StrawberryField:
    """`review<Type>(input: {id, decision, comment, expectedVersion}): <Type>Payload!`, as the
    calling actor (who must not be the submitter or an earlier reviewer)."""

    async def resolve(info: Info, input: Any) -> Any:
        async def write(session: AsyncSession, author: Author) -> Any:
            row_id = decode_id(input.id, type_name, "id")
            approve = input.decision is ReviewDecision.APPROVE
            return await decide(
                session, author, row_id, approve, input.comment, input.expected_version
            )

        return await mutations.run(info, payload, write)

    resolve.__annotations__ |= {"input": input_type, "return": payload}
    return strawberry.field(resolver=resolve, description=description)
