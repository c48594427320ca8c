"""The skills console's tests: a county cadre's world with one record of each kind, made through the
services, and the same in another county (绵阳市涪城区) that the county cadre must never reach."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from gonghui.skills.services.training import training_course_record
from gonghui.skills.tests.competition_helpers import approved, enter
from gonghui.skills.tests.innovation_setup import TODAY, pair, studio, suggestion, worker
from gonghui.testing.world import SYSTEM, World, add_holding_cadres, make_employer


@pytest.fixture
def world(world: World) -> World:
    return add_holding_cadres(world)


@dataclass
class Records:
    competition: Any
    entries: list[Any]
    suggestion: Any
    studio: Any
    pair: Any
    course: Any


def records_at(union: Any, employer: Any, actor: Any = SYSTEM, approver: Any = SYSTEM) -> Records:
    competition = approved(actor, union, approver)
    entries = [enter(actor, competition, name) for name in ("张三", "李四", "王五")]
    master, _w = worker(employer.union, employer, "赵师傅")
    apprentice, _w2 = worker(employer.union, employer, "钱徒弟")
    course = training_course_record(actor=actor, union=union, title="焊工中级培训班", kind="skills",
                                    starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2025, 3, 20),
                                    trainees=40, levels={"grade4": 25}, today=TODAY)
    return Records(competition, entries, suggestion(employer, actor=actor), studio(employer, actor=actor),
                   pair(employer, master, apprentice, actor=actor), course)


@pytest.fixture
def mine(world: World) -> Records:
    """The county's: a competition organised by the county, approved by the province (above it)."""
    return records_at(world.county, world.employer, world.county_admin, world.province_officer)


@pytest.fixture
def theirs(world: World) -> Records:
    return records_at(world.county2, make_employer(world.county2, "绵阳某机械厂"))
