"""The `[credit]` section of the rules file: rating grades and the tiers of credit status.

Like the qualification rules, nothing here knows a policy: an operator edits the file and runs
`hub credit rescreen` to change what the hub enforces.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from hub.db.enums import CreditTier
from hub.quality.rules import RulesError, modified_time, rules_document

# Each tier rule has exactly one of these conditions.
CONDITIONS = ("utilisation_at_least", "overdue_days_over", "profile_lapsed", "grades", "no_profile")
# How bad each status is: the most severe rule that holds decides.
SEVERITY = {CreditTier.NORMAL: 0, CreditTier.WARNING: 1, CreditTier.HOLD: 2}


@dataclass(frozen=True)
class TierRule:
    """`status` applies when the rule's one condition holds."""

    status: CreditTier
    condition: str
    threshold: Any


@dataclass(frozen=True)
class CreditRules:
    """Grades (code → meaning) and tier rules."""

    grades: dict[str, str]
    tiers: tuple[TierRule, ...]

    def rules_for(self, condition: str) -> list[TierRule]:
        """The tier rules of one condition, most severe first."""
        found = [rule for rule in self.tiers if rule.condition == condition]
        return sorted(found, key=lambda rule: -SEVERITY[rule.status])


def _threshold(condition: str, value: Any, where: str) -> Any:
    if condition == "utilisation_at_least":
        try:
            ratio = Decimal(str(value))
        except InvalidOperation as error:
            raise RulesError(f"{where}: {value!r} is not a number") from error
        if ratio < 0:
            raise RulesError(f"{where}: utilisation must not be negative")
        return ratio
    if condition == "overdue_days_over":
        if not isinstance(value, int) or value < 0:
            raise RulesError(f"{where}: overdue_days_over must be a whole number of days")
        return value
    if condition == "grades":
        return frozenset(str(grade) for grade in value)
    if value is not True:
        raise RulesError(f"{where}: {condition} can only be true")
    return True


def _tier(entry: dict[str, Any], index: int, grades: dict[str, str]) -> TierRule:
    where = f"credit.tiers[{index}]"
    try:
        status = CreditTier(entry.get("status", ""))
    except ValueError as error:
        raise RulesError(f"{where}: status must be WARNING or HOLD") from error
    given = [name for name in CONDITIONS if name in entry]
    if status is CreditTier.NORMAL or len(given) != 1:
        raise RulesError(f"{where}: a WARNING or HOLD status and one of {', '.join(CONDITIONS)}")
    threshold = _threshold(given[0], entry[given[0]], where)
    if given[0] == "grades" and not threshold <= grades.keys():
        raise RulesError(f"{where}: grades must be defined in [credit.grades]")
    return TierRule(status, given[0], threshold)


def parse_credit_rules(section: dict[str, Any]) -> CreditRules:
    """Credit rules from the decoded `[credit]` table; RulesError names the first bad entry."""
    try:
        grades = {
            str(code): str(entry.get("meaning", "")) for code, entry in section["grades"].items()
        }
        tiers = tuple(
            _tier(entry, index, grades) for index, entry in enumerate(section.get("tiers", []))
        )
        return CreditRules(grades, tiers)
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        if isinstance(error, RulesError):
            raise
        raise RulesError(f"malformed [credit] section: {error!r}") from error


@lru_cache(maxsize=8)
def _load(path: Path | None, modified: float) -> CreditRules:
    return parse_credit_rules(rules_document(path, modified).get("credit", {"grades": {}}))


def load_credit_rules(path: Path | None = None) -> CreditRules:
    """The credit rules in `path`, or the bundled ones; cached until the file changes."""
    return _load(path, modified_time(path))


def current_credit_rules() -> CreditRules:
    """The credit rules the running hub enforces (HUB_RULES_FILE, or the bundled file)."""
    from hub.config import get_settings

    return load_credit_rules(get_settings().rules_file)
