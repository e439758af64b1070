#!/usr/bin/env python3
"""build-aux/make-sample-data.py — write the sample data packs in data/sample/.

Produces five data packs (format "digital-trade-pack", version 1, see docs/data-pack.md):

  regions.json      Zhejiang, its 11 cities and 90 county-level divisions (real names)
  framework.json    Openness Index framework: real 5 dimensions, fictional levels below
  index.json        fictional index values 2018-2024 (2018 = 100) plus the published figures,
                    for the province, the 11 cities and the 90 counties and districts
  enterprises.json  fictional Top-100 digital trade enterprises 2021-2023
  measures.json     36 fictional Binjiang FTZ measures

Python 3 standard library only, deterministic (fixed seeds, no network).
Usage: build-aux/make-sample-data.py [OUTPUT-DIR]   (default: data/sample next to this script)
"""

import json
import math
import os
import random
import sys

SEED = 20240601

# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------

# (code, name_zh, name_en, admin code) in administrative-code order.
CITIES = [
    ("hangzhou", "杭州市", "Hangzhou", "330100"),
    ("ningbo", "宁波市", "Ningbo", "330200"),
    ("wenzhou", "温州市", "Wenzhou", "330300"),
    ("jiaxing", "嘉兴市", "Jiaxing", "330400"),
    ("huzhou", "湖州市", "Huzhou", "330500"),
    ("shaoxing", "绍兴市", "Shaoxing", "330600"),
    ("jinhua", "金华市", "Jinhua", "330700"),
    ("quzhou", "衢州市", "Quzhou", "330800"),
    ("zhoushan", "舟山市", "Zhoushan", "330900"),
    ("taizhou", "台州市", "Taizhou", "331000"),
    ("lishui", "丽水市", "Lishui", "331100"),
]

# County-level divisions as of the 2021 Hangzhou redistricting (37 districts,
# 20 county-level cities, 33 counties = 90). (pinyin, name_zh, admin code).
# Admin codes: GB/T 2260 as published by the Ministry of Civil Affairs,
# current as of 2023 (e.g. 临平区 330113 and 钱塘区 330114 since 2021).
# The English name is derived from the Chinese suffix (区/市/县).
COUNTIES = {
    "hangzhou": [
        ("shangcheng", "上城区", "330102"), ("gongshu", "拱墅区", "330105"),
        ("xihu", "西湖区", "330106"), ("binjiang", "滨江区", "330108"),
        ("xiaoshan", "萧山区", "330109"), ("yuhang", "余杭区", "330110"),
        ("fuyang", "富阳区", "330111"), ("linan", "临安区", "330112"),
        ("linping", "临平区", "330113"), ("qiantang", "钱塘区", "330114"),
        ("tonglu", "桐庐县", "330122"), ("chunan", "淳安县", "330127"),
        ("jiande", "建德市", "330182"),
    ],
    "ningbo": [
        ("haishu", "海曙区", "330203"), ("jiangbei", "江北区", "330205"),
        ("beilun", "北仑区", "330206"), ("zhenhai", "镇海区", "330211"),
        ("yinzhou", "鄞州区", "330212"), ("fenghua", "奉化区", "330213"),
        ("xiangshan", "象山县", "330225"), ("ninghai", "宁海县", "330226"),
        ("yuyao", "余姚市", "330281"), ("cixi", "慈溪市", "330282"),
    ],
    "wenzhou": [
        ("lucheng", "鹿城区", "330302"), ("longwan", "龙湾区", "330303"),
        ("ouhai", "瓯海区", "330304"), ("dongtou", "洞头区", "330305"),
        ("yongjia", "永嘉县", "330324"), ("pingyang", "平阳县", "330326"),
        ("cangnan", "苍南县", "330327"), ("wencheng", "文成县", "330328"),
        ("taishun", "泰顺县", "330329"), ("ruian", "瑞安市", "330381"),
        ("yueqing", "乐清市", "330382"), ("longgang", "龙港市", "330383"),
    ],
    "jiaxing": [
        ("nanhu", "南湖区", "330402"), ("xiuzhou", "秀洲区", "330411"),
        ("jiashan", "嘉善县", "330421"), ("haiyan", "海盐县", "330424"),
        ("haining", "海宁市", "330481"), ("pinghu", "平湖市", "330482"),
        ("tongxiang", "桐乡市", "330483"),
    ],
    "huzhou": [
        ("wuxing", "吴兴区", "330502"), ("nanxun", "南浔区", "330503"),
        ("deqing", "德清县", "330521"), ("changxing", "长兴县", "330522"),
        ("anji", "安吉县", "330523"),
    ],
    "shaoxing": [
        ("yuecheng", "越城区", "330602"), ("keqiao", "柯桥区", "330603"),
        ("shangyu", "上虞区", "330604"), ("xinchang", "新昌县", "330624"),
        ("zhuji", "诸暨市", "330681"), ("shengzhou", "嵊州市", "330683"),
    ],
    "jinhua": [
        ("wucheng", "婺城区", "330702"), ("jindong", "金东区", "330703"),
        ("wuyi", "武义县", "330723"), ("pujiang", "浦江县", "330726"),
        ("panan", "磐安县", "330727"), ("lanxi", "兰溪市", "330781"),
        ("yiwu", "义乌市", "330782"), ("dongyang", "东阳市", "330783"),
        ("yongkang", "永康市", "330784"),
    ],
    "quzhou": [
        ("kecheng", "柯城区", "330802"), ("qujiang", "衢江区", "330803"),
        ("changshan", "常山县", "330822"), ("kaihua", "开化县", "330824"),
        ("longyou", "龙游县", "330825"), ("jiangshan", "江山市", "330881"),
    ],
    "zhoushan": [
        ("dinghai", "定海区", "330902"), ("putuo", "普陀区", "330903"),
        ("daishan", "岱山县", "330921"), ("shengsi", "嵊泗县", "330922"),
    ],
    "taizhou": [
        ("jiaojiang", "椒江区", "331002"), ("huangyan", "黄岩区", "331003"),
        ("luqiao", "路桥区", "331004"), ("sanmen", "三门县", "331022"),
        ("tiantai", "天台县", "331023"), ("xianju", "仙居县", "331024"),
        ("wenling", "温岭市", "331081"), ("linhai", "临海市", "331082"),
        ("yuhuan", "玉环市", "331083"),
    ],
    "lishui": [
        ("liandu", "莲都区", "331102"), ("qingtian", "青田县", "331121"),
        ("jinyun", "缙云县", "331122"), ("suichang", "遂昌县", "331123"),
        ("songyang", "松阳县", "331124"), ("yunhe", "云和县", "331125"),
        ("qingyuan", "庆元县", "331126"), ("jingning", "景宁畲族自治县", "331127"),
        ("longquan", "龙泉市", "331181"),
    ],
}

# English spellings that need an apostrophe to separate syllables.
EN_SPELLING = {"linan": "Lin'an", "chunan": "Chun'an", "ruian": "Rui'an", "panan": "Pan'an"}

CITY_CODES = [c[0] for c in CITIES]
CITY_ADMIN = {c[0]: c[3] for c in CITIES}
CITY_NAMES = {c[0]: (c[1], c[2]) for c in CITIES}


def county_name_en(pinyin, name_zh):
    """English name of a county-level division from its pinyin and Chinese suffix."""
    base = EN_SPELLING.get(pinyin, pinyin.capitalize())
    if name_zh == "景宁畲族自治县":
        return "Jingning She Autonomous County"
    suffix = {"区": "District", "市": "City", "县": "County"}[name_zh[-1]]
    return f"{base} {suffix}"


