"""Industries (GB/T 4754 sections) as callers name them and as industry unions are named.

A union carries no industry field: an industry union is known by its name (四川省建设工会, 成都市
餐饮行业工会联合会), so the words below are those that such names use for each section.
"""

import re

from gonghui.orgs.choices import Industry

UNION_NAME_WORDS: dict[str, tuple[str, ...]] = {
    Industry.A: ("农林", "农业", "林业", "畜牧", "渔业", "农垦"),
    Industry.B: ("采矿", "煤矿", "煤炭", "矿业", "石油"),
    Industry.C: ("制造", "机械", "冶金", "纺织", "轻工", "化工", "电子", "汽车"),
    Industry.D: ("电力", "能源", "燃气", "水务"),
    Industry.E: ("建筑", "建设", "建材"),
    Industry.F: ("商贸", "商业", "零售", "批发", "财贸"),
    Industry.G: ("交通", "运输", "物流", "快递", "邮政", "邮电", "货车"),
    Industry.H: ("餐饮", "住宿", "酒店", "旅游", "饭店"),
    Industry.I: ("信息", "软件", "互联网", "电信", "通信"),
    Industry.J: ("金融", "银行", "保险", "证券"),
    Industry.K: ("房地产", "物业"),
    Industry.L: ("商务服务", "租赁", "人力资源", "保安"),
    Industry.M: ("科技", "科研", "科学研究"),
    Industry.N: ("水利", "环卫", "环境", "市政"),
    Industry.O: ("家政", "居民服务", "维修", "美容美发"),
    Industry.P: ("教育",),
    Industry.Q: ("卫生", "医务", "医疗", "社会工作"),
    Industry.R: ("文化", "体育", "娱乐", "传媒"),
    Industry.S: ("社会组织",),
    Industry.T: (),
}

# The trades callers name ("在工地上", "送外卖的"), in the order they are tried: a 快递 driver on a
# 工地 delivery is still a courier, so the more specific trades come first.
TRADE_CUES: tuple[tuple[str, str], ...] = (
    (Industry.G, r"外卖|骑手|送餐|快递|物流|货车|网约车|出租车|司机|搬运|装卸"),
    (Industry.O, r"家政|保姆|月嫂|育儿嫂|钟点工|洗车|理发|美容院|汽修"),
    (Industry.L, r"保安|劳务派遣|人力资源公司|中介"),
    (Industry.K, r"物业|售楼|房产中介"),
    (Industry.H, r"餐饮|饭店|餐馆|餐厅|酒店|厨师|后厨|服务员|奶茶|食堂"),
    (Industry.E, r"建筑|工地|施工|装修|脚手架|钢筋|木工|水电工|塔吊|工程款|包工头"),
    (Industry.B, r"矿上|矿井|煤矿|矿山"),
    (Industry.P, r"学校|幼儿园|老师|教师|培训机构"),
    (Industry.Q, r"医院|护士|诊所|护工"),
    (Industry.F, r"超市|商场|门店|收银|店员"),
    (Industry.N, r"环卫|清洁工"),
    (Industry.I, r"互联网|软件|游戏公司|电商"),
    (Industry.C, r"工厂|厂里|车间|流水线|电子厂|服装厂|纺织|制造"),
)


def industry_of(text: str) -> str:
    """The industry the caller's trade belongs to, or "" when the text names none."""
    for industry, pattern in TRADE_CUES:
        if re.search(pattern, text or ""):
            return industry
    return ""
