"""Chinese institution knowledge and person matching, read from the shipped data files."""

import pytest

from hub.dedup.comparators import compatible
from hub.dedup.engine import Matcher
from hub.dedup.knowledge import RegionIndex
from hub.dedup.normalise import org_name, person_name, with_aliases
from hub.dedup.rules import RulesError, load_rules, parse_rules

RULES = load_rules()
INSTITUTIONS = Matcher(RULES.for_entity("institution"))
CONTACTS = Matcher(RULES.for_entity("contact"))
VOCABULARY = RULES.for_entity("institution").vocabulary
REVIEW = RULES.for_entity("institution").review_threshold
CONTACT_REVIEW = RULES.for_entity("contact").review_threshold


def score(left: dict, right: dict, matcher: Matcher = INSTITUTIONS) -> float:
    return matcher.compare(
        matcher.prepare({"id": "a", **left}), matcher.prepare({"id": "b", **right})
    ).score


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("首都医科大学宣武医院", "宣武医院"),
        ("首都医科大学附属北京同仁医院", "北京同仁医院"),
        ("中国医学科学院北京协和医院", "北京协和医院"),
        ("浙江大学医学院附属第一医院", "浙大一院"),
        ("上海市第一人民医院", "上海一院"),
        ("北京大学第一医院", "北大医院"),
        ("中山大学孙逸仙纪念医院", "中山二院"),
        ("四川省医学科学院·四川省人民医院", "四川省人民医院"),
        ("义乌市中心医院", "浙江省义乌市中心医院"),
        ("老百姓大药房（五一大道店）", "老百姓大药房五一大道店"),
        ("国药集团一致药业股份有限公司", "国药集团一致药业"),
    ],
)
def test_abbreviations_parents_aliases_and_dual_names_match(left: str, right: str) -> None:
    assert score({"name": left}, {"name": right}) >= REVIEW


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("四川大学华西医院", "四川大学华西口腔医院"),
        ("义乌市中心医院", "义乌市中医医院"),
        ("中南大学湘雅医院", "中南大学湘雅二医院"),
        ("北京大学深圳医院", "香港大学深圳医院"),
        ("老百姓大药房连锁股份有限公司", "老百姓大药房（五一大道店）"),
        ("老百姓大药房（五一大道店）", "老百姓大药房（芙蓉中路店）"),
        ("迈瑞医疗", "迈瑞科技"),
        ("上海医药集团股份有限公司", "上海医药大药房连锁有限公司"),
        ("广州医科大学附属第一医院", "广州市第一人民医院"),
    ],
)
def test_siblings_stores_and_same_brand_companies_stay_apart(left: str, right: str) -> None:
    assert score({"name": left}, {"name": right}) < REVIEW


def test_a_county_level_city_in_the_name_gives_its_gb_t_2260_code() -> None:
    assert org_name("浙江省义乌市中心医院", VOCABULARY)["region_code"] == "330782"


def test_the_region_veto_compares_codes_by_prefix_not_text() -> None:
    inside = score(
        {"name": "义乌市中心医院", "region_code": "330782"},
        {"name": "义乌中心医院", "region_code": "330000"},
    )
    elsewhere = score(
        {"name": "协和医院", "region_code": "420103"},
        {"name": "北京协和医院", "region_code": "110101"},
    )
    assert (inside >= REVIEW, elsewhere < REVIEW) == (True, True)


def test_the_region_index_knows_short_names_and_shares_ambiguous_ones() -> None:
    index = RegionIndex.from_rows(
        [("220000", "吉林省"), ("220200", "吉林市"), ("330782", "义乌市")]
    )
    assert (index.codes["义乌"], index.codes["吉林"]) == ("330782", "220000")


def test_an_alias_added_to_the_registry_file_needs_no_code_change(tmp_path) -> None:
    (tmp_path / "aliases.toml").write_text(
        'groups = [["甲乙医院", "丙丁医院"]]\n', encoding="utf-8"
    )
    rules = parse_rules(
        {
            "vocabulary": {"aliases": "aliases.toml"},
            "x": {
                "review_threshold": 0.9,
                "auto_threshold": 0.95,
                "blocking": ["name.keys"],
                "fields": {"name": "org_name"},
                "compare": [{"feature": "name.keys", "method": "overlap"}],
            },
        },
        tmp_path,
    )
    matcher = Matcher(rules.for_entity("x"))
    [match] = matcher.scan([{"id": "1", "name": "甲乙医院"}, {"id": "2", "name": "丙丁医院"}])
    assert match.score == 1.0


def test_swapped_given_and_family_names_have_one_sorted_form() -> None:
    assert person_name("Wei Zhang")["sorted"] == person_name("zhang wei")["sorted"]
    assert person_name("张伟")["sorted"] == person_name("Wei Zhang")["sorted"]


def test_a_typo_in_the_id_number_is_outweighed_by_agreeing_fields() -> None:
    left = {"name": "james blake", "id_number": "7830672", "date_of_birth": "19050716"}
    right = {"name": "blake james", "id_number": "7830627", "date_of_birth": "19050716"}
    assert score(left, right, CONTACTS) >= CONTACT_REVIEW


def test_the_same_name_with_a_different_id_and_birth_date_is_not_proposed() -> None:
    left = {"name": "张伟", "id_number": "110101199003071234", "date_of_birth": "19900307"}
    right = {"name": "张伟", "id_number": "440104198511230018", "date_of_birth": "19851123"}
    assert score(left, right, CONTACTS) < CONTACT_REVIEW


def test_a_learned_alias_of_a_known_alias_reads_as_the_registrys_canonical_name() -> None:
    taught = with_aliases(VOCABULARY, [("北大一院本部", "北大医院")])
    assert org_name("北大一院本部", taught)["alias"] == "北京大学第一医院"


def test_company_kinds_that_share_nothing_set_one_brand_apart() -> None:
    kinds = [
        org_name(name, VOCABULARY)["kinds"] for name in ("迈瑞医疗", "迈瑞科技", "迈瑞生物医疗电子")
    ]
    assert (compatible(kinds[0], kinds[1]), compatible(kinds[0], kinds[2])) == (0.0, 1.0)


def test_match_weight_scoring_is_refused_without_levels_on_every_rule() -> None:
    table = {
        "scoring": "match_weight",
        "review_threshold": 0.5,
        "auto_threshold": 0.9,
        "blocking": ["name"],
        "fields": {"name": "text"},
        "compare": [{"feature": "name", "method": "exact"}],
    }
    with pytest.raises(RulesError, match="levels"):
        parse_rules({"x": table})


def test_names_without_letters_share_no_block_and_no_key() -> None:
    matches = INSTITUTIONS.scan([{"id": "1", "name": "（）"}, {"id": "2", "name": "·"}])
    assert (matches, org_name("（）", VOCABULARY)["keys"]) == ([], None)
