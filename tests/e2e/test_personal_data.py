"""我的个人信息 on a phone: the worker downloads a copy of what is held and withdraws a consent; the
county cadre sees the section on the member's page."""

import datetime

import openpyxl
import pytest
from django.utils import timezone

from gonghui.accounts import sms_backends
from gonghui.jobs.models import JobApplication
from gonghui.jobs.services import application_apply, posting_create
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.models import Region
from gonghui.testing.world import build_world
from tests.e2e.conftest import shot
from tests.e2e.test_console import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _applied(world) -> JobApplication:
    Region.objects.get_or_create(adcode="510104", defaults={"name": "锦江区", "level": Region.RegionLevel.COUNTY,
                                                            "dataset": "test"})
    posting = posting_create(actor=world.county_admin, employer=world.employer, title="焊工", places=5,
                             pay_min=5000, pay_max=8000, requirements="持证", region="510104", address="春熙路1号",
                             contact_name="王经理", contact_phone="13912345678",
                             expires_on=timezone.localdate() + datetime.timedelta(days=30))
    member = world.membership.member
    return application_apply(worker=PortalWorker(phone=member.phone), posting_pk=posting.pk, consent=True,
                             skills="电焊")


def test_a_worker_downloads_a_copy_and_withdraws_a_consent_on_a_phone(phone, page, tmp_path):
    world = build_world()
    member = world.membership.member
    application = _applied(world)

    phone.goto(phone.base + "/portal/login/?next=/portal/me/")
    phone.get_by_test_id("phone").fill(member.phone)
    phone.get_by_test_id("send-code").click()
    phone.wait_for_url("**/portal/login/code/")
    code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == member.phone)
    phone.get_by_test_id("code").fill(code)
    phone.get_by_test_id("verify").click()
    phone.wait_for_url("**/portal/me/")
    phone.get_by_test_id("tile-my-data").click()
    phone.wait_for_url("**/portal/me/data/")
    holdings = phone.get_by_test_id("holdings")
    assert member.id_masked in holdings.inner_text() and member.id_number not in phone.content()
    shot(phone, "portal-my-data")

    # The phone alone is not proof enough for the full copy: a wrong identity number is refused on the page.
    phone.get_by_test_id("copy-id-number").fill("110101198505050012")
    phone.get_by_test_id("download-copy").click()
    phone.get_by_test_id("error-id_number").wait_for()
    assert "110101198505050012" not in phone.content()
    shot(phone, "portal-my-data-copy-refused")
    width = phone.viewport_size
    phone.set_viewport_size({"width": 1280, "height": 900})
    shot(phone, "portal-my-data-desk")
    phone.set_viewport_size(width)
    phone.get_by_test_id("copy-id-number").fill(member.id_number)
    with phone.expect_download() as download:
        phone.get_by_test_id("download-copy").click()
    path = tmp_path / "copy.xlsx"
    download.value.save_as(path)
    book = openpyxl.load_workbook(path)
    assert "会员信息" in book.sheetnames and "求职申请" in book.sheetnames
    assert member.id_number in [c.value for row in book["会员信息"].iter_rows() for c in row]

    asked: list[str] = []
    answer = {"accept": False}

    def on_dialog(dialog):
        asked.append(dialog.message)
        dialog.accept() if answer["accept"] else dialog.dismiss()

    phone.on("dialog", on_dialog)
    withdraw = phone.get_by_test_id(f"consent-{application.pk}").get_by_test_id("withdraw-consent")
    withdraw.click()  # asked, and answered no: nothing is sent
    assert len(asked) == 1 and JobApplication.objects.get().consent_at is not None
    answer["accept"] = True
    withdraw.click()  # asked again (a refused form is not marked as sent), and yes
    phone.get_by_test_id("no-consents").wait_for()
    assert len(asked) == 2 and asked[0] == asked[1]
    assert JobApplication.objects.get().consent_at is None
    requests = phone.get_by_test_id("requests").inner_text()
    assert "撤回同意" in requests and "获取副本" in requests
    shot(phone, "portal-my-data-after")

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "county_admin")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + f"/members/{member.pk}/#rights")
    section = page.get_by_test_id("rights-section")
    assert "撤回同意" in section.inner_text() and section.get_by_test_id("rights-kept").is_visible()
    shot(page, "console-member-rights")
