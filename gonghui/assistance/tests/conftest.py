import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.assistance.models import AssessmentRule, HardshipFile
from gonghui.assistance.services import (
    assessment_rule_add,
    hardship_apply,
    hardship_approve,
    hardship_file_open,
    hardship_review,
    hardship_survey,
)
from gonghui.testing.world import SYSTEM, make_person_id, make_user

CHENGDU = "510100"
JINJIANG = "510104"  # a district of Chengdu: the city's rule applies
CONSENT = {"signer": "本人", "text_version": "2026-01"}


@pytest.fixture
def chengdu_rule(world) -> AssessmentRule:
    """Line 1,000 元: 深度 up to 1,000, 相对 up to 1,500, 意外致困 up to 2,000 per head and month."""
    return assessment_rule_add(actor=SYSTEM, adcode=CHENGDU, area_name="成都市", min_living_monthly="1000",
                               deep_factor="1.0", relative_factor="1.5", accident_factor="2.0",
                               effective_from=datetime.date(2024, 1, 1), source="测试数据")


@pytest.fixture
def grassroots_reviewer(world):
    return make_user("grassroots_reviewer", world.grassroots, RoleCode.REVIEWER)


@pytest.fixture
def county_reviewer(world):
    return make_user("county_reviewer", world.county, RoleCode.REVIEWER)


@pytest.fixture
def county2_admin(world):
    return make_user("county2_admin", world.county2, RoleCode.UNION_ADMIN)


def household_of(*incomes: Any, worker_id: str = "", notes: str = "") -> list[dict[str, Any]]:
    """The worker first (本人), then a spouse and children, with the yearly incomes given."""
    relations = ["self", "spouse", "child", "child", "parent"]
    rows = []
    for i, income in enumerate(incomes):
        rows.append({"relation": relations[i], "name": f"成员{i + 1}", "annual_income": str(income),
                     "id_number": worker_id if i == 0 and worker_id else make_person_id(born=f"19{80 + i}0101"),
                     "health_notes": notes if i == 0 else ""})
    return rows


@pytest.fixture
def survey(world, chengdu_rule):
    """A household at the grassroots union: by default 3 people, 36,000 元 a year (1,000 per head and month)."""

    def make(*, incomes: tuple[Any, ...] = (24000, 12000, 0), causes: tuple[str, ...] = ("illness",),
             actor: Any = None, union: Any = None, id_number: str = "", consent: dict | None = CONSENT,
             **kw: Any) -> HardshipFile:
        id_number = id_number or make_person_id()
        return hardship_survey(actor=actor or world.county_clerk, union=union or world.grassroots,
                               worker={"name": "张困难", "id_number": id_number, "phone": "13800001234",
                                       "employer_name": "示例科技有限公司"},
                               household=household_of(*incomes, worker_id=id_number), causes=list(causes),
                               adcode=JINJIANG, consent=consent, **kw)

    return make


@pytest.fixture
def filed_file(world, survey, grassroots_reviewer, county_reviewer):
    """Surveyed, applied, reviewed at the grassroots, approved by the county, filed."""

    def make(**kw: Any) -> HardshipFile:
        file = survey(**kw)
        file = hardship_apply(actor=world.county_clerk, file=file)
        file = hardship_review(actor=grassroots_reviewer, file=file)
        file = hardship_approve(actor=county_reviewer, file=file)
        return hardship_file_open(actor=world.county_clerk, file=file)

    return make


def months_later(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def money(text: str) -> Decimal:
    return Decimal(text)
