from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """Position in the regional line; a child always sits at a deeper level than its parent."""

    NATIONAL = 1, _("全国")
    PROVINCE = 2, _("省级")
    CITY = 3, _("市级")
    COUNTY = 4, _("县级")
    TOWNSHIP = 5, _("乡镇（街道）级")
    GRASSROOTS = 6, _("基层")
    BRANCH = 7, _("分工会")
    GROUP = 8, _("工会小组")


class UnionKind(models.TextChoices):
    FEDERATION = "federation", _("地方总工会")
    TOWNSHIP = "township", _("乡镇（街道）工会")
    PARK = "park", _("开发区（园区）工会")
    INDUSTRIAL = "industrial", _("产业工会")
    INDUSTRY_FEDERATION = "industry_federation", _("行业工会联合会")
    REGIONAL_FEDERATION = "regional_federation", _("区域工会联合会")
    NEW_FORM_FEDERATION = "new_form_federation", _("新业态工会联合会")
    GROUP_UNION = "group_union", _("企业集团工会")
    SYSTEM_UNION = "system_union", _("系统工会")
    ENTERPRISE = "enterprise", _("企业工会")
    GOVERNMENT = "government", _("机关工会")
    INSTITUTION = "institution", _("事业单位工会")
    SOCIAL_ORG = "social_org", _("社会组织工会")
    JOINT = "joint", _("联合基层工会")
    BRANCH = "branch", _("分工会")
    GROUP = "group", _("工会小组")


# Kinds that are themselves a grassroots union covering employers (what 建会率 counts).
GRASSROOTS_KINDS = {
    UnionKind.ENTERPRISE, UnionKind.GOVERNMENT, UnionKind.INSTITUTION, UnionKind.SOCIAL_ORG, UnionKind.JOINT,
}


class UnionStatus(models.TextChoices):
    ACTIVE = "active", _("正常")
    MERGED = "merged", _("已合并")
    DISSOLVED = "dissolved", _("已撤销")


class Ownership(models.TextChoices):
    STATE = "state", _("国有")
    COLLECTIVE = "collective", _("集体")
    PRIVATE = "private", _("私营（非公）")
    FOREIGN = "foreign", _("外商投资")
    HMT = "hmt", _("港澳台投资")
    MIXED = "mixed", _("混合所有制")
    PUBLIC = "public", _("机关事业单位")
    OTHER = "other", _("其他")


class Industry(models.TextChoices):
    """GB/T 4754-2017 sections."""

    A = "A", _("农、林、牧、渔业")
    B = "B", _("采矿业")
    C = "C", _("制造业")
    D = "D", _("电力、热力、燃气及水生产和供应业")
    E = "E", _("建筑业")
    F = "F", _("批发和零售业")
    G = "G", _("交通运输、仓储和邮政业")
    H = "H", _("住宿和餐饮业")
    I = "I", _("信息传输、软件和信息技术服务业")  # noqa: E741 - the standard's own letter
    J = "J", _("金融业")
    K = "K", _("房地产业")
    L = "L", _("租赁和商务服务业")
    M = "M", _("科学研究和技术服务业")
    N = "N", _("水利、环境和公共设施管理业")
    O = "O", _("居民服务、修理和其他服务业")  # noqa: E741
    P = "P", _("教育")
    Q = "Q", _("卫生和社会工作")
    R = "R", _("文化、体育和娱乐业")
    S = "S", _("公共管理、社会保障和社会组织")
    T = "T", _("国际组织")


class EmployerStatus(models.TextChoices):
    ACTIVE = "active", _("存续")
    CLOSED = "closed", _("注销")


class RiskReason(models.TextChoices):
    """Why an employer is on the 劳动关系风险名单."""

    WAGE_ARREARS = "wage_arrears", _("欠薪隐患")
    SHUTDOWN = "shutdown", _("停工停产/经营困难")
    LAYOFFS = "layoffs", _("裁员")
    COLLECTIVE_DISPUTE = "collective_dispute", _("群体性劳动纠纷")
    SOCIAL_INSURANCE = "social_insurance", _("拖欠社保")
    OTHER = "other", _("其他")
