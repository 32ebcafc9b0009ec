"""Inputs shared by every aggregate's mutations."""

import strawberry


@strawberry.input(description="Archive a record: it leaves lists but stays referable.")
class ArchiveInput:
    id: strawberry.ID
    expected_version: int | None = None


@strawberry.input(
    description='A record\'s ID in a source system, e.g. {system: "crm", id: "8812"}.'
)
class SourceInput:
    system: str
    id: str
