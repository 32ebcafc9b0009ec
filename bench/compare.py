"""The hub side by side with PostGraphile v4 and a raw asyncpg endpoint, on one database.

    python bench/compare.py                      # 10,000 institutions, fresh database
    python bench/compare.py --hub-workers 2      # the hub with two worker processes

Creates a PostgreSQL database with a random name, loads it with bench/generate.py, starts the
hub (`hub serve`), bench/raw_endpoint.py and PostGraphile (bench/postgraphile, `npm install`
there first), checks that all three return the same nodes for q1-q3 (bench/queries.py), drives
them with one load generator (bench/loadgen.js, Node), interleaved, and prints requests per
second, p50 and p99 per server and query with the ratios hub/PostGraphile and hub/raw. The
servers are stopped and the database dropped at the end.
"""

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import httpx
from queries import HUB, POSTGRAPHILE, RAW_PATHS, canonical
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = Path(sys.executable).parent
SERVERS = ("hub", "postgraphile", "raw")


async def _admin(server_url: str, statement: str) -> None:
    engine = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new database on the server, dropped afterwards; yields its SQLAlchemy URL."""
    name = f"hub_bench_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin(server_url, f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _libpq(url: str) -> str:
    """postgresql+asyncpg://… → postgresql://… for asyncpg and Node's pg."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def running(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A server process for the duration of the block."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_until_ready(check: Any, name: str, log: Path) -> None:
    for _ in range(600):  # 2 min: on a busy machine a worker takes long to start
        with suppress(httpx.HTTPError):
            if check():
                return
        time.sleep(0.2)
    raise SystemExit(f"{name} did not start; its log:\n{log.read_text()}")


def _hub_request(query: str, code: str) -> dict[str, Any]:
    return {"query": HUB[query], "variables": {"code": code} if query == "q2" else {}}


def _postgraphile_request(query: str, code: str) -> dict[str, Any]:
    return {"query": POSTGRAPHILE[query], "variables": {"code": code} if query == "q2" else {}}


def check_same_nodes(ports: dict[str, int], key: str, institutions: int) -> None:
    """All three servers answer q1-q3 (q2 for several codes) with the same nodes."""
    rng = random.Random(3)
    codes = [f"B{rng.randint(1, institutions):06d}" for _ in range(5)] + ["B000005"]
    with httpx.Client(timeout=30) as http:
        for query in HUB:
            for code in codes if query == "q2" else codes[:1]:
                hub = http.post(
                    f"http://127.0.0.1:{ports['hub']}/graphql",
                    json=_hub_request(query, code),
                    headers={"Authorization": f"Bearer {key}"},
                ).json()
                peer = http.post(
                    f"http://127.0.0.1:{ports['postgraphile']}/graphql",
                    json=_postgraphile_request(query, code),
                ).json()
                raw = http.get(
                    f"http://127.0.0.1:{ports['raw']}" + RAW_PATHS[query].replace("__CODE__", code)
                ).json()
                if "errors" in hub or "errors" in peer:
                    raise SystemExit(f"{query}: errors\nhub {hub}\npostgraphile {peer}")
                if hub != raw:
                    raise SystemExit(f"{query} {code}: hub and raw differ\n{hub}\n{raw}")
                if canonical(hub["data"]) != canonical(peer["data"]):
                    raise SystemExit(f"{query} {code}: hub and PostGraphile differ\n{hub}\n{peer}")
    print(f"same nodes from all three servers for q1, q2 ({len(codes)} institutions), q3")


def load_plan(args: argparse.Namespace, ports: dict[str, int], key: str) -> dict[str, Any]:
    """What bench/loadgen.js drives: every query on every server."""
    cases = []
    for query in args.queries:
        bodies = {
            "hub": json.dumps(_hub_request(query, "__CODE__"), ensure_ascii=False),
            "postgraphile": json.dumps(_postgraphile_request(query, "__CODE__")),
        }
        for server in SERVERS:
            cases.append(
                {
                    "query": query,
                    "server": server,
                    "port": ports[server],
                    "path": RAW_PATHS[query] if server == "raw" else "/graphql",
                    "body": bodies.get(server),
                    "headers": {"authorization": f"Bearer {key}"} if server == "hub" else {},
                }
            )
    return {
        "cases": cases,
        "connections": args.connections,
        "seconds": args.seconds,
        "warmup": args.warmup,
        "rounds": args.rounds,
        "institutions": args.institutions,
    }


