"""The seeded codebook and kinds in words a worker reads, in the worker's language.

The codebook is data (an administrator may add variables and kinds), so the names stored in the
database are in the source language only; the seeded ones are given here through gettext, and one
added later falls back to its stored name.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

KINDS: dict[str, Any] = {
    "comprehensive": _("综合性"), "wage": _("工资专项"), "women": _("女职工权益保护专项"),
    "safety": _("劳动安全卫生专项"),
}
TOPICS: dict[str, Any] = {
    "wages": _("劳动报酬"), "hours": _("工作时间"), "rest": _("休息休假"), "welfare": _("保险福利"),
    "women": _("女职工保护"), "safety": _("劳动安全卫生"),
}
# code → (name, what it means in plain words)
VARIABLES: dict[str, tuple[Any, Any]] = {
    "wages.increase_rate": (_("工资增长幅度"), _("今年工资比上年平均提高的幅度")),
    "wages.lowest_paid": (_("企业最低工资"), _("本单位每月最低发放的工资，不低于当地最低工资标准")),
    "wages.pay_day": (_("工资支付日"), _("每月发工资的日子")),
    "wages.overtime_rule": (_("加班工资计发"), _("加班工资怎么算")),
    "hours.weekly": (_("每周工作时间"), _("每周工作多少小时")),
    "hours.daily": (_("每日工作时间"), _("每天工作多少小时")),
    "hours.overtime_monthly_cap": (_("每月加班上限"), _("每月加班最多多少小时")),
    "rest.annual_leave_days": (_("带薪年休假"), _("每年带薪年休假天数")),
    "rest.weekly_rest_days": (_("每周休息日"), _("每周至少休息几天")),
    "welfare.social_insurance": (_("依法缴纳社会保险"), _("单位是否为全体职工缴纳社会保险")),
    "welfare.supplementary_pension": (_("企业年金"), _("是否建立企业年金")),
    "welfare.health_check": (_("年度健康体检"), _("是否每年组织健康体检")),
    "women.maternity_leave_days": (_("产假"), _("女职工生育可休产假天数")),
    "women.nursing_break_minutes": (_("哺乳时间"), _("哺乳期每天哺乳时间")),
    "women.special_checkup": (_("女职工专项体检"), _("是否每年组织女职工专项体检")),
    "safety.protective_equipment": (_("劳动防护用品"), _("是否按规定发放劳动防护用品")),
    "safety.occupational_health_check": (_("职业健康检查"), _("接触职业病危害的岗位是否做职业健康检查")),
    "safety.training_hours": (_("安全培训"), _("每年安全生产培训时间")),
}
# In their own context: a bare 日 elsewhere in the catalog is a weekday (Sunday), here a day of the month.
UNITS: dict[str, Any] = {
    "%": "%", "元/月": pgettext_lazy("term unit", "元/月"), "日": pgettext_lazy("term unit", "日"),
    "小时": pgettext_lazy("term unit", "小时"), "天": pgettext_lazy("term unit", "天"),
    "分钟/日": pgettext_lazy("term unit", "分钟/日"), "小时/年": pgettext_lazy("term unit", "小时/年"),
}


def kind_name(code: str, stored: str) -> str:
    return str(KINDS.get(code, stored))


def topic_name(code: str, stored: str) -> str:
    return str(TOPICS.get(code, stored))


def variable_words(code: str, name: str, words: str) -> tuple[str, str]:
    if code in VARIABLES:
        shown, plain = VARIABLES[code]
        return str(shown), str(plain)
    return name, words or name


def unit(stored: str) -> str:
    return str(UNITS.get(stored, stored))
