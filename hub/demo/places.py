"""Cities and districts the demo companies live in, with real GB/T 2260 region codes."""

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    """A prefecture-level city (or a municipality) and what its regulators are called."""

    name: str  # 上海市
    short: str  # 上海, as companies prefix their names
    pinyin: str  # shanghai, the last segment of its org paths
    sales_region: str  # east, the sales region its org paths start with
    province: str  # 上海市 / 广东省, whose health commission licenses top hospitals
    area_code: str  # 021

    @property
    def org_path(self) -> str:
        """The organisation unit that owns institutions in this city."""
        return f"cn/{self.sales_region}/{self.pinyin}"

    @property
    def is_municipality(self) -> bool:
        """Beijing and Shanghai: districts, not the city, run most regulators."""
        return self.name == self.province


@dataclass(frozen=True)
class District:
    """A county-level division: where an institution is registered."""

    code: str  # GB/T 2260
    name: str  # 徐汇区 / 桐庐县
    city: City
    # Prefix of licence and filing numbers issued here: 沪徐 (Shanghai Xuhui), 浙杭 (Hangzhou).
    licence_prefix: str
    streets: tuple[str, ...]

    @property
    def is_county(self) -> bool:
        """A rural county (县) or county-level city, served by a county hospital."""
        return self.name.endswith(("县", "市"))

    @property
    def short(self) -> str:
        """徐汇区 → 徐汇, 浦东新区 → 浦东, as shop names and police branches abbreviate it."""
        for suffix in ("新区", "区", "县", "市"):
            if self.name.endswith(suffix) and len(self.name) > len(suffix) + 1:
                return self.name.removesuffix(suffix)
        return self.name

    @property
    def full_name(self) -> str:
        """City and district, as an address starts: 上海市徐汇区."""
        return self.city.name + self.name

    def authority(self, body: str) -> str:
        """A district-level authority, e.g. 上海市徐汇区市场监督管理局."""
        return self.full_name + body


SHANGHAI = City("上海市", "上海", "shanghai", "east", "上海市", "021")
BEIJING = City("北京市", "北京", "beijing", "north", "北京市", "010")
GUANGZHOU = City("广州市", "广州", "guangzhou", "south", "广东省", "020")
SHENZHEN = City("深圳市", "深圳", "shenzhen", "south", "广东省", "0755")
HUIZHOU = City("惠州市", "惠州", "huizhou", "south", "广东省", "0752")
HANGZHOU = City("杭州市", "杭州", "hangzhou", "east", "浙江省", "0571")
NANJING = City("南京市", "南京", "nanjing", "east", "江苏省", "025")
XUZHOU = City("徐州市", "徐州", "xuzhou", "east", "江苏省", "0516")
ZHENJIANG = City("镇江市", "镇江", "zhenjiang", "east", "江苏省", "0511")
JINAN = City("济南市", "济南", "jinan", "east", "山东省", "0531")
ZIBO = City("淄博市", "淄博", "zibo", "east", "山东省", "0533")
FUZHOU = City("福州市", "福州", "fuzhou", "east", "福建省", "0591")
CHENGDU = City("成都市", "成都", "chengdu", "west", "四川省", "028")
XIAN = City("西安市", "西安", "xian", "west", "陕西省", "029")
WUHAN = City("武汉市", "武汉", "wuhan", "central", "湖北省", "027")
XIANNING = City("咸宁市", "咸宁", "xianning", "central", "湖北省", "0715")
CHANGSHA = City("长沙市", "长沙", "changsha", "central", "湖南省", "0731")
SHENYANG = City("沈阳市", "沈阳", "shenyang", "north", "辽宁省", "024")


def _district(code: str, name: str, city: City, prefix: str, streets: str) -> tuple[str, District]:
    return code, District(code, name, city, prefix, tuple(streets.split()))


