"""The service section of the rules file."""

import pytest

from hub.quality.rules import RulesError
from hub.quality.service_rules import load_service_rules, parse_service_rules


def test_bundled_rules_route_shanghai_and_shenzhen() -> None:
    rules = load_service_rules()
    assert rules.engineer_for("310104") == "孙工（上海服务站）"
    assert rules.engineer_for("440305") == "褚工（深圳服务站）"  # 4403 beats 44
    assert rules.engineer_for("440106") == "陈工（广州服务站）"
    assert rules.engineer_for("650102") is None
    assert rules.engineer_for(None) is None
    assert (rules.at_risk_share, rules.first_time_fix_days) == (0.75, 30)


def test_silent_file_takes_the_defaults() -> None:
    rules = parse_service_rules({})
    assert (rules.at_risk_share, rules.first_time_fix_days, rules.engineers) == (0.75, 30, {})


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"at_risk_share": 1.5}, "service.at_risk_share must be between 0 and 1"),
        ({"first_time_fix_days": -1}, "service.first_time_fix_days cannot be negative"),
        ({"at_risk_share": "soon"}, "service: could not convert string to float: 'soon'"),
    ],
)
def test_bad_values_name_the_setting(section: dict[str, object], message: str) -> None:
    with pytest.raises(RulesError) as raised:
        parse_service_rules({"service": section})
    assert str(raised.value) == message
