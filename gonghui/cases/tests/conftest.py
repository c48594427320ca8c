import datetime
import itertools
from typing import Any

import pytest
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.cases.models import Case
from gonghui.cases.services import case_classify, case_intake
from gonghui.testing.world import make_user

TZ = timezone.get_default_timezone()
_phones = itertools.count(1)


def local(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=TZ)


def call_data(**overrides: Any) -> dict[str, Any]:
    return {"caller_name": "张三", "caller_phone": f"137{next(_phones):08d}", "kind": "complaint",
            "employer_name": "某建筑劳务公司", "description": "被拖欠三个月工资，共计一万二千元。", **overrides}


@pytest.fixture
def hotline(world):
    """A 12351 agent at the provincial centre."""
    return make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)


@pytest.fixture
def city_admin(world):
    return make_user("city_admin", world.city, RoleCode.UNION_ADMIN)


@pytest.fixture
def county2_admin(world):
    return make_user("county2_admin", world.county2, RoleCode.UNION_ADMIN)


@pytest.fixture
def new_case(world, hotline):
    def make(union=None, received_at: datetime.datetime | None = None, **data: Any) -> Case:
        case = case_intake(actor=hotline, union=union or world.province, data=call_data(**data)).case
        if received_at is not None:
            # A call taken in the past (the stored deadline is counted from receipt).
            Case.objects.filter(pk=case.pk).update(received_at=received_at)
            case.refresh_from_db()
        return case

    return make


@pytest.fixture
def holder_cadre(world, hotline):
    """Who classifies a case where it was taken: the hotline at the province, else the holding union's
    own cadre (a union above it only supervises)."""
    cadres: dict[int, Any] = {world.province.pk: hotline}

    def of(union: Any) -> Any:
        if union.pk not in cadres:
            cadres[union.pk] = make_user(f"holder_{union.pk}", union, RoleCode.UNION_ADMIN)
        return cadres[union.pk]

    return of


@pytest.fixture
def classified_case(world, holder_cadre, new_case):
    def make(difficulty: str = "hard", **kw: Any) -> Case:
        case = new_case(**kw)
        return case_classify(actor=holder_cadre(kw.get("union") or world.province), case=case, category="wages",
                             difficulty=difficulty)

    return make


# The routing accuracy figures, shown at the end of every run that measures them (not only with -s).
ROUTING_FIGURES: dict[str, list[str]] = {}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if ROUTING_FIGURES:
        terminalreporter.section("routing accuracy")
        for lines in ROUTING_FIGURES.values():
            for line in lines:
                terminalreporter.write_line(line)
