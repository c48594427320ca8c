"""我的个人信息: the worker's view of what is held, the copy, corrections, consents and erasure."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from gonghui.jobs.models import JobApplication
from gonghui.jobs.services import application_apply, posting_create
from gonghui.members.models import Member
from gonghui.members.rights_models import PersonalDataRequest, RightKind, RightState
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world) -> Member:
    return world.membership.member


def test_the_page_lists_what_is_held_masked_and_is_reached_from_mine(as_worker, member):
    client = as_worker(member.phone)
    assert 'href="/portal/me/data/"' in client.get("/portal/me/").content.decode()
    page = client.get("/portal/me/data/").content.decode()
    assert member.id_masked in page and member.id_number not in page and member.phone not in page
    assert 'data-testid="section-profile"' in page and 'data-testid="section-memberships"' in page
    assert "会籍记录属于工会会员档案" in page  # what the law keeps, said before the worker asks


def test_a_worker_whose_phone_is_not_in_the_registry_is_told_so(as_worker, world):
    page = as_worker("13700001111").get("/portal/me/data/").content.decode()
    assert 'data-testid="no-record"' in page


def test_the_copy_is_a_real_workbook_with_full_values(as_worker, member):
    client = as_worker(member.phone)
    assert client.get(f"/portal/me/data/{member.pk}/copy/").status_code == 405
    response = client.post(f"/portal/me/data/{member.pk}/copy/", {f"c{member.pk}-id_number": member.id_number})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "no-store" and "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    values = [c.value for row in book["会员信息"].iter_rows() for c in row]
    assert member.id_number in values and member.phone in values
    assert PersonalDataRequest.objects.filter(kind=RightKind.COPY, state=RightState.DONE).count() == 1


def test_the_copy_asks_for_the_persons_identity_number_and_refuses_a_wrong_one(as_worker, member):
    client = as_worker(member.phone)
    assert 'data-testid="copy-id-number"' in client.get("/portal/me/data/").content.decode()
    wrong = "110101198505050012"
    response = client.post(f"/portal/me/data/{member.pk}/copy/", {f"c{member.pk}-id_number": wrong})
    page = response.content.decode()
    assert response.status_code == 400 and 'data-testid="error-id_number"' in page
    assert "证件号码与登记信息不一致" in page and wrong not in page and member.id_number not in page
    assert not PersonalDataRequest.objects.exists()


def test_another_persons_record_answers_as_missing(as_worker, member):
    client = as_worker("13700001111")
    assert client.post(f"/portal/me/data/{member.pk}/copy/").status_code == 404
    assert client.get(f"/portal/me/data/{member.pk}/correct/").status_code == 404
    assert not PersonalDataRequest.objects.exists()


def test_a_correction_request_is_shown_with_its_state(as_worker, member):
    client = as_worker(member.phone)
    url = f"/portal/me/data/{member.pk}/correct/"
    page = client.post(url, {"field": "education", "value": "不存在的学历"}).content.decode()
    assert 'data-testid="error-value"' in page
    response = client.post(url, {"field": "name", "value": "李思", "note": "以户口本为准"})
    assert response["Location"] == "/portal/me/data/"
    request = PersonalDataRequest.objects.get()
    assert (request.field, request.state) == ("name", RightState.PENDING)
    assert f'data-testid="request-{request.pk}"' in client.get("/portal/me/data/").content.decode()


def test_the_worker_changes_the_phone_and_stays_signed_in_on_the_new_one(as_worker, member, sms_outbox):
    client = as_worker(member.phone)
    url = f"/portal/me/data/{member.pk}/phone/"
    page = client.post(url, {"phone": "13922223333"}).content.decode()
    assert 'data-testid="phone-code-form"' in page and "139****3333" in page
    code = sms_outbox[-1].code
    page = client.post(url, {"code": "000000"}).content.decode()
    assert 'data-testid="error-code"' in page
    response = client.post(url, {"code": code})
    assert response["Location"] == "/portal/me/data/"
    member.refresh_from_db()
    assert member.phone == "13922223333"
    assert 'data-testid="section-profile"' in client.get("/portal/me/data/").content.decode()


def test_withdrawing_consent_from_the_page(as_worker, world, member):
    Region.objects.get_or_create(adcode="510104", defaults={"name": "锦江区", "level": Region.RegionLevel.COUNTY,
                                                            "dataset": "test"})
    posting = posting_create(actor=world.county_admin, employer=world.employer, title="焊工", places=5,
                             pay_min=5000, pay_max=8000, requirements="持证", region="510104", address="春熙路1号",
                             contact_name="王经理", contact_phone="13912345678",
                             expires_on=timezone.localdate() + datetime.timedelta(days=30))
    application = application_apply(worker=PortalWorker(phone=member.phone), posting_pk=posting.pk, consent=True)
    client = as_worker(member.phone)
    assert f'data-testid="consent-{application.pk}"' in client.get("/portal/me/data/").content.decode()
    client.post(f"/portal/me/data/{member.pk}/consent/{application.pk}/withdraw/")
    assert JobApplication.objects.get().consent_at is None
    assert 'data-testid="no-consents"' in client.get("/portal/me/data/").content.decode()


def test_an_erasure_request_waits_for_the_union(as_worker, member):
    client = as_worker(member.phone)
    client.post(f"/portal/me/data/{member.pk}/erase/", {f"e{member.pk}-note": "不再需要"})
    request = PersonalDataRequest.objects.get()
    assert (request.kind, request.state, request.note) == (RightKind.ERASE, RightState.PENDING, "不再需要")


def test_an_erasure_reason_too_long_is_refused_on_the_page_not_dropped(as_worker, member):
    response = as_worker(member.phone).post(f"/portal/me/data/{member.pk}/erase/", {f"e{member.pk}-note": "理" * 201})
    page = response.content.decode()
    assert response.status_code == 400 and 'data-testid="error-note"' in page and "200" in page
    assert not PersonalDataRequest.objects.exists()
