"""A customer's credit standing on a day, from its profile, its exposure and the credit rules.

Messages carry percentages and days, never amounts: the WMS reads the reasons but must not
learn what a customer owes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from hub.credit.rules import SEVERITY, CreditRules, TierRule
from hub.db.enums import CreditTier
from hub.quality.reasons import Reason, ReasonCode

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Exposure:
    """What a credit account owes in its currency: all outstanding, and the overdue part."""

    outstanding: Decimal = ZERO
    overdue_amount: Decimal = ZERO
    oldest_due_on: date | None = None  # the due date of the oldest overdue document


@dataclass(frozen=True)
class CreditStanding:
    """The derived status with its figures and every reason for it."""

    status: CreditTier
    utilisation: Decimal | None  # exposure / limit; None without a profile or with a zero limit
    exposure: Decimal
    overdue_amount: Decimal
    oldest_overdue_days: int | None
    reasons: tuple[Reason, ...]


def utilisation_of(profile: Any, exposure: Exposure) -> Decimal | None:
    """Exposure as a share of the limit, unrounded (None when there is no limit to use)."""
    if profile is None or profile.credit_limit <= 0:
        return None
    return exposure.outstanding / profile.credit_limit


def _percent(ratio: Decimal) -> str:
    return f"{(ratio * 100).quantize(Decimal('0.1')).normalize():f} %"


def _utilisation(
    rule: TierRule, profile: Any, exposure: Exposure, used: Decimal | None
) -> str | None:
    if profile is None:
        return None
    if used is None:  # a zero limit: any exposure uses more than all of it
        return "There is exposure on a zero limit." if exposure.outstanding > 0 else None
    if used < rule.threshold:
        return None
    return f"Utilisation is {_percent(used)}, at or above {_percent(rule.threshold)}."


def _overdue(rule: TierRule, days: int | None) -> str | None:
    if days is None or days <= rule.threshold:
        return None
    return f"A receivable is {days} days overdue (more than {rule.threshold})."


def _lapsed(profile: Any, on: date) -> tuple[ReasonCode, str] | None:
    if profile is None:
        return None
    if profile.valid_to is not None and on > profile.valid_to:
        return ReasonCode.CREDIT_EXPIRED, f"The credit rating expired on {profile.valid_to}."
    if profile.valid_from is not None and on < profile.valid_from:
        return (
            ReasonCode.CREDIT_NOT_YET_VALID,
            f"The credit rating applies from {profile.valid_from}.",
        )
    return None


def _grade(rule: TierRule, profile: Any, rules: CreditRules) -> str | None:
    if profile is None or profile.rating not in rule.threshold:
        return None
    return f"Rated {profile.rating}: {rules.grades.get(profile.rating, '')}".rstrip(": ")


def evaluate(profile: Any, exposure: Exposure, rules: CreditRules, on: date) -> CreditStanding:
    """The standing of the account `profile` governs (None: no profile) on a day."""
    used = utilisation_of(profile, exposure)
    days = (on - exposure.oldest_due_on).days if exposure.oldest_due_on else None
    lapsed = _lapsed(profile, on)
    no_profile = "There is no credit profile for the institution or its group."
    checks: dict[str, tuple[ReasonCode, Callable[[TierRule], str | None]]] = {
        "utilisation_at_least": (
            ReasonCode.CREDIT_UTILISATION,
            lambda rule: _utilisation(rule, profile, exposure, used),
        ),
        "overdue_days_over": (ReasonCode.OVERDUE, lambda rule: _overdue(rule, days)),
        "profile_lapsed": (
            lapsed[0] if lapsed else ReasonCode.CREDIT_EXPIRED,
            lambda rule: lapsed[1] if lapsed else None,
        ),
        "grades": (ReasonCode.CREDIT_GRADE, lambda rule: _grade(rule, profile, rules)),
        "no_profile": (
            ReasonCode.NO_CREDIT_PROFILE,
            lambda rule: no_profile if profile is None else None,
        ),
    }
    status = CreditTier.NORMAL
    reasons: list[tuple[CreditTier, Reason]] = []
    for condition, (code, message_of) in checks.items():
        # Per condition only the most severe rule that holds speaks (80 % and 100 % both hold
        # at 120 %: one reason, the hold).
        for rule in rules.rules_for(condition):
            if (message := message_of(rule)) is not None:
                reasons.append((rule.status, Reason(code, message)))
                if SEVERITY[rule.status] > SEVERITY[status]:
                    status = rule.status
                break
    reasons.sort(key=lambda pair: -SEVERITY[pair[0]])
    return CreditStanding(
        status=status,
        utilisation=used,
        exposure=exposure.outstanding,
        overdue_amount=exposure.overdue_amount,
        oldest_overdue_days=days,
        reasons=tuple(reason for _, reason in reasons),
    )
