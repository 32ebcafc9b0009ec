"""The reference the hub is measured against: q1-q3 hand-written over asyncpg, same JSON.

    python bench/raw_endpoint.py --dsn postgresql://postgres@127.0.0.1:5432/<db> --port 8811

GET /q1, /q2?code=B000001 and /q3 answer `{"data": ...}` shaped exactly like the hub's answer to
the GraphQL queries in bench/queries.py: one pooled connection per request, one statement per
level (the devices of q2 and q3 come with their models in one join), rows to dicts, stdlib JSON.
There are no permissions, no GraphQL and no validation: this is the physical limit in Python.
"""

import argparse
import base64
import json
from collections import defaultdict
from typing import Any
from urllib.parse import parse_qs

import asyncpg
import uvicorn

VISIBLE_INSTITUTIONS = "status IN ('ACTIVE', 'BLOCKED')"

Q1 = f"SELECT code, name FROM institution WHERE {VISIBLE_INSTITUTIONS} ORDER BY code, id LIMIT 20"

INSTITUTION = f"""
SELECT id, code, name, kind, uscc, region_code, status FROM institution
WHERE code = $1 AND {VISIBLE_INSTITUTIONS}"""
CONTACTS = """
SELECT name, title, mobile, email FROM contact
WHERE institution_id = $1 AND status = 'ACTIVE' ORDER BY name, id LIMIT 100"""
CERTIFICATES = """
SELECT kind, number, valid_to, review_status FROM certificate
WHERE institution_id = $1 AND status = 'ACTIVE' ORDER BY valid_to, id LIMIT 100"""
DEVICES = """
SELECT d.serial_number, d.status, d.warranty_ends_on, m.name, m.device_class
FROM device d JOIN device_model m ON m.id = d.device_model_id
WHERE d.institution_id = $1 AND d.status <> 'ARCHIVED' ORDER BY d.serial_number, d.id LIMIT 20"""
TICKETS = """
SELECT number, status, priority, summary, due_at FROM ticket
WHERE institution_id = $1 AND status = ANY($2::varchar[]) ORDER BY opened_at, id LIMIT 100"""

Q3_INSTITUTIONS = (
    f"SELECT id, code, name FROM institution WHERE {VISIBLE_INSTITUTIONS} "
    "ORDER BY code, id LIMIT 10"
)
Q3_DEVICES = """
SELECT institution_id, serial_number, model_name FROM (
  SELECT d.institution_id, d.serial_number, m.name AS model_name,
         row_number() OVER (PARTITION BY d.institution_id ORDER BY d.serial_number, d.id) AS rank
  FROM device d JOIN device_model m ON m.id = d.device_model_id
  WHERE d.institution_id = ANY($1::uuid[]) AND d.status <> 'ARCHIVED'
) ranked WHERE rank <= 5 ORDER BY institution_id, rank"""

OPEN_TICKETS = ["OPEN", "ASSIGNED", "IN_PROGRESS"]


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


async def q1(connection: asyncpg.Connection, _: dict[str, list[str]]) -> Any:
    rows = await connection.fetch(Q1)
    return {"institutions": {"nodes": [{"code": r[0], "name": r[1]} for r in rows]}}


async def q2(connection: asyncpg.Connection, params: dict[str, list[str]]) -> Any:
    row = await connection.fetchrow(INSTITUTION, params["code"][0])
    if row is None:
        return {"institution": None}
    key = row["id"]
    contacts = await connection.fetch(CONTACTS, key)
    certificates = await connection.fetch(CERTIFICATES, key)
    devices = await connection.fetch(DEVICES, key)
    tickets = await connection.fetch(TICKETS, key, OPEN_TICKETS)
    global_id = base64.urlsafe_b64encode(f"Institution:{key}".encode()).decode()
    return {
        "institution": {
            "id": global_id,
            "code": row["code"],
            "name": row["name"],
            "kind": row["kind"],
            "uscc": row["uscc"],
            "regionCode": row["region_code"],
            "status": row["status"],
            "contacts": [
                {"name": c[0], "title": c[1], "mobile": c[2], "email": c[3]} for c in contacts
            ],
            "certificates": [
                {"kind": c[0], "number": c[1], "validTo": _iso(c[2]), "reviewStatus": c[3]}
                for c in certificates
            ],
            "devices": [
                {
                    "serialNumber": d[0],
                    "status": d[1],
                    "warrantyEndsOn": _iso(d[2]),
                    "deviceModel": {"name": d[3], "deviceClass": d[4]},
                }
                for d in devices
            ],
            "tickets": [
                {
                    "number": t[0],
                    "status": t[1],
                    "priority": t[2],
                    "summary": t[3],
                    "dueAt": _iso(t[4]),
                }
                for t in tickets
            ],
        }
    }


async def q3(connection: asyncpg.Connection, _: dict[str, list[str]]) -> Any:
    institutions = await connection.fetch(Q3_INSTITUTIONS)
    devices = await connection.fetch(Q3_DEVICES, [r["id"] for r in institutions])
    held: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for d in devices:
        held[d[0]].append({"serialNumber": d[1], "deviceModel": {"name": d[2]}})
    nodes = [{"code": r["code"], "name": r["name"], "devices": held[r["id"]]} for r in institutions]
    return {"institutions": {"nodes": nodes}}


ROUTES = {"/q1": q1, "/q2": q2, "/q3": q3}


class RawEndpoint:
    """A bare ASGI app: route, one pooled connection, the queries, JSON."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.pool: asyncpg.Pool | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        handler = ROUTES.get(scope["path"])
        if handler is None:
            await _answer(send, 404, b'{"error": "not found"}')
            return
        assert self.pool is not None
        params = parse_qs(scope["query_string"].decode())
        async with self.pool.acquire() as connection:
            data = await handler(connection, params)
        body = json.dumps({"data": data}, ensure_ascii=False, separators=(",", ":"))
        await _answer(send, 200, body.encode())

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.pool = await asyncpg.create_pool(self.dsn, min_size=4, max_size=10)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.pool is not None:
                    await self.pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _answer(send: Any, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--port", type=int, default=8811)
    args = parser.parse_args()
    uvicorn.run(RawEndpoint(args.dsn), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