def county_admin_codes():
    """Map county code (city.pinyin) to its 6-digit administrative division code."""
    return {f"{city}.{p}": adm for city, rows in COUNTIES.items() for p, _, adm in rows}


def county_short_names():
    """Map county code to (short Chinese, English) place name used in company names."""
    out = {}
    for city, rows in COUNTIES.items():
        for p, zh, _ in rows:
            out[f"{city}.{p}"] = (zh[:-1] if len(zh) == 3 else zh,
                                  EN_SPELLING.get(p, p.capitalize()))
    return out


PROVINCE_ADMIN = "330000"


def make_regions():
    rows = [{"code": "ZJ", "name_zh": "浙江省", "name_en": "Zhejiang", "level": "province",
             "gb_code": PROVINCE_ADMIN}]
    for code, zh, en, adm in CITIES:
        rows.append({"code": code, "name_zh": zh, "name_en": en, "level": "city", "parent": "ZJ",
                     "gb_code": adm})
    for city in CITY_CODES:
        for p, zh, adm in COUNTIES[city]:
            rows.append({"code": f"{city}.{p}", "name_zh": zh,
                         "name_en": county_name_en(p, zh), "level": "county", "parent": city,
                         "gb_code": adm})
    return pack("regions", "regions",
                "Administrative divisions of Zhejiang Province",
                "浙江省行政区划",
                "Administrative divisions of Zhejiang Province, Ministry of Civil Affairs; "
                "codes: GB/T 2260 as published by the Ministry of Civil Affairs, current as of 2023",
                "official", rows)


# ---------------------------------------------------------------------------
# Index framework
# ---------------------------------------------------------------------------

# Five real dimensions; the sub-dimensions and indicators below them are fictional.
# Indicator entries are (name_zh, name_en) or (name_zh, name_en, -1) for "lower is better".
FRAMEWORK = [
    ("开放基础", "Openness foundation", [
        ("经济基础", "Economic base", [
            ("地区生产总值", "Gross regional product"),
            ("人均地区生产总值", "GRP per capita"),
            ("一般公共预算收入", "General public budget revenue"),
            ("社会消费品零售总额", "Retail sales of consumer goods"),
        ]),
        ("产业基础", "Industrial base", [
            ("规上工业增加值", "Value added of industry above designated size"),
            ("高新技术产业增加值占比", "Share of high-tech industry value added"),
            ("数字经济核心产业增加值", "Value added of core digital economy industries"),
            ("服务业增加值占比", "Services share of GRP"),
        ]),
        ("基础设施", "Infrastructure", [
            ("港口货物吞吐量", "Port cargo throughput"),
            ("集装箱吞吐量", "Container throughput"),
            ("航空旅客吞吐量", "Air passenger throughput"),
            ("5G基站密度", "5G base station density"),
        ]),
        ("创新基础", "Innovation base", [
            ("研发经费投入强度", "R&D intensity"),
            ("每万人发明专利拥有量", "Invention patents per 10,000 people"),
            ("高新技术企业数量", "Number of high-tech enterprises"),
            ("国际科技合作项目数", "International S&T cooperation projects"),
        ]),
    ]),
    ("开放平台", "Openness platforms", [
        ("自贸试验区", "Pilot free trade zone", [
            ("自贸区新增企业数", "New enterprises in the FTZ"),
            ("自贸区进出口额", "FTZ trade volume"),
            ("自贸区实际使用外资", "Actual use of FDI in the FTZ"),
            ("制度创新成果数", "Institutional innovations"),
        ]),
        ("开发区与园区", "Development zones and parks", [
            ("国家级开发区综合考评得分", "National development zone evaluation score"),
            ("开发区进出口额占比", "Development zones' share of trade"),
            ("国际产业合作园数量", "International industrial cooperation parks"),
            ("开发区单位面积产出", "Output per unit area of development zones"),
        ]),
        ("海关特殊监管区域", "Special customs supervision areas", [
            ("综合保税区进出口额", "Comprehensive bonded zone trade"),
            ("保税物流货值", "Value of bonded logistics goods"),
            ("保税维修与再制造业务额", "Bonded repair and remanufacturing turnover"),
            ("监管区域内企业数", "Enterprises in supervision areas"),
        ]),
        ("展会与贸易促进", "Exhibitions and trade promotion", [
            ("境外展会参展企业数", "Enterprises at overseas trade fairs"),
            ("境内国际性展会数", "International exhibitions held"),
            ("进口贸易促进创新示范区交易额", "Import promotion demonstration zone turnover"),
            ("海外仓数量", "Number of overseas warehouses"),
        ]),
    ]),
    ("开放领域", "Openness fields", [
        ("货物贸易", "Goods trade", [
            ("货物贸易进出口总额", "Goods trade volume"),
            ("出口额", "Exports"),
            ("进口额", "Imports"),
            ("高新技术产品出口占比", "Share of high-tech exports"),
            ("一般贸易占比", "Share of general trade"),
        ]),
        ("服务贸易与数字贸易", "Services and digital trade", [
            ("服务贸易进出口额", "Services trade volume"),
            ("数字贸易额", "Digital trade volume"),
            ("跨境电商进出口额", "Cross-border e-commerce trade"),
            ("服务外包执行额", "Service outsourcing executed"),
        ]),
        ("利用外资", "Inward investment", [
            ("实际使用外资", "Actual use of FDI"),
            ("新设外商投资企业数", "New foreign-invested enterprises"),
            ("世界500强投资项目数", "Projects by Fortune Global 500 companies"),
            ("高技术产业实际使用外资占比", "Share of FDI in high-tech industries"),
        ]),
        ("对外投资合作", "Outward investment and cooperation", [
            ("对外直接投资额", "Outward direct investment"),
            ("对外承包工程营业额", "Turnover of overseas contracted projects"),
            ("境外经贸合作区数量", "Overseas economic and trade cooperation zones"),
            ("对“一带一路”沿线国家投资额", "Investment in Belt and Road countries"),
        ]),
    ]),
    ("开放质量", "Openness quality", [
        ("贸易结构", "Trade structure", [
            ("自主品牌出口占比", "Share of own-brand exports"),
            ("机电产品出口占比", "Share of mechanical and electrical exports"),
            ("新兴市场出口占比", "Share of exports to emerging markets"),
            ("中间品进口占比", "Share of intermediate goods imports"),
        ]),
        ("外资质量", "FDI quality", [
            ("外资企业税收贡献", "Taxes paid by foreign-invested enterprises"),
            ("外资研发中心数量", "Foreign-funded R&D centres"),
            ("大项目外资占比", "Share of large projects in FDI"),
            ("外资企业就业人数", "Employment in foreign-invested enterprises"),
        ]),
        ("开放效益", "Openness returns", [
            ("外贸依存度", "Trade-to-GRP ratio"),
            ("进出口对经济增长贡献率", "Contribution of trade to growth"),
            ("外贸企业利润率", "Profit margin of trading enterprises"),
            ("出口价格指数", "Export price index"),
        ]),
        ("国际竞争力", "International competitiveness", [
            ("贸易竞争力指数", "Trade competitiveness index"),
            ("出口市场占有率", "Export market share"),
            ("跨国公司地区总部数", "Regional headquarters of multinationals"),
            ("境外上市企业数", "Enterprises listed abroad"),
        ]),
    ]),
    ("开放环境", "Openness environment", [
        ("营商环境", "Business environment", [
            ("企业开办时间", "Business start-up time", -1),
            ("政务服务网上办理率", "Share of government services online"),
            ("市场主体增长率", "Growth of market entities"),
            ("营商环境满意度", "Business environment satisfaction"),
        ]),
        ("贸易便利化", "Trade facilitation", [
            ("进口通关时间", "Import customs clearance time", -1),
            ("出口通关时间", "Export customs clearance time", -1),
            ("国际贸易单一窗口覆盖率", "Single window coverage"),
            ("进出口环节合规成本", "Trade compliance cost", -1),
        ]),
        ("国际交往", "International exchange", [
            ("国际友好城市数量", "Sister cities"),
            ("入境游客人次", "Inbound visitors"),
            ("外籍常住人员数", "Resident foreign nationals"),
            ("国际航线数量", "International air routes"),
        ]),
    ]),
]

