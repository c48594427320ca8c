"""The names places go by, shared by the county and the township readers: short forms of a division's
name (凉山 for 凉山彝族自治州, 武侯 for 武侯区) and the words that tell a place name from something else."""

import re

from gonghui.orgs.models import Region

# Ethnic group names as they occur inside the names of autonomous areas (凉山彝族自治州,
# 克孜勒苏柯尔克孜自治州, 伊犁哈萨克自治州): the short form of the place drops them.
ETHNIC_GROUPS = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克",
    "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬",
    "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克",
    "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
# One-character names only count with 族 (回族), else 白 or 水 would be cut off a place's own name.
_ETHNIC_TAIL = re.compile(
    "(?:" + "|".join(sorted((g + "族" if len(g) == 1 else g + "族?" for g in ETHNIC_GROUPS), key=len, reverse=True))
    + ")$"
)
_AUTONOMOUS = re.compile(r"(自治区|自治州|自治县|自治旗)$")
# Townships have no short form here: routing.townships reads them with their own suffixes.
_SUFFIXES_BY_LEVEL: dict[int, tuple[str, ...]] = {
    Region.RegionLevel.PROVINCE: ("特别行政区", "省", "市"),
    Region.RegionLevel.CITY: ("地区", "市", "盟"),
    Region.RegionLevel.COUNTY: ("林区", "特区", "区", "县", "市", "旗"),
}
# A short form followed by one of these is a street named after the place (中山路, 北京大街).
STREET_AFTER = re.compile(r"路|街|巷|弄|大道")
# Two-character district names that are a direction or a kind of area (西区, 城区, 矿区): inside a
# longer word (高新西区, 老城区) they name no county, so they count only when their city is named.
GENERIC_NAME = re.compile(r"^[东西南北中城郊矿]区$")
# Words that begin with a place's short form but name something else.
NOT_PLACES = ("安康杯", "三明治", "中山装", "北海道", "市中心", "安居房")



def short_forms(region: Region) -> list[str]:
    name = region.name
    if _AUTONOMOUS.search(name):
        kind = _AUTONOMOUS.search(name).group(1)  # type: ignore[union-attr]
        stem = _AUTONOMOUS.sub("", name)
        while (shorter := _ETHNIC_TAIL.sub("", stem)) != stem and len(shorter) >= 2:
            stem = shorter
        if len(stem) < 2:
            return []
        # 凉山州 and 峨边县 are said as often as 凉山 and 峨边.
        return [stem, stem + kind[-1]] if kind != "自治区" else [stem]
    for suffix in _SUFFIXES_BY_LEVEL.get(region.level, ()):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return [name[: -len(suffix)]]
    return []
