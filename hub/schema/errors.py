"""User errors in mutation payloads, Shopify style: field path, code, message."""

import strawberry
from strawberry.utils.str_converters import to_camel_case

from hub.errors import ErrorCode, FieldError

strawberry.enum(ErrorCode, description="Stable machine-readable reasons a mutation was refused.")


@strawberry.type(description="Why a mutation input was refused; nothing was written.")
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path to the input field, e.g. ["input", "uscc"].'
    )
    code: ErrorCode
    message: str


def user_errors(errors: list[FieldError]) -> list[UserError]:
    """GraphQL user errors from store errors, with camelCase paths under `input`."""
    return [
        UserError(
            field=["input", *(to_camel_case(part) for part in error.field)],
            code=error.code,
            message=error.message,
        )
        for error in errors
    ]