# Indicators hit by the 2020-2022 travel restrictions (dip in the sample values).
TRAVEL_HIT = {"航空旅客吞吐量", "境外展会参展企业数", "境内国际性展会数", "入境游客人次",
              "国际航线数量"}


def build_tree():
    """Flatten FRAMEWORK into rows in tree order: root, then depth-first."""
    nodes = [{"code": "OI", "name_zh": "浙江开放指数", "name_en": "Zhejiang Openness Index",
              "level": 4, "direction": 1, "weight": 1}]
    for d, (dzh, den, subs) in enumerate(FRAMEWORK, 1):
        dcode = f"D{d}"
        nodes.append({"code": dcode, "name_zh": dzh, "name_en": den, "level": 3,
                      "parent": "OI", "direction": 1, "weight": 0.2})
        for s, (szh, sen, inds) in enumerate(subs, 1):
            scode = f"{dcode}.{s}"
            nodes.append({"code": scode, "name_zh": szh, "name_en": sen, "level": 2,
                          "parent": dcode, "direction": 1, "weight": round(1 / len(subs), 6)})
            for i, ind in enumerate(inds, 1):
                direction = ind[2] if len(ind) > 2 else 1
                nodes.append({"code": f"{scode}.{i}", "name_zh": ind[0], "name_en": ind[1],
                              "level": 1, "parent": scode, "direction": direction,
                              "weight": round(1 / len(inds), 6)})
    return nodes


def make_framework(nodes):
    return pack("framework", "index-framework",
                "Openness Index framework (sample below the five dimensions)",
                "开放指数框架（五个维度以下为示例）",
                "Dimensions: Zhejiang Academy of Commerce; "
                "sub-dimensions and indicators: fictional sample",
                "sample", nodes)


# ---------------------------------------------------------------------------
# Index values
# ---------------------------------------------------------------------------

YEARS = list(range(2018, 2025))
INDEX_REGIONS = ["ZJ"] + CITY_CODES

# Computed (fictional) OI per year for the province, kept near the published figures.
ZJ_PATH = {2018: 100.0, 2019: 105.4, 2020: 110.6, 2021: 115.0, 2022: 119.7,
           2023: 124.2, 2024: 128.5}
# Computed OI in 2020 per city (published: Hangzhou 126.6, Ningbo 123.2, Jinhua 115.6).
CITY_2020 = {"hangzhou": 126.3, "ningbo": 122.9, "jinhua": 115.3, "jiaxing": 113.4,
             "shaoxing": 112.1, "huzhou": 111.2, "wenzhou": 110.7, "taizhou": 109.8,
             "zhoushan": 108.9, "quzhou": 107.1, "lishui": 106.4}
# Growth after 2020 relative to the province's path (Jinhua's cross-border trade runs ahead).
CITY_LATE = {"hangzhou": 0.97, "ningbo": 0.98, "jinhua": 1.08, "jiaxing": 1.03,
             "shaoxing": 1.0, "huzhou": 1.02, "wenzhou": 0.99, "taizhou": 0.97,
             "zhoushan": 1.01, "quzhou": 0.96, "lishui": 0.95}

PUBLISHED = [
    (2020, {"ZJ": 110.8, "hangzhou": 126.6, "ningbo": 123.2, "jinhua": 115.6},
     "Zhejiang Academy of Commerce, Zhejiang Openness Index 2021 report (released June 2021)"),
    # 2021 is not stored as published: the June 2023 release gives it only as
    # "2022 = 119.9, +4.7 on the year before", and a derived figure is not a published one.
    (2022, {"ZJ": 119.9},
     "Zhejiang Academy of Commerce, Zhejiang Openness Index 2023 report (released June 2023)"),
    (2018, {r: 100 for r in INDEX_REGIONS}, "Benchmark year of the index (2018 = 100)"),
]


# The Chinese form of each published figure's source.
PUBLISHED_SOURCE_ZH = {
    "Zhejiang Academy of Commerce, Zhejiang Openness Index 2021 report (released June 2021)":
        "浙江省商务研究院《浙江开放指数2021年报告》（2021年6月发布）",
    "Zhejiang Academy of Commerce, Zhejiang Openness Index 2023 report (released June 2023)":
        "浙江省商务研究院《浙江开放指数2023年报告》（2023年6月发布）",
    "Benchmark year of the index (2018 = 100)":
        "指数基期（2018年 = 100）",
}


def target_oi(region, year):
    """The computed OI the fictional indicators are tuned to."""
    if region == "ZJ":
        return ZJ_PATH[year]
    shape = (ZJ_PATH[year] - 100) / (ZJ_PATH[2020] - 100)  # 0 in 2018, 1 in 2020
    if year > 2020:
        shape = 1 + (shape - 1) * CITY_LATE[region]
    return 100 + (CITY_2020[region] - 100) * shape


def weights_by_parent(nodes):
    """children[code] = [(child code, normalised weight)] in tree order."""
    children = {}
    for n in nodes:
        if "parent" in n:
            children.setdefault(n["parent"], []).append((n["code"], n["weight"]))
    for code, kids in children.items():
        total = sum(w for _, w in kids)
        children[code] = [(c, w / total) for c, w in kids]
    return children


def effective_weights(nodes, children):
    """Weight of each indicator in the OI (product of normalised weights on its path)."""
    eff = {"OI": 1.0}
    for n in nodes:  # tree order: parents come first
        for c, w in children.get(n["code"], []):
            eff[c] = eff[n["code"]] * w
    return eff


def indicator_values(rng, nodes, eff, regions=None, target_of=None):
    """Fictional indicator values per (region, year): 2018 = 100, mean tuned to target_oi."""
    indicators = [n for n in nodes if n["level"] == 1]
    values = {}
    regions = INDEX_REGIONS if regions is None else regions
    target_of = target_oi if target_of is None else target_of
    for region in regions:
        # Each indicator grows at its own pace in each region.
        pace = {n["code"]: max(0.15, rng.lognormvariate(0, 0.35)) for n in indicators}
        for year in YEARS:
            target = target_of(region, year)
            excess = target - 100
            raw = {}
            for n in indicators:
                v = 100 + excess * pace[n["code"]] * (1 + rng.gauss(0, 0.08))
                if n["name_zh"] in TRAVEL_HIT and year in (2020, 2021, 2022):
                    v *= {2020: 0.72, 2021: 0.78, 2022: 0.84}[year]
                raw[n["code"]] = v if year > 2018 else 100.0
            # Shift all indicators by one amount so the weighted mean hits the target.
            mean = sum(eff[c] * v for c, v in raw.items())
            for c, v in raw.items():
                values[(region, year, c)] = round(v + (target - mean), 2)
    return values


