"""The products in the demo: manufacturers, registrations and what the units cost."""

from dataclasses import dataclass
from decimal import Decimal

from hub.db.enums import DeviceClass
from hub.demo.checksums import gs1_check_digit


@dataclass(frozen=True)
class Manufacturer:
    """A device maker: its registered name, where it sits, and its GS1 company prefix."""

    name: str
    region_code: str
    address: str
    gs1_prefix: str  # 7 digits, 69x for China
    serial_prefix: str


@dataclass(frozen=True)
class Product:
    """One registered product line; `units` is its share of the installed base."""

    maker: Manufacturer
    name: str
    device_class: DeviceClass
    category_code: str  # 2017 catalogue
    registration_number: str
    item_reference: str  # 5 digits of the GTIN after the company prefix
    list_price: Decimal
    units: int  # relative weight among serialised units; 0 = tracked by batch only
    warranty_years: int
    shelf_life_years: int
    setting: str = "any"  # where units go: "any" holder, a "hospital", or only "top" hospitals

    @property
    def udi_di(self) -> str:
        """The GTIN-14 of the product (indicator digit 0)."""
        body = "0" + self.maker.gs1_prefix + self.item_reference
        return body + gs1_check_digit(body)


MINDRAY = Manufacturer(
    "深圳迈瑞生物医疗电子股份有限公司",
    "440305",
    "深圳市南山区高新技术产业园区科技南十二路迈瑞大厦",
    "6923522",
    "MR",
)
UNITED_IMAGING = Manufacturer(
    "上海联影医疗科技股份有限公司",
    "310114",
    "上海市嘉定区城北路2258号",
    "6975423",
    "UI",
)
YUWELL = Manufacturer(
    "江苏鱼跃医疗设备股份有限公司",
    "321181",
    "江苏省丹阳市云阳工业园（振新路南）",
    "6921199",
    "YW",
)
SONOSCAPE = Manufacturer(
    "深圳开立生物医疗科技股份有限公司",
    "440305",
    "深圳市南山区粤海街道麻岭社区高新中区科技中2路1号",
    "6971283",
    "SS",
)
EDAN = Manufacturer(
    "深圳市理邦精密仪器股份有限公司",
    "440310",
    "深圳市坪山区坑梓街道金沙社区金辉路15号",
    "6952743",
    "ED",
)
AEONMED = Manufacturer(
    "北京谊安医疗系统股份有限公司",
    "110106",
    "北京市丰台区科学城海鹰路9号",
    "6944106",
    "AM",
)
SHINVA = Manufacturer(
    "山东新华医疗器械股份有限公司",
    "370303",
    "山东省淄博市张店区新华医疗科技园",
    "6901458",
    "SV",
)
HUTONG = Manufacturer("上海沪通电子有限公司", "310114", "上海市嘉定区叶城路1288号", "6907131", "HT")
KANGJIA = Manufacturer(
    "上海康嘉手术器械有限公司", "310114", "上海市嘉定区嘉罗公路1661号", "6907288", "KJ"
)
MANUFACTURERS = (
    MINDRAY, UNITED_IMAGING, YUWELL, SONOSCAPE, EDAN, AEONMED, SHINVA, HUTONG, KANGJIA,
)  # fmt: skip

_I, _II, _III = DeviceClass.I, DeviceClass.II, DeviceClass.III


def _p(
    maker: Manufacturer,
    name: str,
    device_class: DeviceClass,
    category: str,
    registration: str,
    item: str,
    price: int,
    units: int,
    warranty: int = 2,
    shelf_life: int = 10,
    *,
    setting: str = "any",
) -> Product:
    return Product(
        maker, name, device_class, category, registration, item, Decimal(price), units,
        warranty, shelf_life, setting,
    )  # fmt: skip


