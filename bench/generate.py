"""Load a synthetic customer base for benchmarks: N institutions with branches and children.

Writes straight through SQLAlchemy Core in chunks (a load generator, not a validation path),
into the database named by HUB_DATABASE_URL, after migrating it and seeding the policy.

    HUB_DATABASE_URL=sqlite+aiosqlite:///bench.db python bench/generate.py --institutions 10000
"""

import argparse
import asyncio
import random
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from hub.authz.bootstrap import prepare_database
from hub.config import get_settings
from hub.db.certificate import Certificate
from hub.db.contact import Contact
from hub.db.device import Batch, Device, DeviceModel
from hub.db.engine import Database
from hub.db.institution import Institution
from hub.db.ticket import Ticket

CHUNK = 2_000
REGIONS = [
    ("310104", "cn/east/shanghai"),
    ("110105", "cn/north/beijing"),
    ("440106", "cn/south/guangzhou"),
    ("510107", "cn/west/chengdu"),
    ("420106", "cn/central/wuhan"),
    ("330106", "cn/east/hangzhou"),
]
TICKET_STATUSES = ["OPEN", "ASSIGNED", "IN_PROGRESS", "CLOSED"]


def _stamp() -> dict[str, Any]:
    now = datetime.now(UTC)
    return {"created_at": now, "updated_at": now, "version": 1}


def _models() -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.uuid4(),
            "name": f"基准设备型号 {n}",
            "manufacturer": "基准医疗器械有限公司",
            "device_class": ("I", "II", "III")[n % 3],
            "category_code": f"{7 + n:02d}-01",
            "status": "ACTIVE",
            "org_path": "cn",
            **_stamp(),
        }
        for n in range(5)
    ]


def _batches(models: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.uuid4(),
            "device_model_id": model["id"],
            "lot_number": f"B{m}{n:03d}",
            "manufactured_on": date(2024, 1 + n % 12, 1),
            "expires_on": date(2029, 1, 1),
            "status": "ACTIVE",
            "org_path": "cn",
            **_stamp(),
        }
        for m, model in enumerate(models)
        for n in range(4)
    ]


def rows_for(
    index: int, parent: dict[str, Any] | None, batches: list[dict[str, Any]], rng: random.Random
) -> dict[str, list[dict[str, Any]]]:
    """One institution and its contacts, certificates, devices and tickets."""
    region, org_path = REGIONS[index % len(REGIONS)]
    institution = {
        "id": uuid.uuid4(),
        "code": f"B{index:06d}",
        "name": f"基准医院{index:06d}",
        "kind": "HOSPITAL",
        "region_code": region,
        "status": "ACTIVE",
        "tags": [],
        "parent_id": parent["id"] if parent else None,
        "org_path": parent["org_path"] if parent else org_path,
        **_stamp(),
    }
    owner = {"institution_id": institution["id"], "org_path": institution["org_path"]}
    contacts = [
        {
            "id": uuid.uuid4(),
            "name": f"联系人{index}-{n}",
            "role": "PURCHASER",
            "mobile": f"138{index:08d}"[:11],
            "status": "ACTIVE",
            **owner,
            **_stamp(),
        }
        for n in range(3)
    ]
    certificates = [
        {
            "id": uuid.uuid4(),
            "kind": kind,
            "number": f"C{index:06d}{n}",
            "scope": {},
            "valid_from": date(2023, 1, 1),
            "valid_to": date(2028, 1, 1) - timedelta(days=index % 900),
            "review_status": "APPROVED",
            "status": "ACTIVE",
            "contact_id": None,
            **owner,
            **_stamp(),
        }
        for n, kind in enumerate(("BUSINESS_LICENSE", "OPERATION_LICENSE"))
    ]
    devices = []
    for n in range(10):
        lot = rng.choice(batches)
        devices.append(
            {
                "id": uuid.uuid4(),
                "device_model_id": lot["device_model_id"],
                "batch_id": lot["id"],
                "serial_number": f"S{index:06d}{n:02d}",
                "status": "INSTALLED",
                "installed_on": date(2024, 6, 1),
                "warranty_ends_on": date(2027, 6, 1),
                **owner,
                **_stamp(),
            }
        )
    opened = datetime(2026, 1, 1, tzinfo=UTC)
    tickets = [
        {
            "id": uuid.uuid4(),
            "number": f"TK-B{index:06d}-{n}",
            "kind": "REPAIR",
            "priority": "NORMAL",
            "status": TICKET_STATUSES[(index + n) % 4],
            "summary": "基准工单",
            "opened_at": opened,
            "due_at": opened + timedelta(days=3),
            "assignee": None if (index + n) % 4 == 0 else "工程师",
            "device_id": devices[n]["id"],
            "contact_id": None,
            **owner,
            **_stamp(),
        }
        for n in range(2)
    ]
    return {
        "institution": [institution],
        "contact": contacts,
        "certificate": certificates,
        "device": devices,
        "ticket": tickets,
    }


def generate(count: int, seed: int = 7) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Chunks of rows; every fifth institution is a branch of the one before it."""
    rng = random.Random(seed)
    models = _models()
    batches = _batches(models)
    yield {"device_model": models, "batch": batches}
    chunk: dict[str, list[dict[str, Any]]] = {}
    parent: dict[str, Any] | None = None
    for index in range(1, count + 1):
        rows = rows_for(index, parent if index % 5 == 0 else None, batches, rng)
        parent = rows["institution"][0]
        for table, table_rows in rows.items():
            chunk.setdefault(table, []).extend(table_rows)
        if index % CHUNK == 0:
            yield chunk
            chunk = {}
    if chunk:
        yield chunk


MODELS = {
    "device_model": DeviceModel,
    "batch": Batch,
    "institution": Institution,
    "contact": Contact,
    "certificate": Certificate,
    "device": Device,
    "ticket": Ticket,
}


async def load(url: str, count: int) -> dict[str, int]:
    """Migrate, then insert `count` institutions with their children; returns rows per table."""
    database = Database(url)
    try:
        await prepare_database(database)
        totals: dict[str, int] = {}
        for chunk in generate(count):
            async with database.transaction() as session:
                for table, rows in chunk.items():
                    await session.execute(insert(MODELS[table]), rows)
                    totals[table] = totals.get(table, 0) + len(rows)
        return totals
    finally:
        await database.dispose()


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--institutions", type=int, default=10_000)
    args = parser.parse_args()
    started = time.perf_counter()
    totals = asyncio.run(load(get_settings().database_url, args.institutions))
    for table, rows in totals.items():
        print(f"{table:14} {rows:>9,}")
    print(f"loaded in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
