"""The "CRM account view" under load: N concurrent clients against a live hub.

    python bench/account_view.py --url http://127.0.0.1:8000/graphql --key hub_... \
        --clients 8 --requests 2000 --institutions 10000

Prints throughput and p50/p95/p99 latency. Only talks to the URL given (use 127.0.0.1).
"""

import argparse
import asyncio
import random
import statistics
import time

import httpx

ACCOUNT_VIEW = """
query AccountView($code: String!) {
  institution(code: $code) {
    id code name kind uscc regionCode status
    contacts { name title mobile email }
    certificates { kind number validTo reviewStatus }
    devices(first: 20) { serialNumber status warrantyEndsOn deviceModel { name deviceClass } }
    tickets(statuses: [OPEN, ASSIGNED, IN_PROGRESS]) { number status priority summary dueAt }
  }
}
"""


async def _client(
    http: httpx.AsyncClient, url: str, codes: list[str], count: int, latencies: list[float]
) -> int:
    failures = 0
    for code in codes[:count]:
        started = time.perf_counter()
        response = await http.post(url, json={"query": ACCOUNT_VIEW, "variables": {"code": code}})
        latencies.append(time.perf_counter() - started)
        body = response.json()
        if response.status_code != 200 or "errors" in body or not body["data"]["institution"]:
            failures += 1
    return failures


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


async def run(url: str, key: str, clients: int, requests: int, institutions: int) -> None:
    """Warm up, then send `requests` account views from `clients` concurrent clients."""
    rng = random.Random(1)
    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(headers=headers, timeout=30, limits=limits) as http:
        await _client(http, url, ["B000001"] * 20, 20, [])
        per_client = requests // clients
        latencies: list[float] = []
        plans = [
            [f"B{rng.randint(1, institutions):06d}" for _ in range(per_client)]
            for _ in range(clients)
        ]
        started = time.perf_counter()
        failures = await asyncio.gather(
            *(_client(http, url, plan, per_client, latencies) for plan in plans)
        )
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    print(f"requests     {len(latencies)}  failures {sum(failures)}  clients {clients}")
    print(f"throughput   {len(latencies) / elapsed:.1f} req/s")
    print(
        f"latency ms   p50 {_percentile(ordered, 0.50):.1f}  p95 {_percentile(ordered, 0.95):.1f}"
        f"  p99 {_percentile(ordered, 0.99):.1f}  mean {statistics.mean(ordered) * 1000:.1f}"
    )


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--key", required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--institutions", type=int, default=10_000)
    args = parser.parse_args()
    asyncio.run(run(args.url, args.key, args.clients, args.requests, args.institutions))


if __name__ == "__main__":
    main()
