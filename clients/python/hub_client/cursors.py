"""Where a change-feed consumer keeps its cursor (the last processed `seq`)."""

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Protocol


class CursorStore(Protocol):
    """Loads and saves the last processed `seq` (0: nothing processed yet)."""

    def load(self) -> int:
        """The saved cursor."""
        ...

    def save(self, seq: int) -> None:
        """Remember `seq` durably."""
        ...


class FileCursor:
    """The cursor in a small text file, replaced atomically so a crash never leaves half of it.

    With a file cursor a crash between processing a batch and saving may deliver that batch
    again: make the handler idempotent, or keep the cursor with the data (SqliteCursor).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def load(self) -> int:
        """The saved cursor, 0 when the file does not exist yet."""
        try:
            return int(self.path.read_text().strip())
        except FileNotFoundError:
            return 0

    def save(self, seq: int) -> None:
        """Write to a temporary file, fsync, then rename over the old one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        with os.fdopen(handle, "w") as file:
            file.write(f"{seq}\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)


class SqliteCursor:
    """The cursor in a table of the consumer's own SQLite database.

    `save` commits the connection: whatever the handler wrote on the same connection for the
    batch is committed together with the cursor, so a batch is applied exactly once.
    """

    def __init__(self, connection: sqlite3.Connection, name: str = "default") -> None:
        self.connection = connection
        self.name = name
        connection.execute(
            "CREATE TABLE IF NOT EXISTS feed_cursor (name TEXT PRIMARY KEY, seq INTEGER NOT NULL)"
        )
        connection.commit()

    def load(self) -> int:
        """The saved cursor, 0 when none was saved under this name."""
        row = self.connection.execute(
            "SELECT seq FROM feed_cursor WHERE name = ?", (self.name,)
        ).fetchone()
        return 0 if row is None else int(row[0])

    def save(self, seq: int) -> None:
        """Store the cursor and commit the open transaction with it."""
        self.connection.execute(
            "INSERT INTO feed_cursor (name, seq) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET seq = excluded.seq",
            (self.name, seq),
        )
        self.connection.commit()
