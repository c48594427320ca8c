"""Demo assessment rules for the demo province (四川). The lines are illustrative figures of the
right order for the cities of Sichuan, NOT the official standards: a deployment enters its own
published lines (民政部门公布的城市最低生活保障标准) as new rule versions before use."""

import datetime
from decimal import Decimal
from typing import Any

from gonghui.assistance.models import AssessmentRule
from gonghui.assistance.services.rules import assessment_rule_add

DEMO_SOURCE = "演示数据（非官方标准，仅供演示）"
DEMO_FROM = datetime.date(2024, 1, 1)
# adcode, area, monthly minimum-living line in 元
DEMO_LINES: list[tuple[str, str, str]] = [
    ("510000", "四川省（未单列的市州）", "720"),
    ("510100", "成都市", "1000"),
    ("510300", "自贡市", "780"),
    ("510400", "攀枝花市", "820"),
    ("510500", "泸州市", "780"),
    ("510600", "德阳市", "800"),
    ("510700", "绵阳市", "800"),
    ("511100", "乐山市", "770"),
    ("511300", "南充市", "740"),
    ("511500", "宜宾市", "780"),
    ("511700", "达州市", "730"),
]
# 深度困难: at or below the line; 相对困难: up to 1.5 times; 意外致困 (a sudden event): up to 2 times.
DEEP, RELATIVE, ACCIDENT = Decimal("1.0"), Decimal("1.5"), Decimal("2.0")


def seed_demo_rules(*, actor: Any) -> int:
    """Add version 1 for each demo area that has no rule yet; returns how many were added."""
    have = set(AssessmentRule.objects.values_list("adcode", flat=True))
    added = 0
    for adcode, area, line in DEMO_LINES:
        if adcode in have:
            continue
        assessment_rule_add(actor=actor, adcode=adcode, area_name=area, min_living_monthly=Decimal(line),
                            deep_factor=DEEP, relative_factor=RELATIVE, accident_factor=ACCIDENT,
                            effective_from=DEMO_FROM, source=DEMO_SOURCE)
        added += 1
    return added
