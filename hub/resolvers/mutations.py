"""One transaction per mutation; user errors roll everything back and come back as data."""

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.authz.field_guard import Forbidden
from hub.context.request import Info
from hub.errors import AccessDenied, UserInputError
from hub.schema.errors import user_errors
from hub.schema.node import to_node
from hub.store import row_scope

Write = Callable[[AsyncSession, Author], Awaitable[Any]]
Extras = Callable[[AsyncSession, Author, Any], Awaitable[dict[str, Any]]]
"""More payload fields computed from the written row, in the same transaction."""


async def run(info: Info, payload: Any, write: Write, extras: Extras | None = None) -> Any:
    """Run `write` in its own transaction and wrap its row (or its errors) in `payload`."""

    async def fields(session: AsyncSession, author: Author) -> dict[str, Any]:
        row = await write(session, author)
        more = await extras(session, author, row) if extras else {}
        return {payload.record_field: to_node(row), **more}

    return await run_returning(info, payload, fields)


async def run_returning(info: Info, payload: Any, write: Write) -> Any:
    """Run `write` in its own transaction; it returns the payload's fields (or its errors come
    back as userErrors)."""
    context = info.context
    try:
        async with context.database.transaction() as session:
            if context.permissions is not None:
                row_scope.grant(session, context.permissions)
            fields = await write(session, context.author)
    except UserInputError as error:
        return payload(user_errors=user_errors(error.errors))
    except AccessDenied as error:
        raise Forbidden(str(error)) from error
    # Rows cached by loaders earlier in this request may predate the write.
    context.loaders.clear()
    context.notifier.notify()
    return payload(**fields)
