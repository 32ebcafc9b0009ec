"""Text the databases cannot store is refused at the door, wherever in a request it appears."""

from typing import Any

from graphql import GraphQLError, StringValueNode, ValidationRule


def is_unstorable(text: str) -> bool:
    """NUL and lone surrogates: PostgreSQL rejects them mid-query, SQLite stores garbage."""
    return "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text)


class NoUnstorableText(ValidationRule):
    """A validation rule refusing such characters in the document's string literals."""

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        """Check one string literal."""
        if is_unstorable(node.value):
            self.report_error(
                GraphQLError("Text may not contain NUL or unpaired surrogates.", node)
            )
