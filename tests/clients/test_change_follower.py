"""ChangeFollower: batches from the stored cursor, saved after each, resumed after a restart."""

from collections.abc import Sequence
from pathlib import Path

import pytest
from hub_client import ChangeEvent, ChangeFollower, FileCursor, HubClient

from tests import factories
from tests.graphql_client import GraphQLClient


class Recorder:
    """A handler that keeps every event it was given, and can be told to fail once."""

    def __init__(self, fail_on_batch: int | None = None) -> None:
        self.events: list[ChangeEvent] = []
        self.batches = 0
        self.fail_on_batch = fail_on_batch

    def __call__(self, events: Sequence[ChangeEvent]) -> None:
        self.batches += 1
        if self.batches == self.fail_on_batch:
            raise RuntimeError("the consumer's database is down")
        self.events.extend(events)


async def _hospitals(api: GraphQLClient, *codes: str) -> list[str]:
    return [
        (await factories.institution(api, name=f"医院{code}", code=code))["id"] for code in codes
    ]


def _follower(client: HubClient, path: Path) -> ChangeFollower:
    return ChangeFollower(client, FileCursor(path), entity_types=["Institution"], batch_size=2)


async def test_a_restarted_follower_resumes_after_its_saved_cursor(
    api: GraphQLClient, admin_hub: HubClient, tmp_path: Path
) -> None:
    first_ids = await _hospitals(api, "HOS-310101-01", "HOS-310101-02", "HOS-310101-03")
    first = Recorder()
    assert _follower(admin_hub, tmp_path / "cursor").catch_up(first) == 3
    later_ids = await _hospitals(api, "HOS-310101-04", "HOS-310101-05")
    second = Recorder()
    assert _follower(admin_hub, tmp_path / "cursor").catch_up(second) == 2
    assert [e.entity_id for e in first.events] == first_ids
    assert [e.entity_id for e in second.events] == later_ids
    assert FileCursor(tmp_path / "cursor").load() == second.events[-1].seq


async def test_a_failed_batch_is_delivered_again_and_nothing_else_is(
    api: GraphQLClient, admin_hub: HubClient, tmp_path: Path
) -> None:
    ids = await _hospitals(api, "HOS-310101-01", "HOS-310101-02", "HOS-310101-03")
    failing = Recorder(fail_on_batch=2)
    with pytest.raises(RuntimeError):
        _follower(admin_hub, tmp_path / "cursor").catch_up(failing)
    retried = Recorder()
    _follower(admin_hub, tmp_path / "cursor").catch_up(retried)
    assert [e.entity_id for e in failing.events + retried.events] == ids


def test_a_new_file_cursor_starts_at_the_beginning(tmp_path: Path) -> None:
    assert FileCursor(tmp_path / "none-yet").load() == 0
