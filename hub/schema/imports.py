"""GraphQL presentation of record imports."""

import strawberry
from strawberry.scalars import JSON

from hub.schema.errors import UserError
from hub.transfer.import_columns import ImportKind

strawberry.enum(ImportKind, description="What a bulk import creates or updates.")


@strawberry.input(description="Rows as objects keyed by field name or by a known foreign header.")
class ImportRecordsInput:
    kind: ImportKind
    source_system: str = strawberry.field(description="Whose IDs `source_id` holds, e.g. crm.")
    rows: list[JSON]
    dry_run: bool = False
    ignore_columns: list[str] = strawberry.field(
        default_factory=list,
        description="Keys not to import. Any other key the import does not know refuses it.",
    )
    ignore_unknown: bool = strawberry.field(
        default=False, description="Import the known keys and ignore every other one."
    )


@strawberry.type(description="A refused row: its position in `rows` (1-based) and why.")
class ImportFailure:
    row: int
    error: UserError


@strawberry.type(
    description="What an import did (or, in a dry run, would do); refused rows did not stop "
    "the others. Unknown keys refuse the whole import: then nothing was read or written."
)
class ImportRecordsPayload:
    rows: int = strawberry.field(description="Rows read.")
    created: int
    updated: int
    unchanged: int = strawberry.field(description="Rows whose record already held their values.")
    refused: int = strawberry.field(description="Rows refused; see `failures`.")
    written: int = strawberry.field(
        description="Rows accepted (created + updated + unchanged).",
        deprecation_reason="Use created, updated and unchanged.",
    )
    failures: list[ImportFailure]
    ignored_columns: list[str] = strawberry.field(description="Keys present but not imported.")
    unknown_columns: list[str] = strawberry.field(
        description="Keys the import does not know (they refuse it unless ignored)."
    )
    user_errors: list[UserError]
