"""Print a customer's history, newest first, as the CRM's account page shows it.

    HUB_URL=http://127.0.0.1:8000 HUB_API_KEY=hub_... python crm_timeline.py CODE \\
        [--kind DEMO_LOAN_OUT --kind CONTRACT_STARTS ...] [--from 2026-01-01] [--to 2026-12-31]

One line per event: date, kind, label (a record's number, or a demo loan's department), and
the record's global ID for a follow-up `node(id:)`. Only what the key may read is listed.
"""

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from itertools import islice

from hub_client import HubClient, HubError, iter_nodes
from hub_client.generated.enums import TimelineKind
from hub_client.generated.institution_timeline import InstitutionTimelineInstitutionTimeline

_PAGE = 50


def show(
    client: HubClient,
    code: str,
    kinds: list[TimelineKind] | None,
    since: date | None,
    until: date | None,
    limit: int,
) -> int:
    """Print up to `limit` events of the institution's timeline; the exit status."""
    first = client.institution_timeline(code, first=0).institution
    if first is None:
        print(f"crm_timeline: no institution has the code {code}.", file=sys.stderr)
        return 1
    print(f"{first.code} {first.name}: {first.timeline.total_count} events")

    def fetch(after: str | None) -> InstitutionTimelineInstitutionTimeline:
        answer = client.institution_timeline(
            code, first=_PAGE, after=after, kinds=kinds, from_=since, to=until
        )
        assert answer.institution is not None
        return answer.institution.timeline

    for event in islice(iter_nodes(fetch), limit):
        label = event.label or "-"
        print(f"{event.at:%Y-%m-%d}  {event.kind.value:<22} {label:<28} {event.record_id}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and print the timeline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("institution_code", help="the customer's hub code, e.g. HOS-310104-01")
    parser.add_argument("--kind", action="append", type=TimelineKind, help="only these kinds")
    parser.add_argument("--from", dest="since", type=date.fromisoformat, help="YYYY-MM-DD")
    parser.add_argument("--to", dest="until", type=date.fromisoformat, help="YYYY-MM-DD")
    parser.add_argument("--limit", type=int, default=50, help="at most this many events")
    args = parser.parse_args(argv)
    try:
        with HubClient.from_env() as client:
            return show(
                client, args.institution_code, args.kind, args.since, args.until, args.limit
            )
    except HubError as error:
        print(f"crm_timeline: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
