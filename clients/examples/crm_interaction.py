"""Post a CRM activity (a visit, call, complaint …) to the hub and show the customer's archive.

    HUB_URL=http://127.0.0.1:8000 HUB_API_KEY=hub_... python crm_interaction.py \\
        --institution H-0001 --activity ACT-8812 --department 心内科 --kind VISIT \\
        --person 王磊 --summary "主任希望试用新监护仪" --follow-up-on 2026-12-20

The activity's CRM ID makes the post idempotent: sending it again updates the same record. The
department is written the way the CRM writes it; the hub files it under its standard code
(心内科 → 03.04 心血管内科专业) or refuses an unknown name instead of guessing.
"""

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime

from hub_client import HubClient, HubError, raise_for_user_errors
from hub_client.generated.enums import InteractionKind
from hub_client.generated.input_types import (
    SourceInput,
    UpsertDepartmentInput,
    UpsertInteractionInput,
)
from hub_client.generated.institution_archive import InstitutionArchiveInstitution

_SYSTEM = "crm"


def post(client: HubClient, args: argparse.Namespace) -> InstitutionArchiveInstitution:
    """Upsert the department and the activity; the institution's archive as it now stands."""
    before = client.institution_archive(args.institution).institution
    if before is None:
        raise HubError(f"no institution has code {args.institution}")
    department_id = None
    if args.department:
        placed = client.upsert_department(
            UpsertDepartmentInput(
                source=SourceInput(system=_SYSTEM, id=f"{args.institution}/{args.department}"),
                institution_id=before.id,
                name=args.department,
            )
        ).upsert_department
        raise_for_user_errors(placed.user_errors)
        department_id = placed.department.id if placed.department else None
    posted = client.upsert_interaction(
        UpsertInteractionInput(
            source=SourceInput(system=_SYSTEM, id=args.activity),
            institution_id=before.id,
            department_id=department_id,
            kind=InteractionKind(args.kind),
            occurred_at=datetime.now(UTC),
            our_person=args.person,
            summary=args.summary,
            next_follow_up_on=date.fromisoformat(args.follow_up_on) if args.follow_up_on else None,
        )
    ).upsert_interaction
    raise_for_user_errors(posted.user_errors)
    after = client.institution_archive(args.institution).institution
    assert after is not None  # it existed a moment ago
    return after


def _show(client: HubClient, archive: InstitutionArchiveInstitution, count: int) -> None:
    print(f"{archive.code} {archive.name}")
    for department in archive.departments or []:
        local = f" ({department.local_name})" if department.local_name else ""
        print(f"  科室 {department.code} {department.name}{local}")
    recent = client.recent_interactions(archive.id, first=count).interactions
    print(f"  {recent.total_count} interactions, newest first:")
    for item in recent.nodes:
        where = item.department.name if item.department else "-"
        follow = f" → 跟进 {item.next_follow_up_on}" if item.next_follow_up_on else ""
        kind = item.kind.value if item.kind else "?"
        print(f"  {item.occurred_at:%Y-%m-%d} {kind} {where} {item.our_person}{follow}")


def main(argv: Sequence[str] | None = None) -> int:
    """Post one activity and print the archive."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--institution", required=True, help="the institution's hub code")
    parser.add_argument("--activity", required=True, help="the activity's ID in the CRM")
    parser.add_argument("--kind", default="VISIT", choices=[k.value for k in InteractionKind])
    parser.add_argument("--department", help="科室 as the CRM writes it, e.g. 心内科")
    parser.add_argument("--person", required=True, help="our sales rep or engineer")
    parser.add_argument("--summary", default=None)
    parser.add_argument("--follow-up-on", default=None, help="next follow-up, YYYY-MM-DD")
    parser.add_argument("--show", type=int, default=20, help="interactions to list")
    args = parser.parse_args(argv)
    try:
        with HubClient.from_env() as client:
            archive = post(client, args)
            _show(client, archive, args.show)
    except HubError as error:
        print(f"crm_interaction: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
