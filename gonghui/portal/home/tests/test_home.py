"""The portal's front door: open to visitors, each service saying whether it needs the login."""

import re

import pytest
from django.conf import settings
from django.test import Client

from gonghui.cases.services import case_submit
from gonghui.members.services.applications import PortalWorker
from gonghui.testing.world import make_member, member_data

pytestmark = pytest.mark.django_db
PHONE = "13800007777"


def _tile(page: str, key: str) -> str:
    found = re.search(rf'<a [^>]*data-testid="service-{key}"[^>]*>.*?</a>', page, re.S)
    assert found, key
    return found.group(0)


def test_a_visitor_sees_every_service_without_being_sent_to_login(client):
    response = client.get("/portal/")
    assert response.status_code == 200
    page = response.content.decode()
    for key, url in (("case_request", "/portal/cases/new/"), ("case_follow", "/portal/cases/follow/"),
                     ("hardship_check", "/portal/hardship/check/"), ("positions_nearby", "/portal/positions/")):
        tile = _tile(page, key)
        assert f'href="{url}"' in tile and "需登录" not in tile
    for key, url in (("card", "/portal/card/"), ("hardship_mine", "/portal/hardship/mine/"),
                     ("transfers", "/portal/transfer/")):
        tile = _tile(page, key)
        assert "需登录" in tile and f'href="/portal/login/?next={url.replace("/", "%2F")}"' in tile
    assert 'href="tel:12351"' in page and 'data-testid="login"' in page


def test_the_tab_bar_marks_the_page_and_sends_a_visitor_to_login_and_back(client):
    page = client.get("/portal/").content.decode()
    tabs = re.search(r'<nav class="pt-tabbar".*?</nav>', page, re.S).group(0)
    assert re.search(r'href="/portal/"\s+class="active" aria-current="page"', tabs)
    assert 'href="/portal/cases/"' in tabs and 'href="/portal/hardship/"' in tabs
    assert 'href="/portal/login/?next=%2Fportal%2Fcard%2F"' in tabs
    assert 'href="/portal/login/?next=%2Fportal%2Fme%2F"' in tabs
    cases = client.get("/portal/cases/").content.decode()
    assert re.search(r'href="/portal/cases/"\s+class="active" aria-current="page"', cases)
    # The login page takes the visitor where the tab pointed.
    client.get("/portal/login/?next=/portal/card/")
    assert client.session["gonghui_portal_next"] == "/portal/card/"


def _tabbar(client: Client, path: str = "/portal/cases/") -> str:
    return re.search(r'<nav class="pt-tabbar".*?</nav>', client.get(path).content.decode(), re.S).group(0)


def test_the_tab_bar_rendered_once_follows_the_language_and_who_is_signed_in(as_worker):
    visitor = _tabbar(Client())
    assert 'href="/portal/login/?next=%2Fportal%2Fcard%2F"' in visitor and "需登录" in visitor
    signed_in = as_worker(PHONE)
    worker = _tabbar(signed_in)
    assert 'href="/portal/card/" data-testid="tab-card"' in worker and "需登录" not in worker
    assert re.search(r'href="/portal/cases/"\s+class="active"', worker) and "会员卡" in worker
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _tabbar(signed_in)
    assert ">Card<" in english and ">Rights<" in english and "会员卡" not in english
    assert re.search(r'href="/portal/"\s+class="active"', _tabbar(signed_in, "/portal/"))
    assert _tabbar(Client()) == visitor  # the visitor's tab bar is unchanged by the others


def test_a_member_sees_their_name_card_and_open_items_first(as_worker, world):
    make_member(world.grassroots, name="周晓红", phone=PHONE)
    case = case_submit(worker=PortalWorker(phone=PHONE), union=world.province,
                       data={"kind": "complaint", "description": "公司拖欠两个月工资。", "caller_name": "周晓红"})
    client = as_worker(PHONE)
    response = client.get("/portal/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "周晓红，您好" in page and world.grassroots.name in page and "138****7777" in page
    items = re.search(r'data-testid="open-items".*?</section>', page, re.S).group(0)
    assert case.number in items and f'href="/portal/cases/{case.number}/"' in items
    # Open items come before the services; signed in, the tiles go straight to their pages.
    assert page.index('data-testid="open-items"') < page.index('data-testid="main-services"')
    assert 'href="/portal/card/"' in _tile(page, "card") and 'data-testid="login"' not in page


def test_a_signed_in_worker_with_nothing_open_sees_no_empty_list(as_worker):
    page = as_worker(PHONE).get("/portal/").content.decode()
    assert 'data-testid="open-items"' not in page and "您好" in page


def test_the_join_guide_is_open_to_visitors():
    page = Client().get("/portal/join/").content.decode()
    assert 'data-testid="join-steps"' in page and 'href="tel:12351"' in page


def test_the_cached_tiles_follow_the_sign_in_state(as_worker, world):
    """The service tiles are kept rendered: a visitor after a worker still sees the login marks, and the
    worker after a visitor none."""
    worker = as_worker(PHONE)
    for _ in range(2):
        signed_in = worker.get("/portal/").content.decode()
        visitor = Client().get("/portal/").content.decode()
        assert 'data-testid="needs-login"' not in signed_in and 'href="/portal/card/"' in _tile(signed_in, "card")
        assert 'data-testid="needs-login"' in visitor and "next=%2Fportal%2Fcard%2F" in _tile(visitor, "card")


def test_the_home_page_of_a_member_with_everything_open_takes_a_fixed_number_of_queries(
        as_worker, world, django_assert_max_num_queries):
    from gonghui.assistance.services import hardship_survey
    from gonghui.members.services.applications import application_submit
    from gonghui.members.services.cards import card_issue_by_member
    from gonghui.members.services.transfers import transfer_request

    joined = make_member(world.grassroots, name="周晓红", phone=PHONE)  # make_member gives the membership
    card = card_issue_by_member(worker=PortalWorker(phone=PHONE), member_pk=joined.member.pk)
    for _ in range(3):
        case_submit(worker=PortalWorker(phone=PHONE), union=world.province,
                    data={"kind": "complaint", "description": "公司拖欠两个月工资。", "caller_name": "周晓红"})
    # Her husband applies from the phone they share; another union asks for her transfer; her union opened
    # a hardship file of hers without a phone (found by her identity, not the phone).
    application_submit(worker=PortalWorker(phone=PHONE), union=world.grassroots,
                       data={k: v for k, v in member_data(name="王建国").items() if k != "phone"})
    transfer_request(actor=world.province_officer, member=joined.member, to_union=world.county2)
    hardship_survey(actor=world.county_clerk, union=world.grassroots, member=joined.member, worker={}, household=[],
                    causes=["illness"])
    client = as_worker(PHONE)
    # The session; the membership with its card, the pending application and the open transfer (one
    # statement); the open cases; the open hardship file by phone or by identity (one statement).
    with django_assert_max_num_queries(4):
        page = client.get("/portal/").content.decode()
    assert card.number[-4:] in page and "周晓红，您好" in page and world.grassroots.name in page
    items = re.findall(r'data-testid="open-item".*?</a>', page, re.S)
    assert len(items) == 6, items
    assert any("入会申请" in i and world.grassroots.name in i for i in items)
    assert any("会籍接转" in i and world.county2.name in i for i in items)
    assert any("困难帮扶" in i and world.grassroots.name in i for i in items)