def report(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    """The table: rps, p50, p99 per server and query, and the hub's ratios."""
    by_case = {(r["query"], r["server"]): r for r in results}
    print(
        f"\n{args.connections} connections, {args.rounds} interleaved rounds of {args.seconds} s "
        f"per server and query, hub workers {args.hub_workers}"
    )
    header = f"{'query':5} {'server':12} {'rps':>8} {'p50 ms':>8} {'p99 ms':>8} {'fail':>5}"
    print(header)
    for query in args.queries:
        for server in SERVERS:
            r = by_case[(query, server)]
            print(
                f"{query:5} {server:12} {r['rps']:8.1f} {r['p50']:8.1f} {r['p99']:8.1f} "
                f"{r['failures']:5d}"
            )
    print(f"\n{'query':5} {'hub/PostGraphile':>17} {'hub/raw':>8}")
    for query in args.queries:
        hub = by_case[(query, "hub")]["rps"]
        peer = by_case[(query, "postgraphile")]["rps"]
        raw = by_case[(query, "raw")]["rps"]
        print(f"{query:5} {hub / peer:17.2f} {hub / raw:8.2f}")


def _key_name() -> str:
    return f"bench-{uuid.uuid4().hex[:6]}"


def run(args: argparse.Namespace, url: str) -> None:
    """Load, start, check, drive, report."""
    env = os.environ | {"HUB_DATABASE_URL": url, "HUB_LOG_LEVEL": "WARNING"}
    if not args.skip_load:
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), "--institutions", str(args.institutions)],
            env=env | {"PYTHONPATH": str(ROOT)},
            check=True,
        )
    created = subprocess.run(
        [str(BIN / "hub"), "keys", "create", "--role", "steward", "--name", _key_name()],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    key = created.stdout.strip().splitlines()[-1]
    ports = dict(zip(("hub", "raw", "postgraphile"), args.ports, strict=True))
    logs = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    hub_command = [str(BIN / "hub"), "serve", "--port", str(ports["hub"])]
    if args.hub_workers > 1:
        hub_command += ["--workers", str(args.hub_workers)]
    peer_command = ["node", str(BENCH / "postgraphile" / "server.js"), _libpq(url)]
    raw_command = [sys.executable, str(BENCH / "raw_endpoint.py"), "--dsn", _libpq(url)]
    with (
        running(hub_command, env, logs / "hub.log"),
        running([*peer_command, str(ports["postgraphile"])], env, logs / "postgraphile.log"),
        running([*raw_command, "--port", str(ports["raw"])], env, logs / "raw.log"),
    ):
        _wait_until_ready(
            lambda: httpx.get(f"http://127.0.0.1:{ports['hub']}/readyz").status_code == 200,
            "hub",
            logs / "hub.log",
        )
        _wait_until_ready(
            lambda: httpx.get(f"http://127.0.0.1:{ports['raw']}/q1").status_code == 200,
            "raw endpoint",
            logs / "raw.log",
        )
        _wait_until_ready(
            lambda: (
                httpx.post(
                    f"http://127.0.0.1:{ports['postgraphile']}/graphql",
                    json={"query": "{__typename}"},
                ).status_code
                == 200
            ),
            "PostGraphile",
            logs / "postgraphile.log",
        )
        check_same_nodes(ports, key, args.institutions)
        plan_file = logs / "plan.json"
        plan_file.write_text(json.dumps(load_plan(args, ports, key), ensure_ascii=False))
        driven = subprocess.run(
            ["node", str(BENCH / "loadgen.js"), str(plan_file)],
            check=True,
            capture_output=True,
            text=True,
        )
    report(json.loads(driven.stdout), args)


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument(
        "--database-url", help="use this loaded database instead of a fresh one (kept)"
    )
    parser.add_argument("--institutions", type=int, default=10_000)
    parser.add_argument("--hub-workers", type=int, default=1)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", nargs="+", default=list(HUB))
    parser.add_argument(
        "--ports", type=int, nargs=3, default=[8810, 8811, 8812], help="hub, raw, PostGraphile"
    )
    args = parser.parse_args()
    args.skip_load = args.database_url is not None
    if args.database_url:
        run(args, args.database_url)
        return
    with fresh_database(args.server) as url:
        run(args, url)


if __name__ == "__main__":
    main()
