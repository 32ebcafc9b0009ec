"""Labelled institution records with the variations real customer masters have.

Each true institution gets a cluster label and 1-4 records: traditional characters, full-width
or 【】 brackets, legal suffixes added or dropped, the region prefix dropped or spelled with 市,
a bracketed campus, USCC and mobile typos, missing USCC, address or region. Hard negatives
come for free: the same core name in another city, sibling hospitals 第一 / 第三.
"""

import random
import string
from collections.abc import Iterator
from typing import Any

import zhconv

CITIES = [
    ("上海", "310104"),
    ("北京", "110105"),
    ("广州", "440104"),
    ("深圳", "440304"),
    ("杭州", "330106"),
    ("南京", "320106"),
    ("武汉", "420106"),
    ("成都", "510107"),
    ("西安", "610113"),
    ("苏州", "320508"),
    ("郑州", "410105"),
    ("长沙", "430104"),
    ("沈阳", "210102"),
    ("青岛", "370202"),
    ("济南", "370102"),
    ("厦门", "350203"),
    ("福州", "350102"),
    ("合肥", "340104"),
    ("昆明", "530102"),
    ("大连", "210202"),
    ("宁波", "330203"),
    ("无锡", "320213"),
    ("长春", "220102"),
    ("南昌", "360102"),
]
CHARS = (
    "华康仁和瑞金博爱同济协和安贞中山友谊天坛宣武朝阳长征长海东方新华曙光龙华岳阳光明"
    "永安惠民济世德信恒泰嘉禾盛源鑫隆宏达立信正大广安国泰金桥银河海天云峰星辰明珠"
)
ORDINALS = "一二三四五六七八九十"
UNIVERSITIES = ["复旦大学", "浙江大学", "中山大学", "四川大学", "武汉大学", "南京医科大学"]
CAMPUSES = ["东院区", "西院区", "南院区", "北院区", "浦东分院", "徐汇院区"]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _core(rng: random.Random) -> str:
    return "".join(rng.choice(CHARS) for _ in range(rng.choice((2, 2, 3))))


def _base(rng: random.Random) -> dict[str, Any]:
    city, region = rng.choice(CITIES)
    kind = rng.random()
    if kind < 0.25:
        name, suffix = f"{city}市第{rng.choice(ORDINALS)}人民医院", ""
    elif kind < 0.45:
        name, suffix = f"{rng.choice(UNIVERSITIES)}附属{_core(rng)}医院", ""
    elif kind < 0.7:
        name, suffix = f"{city}{_core(rng)}医院", ""
    elif kind < 0.88:
        name, suffix = f"{city}{_core(rng)}医疗器械", "有限公司"
    else:
        name, suffix = f"{_core(rng)}大药房", "连锁有限公司"
    return {
        "name": name,
        "suffix": suffix,
        "city": city,
        "region_code": region,
        "uscc": "9" + "".join(rng.choice(USCC_CHARS) for _ in range(17)),
        "address": f"{city}市{_core(rng)}路{rng.randint(1, 999)}号",
        "mobiles": [f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}"],
    }


def _typo(value: str, rng: random.Random, alphabet: str) -> str:
    position = rng.randrange(len(value))
    return value[:position] + rng.choice(alphabet) + value[position + 1 :]


def _variant(base: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    name, suffix, city = base["name"], base["suffix"], base["city"]
    if rng.random() < 0.3 and name.startswith(city) and not name.startswith(f"{city}市"):
        name = f"{city}市{name[len(city) :]}"
    elif rng.random() < 0.2 and name.startswith(city) and "第" not in name:
        name = name[len(city) :]
    if suffix and rng.random() < 0.5:
        suffix = rng.choice(["", "股份有限公司", "有限责任公司", "有限公司"])
    if rng.random() < 0.25 and "有限" in suffix:
        name = name.replace(city, f"（{city}）", 1) if name.startswith(city) else name
    if rng.random() < 0.15 and "医院" in name:
        name = f"{name}{rng.choice(['（', '【'])}{rng.choice(CAMPUSES)}{rng.choice(['）', '】'])}"
    record = {
        "name": name + suffix,
        "region_code": base["region_code"],
        "uscc": base["uscc"],
        "address": base["address"],
        "mobiles": list(base["mobiles"]),
    }
    if rng.random() < 0.25:
        record["name"] = zhconv.convert(record["name"], "zh-hant")
    if rng.random() < 0.2:
        record["uscc"] = _typo(record["uscc"], rng, USCC_CHARS)
    if rng.random() < 0.3:
        record["uscc"] = None
    if rng.random() < 0.3:
        record["address"] = None
    if rng.random() < 0.2:
        record["region_code"] = None
    if rng.random() < 0.2:
        record["mobiles"] = [_typo(record["mobiles"][0], rng, string.digits)]
    if rng.random() < 0.3:
        record["mobiles"] = []
    return record


def generate(count: int, seed: int = 5) -> Iterator[dict[str, Any]]:
    """`count` institution records with `id` and `cluster` (records of one cluster are one)."""
    rng = random.Random(seed)
    produced = cluster = 0
    seen: set[str] = set()
    while produced < count:
        base = _base(rng)
        # One real institution per name and per USCC, as in the registry.
        if base["uscc"] in seen or base["name"] in seen:
            continue
        seen.update((base["uscc"], base["name"]))
        size = 1 if rng.random() < 0.6 else rng.choice((2, 2, 2, 3, 3, 4))
        original = {**base, "name": base["name"] + base["suffix"]}
        for copy in range(min(size, count - produced)):
            record = _variant(base, rng) if copy else original
            fields = {key: record[key] for key in ("name", "region_code", "uscc", "address")}
            yield {
                "id": f"r{produced:07d}",
                "cluster": cluster,
                **fields,
                "mobiles": record["mobiles"],
            }
            produced += 1
        cluster += 1
