"""The matching engine on hand-written records, without a database."""

import json
import uuid

import pytest

from hub.dedup.comparators import ngram, token_set
from hub.dedup.engine import Matcher, serial_conflicts
from hub.dedup.normalise import org_name
from hub.dedup.rules import RulesError, load_rules, parse_rules

RULES = load_rules()
INSTITUTIONS = Matcher(RULES.for_entity("institution"))
CONTACTS = Matcher(RULES.for_entity("contact"))
REVIEW = RULES.for_entity("institution").review_threshold
CONTACT_REVIEW = RULES.for_entity("contact").review_threshold


def score(left: dict, right: dict, matcher: Matcher = INSTITUTIONS) -> float:
    return matcher.compare(
        matcher.prepare({"id": "a", **left}), matcher.prepare({"id": "b", **right})
    ).score


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("复旦大学附属中山医院", "上海中山医院"),
        ("复旦大学附属中山医院", "复旦大学附属中山医院（徐汇院区）"),
        ("復旦大學附屬中山醫院", "复旦大学附属中山医院"),
        ("中山大学附一院", "中山大学附属第一医院"),
        ("上海市第1人民医院", "上海市第一人民医院"),
        ("国药控股（上海）有限公司", "国药控股上海有限公司"),
        ("上海医药大药房连锁有限公司", "上海医药大药房"),
        ("老百姓大药房连锁股份有限公司", "老百姓大药房"),
        ("北京协和医院", "北京协和医院　"),
    ],
)
def test_true_matches_score_at_least_the_review_threshold(left: str, right: str) -> None:
    assert score({"name": left}, {"name": right}) >= REVIEW


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("北京大学第一医院", "北京大学第三医院"),
        ("上海市第一人民医院", "上海市第六人民医院"),
        ("上海市第一人民医院", "杭州市第一人民医院"),
        ("复旦大学附属中山医院（徐汇院区）", "复旦大学附属中山医院（青浦分院）"),
        ("北京朝阳医院", "北京协和医院"),
        ("中山大学附属第一医院", "中山大学附属第二医院"),
    ],
)
def test_hard_non_matches_stay_below_the_review_threshold(left: str, right: str) -> None:
    assert score({"name": left}, {"name": right}) < REVIEW


def test_a_different_uscc_rules_out_an_identical_name() -> None:
    left = {"name": "上海瑞金医院", "uscc": "12310000425005876J"}
    right = {"name": "上海瑞金医院", "uscc": "91310000MA1FL1RW7K"}
    assert score(left, right) < REVIEW


def test_a_mistyped_uscc_still_matches() -> None:
    left = {"name": "上海瑞金医院", "uscc": "12310000425005876J"}
    right = {"name": "瑞金医院", "uscc": "12310000425005877J"}
    assert score(left, right) >= REVIEW


def test_a_shared_contact_mobile_is_evidence() -> None:
    match = INSTITUTIONS.compare(
        INSTITUTIONS.prepare({"id": "a", "name": "仁济医院", "mobiles": ["138-1234-5678"]}),
        INSTITUTIONS.prepare({"id": "b", "name": "仁济医院东院", "mobiles": ["+86 13812345678"]}),
    )
    mobiles = next(item for item in match.evidence if item.feature == "mobiles")
    assert mobiles.similarity == 1.0


def test_cjk_text_never_scores_zero_against_itself() -> None:
    assert token_set("复旦大学附属中山医院", "复旦大学附属中山医院") == 1.0
    assert token_set("复旦大学附属中山医院", "中山医院") > 0.5
    assert ngram("中", "中") == 1.0


def test_normalisation_keeps_the_branch_apart_and_strips_suffixes_longest_first() -> None:
    vocabulary = RULES.for_entity("institution").vocabulary
    features = org_name("【上海】国药控股股份有限公司（浦东分公司）", vocabulary)
    assert features["outlet"] == "浦东分公司"
    assert features["full"] == "上海国药控股"
    assert features["pinyin"] == "guoyaokonggu"


def test_the_evidence_names_every_feature_and_why() -> None:
    match = INSTITUTIONS.compare(
        INSTITUTIONS.prepare({"id": "b", "name": "北京大学第一医院"}),
        INSTITUTIONS.prepare({"id": "a", "name": "北京大学第三医院"}),
    )
    assert (match.left_id, match.right_id) == ("a", "b")
    ordinal = next(item for item in match.evidence if item.feature == "name.ordinal")
    assert ordinal.vetoed is True
    assert (ordinal.left, ordinal.right) == ("第三", "第一")
    uscc = next(item for item in match.evidence if item.feature == "uscc")
    assert uscc.similarity is None


def test_a_scan_finds_pairs_only_within_blocks() -> None:
    records = [
        {"id": "1", "name": "复旦大学附属中山医院", "region_code": "310104"},
        {"id": "2", "name": "上海中山医院", "region_code": "310104"},
        {"id": "3", "name": "四川大学华西医院", "region_code": "510107"},
    ]
    matches = INSTITUTIONS.scan(records)
    assert [(match.left_id, match.right_id) for match in matches] == [("1", "2")]


def test_contacts_match_by_name_within_one_institution_or_by_mobile() -> None:
    same = {"name": "张伟", "institution_id": "i1"}
    assert score(same, {"name": "張偉", "institution_id": "i1"}, CONTACTS) >= CONTACT_REVIEW
    assert score(same, {"name": "张伟", "institution_id": "i2"}, CONTACTS) < CONTACT_REVIEW
    moved = {"name": "张伟", "institution_id": "i2", "mobile": "13812345678"}
    assert score({**same, "mobile": "138 1234 5678"}, moved, CONTACTS) >= CONTACT_REVIEW


def test_device_serial_collisions_are_reported_as_conflicts() -> None:
    devices = [
        {"id": "d1", "device_model_id": "m1", "serial_number": "SN-0001"},
        {"id": "d2", "device_model_id": "m1", "serial_number": "sn 0001"},
        {"id": "d3", "device_model_id": "m2", "serial_number": "SN-0001"},
    ]
    [conflict] = serial_conflicts(devices)
    assert conflict.kind == "SERIAL_NUMBER_COLLISION"
    assert conflict.ids == ("d1", "d2")


def test_an_unknown_comparator_in_the_rules_is_reported_by_name() -> None:
    with pytest.raises(RulesError, match="sounds_like"):
        parse_rules(
            {
                "x": {
                    "review_threshold": 0.8,
                    "auto_threshold": 0.9,
                    "blocking": ["name"],
                    "fields": {"name": "text"},
                    "compare": [{"feature": "name", "method": "sounds_like"}],
                }
            }
        )


def test_the_rules_file_can_be_overridden_by_path(tmp_path) -> None:
    override = tmp_path / "rules.toml"
    override.write_text(
        '[x]\nreview_threshold = 0.5\nauto_threshold = 0.9\nblocking = ["name"]\n'
        '[x.fields]\nname = "text"\n[[x.compare]]\nfeature = "name"\nmethod = "ratio"\n',
        encoding="utf-8",
    )
    assert load_rules(override).for_entity("x").review_threshold == 0.5


def test_evidence_is_json_safe_whatever_the_values() -> None:
    institution = uuid.uuid4()
    match = CONTACTS.compare(
        CONTACTS.prepare({"id": "a", "name": "张伟", "institution_id": institution}),
        CONTACTS.prepare({"id": "b", "name": "张伟", "institution_id": institution}),
    )
    rendered = json.loads(json.dumps([item.as_json() for item in match.evidence]))
    same = next(item for item in rendered if item["feature"] == "institution_id")
    assert same["left"] == str(institution)
