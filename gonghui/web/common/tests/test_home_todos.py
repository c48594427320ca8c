"""工作台: the 待办 panel first, each line a count and a link to its filtered list; figures that fit
the role; the menu's badges; a bounded number of queries."""

import pytest
from django.test import Client

from gonghui.accounts.roles import RoleCode
from gonghui.cases.services import case_classify, case_dispatch, case_intake
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.testing.world import PASSWORD, make_user, member_data

pytestmark = pytest.mark.django_db


def login(username):
    client = Client()
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def work(world):
    hotline = make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)
    case = case_intake(actor=hotline, union=world.province,
                       data={"caller_name": "张三", "caller_phone": "13711110000", "kind": "complaint",
                             "employer_name": "某建筑劳务公司", "description": "被拖欠三个月工资。"}).case
    case = case_classify(actor=hotline, case=case, category="wages", difficulty="hard")
    case_dispatch(actor=hotline, case=case, union=world.county)
    data = member_data()
    application_submit(worker=PortalWorker(phone=data.pop("phone")), union=world.grassroots, data=data)
    return case


def test_the_county_home_opens_with_its_todos_each_linking_to_a_list_that_shows_them(world, work):
    client = login("county_admin")
    text = client.get("/").content.decode()
    assert text.index('data-testid="todos"') < text.index('data-testid="summary"')
    assert 'data-testid="todo-cases.sign"' in text and 'data-testid="todo-members.applications"' in text
    assert 'href="/cases/?queue=todo&amp;status=dispatched"' in text
    listed = client.get("/cases/?queue=todo&status=dispatched").content.decode()
    assert work.number in listed
    # The menu's badges come inline on the home page.
    assert 'data-testid="nav-badge-case_queue">' in text and 'data-testid="nav-badge-application_queue">1<' in text


def test_other_pages_fetch_the_badges_after_showing(world, work):
    client = login("county_admin")
    assert 'hx-get="/todos/badges/"' in client.get("/members/").content.decode()
    fragment = client.get("/todos/badges/").content.decode()
    assert 'hx-swap-oob="innerHTML:.gh-badge-application_queue">1<' in fragment


def test_with_nothing_waiting_the_home_says_so(world):
    text = login("province_officer").get("/").content.decode()
    assert 'data-testid="todos-empty"' in text and "暂无待办" in text


def test_a_grassroots_union_sees_its_own_figures_not_an_empty_subtree(world):
    make_user("gr_admin", world.grassroots, RoleCode.UNION_ADMIN)
    text = login("gr_admin").get("/").content.decode()
    assert 'data-testid="own-figures"' in text
    assert "下级工会组织" not in text and "chart-branches" not in text


def test_the_hotline_agent_sees_todays_calls_and_cases_not_the_organizing_rate(world, work):
    text = login("hotline_agent").get("/").content.decode()
    assert 'data-testid="case-figures"' in text and "今日来电" in text
    assert "建会率" not in text


def test_the_auditor_sees_recent_audit_events_not_the_organizing_rate(world):
    text = login("auditor").get("/").content.decode()
    assert 'data-testid="recent-audit"' in text and "建会率" not in text


def test_the_security_admin_is_asked_to_decide_resets_and_unlock_accounts(world):
    from django.utils import timezone

    from gonghui.accounts.models import User
    from gonghui.accounts.todos import accounts_todos

    User.objects.filter(pk=world.county_clerk.pk).update(locked_until=timezone.now() + timezone.timedelta(minutes=30))
    counts = {t.key: t.count for t in accounts_todos(user=world.secadmin)}
    assert counts["accounts.locked"] == 1
    assert accounts_todos(user=world.auditor) == [] and accounts_todos(user=world.county_admin) == []


def test_the_home_page_costs_a_bounded_number_of_queries(world, work, django_assert_max_num_queries):
    client = login("county_admin")
    client.get("/")
    # 待办 plus the org figures: a fixed number, however many cases, applications or unions there are.
    # The grants are read once per request, whatever number of permissions the lines and the menu ask
    # about (56 queries when each permission read its own). Each domain counts its lines' lists in one
    # query (core.counting.count_each; 54 queries when each line was its own COUNT): 维权, 会员 (and
    # its roster imports' own aggregate), 困难帮扶 (and the county level of its approvers' grants), 救助,
    # 互助保障, 集体合同, 民主管理 (and its rules), 荣誉评选, 技能创新, 服务阵地, 工会活动, 就业服务,
    # 会员普惠, 风险预警 and 统计年报. The same on PostgreSQL and on SQLite.
    with django_assert_max_num_queries(33):
        assert client.get("/").status_code == 200
