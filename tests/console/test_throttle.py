"""The sign-in throttle's counting, on a clock the test moves."""

from hub.console.throttle import SignInThrottle


class Clock:
    """A clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _throttle(clock: Clock) -> SignInThrottle:
    return SignInThrottle(per_account=3, per_address=5, window_seconds=600, clock=clock)


def test_an_account_is_free_again_when_its_oldest_failure_leaves_the_window() -> None:
    clock = Clock()
    throttle = _throttle(clock)
    account = {throttle.account("li.na"): 3}
    for step in range(3):
        clock.now = 1000.0 + step * 60
        throttle.failed(list(account))
    assert throttle.wait_seconds(account) == 480  # the first failure, 120 s ago, leaves at 1600
    clock.now = 1000.0 + 599
    assert throttle.wait_seconds(account) == 1
    clock.now = 1000.0 + 600
    assert throttle.wait_seconds(account) == 0


def test_usernames_are_counted_whatever_their_case() -> None:
    throttle = _throttle(Clock())
    for name in ("Li.Na", "li.na ", "LI.NA"):
        throttle.failed([throttle.account(name)])
    assert throttle.wait_seconds({throttle.account("li.na"): 3}) > 0


def test_one_address_trying_many_usernames_is_stopped() -> None:
    throttle = _throttle(Clock())
    address = throttle.address("10.0.0.7")
    for index in range(5):
        throttle.failed([address, throttle.account(f"user{index}")])
    fresh_account = {address: 5, throttle.account("someone.else"): 3}
    assert throttle.wait_seconds(fresh_account) == 600
    assert throttle.wait_seconds({throttle.address("10.0.0.8"): 5}) == 0


def test_signing_in_forgets_the_accounts_failures() -> None:
    throttle = _throttle(Clock())
    account = throttle.account("li.na")
    for _ in range(3):
        throttle.failed([account])
    throttle.succeeded(account)
    assert throttle.wait_seconds({account: 3}) == 0