def aggregate(nodes, children, values, regions=None):
    """Fill sub-dimensions, dimensions and OI with weighted means of the stored children.

    A missing child (absent from values) is skipped and the weights of the others
    renormalised, as the app's engine does."""
    for n in reversed(nodes):  # children before parents
        if n["level"] == 1:
            continue
        for region in INDEX_REGIONS if regions is None else regions:
            for year in YEARS:
                kids = [(c, w) for c, w in children[n["code"]] if (region, year, c) in values]
                total = sum(w for _, w in kids)
                v = sum(w * values[(region, year, c)] for c, w in kids) / total
                values[(region, year, n["code"])] = round(v, 2)


def make_index(nodes):
    rng = random.Random(SEED + 1)
    children = weights_by_parent(nodes)
    eff = effective_weights(nodes, children)
    values = indicator_values(rng, nodes, eff)
    aggregate(nodes, children, values)

    published = {}
    for year, figures, source in PUBLISHED:
        for region, v in figures.items():
            published[(region, year)] = (float(v), source)

    rows = []
    for region in INDEX_REGIONS:
        for year in YEARS:
            for n in nodes:
                rows.append({"region": region, "year": year, "code": n["code"],
                             "value": values[(region, year, n["code"])],
                             "status": "computed", "source": "sample"})
                if n["code"] == "OI" and (region, year) in published:
                    v, source = published[(region, year)]
                    rows.append({"region": region, "year": year, "code": "OI", "value": v,
                                 "status": "published", "source": source,
                                 "source_zh": PUBLISHED_SOURCE_ZH[source]})
    # In the same pack: importing a sample pack replaces the sample data of its kind.
    rows += county_index_rows(nodes)
    return pack("index", "index-values",
                "Zhejiang Openness Index values (sample)", "浙江开放指数数值（示例）",
                "Fictional sample values (province, cities, and the 90 counties and districts); "
                "published figures carry their own source",
                "sample", rows)


# Counties and districts: fictional values around their city's path. A county
# grows by a factor of its city's growth since 2018; the places known for
# open trade (Binjiang's digital trade, Yiwu's small-commodity market, the
# ports of Beilun and Zhoushan) run ahead.
COUNTY_AHEAD = {"hangzhou.binjiang": 1.45, "jinhua.yiwu": 1.5, "ningbo.beilun": 1.35,
                "hangzhou.xiaoshan": 1.2, "hangzhou.yuhang": 1.25, "hangzhou.qiantang": 1.2,
                "ningbo.yinzhou": 1.15, "zhoushan.dinghai": 1.1}
# Indicators the statistics of a few small counties did not cover in some
# years: the app states them as missing (and renormalises the weights).
COUNTY_MISSING = [("lishui.jingning", 2023, "D3.3.2"), ("lishui.jingning", 2023, "D3.3.1"),
                  ("zhoushan.shengsi", 2019, "D2.1.2"), ("quzhou.kaihua", 2024, "D4.2.1")]


def county_codes():
    return [f"{city}.{p}" for city in CITY_CODES for p, _, _ in COUNTIES[city]]


def county_index_rows(nodes):
    rng = random.Random(SEED + 3)
    children = weights_by_parent(nodes)
    eff = effective_weights(nodes, children)
    counties = county_codes()
    factor = {c: COUNTY_AHEAD.get(c, round(rng.uniform(0.7, 1.15), 3)) for c in counties}

    def target(county, year):
        city = county.split(".")[0]
        return 100 + (target_oi(city, year) - 100) * factor[county]

    values = indicator_values(rng, nodes, eff, counties, target)
    for key in COUNTY_MISSING:
        del values[key]
    aggregate(nodes, children, values, counties)

    rows = []
    for county in counties:
        for year in YEARS:
            for n in nodes:
                if (county, year, n["code"]) in values:
                    rows.append({"region": county, "year": year, "code": n["code"],
                                 "value": values[(county, year, n["code"])],
                                 "status": "computed", "source": "sample"})
    return rows


