"""Quality and speed of the duplicate detector on generated, labelled institutions.

    python bench/dedup/benchmark.py            # F1 on 10,000; scan of 10,000 and 100,000

Quality: precision, recall and F1 of the pairs scoring at least the review threshold against
the true pairs (records of one cluster). Speed: wall time and peak resident memory of a full
engine scan (normalise, block, compare), each size in a fresh process.
"""

import argparse
import asyncio
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate
from labelled import LabelledSet, cn_institutions, family_pairs, febrl, scores, true_pairs

from hub.audit.writer import Author
from hub.db.contact import Contact
from hub.db.engine import Database
from hub.db.enums import InstitutionKind, MatchEntity
from hub.db.institution import Institution
from hub.db.migrate import upgrade_to_head
from hub.dedup import candidates
from hub.dedup.engine import Matcher
from hub.dedup.rules import load_rules


def quality(count: int) -> dict[str, Any]:
    """Precision, recall and F1 at the review threshold."""
    records = list(generate(count))
    matcher = Matcher(load_rules().for_entity("institution"))
    predicted = {(match.left_id, match.right_id) for match in matcher.scan(records)}
    clusters: dict[int, list[str]] = defaultdict(list)
    for record in records:
        clusters[record["cluster"]].append(record["id"])
    truth = {
        tuple(sorted(pair))
        for members in clusters.values()
        for pair in itertools.combinations(members, 2)
    }
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "records": count,
        "true_pairs": len(truth),
        "predicted_pairs": len(predicted),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


BENCH_AUTHOR = Author(actor="bench")


def labelled_quality(labelled: LabelledSet) -> dict[str, Any]:
    """Precision, recall and F1 on a labelled set; on hard negatives too when it has families."""
    matcher = Matcher(load_rules().for_entity(labelled.entity))
    predicted = {(m.left_id, m.right_id) for m in matcher.scan(labelled.records)}
    truth = true_pairs(labelled.records)
    result = {"set": labelled.name, "records": len(labelled.records), **scores(predicted, truth)}
    if "family" in labelled.records[0]:
        within = family_pairs(labelled.records)
        hard = scores(predicted & within, truth)
        result["hard_negative_pairs"] = len(within - truth)
        result["hard_negative_precision"] = hard["precision"]
        result["recall_by_cause"] = _recall_by_cause(labelled, predicted, truth)
    return result


def _recall_by_cause(
    labelled: LabelledSet, predicted: set[tuple[str, str]], truth: set[tuple[str, str]]
) -> dict[str, float]:
    # A true pair counts for every cause its entity is labelled with.
    causes = {str(record["id"]): record["causes"] for record in labelled.records}
    found: dict[str, list[bool]] = defaultdict(list)
    for pair in truth:
        for cause in causes[pair[0]]:
            found[cause].append(pair in predicted)
    return {cause: round(sum(hits) / len(hits), 3) for cause, hits in sorted(found.items())}


def _peak_rss_mib() -> float:
    # VmHWM belongs to this process image; ru_maxrss would include the parent's at fork.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _load_database(database: Database, records: list[dict[str, Any]]) -> None:
    await upgrade_to_head(database)
    institutions, contacts, taken = [], [], set()
    for record in records:
        row_id = uuid.uuid4()
        uscc = record["uscc"] if record["uscc"] not in taken else None
        taken.add(uscc)
        institutions.append(
            {
                "id": row_id,
                "code": record["id"],
                "name": record["name"],
                "kind": InstitutionKind.HOSPITAL,
                "uscc": uscc,
                "region_code": record["region_code"],
                "address": record["address"],
            }
        )
        contacts.extend(
            {"institution_id": row_id, "name": "联系人", "mobile": number}
            for number in record["mobiles"]
        )
    async with database.transaction() as session:
        await session.execute(insert(Institution), institutions)
        await session.execute(insert(Contact), contacts)


async def _check_timings(database: Database, probes: int) -> list[float]:
    # "Did you mean?" as a create runs it: the indexed SQL pool, then the engine.
    timings = []
    for index, record in enumerate(generate(probes, seed=11)):
        async with database.transaction() as session:
            row = Institution(
                code=f"probe-{index}",
                name=record["name"],
                kind=InstitutionKind.HOSPITAL,
                region_code=record["region_code"],
                address=record["address"],
            )
            session.add(row)
            await session.flush()
            started = time.perf_counter()
            await candidates.check(session, BENCH_AUTHOR, MatchEntity.INSTITUTION, row)
            timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings)


