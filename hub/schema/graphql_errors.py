"""GraphQL errors with a stable `extensions.code`, for requests the hub refuses outright."""

from graphql import GraphQLError


class BadUserInput(GraphQLError):
    """Arguments that cannot be served (bad cursor, page too large, malformed ID)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "BAD_USER_INPUT"})
