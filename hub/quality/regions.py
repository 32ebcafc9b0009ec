"""GB/T 2260 administrative division codes and the province abbreviations NMPA numbers use."""

import re

from hub.errors import ErrorCode
from hub.quality.invalid import Invalid

# The first two digits of every GB/T 2260 code: 31 provinces, Taiwan, Hong Kong and Macao.
PROVINCE_PREFIXES: dict[str, str] = {
    "11": "北京",
    "12": "天津",
    "13": "河北",
    "14": "山西",
    "15": "内蒙古",
    "21": "辽宁",
    "22": "吉林",
    "23": "黑龙江",
    "31": "上海",
    "32": "江苏",
    "33": "浙江",
    "34": "安徽",
    "35": "福建",
    "36": "江西",
    "37": "山东",
    "41": "河南",
    "42": "湖北",
    "43": "湖南",
    "44": "广东",
    "45": "广西",
    "46": "海南",
    "50": "重庆",
    "51": "四川",
    "52": "贵州",
    "53": "云南",
    "54": "西藏",
    "61": "陕西",
    "62": "甘肃",
    "63": "青海",
    "64": "宁夏",
    "65": "新疆",
    "71": "台湾",
    "81": "香港",
    "82": "澳门",
}

# One-character abbreviations that open provincial registration and filing numbers.
PROVINCE_ABBREVIATIONS = frozenset(
    "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵黔云滇藏陕甘陇青宁新"
)

_REGION_CODE = re.compile(r"^\d{6}$")


def check_region_code(value: str) -> str:
    """A six-digit GB/T 2260 code whose first two digits name a province."""
    value = value.strip()
    if not _REGION_CODE.match(value):
        raise Invalid(ErrorCode.INVALID, "A region code has 6 digits (GB/T 2260).")
    if value[:2] not in PROVINCE_PREFIXES:
        raise Invalid(ErrorCode.UNKNOWN_CODE, "The region code names no province (GB/T 2260).")
    return value
