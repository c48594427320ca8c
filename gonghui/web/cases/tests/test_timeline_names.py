"""Timelines name the person and the union who acted, or the worker in plain words, never a login."""

import pytest

from gonghui.accounts.models import User
from gonghui.accounts.roles import RoleCode
from gonghui.cases.models import CaseEvent
from gonghui.cases.services import case_classify, case_dispatch, case_submit
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.scope import SystemActor
from gonghui.testing.world import make_user
from gonghui.web.cases.tests.test_case_pages import login as login  # a fresh browser per persona

pytestmark = pytest.mark.django_db


def named(username: str, full_name: str, union, role=RoleCode.UNION_ADMIN) -> User:
    user = make_user(username, union, role)
    User.objects.filter(pk=user.pk).update(full_name=full_name)
    user.refresh_from_db()
    return user


def test_the_case_timeline_names_the_cadre_and_union_and_the_worker_by_phone_tail(world, login):
    agent = named("hotline", "王芳", world.province, RoleCode.HOTLINE_AGENT)
    case = case_submit(worker=PortalWorker(phone="17300002222"), union=world.province,
                       data={"caller_name": "周晓红", "description": "公司拖欠工资三个月。"})
    case = case_classify(actor=agent, case=case, category="wages", difficulty="hard")
    case_dispatch(actor=agent, case=case, union=world.county)
    stored = list(CaseEvent.objects.filter(case=case).order_by("id").values_list("actor_label", flat=True))
    assert stored == ["portal:173****2222", "王芳（四川省总工会）", "王芳（四川省总工会）"]

    timeline = login("hotline").get(f"/cases/{case.pk}/").content.decode().split('data-testid="timeline"')[1]
    assert "职工本人（手机尾号2222）" in timeline and "王芳（四川省总工会）" in timeline
    assert "portal:" not in timeline and "hotline ·" not in timeline


def test_the_system_is_called_the_system(world, login):
    from gonghui.cases.services import case_intake

    admin = named("zhangmin", "张敏", world.county)
    case = case_intake(actor=SystemActor("demo"), union=world.county,
                       data={"caller_name": "周晓红", "caller_phone": "13700001111", "description": "欠薪"}).case
    assert CaseEvent.objects.get(case=case).actor_label == "system:demo"
    timeline = login(admin.username).get(f"/cases/{case.pk}/").content.decode().split('data-testid="timeline"')[1]
    assert "系统" in timeline and "demo" not in timeline
