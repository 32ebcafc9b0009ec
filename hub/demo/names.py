"""Name pools: people, and the brand words private companies are named with."""

import random
from dataclasses import dataclass

import phonenumbers


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """`"张:zhang 王:wang"` → (("张", "zhang"), ("王", "wang"))."""
    return tuple((chars, pinyin) for chars, pinyin in (item.split(":") for item in text.split()))


# The most common surnames, roughly in order of frequency.
SURNAMES = _pairs(
    "王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou "
    "徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 林:lin 高:gao 罗:luo 郑:zheng 梁:liang "
    "谢:xie 宋:song 唐:tang 许:xu 韩:han 冯:feng 邓:deng 曹:cao 彭:peng 曾:zeng 萧:xiao "
    "田:tian 董:dong 潘:pan 袁:yuan 蔡:cai 蒋:jiang 余:yu 于:yu 杜:du 叶:ye 程:cheng "
    "魏:wei 苏:su 吕:lv 丁:ding 任:ren 卢:lu 姚:yao 沈:shen 钟:zhong 姜:jiang 崔:cui "
    "谭:tan 陆:lu 范:fan 汪:wang 廖:liao 石:shi 金:jin 贾:jia 夏:xia 欧阳:ouyang"
)
_MALE_CHARS = _pairs(
    "伟:wei 强:qiang 磊:lei 军:jun 勇:yong 杰:jie 涛:tao 明:ming 超:chao 刚:gang 平:ping "
    "建:jian 国:guo 志:zhi 海:hai 鹏:peng 宇:yu 浩:hao 博:bo 睿:rui 俊:jun 斌:bin 峰:feng "
    "辉:hui 东:dong 晨:chen 文:wen 华:hua 立:li 新:xin 波:bo 亮:liang 健:jian 凯:kai 毅:yi "
    "成:cheng 林:lin 永:yong 正:zheng 德:de"
)
_FEMALE_CHARS = _pairs(
    "芳:fang 娜:na 敏:min 静:jing 丽:li 艳:yan 娟:juan 秀:xiu 霞:xia 英:ying 玉:yu 红:hong "
    "欣:xin 怡:yi 婷:ting 雪:xue 琳:lin 思:si 佳:jia 涵:han 慧:hui 颖:ying 晓:xiao 春:chun "
    "云:yun 萍:ping 燕:yan 倩:qian 莉:li 洁:jie 璐:lu 蕾:lei 悦:yue 薇:wei 丹:dan 梅:mei"
)
# Zipf-like: 王, 李 and 张 are far more common than 欧阳.
_SURNAME_WEIGHTS = tuple(1 / (rank + 4) for rank in range(len(SURNAMES)))
_EMAIL_DOMAINS = ("163.com", "126.com", "qq.com", "sina.com", "139.com")


@dataclass(frozen=True)
class Person:
    """A generated person: name, its pinyin, and the gender the ID number encodes."""

    surname: str
    given: str
    pinyin: str
    male: bool

    @property
    def name(self) -> str:
        """Surname and given name, no space, as Chinese names are written."""
        return self.surname + self.given


def person(rng: random.Random) -> Person:
    """A plausible Chinese name; two-character given names are the more common."""
    [(surname, surname_pinyin)] = rng.choices(SURNAMES, weights=_SURNAME_WEIGHTS)
    male = rng.random() < 0.55
    pool = _MALE_CHARS if male else _FEMALE_CHARS
    parts = [rng.choice(pool) for _ in range(1 if rng.random() < 0.3 else 2)]
    given = "".join(chars for chars, _ in parts)
    pinyin = surname_pinyin + "".join(p for _, p in parts)
    return Person(surname, given, pinyin, male)


def email(rng: random.Random, who: Person) -> str:
    """A personal mailbox, as staff of Chinese hospitals and dealers mostly use."""
    domain = rng.choice(_EMAIL_DOMAINS)
    if domain == "qq.com" and rng.random() < 0.6:
        return f"{rng.randint(10_000_000, 2_999_999_999)}@qq.com"
    suffix = str(rng.randint(1, 99)) if rng.random() < 0.5 else ""
    return f"{who.pinyin}{suffix}@{domain}"


_MOBILE_PREFIXES = tuple(
    [
        "130",
        "131",
        "132",
        "133",
        "135",
        "136",
        "137",
        "138",
        "139",
        "150",
        "151",
        "152",
        "153",
        "155",
        "156",
        "157",
        "158",
        "159",
        "180",
        "181",
        "182",
        "183",
        "185",
        "186",
        "187",
        "188",
        "189",
        "191",
        "193",
        "195",
        "198",
        "199",
    ]
)


def mobile(rng: random.Random, taken: set[str]) -> str:
    """An 11-digit mainland mobile number not handed out before."""
    while True:
        number = rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"
        if number not in taken:
            taken.add(number)
            return number


def office_phone(rng: random.Random, area_code: str) -> str:
    """A landline with its area code, e.g. 021-64041990 (8 digits) or 0752-2345678 (7)."""
    local = f"{rng.randint(5, 8)}{rng.randrange(10_000_000):07d}"
    eight = f"{area_code}-{local}"
    # Local numbers have 8 digits in big cities and 7 in many smaller ones; the numbering
    # plan knows which.
    if phonenumbers.is_valid_number(phonenumbers.parse(eight, "CN")):
        return eight
    return f"{area_code}-{local[:7]}"


# Brand words of private companies (字号); invented, so no real firm is implied.
BRANDS = tuple(
    [
        "康泽",
        "瑞宁",
        "明德",
        "嘉禾",
        "同创",
        "安信",
        "普华",
        "新锐",
        "博泰",
        "汇智",
        "正和",
        "鼎盛",
        "源盛",
        "天诚",
        "永康",
        "众信",
        "恒安",
        "华康",
        "德润",
        "济世",
        "瑞科",
        "康联",
        "仁达",
        "泰和",
        "维康",
        "益民",
        "安泰",
        "金桥",
        "春晖",
        "海纳",
    ]
)
PHARMACY_BRANDS = tuple(["万民", "益康", "福寿堂", "同春堂", "百信", "康宁"])
CLINIC_BRANDS = tuple(
    ["德康", "仁和", "博爱", "安心", "瑞尔", "佳美", "和睦", "康乐", "惠民", "明心"]
)
