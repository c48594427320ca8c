"""The console menu in groups (web/context.py NAV_GROUPS): the group holding the page open, the others
folded, a folded group's summary carrying the sum of its to-do badges, a group with nothing the user may
open left out."""

import re

import pytest
from django.test import Client

from gonghui.accounts.roles import RoleCode
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.testing.world import PASSWORD, make_user, member_data
from gonghui.web.context import NAV, NAV_GROUPS

pytestmark = pytest.mark.django_db


def login(username):
    client = Client()
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def groups(html: str) -> dict[str, bool]:
    """Each group of the sidebar's menu and whether it is open."""
    sidebar = html.split('class="gh-sidebar"', 1)[1].split("</aside>", 1)[0]
    return {key: bool(flag) for key, flag in re.findall(r'data-nav-group="(\w+)"( open)?>', sidebar)}


def test_every_menu_entry_sits_in_exactly_one_group():
    names = [entry[0] for *_, entries in NAV_GROUPS for entry in entries if entry[0]]
    assert len(names) == len(set(names))
    assert {entry[0] for entry in NAV if entry[0]} == {*names, "web:home"}


def test_the_group_holding_the_page_is_open_and_the_others_are_folded(world):
    client = login("county_admin")
    shown = groups(client.get("/members/").content.decode())
    assert shown["org"] is True
    assert [key for key, is_open in shown.items() if is_open] == ["org"]
    shown = groups(client.get("/cases/").content.decode())
    assert shown["rights"] is True and shown["org"] is False
    assert not any(groups(client.get("/").content.decode()).values())


def test_a_group_the_user_may_open_nothing_in_is_left_out(world):
    make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)
    shown = groups(login("hotline_agent").get("/").content.decode())
    assert "rights" in shown and "system" in shown
    assert "hardship" not in shown and "welfare" not in shown


def test_a_folded_group_shows_the_sum_of_its_badges_inline_and_fetched(world):
    for _ in range(2):
        data = member_data()
        application_submit(worker=PortalWorker(phone=data.pop("phone")), union=world.grassroots, data=data)
    client = login("county_admin")
    home = client.get("/").content.decode()
    assert 'data-testid="nav-group-badge-org">2<' in home
    fragment = client.get("/todos/badges/").content.decode()
    assert 'hx-swap-oob="innerHTML:.gh-badge-group-org">2<' in fragment
    assert 'hx-swap-oob="innerHTML:.gh-badge-application_queue">2<' in fragment
