"""Where portal requests are received (GONGHUI_CASE_PORTAL_CENTRE) and 我的诉求 by the caller's phone."""

import pytest

from gonghui.cases.portal_centre import portal_centre
from gonghui.cases.selectors import cases_of_caller
from gonghui.cases.services import case_intake, case_submit
from gonghui.cases.tests.conftest import call_data
from gonghui.members.services.applications import PortalWorker

pytestmark = pytest.mark.django_db
PHONE = "13912340004"


def test_unset_it_is_the_province_at_the_top_of_the_deployment(world, settings):
    settings.GONGHUI_CASE_PORTAL_CENTRE = ""
    assert portal_centre() == world.province


def test_a_configured_union_is_found_by_path_or_by_id(world, settings):
    settings.GONGHUI_CASE_PORTAL_CENTRE = world.city.path
    assert portal_centre() == world.city
    settings.GONGHUI_CASE_PORTAL_CENTRE = str(world.county.pk)
    assert portal_centre() == world.county


def test_a_configured_union_that_is_missing_gives_no_centre_rather_than_a_guess(world, settings):
    settings.GONGHUI_CASE_PORTAL_CENTRE = "999999"
    assert portal_centre() is None


def test_a_callers_cases_are_found_in_every_union_by_the_exact_phone_only(world, hotline):
    mine = case_submit(worker=PortalWorker(phone=PHONE), union=world.province,
                       data={"caller_name": "王五", "description": "欠薪"})
    at_county = case_intake(actor=hotline, union=world.county, data=call_data(caller_phone=PHONE)).case
    case_intake(actor=hotline, union=world.county, data=call_data())
    assert {c.number for c in cases_of_caller(phone=f"+86 {PHONE}")} == {mine.number, at_county.number}
    assert not cases_of_caller(phone=PHONE[:7]).exists() and not cases_of_caller(phone="").exists()
