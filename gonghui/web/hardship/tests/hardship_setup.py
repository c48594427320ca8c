"""Fixtures of the 困难职工档案 console tests: a rule for Chengdu, reviewers at two levels, households
at each stage, and a browser per persona."""

import datetime
from typing import Any

import pytest
from django.test import Client

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
from gonghui.testing.world import PASSWORD, SYSTEM, make_person_id, make_user

# What a test module takes with `import *`: the fixtures; helpers are imported by name.
__all__ = ["chengdu_rule", "city_admin", "county2_admin", "county_reviewer", "filed_file", "grassroots_reviewer",
           "login", "survey"]

JINJIANG = "510104"  # a district of Chengdu: the city's rule applies
CONSENT = {"signer": "本人", "text_version": "2026-01"}


@pytest.fixture
def chengdu_rule(world) -> AssessmentRule:
    """Line 1,000 元: 深度 up to 1,000, 相对 up to 1,500, 意外致困 up to 2,000 per head and month."""
    return assessment_rule_add(actor=SYSTEM, adcode="510100", area_name="成都市", min_living_monthly="1000",
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


@pytest.fixture
def city_admin(world):
    return make_user("city_admin", world.city, RoleCode.UNION_ADMIN)


def household_of(*incomes: Any, worker_id: str = "") -> list[dict[str, Any]]:
    relations = ["self", "spouse", "child", "child"]
    return [{"relation": relations[i], "name": f"成员{i + 1}", "annual_income": str(income),
             "id_number": worker_id if i == 0 and worker_id else make_person_id(born=f"19{80 + i}0101")}
            for i, income in enumerate(incomes)]


@pytest.fixture
def survey(world, chengdu_rule):
    """A household at the grassroots union: 3 people, 36,000 元 a year (1,000 per head and month: 深度)."""

    def make(*, incomes: tuple[Any, ...] = (24000, 12000, 0), actor: Any = None, union: Any = None,
             name: str = "张困难", id_number: str = "", phone: str = "13800001234",
             consent: dict | None = CONSENT) -> HardshipFile:
        id_number = id_number or make_person_id()
        return hardship_survey(actor=actor or world.county_clerk, union=union or world.grassroots,
                               worker={"name": name, "id_number": id_number, "phone": phone,
                                       "employer_name": "示例科技有限公司"},
                               household=household_of(*incomes, worker_id=id_number), causes=["illness"],
                               adcode=JINJIANG, consent=consent)

    return make


@pytest.fixture
def filed_file(world, survey, grassroots_reviewer, county_reviewer):
    """Surveyed, applied, reviewed at the grassroots, approved by the county, filed."""

    def make(**kw: Any) -> HardshipFile:
        file = hardship_apply(actor=world.county_clerk, file=survey(**kw))
        file = hardship_review(actor=grassroots_reviewer, file=file)
        file = hardship_approve(actor=county_reviewer, file=file)
        return hardship_file_open(actor=world.county_clerk, file=file)

    return make


@pytest.fixture
def login(db):
    """A fresh browser per persona, so two people can work on one file in the same test."""

    def as_user(username: str) -> Client:
        client = Client()
        assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
        return client

    return as_user


def act(client: Client, hardship_file: HardshipFile, action: str, **data: Any) -> Any:
    hardship_file.refresh_from_db()
    return client.post(f"/hardship/{hardship_file.pk}/do/{action}/", {"version": hardship_file.version, **data})


def rows(*people: dict[str, Any], initial: int = 0) -> dict[str, Any]:
    """A household table as the page posts it (formset prefix `household`)."""
    data: dict[str, Any] = {"household-TOTAL_FORMS": str(len(people)), "household-INITIAL_FORMS": str(initial),
                            "household-MIN_NUM_FORMS": "0", "household-MAX_NUM_FORMS": "40"}
    for i, person in enumerate(people):
        for key, value in {"id_type": "resident", **person}.items():
            data[f"household-{i}-{key}"] = value
    return data