# ---------------------------------------------------------------------------
# Unified social credit codes (GB 32100-2015 with a GB 11714 organisation code)
# ---------------------------------------------------------------------------

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters, no I O S V Z
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_char_value(ch):
    """GB 11714 value: digits 0-9, letters A=10 ... Z=35."""
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def org_check(body8):
    """GB 11714 check character for the 8-character organisation code body."""
    c = 11 - sum(org_char_value(ch) * w for ch, w in zip(body8, ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def uscc_check(body17):
    """GB 32100 check character: weights 3^(i-1) mod 31 over the 31-character set."""
    total = sum(USCC_CHARS.index(ch) * pow(3, i, 31) for i, ch in enumerate(body17))
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_valid(code):
    if len(code) != 18 or any(ch not in USCC_CHARS for ch in code):
        return False
    if not code[2:8].isdigit():
        return False
    org = code[8:17]
    return org_check(org[:8]) == org[8] and uscc_check(code[:17]) == code[17]


def make_uscc(rng, admin6, founded, used):
    """A fresh code: 91 (enterprise) + division + organisation code + check character."""
    while True:
        if founded >= 2016:  # codes issued after the 2015 reform start with "MA"
            body8 = "MA2" + "".join(rng.choice(USCC_CHARS) for _ in range(5))
        else:
            body8 = rng.choice("567") + "".join(rng.choice("0123456789") for _ in range(7))
        code17 = "91" + admin6 + body8 + org_check(body8)
        code = code17 + uscc_check(code17)
        if code not in used and uscc_valid(code):
            used.add(code)
            return code


# ---------------------------------------------------------------------------
# Enterprises (fictional)
# ---------------------------------------------------------------------------

# Where the 130 enterprises are registered (county code: count).
LOCATIONS = {
    "hangzhou.binjiang": 25, "hangzhou.yuhang": 8, "hangzhou.xihu": 7, "hangzhou.xiaoshan": 6,
    "hangzhou.shangcheng": 4, "hangzhou.gongshu": 3, "hangzhou.qiantang": 3,
    "hangzhou.linping": 2,
    "ningbo.yinzhou": 7, "ningbo.beilun": 3, "ningbo.haishu": 3, "ningbo.jiangbei": 2,
    "ningbo.cixi": 2, "ningbo.yuyao": 1,
    "jinhua.yiwu": 9, "jinhua.jindong": 2, "jinhua.wucheng": 1, "jinhua.yongkang": 1,
    "jinhua.dongyang": 1,
    "jiaxing.nanhu": 4, "jiaxing.xiuzhou": 2, "jiaxing.haining": 2, "jiaxing.tongxiang": 2,
    "jiaxing.jiashan": 1, "jiaxing.pinghu": 1,
    "shaoxing.keqiao": 4, "shaoxing.yuecheng": 2, "shaoxing.shangyu": 1, "shaoxing.zhuji": 1,
    "wenzhou.lucheng": 3, "wenzhou.ouhai": 2, "wenzhou.longwan": 1, "wenzhou.ruian": 1,
    "wenzhou.yueqing": 1,
    "huzhou.wuxing": 2, "huzhou.deqing": 2, "huzhou.anji": 1,
    "taizhou.jiaojiang": 2, "taizhou.huangyan": 1, "taizhou.luqiao": 1, "taizhou.wenling": 1,
    "zhoushan.dinghai": 1, "quzhou.kecheng": 1,
}

CATEGORY_SECTORS = {
    "digital-technology": ["software", "cloud-computing", "smart-manufacturing", "telecom"],
    "digital-services": ["fintech", "logistics-tech", "software", "data-services"],
    "digital-products": ["digital-content", "gaming"],
    "data": ["data-services", "cloud-computing"],
    "cross-border-ecommerce": ["e-commerce-platform", "logistics-tech"],
}

# Category mix (weights in CATEGORY_SECTORS order) by kind of place.
CATEGORY_MIX = {
    "binjiang": [35, 20, 20, 20, 5],
    "hangzhou": [25, 25, 15, 15, 20],
    "yiwu": [0, 5, 5, 0, 90],
    "ningbo": [20, 25, 5, 10, 40],
    "other": [30, 25, 10, 10, 25],
}

# Company-name words per sector: (Chinese, English).
SECTOR_WORDS = {
    "software": [("软件科技", "Software Technology"), ("信息技术", "Information Technology")],
    "cloud-computing": [("云计算科技", "Cloud Computing Technology"),
                        ("云服务", "Cloud Services")],
    "e-commerce-platform": [("电子商务", "E-commerce"), ("跨境电子商务", "Cross-border E-commerce"),
                            ("进出口", "Import and Export")],
    "digital-content": [("文化传媒", "Culture and Media"), ("数字内容", "Digital Content")],
    "fintech": [("金融信息服务", "Financial Information Services"),
                ("支付科技", "Payment Technology")],
    "logistics-tech": [("物流科技", "Logistics Technology"),
                       ("供应链管理", "Supply Chain Management")],
    "smart-manufacturing": [("智能装备", "Intelligent Equipment"),
                            ("智能制造科技", "Smart Manufacturing Technology")],
    "data-services": [("数据科技", "Data Technology"), ("大数据服务", "Big Data Services")],
    "gaming": [("网络科技", "Network Technology"), ("互动娱乐", "Interactive Entertainment")],
    "telecom": [("通信技术", "Communication Technology"), ("物联网科技", "IoT Technology")],
}

# Invented two-character trade names are built from these halves.
BRAND_FIRST = [("云", "Yun"), ("星", "Xing"), ("澜", "Lan"), ("睿", "Rui"), ("启", "Qi"),
               ("汇", "Hui"), ("拓", "Tuo"), ("瀚", "Han"), ("铂", "Bo"), ("翎", "Ling"),
               ("朗", "Lang"), ("泽", "Ze"), ("沐", "Mu"), ("晟", "Sheng"), ("锦", "Jin"),
               ("知", "Zhi"), ("弘", "Hong"), ("若", "Ruo"), ("舒", "Shu"), ("观", "Guan")]
BRAND_SECOND = [("帆", "fan"), ("澄", "cheng"), ("鹭", "lu"), ("川", "chuan"), ("序", "xu"),
                ("桥", "qiao"), ("舟", "zhou"), ("屿", "yu"), ("禾", "he"), ("衡", "heng"),
                ("策", "ce"), ("岭", "ling"), ("砚", "yan"), ("湾", "wan"), ("汀", "ting"),
                ("穹", "qiong"), ("垣", "yuan"), ("棠", "tang")]
# Combinations that are well-known real brands are skipped.
BRAND_AVOID = {"云途", "星途", "汇源", "云舟", "星穹", "锦江", "朗衡"}

TOP_VOLUME = {2021: 720000.0, 2022: 805000.0, 2023: 895000.0}
BOTTOM_VOLUME = {2021: 1900.0, 2022: 2100.0, 2023: 2300.0}


def place_kind(district):
    if district == "hangzhou.binjiang":
        return "binjiang"
    if district == "jinhua.yiwu":
        return "yiwu"
    city = district.split(".")[0]
    return city if city in ("hangzhou", "ningbo") else "other"


def make_brands(rng, n):
    pairs = [(a, b) for a in BRAND_FIRST for b in BRAND_SECOND
             if a[0] != b[0] and a[0] + b[0] not in BRAND_AVOID]
    rng.shuffle(pairs)
    return [(a[0] + b[0], a[1] + b[1]) for a, b in pairs[:n]]


def make_companies(rng):
    """The 130 fictional enterprises with their fixed attributes."""
    districts = [d for d, k in LOCATIONS.items() for _ in range(k)]
    brands = make_brands(rng, len(districts))
    short = county_short_names()
    admin = county_admin_codes()
    categories = list(CATEGORY_SECTORS)
    used_codes, companies = set(), []
    for district, (brand_zh, brand_en) in zip(districts, brands):
        city = district.split(".")[0]
        category = rng.choices(categories, CATEGORY_MIX[place_kind(district)])[0]
        sector = rng.choice(CATEGORY_SECTORS[category])
        word_zh, word_en = rng.choice(SECTOR_WORDS[sector])
        # County-level cities (义乌, 海宁 ...) name themselves; districts use the city name.
        if district.split(".")[1] in [p for p, zh, _ in COUNTIES[city] if zh.endswith("市")]:
            place_zh, place_en = short[district]
        else:
            place_zh, place_en = CITY_NAMES[city][0][:-1], CITY_NAMES[city][1]
        suffix_zh = "股份有限公司" if rng.random() < 0.12 else "有限公司"
        founded = rng.randint(1998, 2020)
        admin6 = admin[district] if rng.random() < 0.9 else CITY_ADMIN[city]
        in_ftz = 1 if district == "hangzhou.binjiang" and rng.random() < 0.82 else 0
        strength = rng.gauss(0, 1) + {"binjiang": 0.6, "hangzhou": 0.4, "ningbo": 0.3,
                                      "yiwu": 0.2}.get(place_kind(district), 0)
        strength += (2020 - founded) * 0.03  # established firms trade more
        companies.append({
            "name_zh": f"{place_zh}{brand_zh}{word_zh}{suffix_zh}",
            "name_en": f"{place_en} {brand_en} {word_en} Co., Ltd.",
            "credit_code": make_uscc(rng, admin6, founded, used_codes),
            "city": city, "district": district, "category": category, "sector": sector,
            "in_ftz": in_ftz, "founded": founded,
            "strength": strength, "trend": rng.gauss(0, 0.25),
        })
    return companies


def list_membership(rng, companies):
    """Which years each enterprise is listed: 70 every year, 12 in 2021-22, 18 only in 2021,
    18 from 2022, 12 only in 2023 (100 a year, 130 in all)."""
    order = list(range(len(companies)))
    rng.shuffle(order)
    groups = [(70, (2021, 2022, 2023)), (12, (2021, 2022)), (18, (2021,)),
              (18, (2022, 2023)), (12, (2023,))]
    years, start = {}, 0
    for size, ys in groups:
        for i in order[start:start + size]:
            years[i] = ys
        start += size
    return years  # founded <= 2020, so every enterprise predates its first list year


def volume_curve(rng, year):
    """100 decreasing trade volumes (万元) for one list year."""
    top, bottom = math.log(TOP_VOLUME[year]), math.log(BOTTOM_VOLUME[year])
    vols = [math.exp(top + (bottom - top) * (r / 99) ** 0.55 + rng.gauss(0, 0.06))
            for r in range(100)]
    vols = sorted((round(v, 1) for v in vols), reverse=True)
    for r in range(1, 100):  # strictly decreasing
        if vols[r] >= vols[r - 1]:
            vols[r] = round(vols[r - 1] - 0.1, 1)
    return vols


def make_enterprises():
    rng = random.Random(SEED + 2)
    companies = make_companies(rng)
    years = list_membership(rng, companies)
    rows = []
    for year in (2021, 2022, 2023):
        listed = [i for i in range(len(companies)) if year in years[i]]

        def score(i):
            c = companies[i]
            s = c["strength"] + c["trend"] * (year - 2021) + rng.gauss(0, 0.15)
            # Newcomers and leavers sit lower on the list.
            return s - (0.6 if years[i] != (2021, 2022, 2023) else 0)

        scores = {i: score(i) for i in listed}
        listed.sort(key=lambda i: -scores[i])
        for rank, (i, vol) in enumerate(zip(listed, volume_curve(rng, year)), 1):
            c = companies[i]
            rows.append({"year": year, "rank": rank, "name_zh": c["name_zh"],
                         "name_en": c["name_en"], "credit_code": c["credit_code"],
                         "city": c["city"], "district": c["district"],
                         "category": c["category"], "sector": c["sector"],
                         "trade_volume": vol, "in_ftz": c["in_ftz"], "founded": c["founded"]})
    return pack("enterprises", "enterprises",
                "Top 100 digital trade enterprises (sample)", "数字贸易百强企业（示例）",
                "Fictional demonstration data — not the official Top-100 list",
                "sample", rows)


# ---------------------------------------------------------------------------
# Measures (fictional text)
# ---------------------------------------------------------------------------

DEPARTMENTS = {
    "commerce": "区商务局（District Commerce Bureau）",
    "hr": "区人力社保局（District Human Resources and Social Security Bureau）",
    "science": "区科技局（District Science and Technology Bureau）",
    "finance": "区财政局（District Finance Bureau）",
    "fin-office": "区金融办（District Financial Affairs Office）",
    "market": "区市场监管局（District Market Supervision Bureau）",
    "data": "区数据资源管理局（District Data Resources Bureau）",
    "economy": "区经信局（District Economy and Information Technology Bureau）",
    "development": "区发改局（District Development and Reform Bureau）",
    "culture": "区文化和旅游局（District Culture and Tourism Bureau）",
    "transport": "区交通运输局（District Transport Bureau）",
}

BJ = "hangzhou.binjiang"


def c(kind, value):
    return {"kind": kind, "value": value}


# (category, title_zh, title_en, support, department, what_zh, what_en, criteria)
MEASURES = [
    ("talent", "数字贸易高端人才引进奖励", "Reward for recruiting senior digital trade talent",
     "最高100万元（up to CNY 1 million）", "hr",
     "对新引进数字贸易领域高层次人才的企业，按人才年度薪酬的一定比例给予奖励",
     "Enterprises that recruit senior digital trade professionals receive a reward linked "
     "to the recruit's annual salary", [c("district", BJ), c("in-ftz", True)]),
    ("talent", "国际化人才安居补贴", "Housing subsidy for international talent",
     "每月最高5000元（up to CNY 5,000 a month）", "hr",
     "对在区内企业全职工作的国际化人才给予租房补贴",
     "International professionals working full time for an enterprise in the district "
     "receive a rent subsidy", [c("in-ftz", True)]),
    ("talent", "数字贸易人才培训补助", "Training grants for digital trade staff",
     "最高50万元（up to CNY 500,000）", "commerce",
     "对企业组织的数字贸易专业培训按实际费用给予补助",
     "Professional digital trade training organised by an enterprise is subsidised "
     "according to its actual cost", [c("category", "digital-services")]),
    ("talent", "校企联合培养支持", "Support for university–enterprise joint training",
     "最高30万元（up to CNY 300,000）", "science",
     "对企业与高校共建数字贸易实训基地的给予一次性支持",
     "Enterprises that set up a digital trade training base with a university receive "
     "one-off support", [c("founded-after", 2010)]),
    ("talent", "外籍人才工作便利", "Work facilitation for foreign professionals",
     "绿色通道（fast-track service）", "hr",
     "为外籍专业人才办理工作许可和居留手续提供绿色通道",
     "Foreign professionals get a fast track for work permits and residence procedures", []),
    ("talent", "青年创业人才启动资助", "Start-up grants for young entrepreneurs",
     "最高20万元（up to CNY 200,000）", "hr",
     "对青年人才创办的数字贸易初创企业给予启动资金资助",
     "Digital trade start-ups founded by young entrepreneurs receive start-up funding",
     [c("founded-after", 2018), c("district", BJ)]),
    ("finance", "数字贸易企业贷款贴息", "Interest subsidy on loans to digital trade firms",
     "贴息最高200万元（interest subsidy up to CNY 2 million）", "fin-office",
     "对企业用于数字贸易业务的银行贷款给予贴息",
     "Bank loans used for digital trade business receive an interest subsidy",
     [c("min-trade-volume", 5000)]),
    ("finance", "出口信用保险保费补助", "Export credit insurance premium subsidy",
     "最高50%保费（up to 50% of the premium）", "commerce",
     "对企业投保出口信用保险的保费给予部分补助",
     "Part of the premium for export credit insurance is refunded",
     [c("category", "cross-border-ecommerce")]),
    ("finance", "数字贸易产业基金投资", "Investment from the digital trade industry fund",
     "单个项目最高3000万元（up to CNY 30 million per project）", "finance",
     "区产业基金对成长性好的数字贸易项目进行股权投资",
     "The district industry fund takes equity stakes in promising digital trade projects",
     [c("in-ftz", True), c("min-trade-volume", 20000)]),
    ("finance", "跨境人民币结算便利", "Cross-border RMB settlement facilitation",
     "优先办理（priority handling）", "fin-office",
     "支持银行为区内数字贸易企业提供便利化的跨境人民币结算服务",
     "Banks are encouraged to offer simplified cross-border RMB settlement to digital trade "
     "enterprises in the district", [c("in-ftz", True)]),
    ("finance", "企业上市融资奖励", "Reward for listing and financing",
     "最高500万元（up to CNY 5 million）", "fin-office",
     "对完成境内外上市或大额股权融资的数字贸易企业给予奖励",
     "Digital trade enterprises that list at home or abroad or close a large equity round "
     "receive a reward", [c("top100-year", 2023)]),
    ("platforms", "数字贸易公共服务平台建设补助", "Grants for public service platforms",
     "最高500万元（up to CNY 5 million）", "commerce",
     "对建设面向企业开放的数字贸易公共服务平台给予补助",
     "Public service platforms for digital trade that are open to all enterprises receive "
     "a construction grant", [c("category", "digital-services")]),
    ("platforms", "跨境电商产业园认定奖励", "Reward for recognised cross-border e-commerce parks",
     "最高300万元（up to CNY 3 million）", "commerce",
     "对经认定的跨境电商产业园运营主体给予一次性奖励",
     "Operators of recognised cross-border e-commerce parks receive a one-off reward",
     [c("category", "cross-border-ecommerce")]),
    ("platforms", "国际展会参展补助", "Subsidy for international trade fairs",
     "展位费最高70%（up to 70% of booth fees）", "commerce",
     "对企业参加境内外重点数字贸易展会的展位费给予补助",
     "Booth fees at major digital trade fairs at home and abroad are partly refunded", []),
    ("platforms", "数字贸易总部企业落户奖励", "Reward for headquarters relocation",
     "最高1000万元（up to CNY 10 million）", "development",
     "对新落户的数字贸易总部型企业按贡献给予分档奖励",
     "Newly relocated digital trade headquarters receive a tiered reward according to "
     "their contribution", [c("min-trade-volume", 50000), c("district", BJ)]),
    ("platforms", "海外服务站点建设支持", "Support for overseas service points",
     "最高100万元（up to CNY 1 million）", "commerce",
     "对企业在境外设立的数字贸易服务站点给予建设补助",
     "Overseas digital trade service points set up by enterprises receive a grant",
     [c("top100-year", 2022)]),
    ("data", "数据跨境流动试点", "Cross-border data flow pilot",
     "纳入试点（pilot eligibility）", "data",
     "支持符合条件的企业参与数据跨境流动安全管理试点",
     "Eligible enterprises may join a pilot on the secure management of cross-border data",
     [c("category", "data"), c("in-ftz", True)]),
    ("data", "数据要素交易奖励", "Reward for data product transactions",
     "按交易额最高3%（up to 3% of turnover）", "data",
     "对在合规数据交易场所完成数据产品交易的企业给予奖励",
     "Enterprises that trade data products on a compliant data exchange receive a reward",
     [c("category", "data")]),
    ("data", "算力资源使用补贴", "Computing power vouchers",
     "最高100万元（up to CNY 1 million）", "economy",
     "对企业购买算力服务的费用给予券式补贴",
     "Spending on computing power services is subsidised through vouchers",
     [c("sector", "cloud-computing")]),
    ("data", "数据安全合规评估补助", "Subsidy for data security compliance assessment",
     "最高20万元（up to CNY 200,000）", "data",
     "对企业开展数据出境安全评估和合规认证的费用给予补助",
     "The cost of data export security assessments and compliance certification is "
     "subsidised", [c("sector", "data-services")]),
    ("data", "公共数据开放应用支持", "Support for public data applications",
     "最高50万元（up to CNY 500,000）", "data",
     "对利用公共数据开发创新应用的项目给予支持",
     "Projects that build new applications on open public data receive support", []),
    ("ip", "海外知识产权布局资助", "Funding for overseas IP filings",
     "每件最高5万元（up to CNY 50,000 per filing）", "market",
     "对企业在境外申请并获得授权的发明专利给予资助",
     "Invention patents applied for and granted abroad receive funding",
     [c("category", "digital-technology")]),
    ("ip", "软件著作权登记补助", "Subsidy for software copyright registration",
     "每件500元（CNY 500 per registration）", "market",
     "对企业登记的软件著作权给予定额补助",
     "Each registered software copyright receives a fixed subsidy",
     [c("sector", "software")]),
    ("ip", "知识产权质押融资贴息", "Interest subsidy for IP-pledge financing",
     "最高100万元（up to CNY 1 million）", "market",
     "对以知识产权质押获得的贷款给予贴息",
     "Loans secured by intellectual property receive an interest subsidy",
     [c("founded-after", 2012)]),
    ("ip", "国际标准制定奖励", "Reward for international standard setting",
     "最高100万元（up to CNY 1 million）", "market",
     "对主导或参与制定数字贸易国际标准的企业给予奖励",
     "Enterprises that lead or take part in drafting international digital trade standards "
     "receive a reward", [c("in-ftz", True)]),
    ("ip", "海外知识产权维权援助", "Overseas IP dispute assistance",
     "最高50万元（up to CNY 500,000）", "market",
     "对企业应对海外知识产权纠纷的律师费用给予补助",
     "Legal fees for handling intellectual property disputes abroad are partly refunded",
     [c("category", "cross-border-ecommerce"), c("top100-year", 2023)]),
    ("market-access", "增值电信业务准入便利", "Easier access to value-added telecom services",
     "承诺即入（approval on commitment）", "market",
     "对符合条件的企业申请增值电信业务实行告知承诺制",
     "Eligible enterprises applying for value-added telecom licences are approved on "
     "written commitment", [c("sector", "telecom"), c("in-ftz", True)]),
    ("market-access", "数字内容出口奖励", "Reward for digital content exports",
     "最高200万元（up to CNY 2 million）", "culture",
     "对影视、动漫、网络文学等数字内容出口给予奖励",
     "Exports of digital content such as film, animation and online literature receive a "
     "reward", [c("category", "digital-products")]),
    ("market-access", "网络游戏出海支持", "Support for games going abroad",
     "最高100万元（up to CNY 1 million）", "culture",
     "对自主研发网络游戏在境外上线运营的给予支持",
     "Self-developed online games launched in overseas markets receive support",
     [c("sector", "gaming")]),
    ("market-access", "服务外包业务奖励", "Reward for service outsourcing",
     "按执行额最高2%（up to 2% of contract value）", "commerce",
     "对承接离岸服务外包业务的企业按执行额给予奖励",
     "Enterprises taking on offshore service outsourcing receive a reward based on the "
     "contract value executed", [c("category", "digital-services"),
                                 c("min-trade-volume", 2000)]),
    ("market-access", "外资数字贸易企业落户支持", "Support for foreign-invested digital trade firms",
     "最高300万元（up to CNY 3 million）", "commerce",
     "对新设立的外资数字贸易企业按实际到资给予支持",
     "Newly established foreign-invested digital trade enterprises receive support based on "
     "paid-in capital", []),
    ("logistics", "海外仓建设补助", "Overseas warehouse grants",
     "最高200万元（up to CNY 2 million）", "commerce",
     "对企业在境外自建或租用的公共海外仓给予补助",
     "Public overseas warehouses built or leased by enterprises receive a grant",
     [c("category", "cross-border-ecommerce")]),
    ("logistics", "跨境物流专线补贴", "Subsidy for dedicated cross-border logistics lines",
     "最高150万元（up to CNY 1.5 million）", "transport",
     "对新开通并稳定运营的跨境物流专线给予补贴",
     "New cross-border logistics lines in regular operation receive a subsidy",
     [c("sector", "logistics-tech")]),
    ("logistics", "跨境电商通关便利", "Customs facilitation for cross-border e-commerce",
     "7×24小时通关（24/7 clearance）", "commerce",
     "协调推进跨境电商包裹全天候通关服务",
     "Round-the-clock clearance of cross-border e-commerce parcels is coordinated",
     [c("in-ftz", True), c("category", "cross-border-ecommerce")]),
    ("logistics", "智慧物流技术应用补助", "Smart logistics technology grants",
     "最高100万元（up to CNY 1 million）", "economy",
     "对企业应用智能仓储和物流追踪技术的项目给予补助",
     "Projects applying smart warehousing and shipment tracking receive a grant",
     [c("founded-after", 2015)]),
    ("logistics", "国际快递业务支持", "Support for international express business",
     "最高80万元（up to CNY 800,000）", "transport",
     "对拓展国际快递业务的企业给予支持",
     "Enterprises expanding international express services receive support", []),
]

BODY_TAIL_ZH = "本条为示例文本，不代表滨江区正式政策。具体条件以年度申报指南为准。"
BODY_TAIL_EN = ("This is sample text, not the district's official policy. "
                "Detailed conditions follow the annual application guide.")


def make_measures():
    rng = random.Random(SEED + 3)
    phones = {k: f"0571-8{rng.randint(0, 9999999):07d}" for k in DEPARTMENTS}
    rows = []
    for no, (cat, tzh, ten, support, dept, wzh, wen, criteria) in enumerate(MEASURES, 1):
        rows.append({"no": no, "title_zh": tzh, "title_en": ten, "category": cat,
                     # Chinese only: no English in brackets inside a Chinese name.
                     "support": support.split("（")[0],
                     "department": DEPARTMENTS[dept].split("（")[0],
                     "contact": phones[dept],
                     "body_zh": f"{wzh}。{BODY_TAIL_ZH}", "body_en": f"{wen}. {BODY_TAIL_EN}",
                     "source": "sample", "criteria": criteria})
    return pack("measures", "measures",
                "Binjiang FTZ digital trade measures (sample text)",
                "滨江自贸区数字贸易36条（示例文本）",
                "Fictional sample text — import the district's official document for the "
                "real 36 measures", "sample", rows)


# ---------------------------------------------------------------------------
# Packs, validation, output
# ---------------------------------------------------------------------------

# The Chinese form of each dataset's source, shown in a Chinese window.
SOURCE_ZH = {
    "regions": "浙江省行政区划，民政部",
    "index-framework": "五个维度：浙江省商务研究院；子维度和指标：虚构的示例",
    "index-values": "虚构的示例数值（全省、11个地市及90个县（市、区））；已发布的数值另注来源",
    "enterprises": "虚构的演示数据，并非官方百强榜单",
    "measures": "虚构的示例文本；真实的36条措施请导入滨江区的正式文件",
}


def pack(kind, key, title, title_zh, source, provenance, rows):
    return {"format": "digital-trade-pack", "version": 1, "kind": kind,
            "dataset": {"key": key, "title": title, "title_zh": title_zh,
                        "source": source, "source_zh": SOURCE_ZH[key],
                        "provenance": provenance},
            "rows": rows}


def check(cond, what):
    if not cond:
        sys.exit(f"make-sample-data: check failed: {what}")


def validate(packs):
    regions = {r["code"]: r for r in packs["regions"]["rows"]}
    check(len(regions) == 1 + 11 + 90, "102 regions")
    check(sum(r["level"] == "county" for r in regions.values()) == 90, "90 counties")
    for r in regions.values():
        check(r.get("parent") is None or r["parent"] in regions, f"parent of {r['code']}")

    nodes = packs["framework"]["rows"]
    levels = [n["level"] for n in nodes]
    check(levels.count(4) == 1 and levels.count(3) == 5, "root and 5 dimensions")
    check(levels.count(2) == 19 and levels.count(1) == 77, "19 sub-dimensions, 77 indicators")

    index = packs["index"]["rows"]
    city_rows = [r for r in index if regions[r["region"]]["level"] != "county"]
    counties = [r for r in index if regions[r["region"]]["level"] == "county"]
    computed = {(r["region"], r["year"], r["code"]): r["value"]
                for r in city_rows if r["status"] == "computed"}
    check(len(computed) == 12 * 7 * 102, "index values for every region, year and node")
    for r in regions.values():
        check(len(r.get("gb_code", "")) == 6 and r["gb_code"].startswith("33"), f"gb_code of {r['code']}")
        parent = regions.get(r.get("parent"))
        if parent is not None:  # a county's code starts with its city's four digits
            check(r["gb_code"][:2 if parent["level"] == "province" else 4] ==
                  parent["gb_code"][:2 if parent["level"] == "province" else 4],
                  f"gb_code of {r['code']} under its parent")
    check(len({r["gb_code"] for r in regions.values()}) == 102, "one gb_code per region")
    check({r["region"] for r in counties} == {c for c in regions if regions[c]["level"] == "county"},
          "county values for all 90 counties")
    check(len(counties) == 90 * 7 * 102 - len(COUNTY_MISSING), "county values for every year and node")
    check(all(r["value"] == 100 for r in counties if r["year"] == 2018), "counties: 2018 = 100")
    check(all(v == 100 for (_, y, _), v in computed.items() if y == 2018), "2018 = 100")
    children = weights_by_parent(nodes)
    for (region, year, code), v in computed.items():  # aggregates match their children
        if code in children:
            mean = sum(w * computed[(region, year, k)] for k, w in children[code])
            check(abs(mean - v) < 0.006, f"aggregate {region} {year} {code}")
    ranking = sorted(CITY_CODES, key=lambda r: -computed[(r, 2020, "OI")])
    check(ranking[:3] == ["hangzhou", "ningbo", "jinhua"], "2020 top three")

    ent = packs["enterprises"]["rows"]
    check(len(ent) == 300, "300 enterprise rows")
    for y in (2021, 2022, 2023):
        check(sorted(r["rank"] for r in ent if r["year"] == y) == list(range(1, 101)),
              f"ranks 1..100 in {y}")
    for r in ent:
        check(uscc_valid(r["credit_code"]), f"credit code {r['credit_code']}")
        check(regions.get(r["city"], {}).get("level") == "city", f"city {r['city']}")
        check(regions.get(r["district"], {}).get("parent") == r["city"],
              f"district {r['district']}")
        check(r["category"] in CATEGORY_SECTORS, f"category {r['category']}")
        check(r["founded"] < r["year"], f"founded before listed: {r['name_zh']}")
    check(len({r["credit_code"] for r in ent}) == len({r["name_zh"] for r in ent}),
          "one credit code per enterprise")

    measures = packs["measures"]["rows"]
    check([m["no"] for m in measures] == list(range(1, 37)), "36 measures numbered 1..36")
    for m in measures:
        for cr in m["criteria"]:
            check(cr["kind"] in ("in-ftz", "district", "category", "sector",
                                 "min-trade-volume", "top100-year", "founded-after"),
                  f"criterion kind in measure {m['no']}")
            if cr["kind"] == "district":
                check(cr["value"] in regions, f"district in measure {m['no']}")


def summary(packs):
    ent = packs["enterprises"]["rows"]
    names = {r["name_zh"] for r in ent}
    index = packs["index"]["rows"]
    oi = {(r["region"], r["year"]): r["value"] for r in index
          if r["code"] == "OI" and r["status"] == "computed"}
    measures = packs["measures"]["rows"]
    cats = {}
    for m in measures:
        cats[m["category"]] = cats.get(m["category"], 0) + 1
    binjiang = {r["name_zh"]: r["in_ftz"] for r in ent if r["district"] == BJ}
    hz = {r["name_zh"] for r in ent if r["city"] == "hangzhou"}
    print(f"regions.json      {len(packs['regions']['rows'])} rows (1 province, 11 cities, 90 counties)")
    print(f"framework.json    {len(packs['framework']['rows'])} nodes (1 + 5 + 19 + 77)")
    print(f"index.json        {len(index)} rows "
          f"({sum(r['status'] == 'published' for r in index)} published)")
    print("                  computed OI 2020: " + ", ".join(
        f"{r} {oi[(r, 2020)]}" for r in sorted(INDEX_REGIONS, key=lambda r: -oi[(r, 2020)])))
    print("                  computed OI ZJ: " + ", ".join(f"{y} {oi[('ZJ', y)]}" for y in YEARS))
    print(f"                  {sum('.' in r['region'] for r in index)} of them for counties")
    print(f"enterprises.json  {len(ent)} rows, {len(names)} enterprises "
          f"({len(hz)} in Hangzhou, {len(binjiang)} in Binjiang, "
          f"{sum(binjiang.values())} in the FTZ)")
    print(f"measures.json     {len(measures)} measures " + str(cats) +
          f", {sum(not m['criteria'] for m in measures)} without criteria")


def write_compact(f, data):
    """One row per line: the index pack has 73,000 rows."""
    head = {k: v for k, v in data.items() if k != "rows"}
    text = json.dumps(head, ensure_ascii=False, indent=1)
    f.write(text[:-2] + ',\n "rows": [\n')
    f.write(",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":"))
                        for r in data["rows"]))
    f.write("\n ]\n}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data", "sample")
    check(uscc_valid("91350100M000100Y43"), "GB 32100 example code")  # from the standard

    nodes = build_tree()
    packs = {
        "regions": make_regions(),
        "framework": make_framework(nodes),
        "index": make_index(nodes),
        "enterprises": make_enterprises(),
        "measures": make_measures(),
    }
    validate(packs)
    os.makedirs(outdir, exist_ok=True)
    for name, data in packs.items():
        with open(os.path.join(outdir, f"{name}.json"), "w", encoding="utf-8") as f:
            if name == "index":
                write_compact(f, data)
            else:
                json.dump(data, f, ensure_ascii=False, indent=1)
            f.write("\n")
    # Re-read what was written.
    for name in packs:
        with open(os.path.join(outdir, f"{name}.json"), encoding="utf-8") as f:
            check(json.load(f) == packs[name], f"{name}.json round trip")
    summary(packs)


if __name__ == "__main__":
    main()