async def _database_scan(url: str, count: int) -> dict[str, Any]:
    database = Database(url)
    try:
        await _load_database(database, list(generate(count)))
        started, cpu_started = time.perf_counter(), time.process_time()
        async with database.transaction() as session:
            summary, _ = await candidates.rebuild(session, MatchEntity.INSTITUTION)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        checks = await _check_timings(database, 50)
    finally:
        await database.dispose()
    return {
        "records": summary.records,
        "candidates": summary.candidates,
        "db_scan_seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mib": round(_peak_rss_mib(), 1),
        "did_you_mean_median_ms": round(checks[len(checks) // 2], 2),
        "did_you_mean_p90_ms": round(checks[int(len(checks) * 0.9)], 2),
    }


async def _database_checks(url: str, count: int) -> dict[str, Any]:
    database = Database(url)
    try:
        await _load_database(database, list(generate(count)))
        checks = await _check_timings(database, 50)
    finally:
        await database.dispose()
    return {
        "stored": count,
        "did_you_mean_median_ms": round(checks[len(checks) // 2], 2),
        "did_you_mean_p90_ms": round(checks[int(len(checks) * 0.9)], 2),
    }


def _on_database(
    measure: Callable[[str, int], Awaitable[dict[str, Any]]], count: int, url: str | None
) -> dict[str, Any]:
    if url:
        return {"database": url.split("://")[0], **asyncio.run(measure(url, count))}
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite+aiosqlite:///{directory}/bench.db"
        return {"database": "sqlite", **asyncio.run(measure(url, count))}


def database_speed(count: int, url: str | None = None) -> dict[str, Any]:
    """A full `hub dedup scan` (load, match, rewrite the queue) and 50 "did you mean?" checks,
    on a fresh SQLite file or on `url` (an empty database, e.g. PostgreSQL)."""
    return _on_database(_database_scan, count, url)


def database_checks(count: int, url: str | None = None) -> dict[str, Any]:
    """50 "did you mean?" checks as a create runs them (the SQL pool from the indexes, then
    the engine) against `count` stored records, without the scan."""
    return _on_database(_database_checks, count, url)


def speed(count: int) -> dict[str, Any]:
    """Scan time and peak memory (this process must do nothing else)."""
    records = list(generate(count))
    matcher = Matcher(load_rules().for_entity("institution"))
    started, cpu_started = time.perf_counter(), time.process_time()
    matches = matcher.scan(records)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mib = _peak_rss_mib()
    # CPU time as well: on the shared machine wall time mostly measures the neighbours.
    return {
        "records": count,
        "candidates": len(matches),
        "scan_seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mib": round(peak_mib, 1),
    }


def did_you_mean(count: int, probes: int = 200) -> dict[str, Any]:
    """Time of one "did you mean?" against `count` stored records: normalise the new record,
    look its blocks up in an index of the stored ones, score those (what `candidates.check`
    does after its indexed SQL query, which this does not include)."""
    records = list(generate(count + probes))
    stored, new = records[:count], records[count:]
    matcher = Matcher(load_rules().for_entity("institution"))
    index: dict[str, list[Any]] = defaultdict(list)
    for record in stored:
        prepared = matcher.prepare(record)
        for key in prepared.keys:
            index[key].append(prepared)
    timings = []
    for record in new:
        started = time.perf_counter()
        subject = matcher.prepare(record)
        pool = {item.id: item for key in subject.keys for item in index.get(key, ())}
        matches = [matcher.compare(subject, other) for other in pool.values()]
        [match for match in matches if match.score >= matcher.rules.review_threshold]
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "stored": count,
        "probes": probes,
        "median_ms": round(timings[len(timings) // 2], 2),
        "p95_ms": round(timings[int(len(timings) * 0.95)], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=int, help="(internal) measure one size and print JSON")
    parser.add_argument("--db-speed", type=int, help="(internal) one database scan, as JSON")
    parser.add_argument("--db-check", type=int, help='"did you mean?" against N on a database')
    parser.add_argument("--db-url", help="an empty database for --db-speed/--db-check")
    parser.add_argument("--quality-size", type=int, default=10_000)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--labelled-only", action="store_true", help="only the labelled sets")
    parser.add_argument("--did-you-mean", type=int, help="(internal) one check against N, as JSON")
    args = parser.parse_args()
    if args.speed:
        print(json.dumps(speed(args.speed)))
        return
    if args.did_you_mean:
        print(json.dumps(did_you_mean(args.did_you_mean)))
        return
    if args.db_speed:
        print(json.dumps(database_speed(args.db_speed, args.db_url)))
        return
    if args.db_check:
        print(json.dumps(database_checks(args.db_check, args.db_url)))
        return
    for labelled in (cn_institutions(), febrl(1), febrl(2)):
        print("labelled set:", json.dumps(labelled_quality(labelled), ensure_ascii=False))
    if args.labelled_only:
        return
    for size in args.sizes:
        for flag, label in (("--speed", "engine scan"), ("--db-speed", "hub dedup scan (SQLite)")):
            result = subprocess.run(
                [sys.executable, __file__, flag, str(size)],
                check=True,
                capture_output=True,
                text=True,
            )
            print(f"{label}:", result.stdout.strip())
    print("quality at the review threshold:", json.dumps(quality(args.quality_size)))


if __name__ == "__main__":
    main()
