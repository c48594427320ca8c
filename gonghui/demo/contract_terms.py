"""What the demo's collective contracts say: local minimum wages (demo figures), negotiators, coded
key terms, texts and votes. Pure data and arithmetic; `demo.contracts` plays them through the services."""

import datetime
import math
import random
from decimal import Decimal
from typing import Any

from faker import Faker

from gonghui.contracts.choices import Body, Side
from gonghui.contracts.services import NegotiatorIn

# 四川 sets three tiers of monthly (and hourly) minimum wage by area. The figures below are DEMO
# FIGURES in the shape of the province's published tiers (一类 2,100, 二类 1,970, 三类 1,870 元/月 and
# 22/21/20 元/小时, the standard in force from 2022), not checked against the 2025 notice: before any
# real use, an administrator replaces them with the labour administration's published figures
# (docs/decisions.md, "The demo's collective contracts").
WAGE_SOURCE = ("演示数据：参照四川省最低工资标准三档（一类2100、二类1970、三类1870元/月）编制，未经核对，"
               "正式使用前请按人社部门公布文件更正")
WAGE_FROM = datetime.date(2022, 4, 1)
TIERS = {1: (Decimal("2100"), Decimal("22")), 2: (Decimal("1970"), Decimal("21")), 3: (Decimal("1870"), Decimal("20"))}
# 成都 in the first tier; the cities with the larger economies in the second; the province's own row
# (the third tier) answers for every other city and county.
TIER_BY_REGION = {"510100": 1, "510700": 2, "510600": 2, "511500": 2, "510500": 2, "511100": 2, "511300": 2,
                  "510300": 2, "510000": 3}

POSITIONS = {Side.UNION: ["工会主席", "工会副主席", "职工代表", "女职工委员会主任", "工会委员"],
             Side.EMPLOYER: ["总经理", "人力资源部经理", "财务总监", "生产部经理", "行政部经理"]}
MEETING_TOPICS = ["双方交换协商方案，就工资增长幅度和支付时间初步达成一致意见",
                  "就工作时间、加班工资计发和带薪年休假进行协商，形成共识",
                  "就女职工特殊保护和劳动安全卫生条款进行协商，企业方同意增加专项体检",
                  "对合同草案逐条审阅，双方首席代表确认草案文本"]


def increase_rate(rng: random.Random) -> Decimal:
    """An agreed increase between 3% and 8%, most near 5%: one in eight a little lower, which is what
    the figures page's "below the county's median" list catches."""
    rate = rng.gauss(5.2, 1.0) if rng.random() > 0.125 else rng.uniform(3.0, 4.0)
    return Decimal(str(round(min(8.0, max(3.0, rate)), 1)))


def lowest_paid(rng: random.Random, minimum: Decimal | None) -> Decimal:
    """The agreed lowest monthly wage: above the local standard, one contract in twenty below it."""
    base = minimum or TIERS[3][0]
    if rng.random() < 0.05:
        return base - rng.choice([50, 80, 100, 150])
    return base + rng.choice([30, 80, 100, 130, 200, 250, 330, 400, 530])


def wage_terms(rng: random.Random, minimum: Decimal | None) -> dict[str, Any]:
    return {"wages.increase_rate": increase_rate(rng), "wages.lowest_paid": lowest_paid(rng, minimum),
            "wages.pay_day": rng.choice([10, 15, 15, 20]), "wages.overtime_rule": "按国家规定标准支付加班工资"}


def comprehensive_terms(rng: random.Random, minimum: Decimal | None) -> dict[str, Any]:
    return {"wages.lowest_paid": lowest_paid(rng, minimum), "wages.pay_day": rng.choice([10, 15]),
            "hours.weekly": 40, "hours.daily": 8, "hours.overtime_monthly_cap": 36,
            "rest.annual_leave_days": rng.choice([5, 5, 7, 10]), "rest.weekly_rest_days": 1,
            "welfare.social_insurance": "是", "welfare.supplementary_pension": rng.choice(["是", "否", "否"]),
            "welfare.health_check": "是", "women.maternity_leave_days": 158, "women.nursing_break_minutes": 60,
            "women.special_checkup": "是", "safety.protective_equipment": "是", "safety.training_hours": 24}


def negotiators(fake: Faker, rng: random.Random) -> list[NegotiatorIn]:
    """Three a side (five for a larger firm), a chief each, never the same person on both sides."""
    size = 3 if rng.random() < 0.7 else 5
    names: list[str] = []
    while len(names) < 2 * size:
        name = fake.name()
        if name not in names:
            names.append(name)
    rows = []
    for side, chunk in ((Side.UNION, names[:size]), (Side.EMPLOYER, names[size:])):
        for i, name in enumerate(chunk):
            rows.append(NegotiatorIn(side=side, name=name, position=POSITIONS[side][i], is_chief=i == 0))
    return rows


def ballot(rng: random.Random, workers: int) -> dict[str, Any]:
    """A congress of delegates from 100 workers, else all the workers; present and in favour well above
    the thresholds (三分之二以上 present, 全体半数以上 in favour)."""
    if workers >= 100:
        body, entitled = Body.CONGRESS, max(30, workers // 20)
    else:
        body, entitled = Body.ALL_WORKERS, max(3, workers)
    present = max(math.ceil(entitled * 2 / 3), entitled - rng.randint(0, max(1, entitled // 8)))
    against = rng.randint(0, max(0, (present - math.ceil(entitled / 2)) // 4))
    abstained = rng.randint(0, 1) if present - against > math.ceil(entitled / 2) + 1 else 0
    return {"body": body, "entitled": entitled, "present": present, "in_favour": present - against - abstained,
            "against": against, "abstained": abstained}


def contract_text(party: str, kind: str, start: datetime.date, end: datetime.date) -> str:
    return (f"{party}{kind}集体合同\n\n第一条 为维护职工和企业的合法权益，根据《劳动法》《工会法》和《集体合同规定》，"
            f"经双方平等协商，订立本合同。\n第二条 本合同期限自{start.isoformat()}起至{end.isoformat()}止。\n"
            "第三条 劳动报酬、工作时间、休息休假、保险福利、女职工特殊保护和劳动安全卫生按附件主要条款执行。\n"
            "第四条 本合同经职工代表大会（职工大会）审议通过，双方首席代表签字，报人力资源社会保障部门审查后生效。")
