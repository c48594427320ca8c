from django.db import models
from django.utils.translation import gettext_lazy as _

# GB/T 3304 民族 codes, in the standard's order.
ETHNICITIES = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
]
ETHNICITY_CHOICES = [(f"{i:02d}", name) for i, name in enumerate(ETHNICITIES, start=1)]
ETHNICITY_BY_NAME = {name: code for code, name in ETHNICITY_CHOICES} | {
    name.removesuffix("族"): code for code, name in ETHNICITY_CHOICES}


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class Education(models.TextChoices):
    PRIMARY = "primary", _("小学及以下")
    JUNIOR = "junior", _("初中")
    SENIOR = "senior", _("高中/中专/技校")
    COLLEGE = "college", _("大专")
    BACHELOR = "bachelor", _("大学本科")
    MASTER = "master", _("硕士研究生")
    DOCTOR = "doctor", _("博士研究生")


class PoliticalStatus(models.TextChoices):
    CPC = "cpc", _("中共党员")
    CPC_PROBATION = "cpc_probation", _("中共预备党员")
    CYL = "cyl", _("共青团员")
    DEMOCRATIC = "democratic", _("民主党派")
    NONE = "masses", _("群众")


class Household(models.TextChoices):
    URBAN = "urban", _("城镇户籍")
    RURAL = "rural", _("农村户籍")


class EmploymentForm(models.TextChoices):
    REGULAR = "regular", _("正式用工")
    DISPATCHED = "dispatched", _("劳务派遣")
    FLEXIBLE = "flexible", _("灵活就业")
    NEW_FORM = "new_form", _("新就业形态")


class NewFormGroup(models.TextChoices):
    TRUCK_DRIVER = "truck_driver", _("货车司机")
    COURIER = "courier", _("快递员")
    FOOD_DELIVERY = "food_delivery", _("网约送餐员")
    RIDE_HAILING = "ride_hailing", _("网约车司机")
    HOUSEKEEPER = "housekeeper", _("家政服务员")
    CARER = "carer", _("护工护理员")
    REAL_ESTATE_AGENT = "real_estate_agent", _("房产中介员")
    SECURITY_GUARD = "security_guard", _("保安员")
    MALL_INFORMANT = "mall_informant", _("商场信息员")


class SkillLevel(models.TextChoices):
    NONE = "none", _("无")
    GRADE5 = "grade5", _("初级工（五级）")
    GRADE4 = "grade4", _("中级工（四级）")
    GRADE3 = "grade3", _("高级工（三级）")
    GRADE2 = "grade2", _("技师（二级）")
    GRADE1 = "grade1", _("高级技师（一级）")


class JoinChannel(models.TextChoices):
    ONLINE = "online", _("网上申请入会")
    QR = "qr", _("扫码入会")
    ROSTER = "roster", _("集体登记入会")
    STALL = "stall", _("流动窗口入会")
    TRANSFER = "transfer", _("会籍接转")
    CONSOLE = "console", _("工会登记")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("正常")
    RETAINED = "retained", _("保留会籍")
    LEFT = "left", _("已退会")
    TRANSFERRED = "transferred", _("已转出")
    DECEASED = "deceased", _("已去世")


# A person holds at most one membership in these states, anywhere in the deployment.
LIVE_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.RETAINED)


class RetainReason(models.TextChoices):
    UNEMPLOYED = "unemployed", _("失业")
    RETIRED = "retired", _("退休")


# What each kind of MembershipEvent is called wherever the history is shown.
MEMBER_EVENT_LABELS = {
    "admit": _("入会"), "update": _("修改信息"), "leave": _("退会"), "retain": _("办理保留会籍"), "death": _("去世"),
    "reinstate": _("恢复会籍"), "rejoin": _("重新入会"), "card_issue": _("办理会员卡"),
    "transfer_request": _("申请接转"), "transfer_release": _("同意转出"), "transfer_out": _("转出"),
    "transfer_in": _("转入"), "transfer_refuse": _("拒绝接转"), "transfer_cancel": _("撤销接转"),
    "transfer_ask": _("请本人确认接转"), "transfer_decline": _("本人不同意接转"), "transfer_lapse": _("接转申请失效"),
}