DISTRICTS: dict[str, District] = dict(
    [
        _district("310101", "黄浦区", SHANGHAI, "沪黄", "瑞金二路 南京东路 西藏南路 淮海中路"),
        _district("310104", "徐汇区", SHANGHAI, "沪徐", "枫林路 宜山路 东安路 漕溪北路 肇嘉浜路"),
        _district("310106", "静安区", SHANGHAI, "沪静", "乌鲁木齐中路 延安中路 共和新路 江场西路"),
        _district("310113", "宝山区", SHANGHAI, "沪宝", "同泰北路 陆翔路 牡丹江路 友谊路"),
        _district("310114", "嘉定区", SHANGHAI, "沪嘉", "城北路 博乐路 嘉罗公路 叶城路"),
        _district("310115", "浦东新区", SHANGHAI, "沪浦", "东方路 张江路 浦建路 金桥路 川沙路"),
        _district("310118", "青浦区", SHANGHAI, "沪青", "公园路 城中北路 外青松公路"),
        _district("110101", "东城区", BEIJING, "京东", "帅府园 东直门内大街 崇文门外大街"),
        _district("110102", "西城区", BEIJING, "京西", "北礼士路 长椿街 西直门南大街"),
        _district("110105", "朝阳区", BEIJING, "京朝", "工人体育场南路 樱花园东街 望京街 酒仙桥路"),
        _district("110106", "丰台区", BEIJING, "京丰", "科学城海鹰路 南四环西路 丰台北路"),
        _district("110107", "石景山区", BEIJING, "京石", "京原路 石景山路 八角西街"),
        _district("110108", "海淀区", BEIJING, "京海", "花园北路 中关村大街 学院路 西三环北路"),
        _district("440104", "越秀区", GUANGZHOU, "粤穗", "中山二路 东风中路 农林下路 越秀北路"),
        _district("440106", "天河区", GUANGZHOU, "粤穗", "黄埔大道西 天河路 体育东路 中山大道西"),
        _district("440111", "白云区", GUANGZHOU, "粤穗", "广州大道北 机场路 白云大道北"),
        _district("440112", "黄埔区", GUANGZHOU, "粤穗", "黄埔东路 开创大道 科学大道"),
        _district("440303", "罗湖区", SHENZHEN, "粤深", "东门北路 深南东路 宝安南路"),
        _district("440304", "福田区", SHENZHEN, "粤深", "莲花路 海园一路 深南中路 福华路"),
        _district("440305", "南山区", SHENZHEN, "粤深", "科技南十二路 高新南一道 桃园路"),
        _district("440310", "坪山区", SHENZHEN, "粤深", "坑梓金牛西路 坪山大道 锦龙大道"),
        _district("441322", "博罗县", HUIZHOU, "粤惠", "罗阳镇北门路 博罗大道 罗阳二路"),
        _district("330102", "上城区", HANGZHOU, "浙杭", "庆春路 解放路 庆春东路 江城路"),
        _district("330105", "拱墅区", HANGZHOU, "浙杭", "上塘路 莫干山路 湖墅南路"),
        _district("330106", "西湖区", HANGZHOU, "浙杭", "古翠路 文三路 天目山路 西溪路"),
        _district("330122", "桐庐县", HANGZHOU, "浙杭", "城南街道学圣路 迎春南路 白云源路"),
        _district("330182", "建德市", HANGZHOU, "浙杭", "新安江街道严州大道 新安路 江滨中路"),
        _district("320102", "玄武区", NANJING, "苏宁", "丁家桥 中山路 北京东路 珠江路"),
        _district("320106", "鼓楼区", NANJING, "苏宁", "广州路 中山北路 汉中路 湖南路"),
        _district("320322", "沛县", XUZHOU, "苏徐", "汉兴路 汉源大道 沛公路"),
        _district("321181", "丹阳市", ZHENJIANG, "苏镇", "云阳工业园 丹金路 开发区大道"),
        _district("370102", "历下区", JINAN, "鲁济", "文化西路 经十路 历山路 泉城路"),
        _district("370103", "市中区", JINAN, "鲁济", "经五纬七路 英雄山路 纬二路"),
        _district("370124", "平阴县", JINAN, "鲁济", "青龙路 翠屏街 榆山路"),
        _district("370303", "张店区", ZIBO, "鲁淄", "新华医疗科技园 人民西路 柳泉路"),
        _district("350102", "鼓楼区", FUZHOU, "闽榕", "新权路 东街 五四路 杨桥中路"),
        _district("350103", "台江区", FUZHOU, "闽榕", "茶中路 五一中路 八一七中路"),
        _district("350121", "闽侯县", FUZHOU, "闽榕", "甘蔗街道昙石山中大道 上街镇 南屿镇"),
        _district("510104", "锦江区", CHENGDU, "川蓉", "红星路 东大街 总府路 春熙路"),
        _district("510105", "青羊区", CHENGDU, "川蓉", "一环路西二段 青龙街 蜀都大道 西大街"),
        _district("510107", "武侯区", CHENGDU, "川蓉", "国学巷 人民南路 武侯大道 科华北路"),
        _district("510117", "郫都区", CHENGDU, "川蓉", "上锦路 望丛中路 德源大道"),
        _district("510129", "大邑县", CHENGDU, "川蓉", "晋原街道东街 金龙路 子龙街"),
        _district("610102", "新城区", XIAN, "陕西", "长乐西路 解放路 西五路"),
        _district("610103", "碑林区", XIAN, "陕西", "友谊西路 南大街 长安北路"),
        _district("610113", "雁塔区", XIAN, "陕西", "雁塔西路 小寨东路 科技路 高新路"),
        _district("610122", "蓝田县", XIAN, "陕西", "向阳路 蓝关街道 北关路"),
        _district("420102", "江岸区", WUHAN, "鄂汉", "胜利街 解放大道 黄浦大街"),
        _district("420103", "江汉区", WUHAN, "鄂汉", "解放大道 航空路 新华路"),
        _district("420106", "武昌区", WUHAN, "鄂汉", "解放路 东湖路 中山路 武珞路"),
        _district("420111", "洪山区", WUHAN, "鄂汉", "高新大道 珞喻路 雄楚大道"),
        _district("420114", "蔡甸区", WUHAN, "鄂汉", "新天大道 汉阳大街 蔡甸大街"),
        _district("421221", "嘉鱼县", XIANNING, "鄂咸", "鱼岳镇沙阳大道 茶庵路 新街"),
        _district("430102", "芙蓉区", CHANGSHA, "湘长", "人民中路 解放西路 五一大道"),
        _district("430104", "岳麓区", CHANGSHA, "湘长", "桐梓坡路 麓山南路 岳麓大道 枫林三路"),
        _district("430105", "开福区", CHANGSHA, "湘长", "湘雅路 芙蓉中路 三一大道"),
        _district("430121", "长沙县", CHANGSHA, "湘长", "星沙街道板仓路 开元东路 望仙路"),
        _district("210102", "和平区", SHENYANG, "辽沈", "南京北街 三好街 中华路 太原北街"),
        _district("210103", "沈河区", SHENYANG, "辽沈", "文艺路 青年大街 北站路"),
        _district("210112", "浑南区", SHENYANG, "辽沈", "南屏东路 浑南中路 创新路"),
        _district("210123", "康平县", SHENYANG, "辽沈", "康平镇胜利街 康平大街 东关路"),
    ]
)
"""Every district the demo uses, by region code."""


def district(code: str) -> District:
    """The district with that GB/T 2260 code."""
    return DISTRICTS[code]


def urban_districts() -> list[District]:
    """Districts of city centres, where clinics, distributors and pharmacies cluster."""
    return [d for d in DISTRICTS.values() if not d.is_county]


def counties() -> list[District]:
    """Rural counties and county-level cities."""
    return [d for d in DISTRICTS.values() if d.is_county]