# fmt: off
PRODUCTS = (
    _p(MINDRAY, "病人监护仪 BeneVision N12", _II, "07-03", "粤械注准20172070415",
       "10012", 68_000, 18, 3, setting="hospital"),
    _p(MINDRAY, "病人监护仪 uMEC10", _II, "07-03", "粤械注准20192070231",
       "10025", 32_000, 14, 3),
    _p(MINDRAY, "呼吸机 SV800", _III, "08-01", "国械注准20183080211",
       "20031", 420_000, 5, setting="hospital"),
    _p(MINDRAY, "除颤监护仪 BeneHeart D6", _III, "08-03", "国械注准20163081089",
       "20047", 98_000, 4),
    _p(MINDRAY, "输液泵 BeneFusion VP5", _II, "14-02", "粤械注准20182140512",
       "30018", 12_800, 16),
    _p(MINDRAY, "全自动生化分析仪 BS-2000M", _II, "22-02", "粤械注准20162220387",
       "40011", 1_150_000, 2, 1, setting="hospital"),
    _p(MINDRAY, "全自动血液细胞分析仪 BC-6800Plus", _II, "22-01", "粤械注准20172220211",
       "40026", 560_000, 3, 1, setting="hospital"),
    _p(MINDRAY, "彩色多普勒超声诊断系统 Resona 7", _III, "06-07", "国械注准20173063314",
       "50014", 1_580_000, 2, setting="top"),
    _p(UNITED_IMAGING, "X射线计算机体层摄影设备 uCT 760", _III, "06-03", "国械注准20163060517",
       "00108", 6_800_000, 1, 1, setting="top"),
    _p(UNITED_IMAGING, "磁共振成像系统 uMR 780", _III, "06-05", "国械注准20173060873",
       "00215", 12_500_000, 1, 1, setting="top"),
    _p(UNITED_IMAGING, "数字化医用X射线摄影系统 uDR 780i", _II, "06-01", "沪械注准20182060412",
       "00322", 1_380_000, 2, 1, setting="hospital"),
    _p(YUWELL, "医用分子筛制氧机 9F-5W", _II, "08-05", "苏械注准20172080213",
       "31107", 6_800, 6, 1, 8),
    _p(YUWELL, "电子血压计 YE670A", _II, "07-03", "苏械注准20172070396",
       "31220", 399, 8, 1, 5),
    _p(YUWELL, "手动轮椅车 H062", _I, "19-01", "苏镇械备20150027号",
       "31335", 1_280, 5, 1, 5),
    _p(YUWELL, "医用外科口罩", _II, "14-14", "苏械注准20202140678",
       "31402", 1, 0, 0, 2),
    _p(SONOSCAPE, "数字彩色多普勒超声诊断系统 S60", _II, "06-07", "粤械注准20192060398",
       "12006", 860_000, 3, setting="hospital"),
    _p(SONOSCAPE, "电子上消化道内窥镜 EG-550", _II, "06-14", "粤械注准20202060751",
       "12113", 380_000, 2, setting="hospital"),
    _p(EDAN, "多参数监护仪 iM8", _II, "07-03", "粤械注准20212070585",
       "20508", 28_000, 12, 3),
    _p(EDAN, "数字心电图机 SE-1200 Express", _II, "07-02", "粤械注准20162070473",
       "20615", 22_000, 8),
    _p(AEONMED, "麻醉机 Aeon7900A", _III, "08-02", "国械注准20153080156",
       "60021", 380_000, 3, setting="hospital"),
    _p(SHINVA, "脉动真空灭菌器 XG1.DMD-1.2", _II, "11-01", "鲁械注准20172110045",
       "70034", 320_000, 2, 1, setting="hospital"),
    _p(HUTONG, "高频手术系统 GD350-B", _III, "01-01", "国械注准20183010221",
       "80015", 85_000, 3, setting="hospital"),
    _p(KANGJIA, "组织剪", _I, "02-03", "沪嘉械备20160088号",
       "80122", 180, 0, 0, 5),
)
# fmt: on
"""Every product; those with `units` = 0 are consumables or instruments tracked by batch."""
