"""我要求助 with evidence files, and what the worker is told after submitting."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.cases.models import Case, CaseAttachment, CaseEvent
from gonghui.cases.services import case_classify
from gonghui.cases.services.attachments import MAX_WORKER_ATTACHMENTS
from gonghui.portal.cases.tests.test_cases_portal import PHONE, _request
from gonghui.testing.world import PASSWORD, make_user

pytestmark = pytest.mark.django_db
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.4 contract"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo(name: str = "工资条.jpg", content: bytes = JPEG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_worker_sends_photos_and_documents_that_the_handlers_see(as_worker, world, media):
    client = as_worker(PHONE)
    contract = SimpleUploadedFile("劳动合同.pdf", PDF, content_type="application/pdf")
    response = client.post("/portal/cases/new/", {**_request(), "attachments": [photo(), contract]})
    case = Case.objects.get()
    assert response.status_code == 302
    names = sorted(CaseAttachment.objects.filter(case=case).values_list("name", flat=True))
    assert names == ["劳动合同.pdf", "工资条.jpg"]
    assert CaseEvent.objects.filter(case=case, action="attach").count() == 2
    assert len(stored_files(media)) == 2
    # Private: the console's case page lists them for its handlers, behind the scoped download.
    console = Client()
    assert console.post("/login/", {"username": "province_officer", "password": PASSWORD}).status_code == 302
    page = console.get(f"/cases/{case.pk}/").content.decode()
    assert "工资条.jpg" in page and f"/cases/{case.pk}/attachments/" in page


def test_it_refuses_a_file_disguised_by_its_name_naming_it_and_storing_nothing(as_worker, world, media):
    client = as_worker(PHONE)
    disguised = photo("现场照片.jpg", b"MZ\x90\x00 this is a program")
    response = client.post("/portal/cases/new/", {**_request(), "attachments": [photo(), disguised]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "文件“现场照片.jpg”的内容与文件类型不符" in page and 'data-testid="error-attachments"' in page
    assert 'data-testid="reselect"' in page and 'value="赵六"' in page
    assert not Case.objects.exists() and not CaseAttachment.objects.exists()
    assert stored_files(media) == []


def test_it_refuses_more_files_than_the_limit_and_an_oversized_one(as_worker, world, settings, media):
    client = as_worker(PHONE)
    many = [photo(f"{n}.jpg") for n in range(MAX_WORKER_ATTACHMENTS + 1)]
    page = client.post("/portal/cases/new/", {**_request(), "attachments": many}).content.decode()
    assert f"一次最多上传{MAX_WORKER_ATTACHMENTS}个证据材料" in page
    settings.GONGHUI_CASE_ATTACHMENT_MAX_MB = 1
    big = photo("大图.jpg", JPEG + b"\x00" * (1024 * 1024))
    page = client.post("/portal/cases/new/", {**_request(), "attachments": [big]}).content.decode()
    assert "文件“大图.jpg”不能超过1MB" in page
    assert not Case.objects.exists() and stored_files(media) == []


def test_a_guest_keeps_the_code_when_a_file_is_refused(client, world, sms_outbox, media):
    client.post("/portal/cases/new/", {**_request(), "phone": PHONE, "send_code": "1"})
    code = sms_outbox[-1].code
    fake = SimpleUploadedFile("病历.pdf", b"<html>not a pdf", content_type="application/pdf")
    page = client.post("/portal/cases/new/", {**_request(), "phone": PHONE, "code": code,
                                              "attachments": [fake]}).content.decode()
    assert "文件“病历.pdf”的内容与文件类型不符" in page and not Case.objects.exists()
    # The refusal was found before the code was spent: the same code still files the request.
    response = client.post("/portal/cases/new/", {**_request(), "phone": PHONE, "code": code,
                                                  "attachments": [photo()]})
    assert response.status_code == 302 and CaseAttachment.objects.get().name == "工资条.jpg"


def test_after_submitting_the_worker_sees_the_due_date_and_how_to_follow(as_worker, world):
    client = as_worker(PHONE)
    response = client.post("/portal/cases/new/", _request())
    case = Case.objects.get()
    assert case.due_at is not None
    page = client.get(response["Location"]).content.decode()
    due = timezone.localtime(case.due_at).date()
    assert f"预计{due.year}年{due.month}月{due.day}日前答复" in page
    assert f'href="/portal/cases/follow/?number={case.number}"' in page and "138****5555" in page


def test_classifying_keeps_the_date_an_ordinary_request_was_promised(world, as_worker):
    as_worker(PHONE).post("/portal/cases/new/", _request())
    case = Case.objects.get()
    promised = case.due_at
    agent = make_user("agent", world.province, RoleCode.HOTLINE_AGENT)
    case = case_classify(actor=agent, case=case, category="wages", difficulty="ordinary")
    assert case.due_at == promised
