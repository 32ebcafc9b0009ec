"""Keep a local SQLite mirror of the hub's institutions and contacts, fed by the change feed.

    HUB_URL=http://127.0.0.1:8000 HUB_API_KEY=hub_... python crm_sync.py --db crm.db [--once]

Each batch of change events names the records that changed; the mirror fetches their current
state (`nodes(ids:)`) and upserts it. The feed cursor lives in the mirror database and is
committed together with the rows of its batch, so a restart resumes exactly after the last
applied event.
"""

import argparse
import sqlite3
import sys
from collections.abc import Sequence

from hub_client import ChangeEvent, ChangeFollower, HubClient, HubError, SqliteCursor
from hub_client.generated.fragments import ContactFields, InstitutionFields

SCHEMA = """
CREATE TABLE IF NOT EXISTS institutions (
    id TEXT PRIMARY KEY, code TEXT, name TEXT, kind TEXT, status TEXT, uscc TEXT,
    region_code TEXT, address TEXT, org_path TEXT, qualification_status TEXT, version INTEGER
);
CREATE TABLE IF NOT EXISTS contacts (
    id TEXT PRIMARY KEY, institution_id TEXT, institution_code TEXT, name TEXT, role TEXT,
    title TEXT, department TEXT, mobile TEXT, office_phone TEXT, email TEXT, status TEXT,
    org_path TEXT, version INTEGER
);
"""


def _value(field: object) -> object:
    """Enums as their names, everything else as it is."""
    return getattr(field, "value", field)


def _changed_ids(events: Sequence[ChangeEvent], entity_type: str) -> list[str]:
    """The IDs of one entity type named in a batch, each once, in feed order."""
    return list(dict.fromkeys(e.entity_id for e in events if e.entity_type == entity_type))


class Mirror:
    """Applies batches of change events to the SQLite mirror (the caller commits)."""

    def __init__(self, connection: sqlite3.Connection, client: HubClient) -> None:
        self.connection = connection
        self.client = client
        connection.executescript(SCHEMA)

    def apply(self, events: Sequence[ChangeEvent]) -> None:
        """Fetch the current state of every record the batch names and store it."""
        institution_ids = _changed_ids(events, "Institution")
        if institution_ids:
            nodes = self.client.institutions_by_ids(institution_ids).nodes
            for requested, node in zip(institution_ids, nodes, strict=True):
                current = node if isinstance(node, InstitutionFields) else None
                self._replace("institutions", requested, current and _institution_row(current))
        contact_ids = _changed_ids(events, "Contact")
        if contact_ids:
            nodes = self.client.contacts_by_ids(contact_ids).nodes
            for requested, node in zip(contact_ids, nodes, strict=True):
                current = node if isinstance(node, ContactFields) else None
                self._replace("contacts", requested, current and _contact_row(current))

    def _replace(self, table: str, requested: str, row: dict[str, object] | None) -> None:
        # A lookup of a merged record answers with its survivor: the merged one leaves the
        # mirror. A record gone or out of our permissions leaves it as well.
        if row is None or row["id"] != requested:
            self.connection.execute(f"DELETE FROM {table} WHERE id = ?", (requested,))
        if row is not None:
            columns = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            self.connection.execute(
                f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})", tuple(row.values())
            )

    def counts(self) -> tuple[int, int]:
        """How many institutions and contacts the mirror holds."""
        (institutions,) = self.connection.execute("SELECT count(*) FROM institutions").fetchone()
        (contacts,) = self.connection.execute("SELECT count(*) FROM contacts").fetchone()
        return institutions, contacts


def _institution_row(node: InstitutionFields) -> dict[str, object]:
    return {
        "id": node.id,
        "code": node.code,
        "name": node.name,
        "kind": _value(node.kind),
        "status": _value(node.status),
        "uscc": node.uscc,
        "region_code": node.region_code,
        "address": node.address,
        "org_path": node.org_path,
        "qualification_status": _value(node.qualification_status),
        "version": node.version,
    }


def _contact_row(node: ContactFields) -> dict[str, object]:
    return {
        "id": node.id,
        "institution_id": node.institution.id if node.institution else None,
        "institution_code": node.institution.code if node.institution else None,
        "name": node.name,
        "role": _value(node.role),
        "title": node.title,
        "department": node.department,
        "mobile": node.mobile,
        "office_phone": node.office_phone,
        "email": node.email,
        "status": _value(node.status),
        "org_path": node.org_path,
        "version": node.version,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sync; with --once, catch up and exit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="crm_mirror.db", help="SQLite mirror file")
    parser.add_argument("--once", action="store_true", help="catch up, then exit")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between polls")
    args = parser.parse_args(argv)
    connection = sqlite3.connect(args.db)
    with HubClient.from_env() as client:
        mirror = Mirror(connection, client)
        cursor = SqliteCursor(connection, name="crm_sync")
        follower = ChangeFollower(
            client, cursor, entity_types=["Institution", "Contact"], poll_interval=args.interval
        )

        def apply_and_report(events: Sequence[ChangeEvent]) -> None:
            mirror.apply(events)
            if not args.once:
                print(f"applied {len(events)} events up to seq {events[-1].seq}", flush=True)

        try:
            if not args.once:
                follower.follow(apply_and_report)  # until interrupted
            applied = follower.catch_up(apply_and_report)
        except HubError as error:
            print(f"crm_sync: {error}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 0
    institutions, contacts = mirror.counts()
    print(
        f"applied {applied} events; cursor at {cursor.load()}; "
        f"mirror holds {institutions} institutions and {contacts} contacts"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
