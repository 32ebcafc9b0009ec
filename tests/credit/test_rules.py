"""The [credit] section of the rules file: grades, tiers, and refusals of malformed entries."""

from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from hub.credit.rules import CreditRules, load_credit_rules, parse_credit_rules
from hub.credit.standing import Exposure, evaluate
from hub.db.enums import CreditTier
from hub.quality.rules import BUNDLED_RULES, RulesError

DAY = date(2026, 6, 1)
GRADES = {"A": {"meaning": "优质"}, "D": {"meaning": "款到发货"}}


def _profile(limit: str = "100000.00", rating: str = "A") -> SimpleNamespace:
    return SimpleNamespace(
        credit_limit=Decimal(limit), rating=rating, valid_from=None, valid_to=None
    )


def test_the_bundled_rules_define_four_grades_and_seven_tiers() -> None:
    rules = load_credit_rules()
    assert sorted(rules.grades) == ["A", "B", "C", "D"]
    assert rules.grades["D"] == "高风险客户：款到发货"
    assert [(t.status.value, t.condition) for t in rules.tiers] == [
        ("WARNING", "utilisation_at_least"),
        ("HOLD", "utilisation_at_least"),
        ("WARNING", "overdue_days_over"),
        ("HOLD", "overdue_days_over"),
        ("HOLD", "profile_lapsed"),
        ("HOLD", "grades"),
        ("WARNING", "no_profile"),
    ]


def test_an_edited_file_changes_the_tiers(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    bundled = (Path(__file__).parents[2] / "hub" / "quality" / BUNDLED_RULES).read_text("utf-8")
    path.write_text(
        bundled.replace("utilisation_at_least = 1.0", "utilisation_at_least = 0.9"), "utf-8"
    )
    rules = load_credit_rules(path)
    standing = evaluate(_profile(), Exposure(outstanding=Decimal("92000.00")), rules, DAY)
    assert standing.status is CreditTier.HOLD
    assert standing.reasons[0].message == "Utilisation is 92 %, at or above 90 %."


@pytest.mark.parametrize(
    ("tier", "complaint"),
    [
        ({"status": "STOP", "no_profile": True}, "status must be WARNING or HOLD"),
        ({"status": "NORMAL", "no_profile": True}, "a WARNING or HOLD status"),
        ({"status": "HOLD"}, "one of utilisation_at_least"),
        ({"status": "HOLD", "no_profile": True, "grades": ["D"]}, "one of utilisation_at_least"),
        ({"status": "HOLD", "utilisation_at_least": "most"}, "is not a number"),
        ({"status": "HOLD", "overdue_days_over": -1}, "whole number of days"),
        ({"status": "HOLD", "grades": ["E"]}, "grades must be defined"),
        ({"status": "HOLD", "profile_lapsed": False}, "can only be true"),
    ],
)
def test_a_malformed_tier_is_refused_with_its_place(
    tier: dict[str, object], complaint: str
) -> None:
    with pytest.raises(RulesError, match=r"credit\.tiers\[0\]") as refused:
        parse_credit_rules({"grades": GRADES, "tiers": [tier]})
    assert complaint in str(refused.value)


def test_rules_without_tiers_leave_everyone_normal() -> None:
    rules = CreditRules(grades={"A": ""}, tiers=())
    standing = evaluate(
        None, Exposure(Decimal("5.00"), Decimal("5.00"), date(2020, 1, 1)), rules, DAY
    )
    assert (standing.status, standing.reasons) == (CreditTier.NORMAL, ())
    assert standing.oldest_overdue_days == (DAY - date(2020, 1, 1)).days


def test_per_condition_only_the_most_severe_rule_that_holds_is_a_reason() -> None:
    standing = evaluate(
        _profile(), Exposure(outstanding=Decimal("150000.00")), load_credit_rules(), DAY
    )
    assert standing.status is CreditTier.HOLD
    assert [reason.message for reason in standing.reasons] == [
        "Utilisation is 150 %, at or above 100 %."
    ]
