"""公示 published from the call's page (its end computed), objections concluded once their case is
answered, the award after the notice with its refusal shown before, revocation, and the 劳模
register's page and steps."""

import datetime

import pytest

from gonghui.cases.choices import Status as CaseStatus
from gonghui.cases.models import Case
from gonghui.honours.choices import ModelWorkerStatus, NominationStatus, ObjectionVerdict, RecordKind
from gonghui.honours.models import Award, ModelWorker, Objection
from gonghui.honours.services import notice_publish, objection_file
from gonghui.honours.tests.conftest import issue, nominate, up_to_province
from gonghui.members.services.applications import PortalWorker

pytestmark = pytest.mark.django_db
S = NominationStatus


@pytest.fixture
def final(world, cadres):
    call = issue(world, kind_code="province_model_worker")
    nomination = up_to_province(world, cadres, call, nominate(cadres.province, call, world.province, name="周劳模"))
    return call, nomination


def test_the_province_publishes_the_notice_with_its_end_computed_on_working_days(world, login, final):
    call, nomination = final
    client = login("province_officer")
    assert 'data-testid="publish-form"' in client.get(f"/honours/calls/{call.pk}/").content.decode()
    response = client.post(f"/honours/calls/{call.pk}/publish/", {"starts_on": "2027-05-10"}, follow=True)
    page = response.content.decode()
    assert "2027-05-10 至 2027-05-14（5个工作日）" in page  # Monday to Friday
    nomination.refresh_from_db()
    assert nomination.status == S.NOTICE
    detail = client.get(f"/honours/nominations/{nomination.pk}/").content.decode()
    assert 'data-testid="award-waits"' in detail and "期满后才能作出表彰决定" in detail


def test_a_county_sees_the_call_but_not_its_issuers_steps(world, login, final):
    call, _n = final
    client = login("county_clerk")
    page = client.get(f"/honours/calls/{call.pk}/").content.decode()
    assert 'data-testid="publish-form"' not in page and 'data-testid="quota-form"' not in page
    assert client.post(f"/honours/calls/{call.pk}/publish/", {"starts_on": "2027-05-10"}
                                      ).status_code == 400


def test_an_objection_is_concluded_once_its_case_is_answered_then_the_nominee_is_awarded(world, login, final):
    call, nomination = final
    notice_publish(actor=world.province_officer, call=call, starts_on=datetime.date(2026, 11, 2))
    objection = objection_file(worker=PortalWorker(phone="13900001111"), nomination_pk=nomination.pk,
                               text="该同志存在违规行为。", objector_name="匿名", today=datetime.date(2026, 11, 3))
    client = login("province_officer")
    listed = client.get("/honours/objections/?unanswered=1").content.decode()
    assert objection.case.number in listed and "周劳模" in listed and "13900001111" not in listed
    url = f"/honours/nominations/{nomination.pk}/"
    refused = client.post(f"/honours/objections/{objection.pk}/conclude/", {"verdict": "dismissed", "note": "查无实据"},
                          follow=True).content.decode()
    assert "请先在12351诉求" in refused
    Case.objects.filter(pk=objection.case_id).update(status=CaseStatus.CLOSED)
    client.post(f"/honours/objections/{objection.pk}/conclude/", {"verdict": "dismissed", "note": "查无实据"})
    assert Objection.objects.get(pk=objection.pk).verdict == ObjectionVerdict.DISMISSED
    response = client.post(url + "do/award/", {"decision_number": "川工发〔2026〕9号", "decided_on": "2026-12-01",
                                               "certificate_number": "SC2026-001"})
    assert response.status_code == 302
    award = Award.objects.get(nomination=nomination)
    assert ModelWorker.objects.filter(id_index=nomination.id_index).exists()
    listed = client.get("/honours/awards/").content.decode()
    assert "川工发〔2026〕9号" in listed and f'href="{url}" data-testid="award-nomination"' in listed
    assert f'href="/honours/awards/{award.pk}/" data-testid="award-link"' in client.get(url).content.decode()
    assert f'href="{url}"' in client.get(f"/honours/awards/{award.pk}/").content.decode()
    client.post(f"/honours/awards/{award.pk}/revoke/", {"reason": "弄虚作假", "revoked_on": "2026-12-04"})
    assert Award.objects.get(pk=award.pk).status == "revoked"


def test_the_register_page_records_contact_hardship_and_death(world, login, final):
    call, nomination = final
    notice_publish(actor=world.province_officer, call=call, starts_on=datetime.date(2026, 11, 2))
    client = login("province_officer")
    client.post(f"/honours/nominations/{nomination.pk}/do/award/", {"decision_number": "川工发〔2026〕9号",
                                                                    "decided_on": "2026-12-01"})
    entry = ModelWorker.objects.get(id_index=nomination.id_index)
    url = f"/honours/register/{entry.pk}/"
    page = client.get(url).content.decode()
    assert entry.id_masked in page and 'data-testid="step-record"' in page
    listed = client.get("/honours/register/").content.decode()
    assert "周劳模" in listed and 'data-testid="register-figures"' in listed
    bad = client.post(url + "record/", {"kind": RecordKind.ALLOWANCE, "year": 2026, "on": "2026-12-01",
                                        "amount": "-5"})
    assert bad.status_code == 400
    assert client.post(url + "record/", {"kind": RecordKind.ALLOWANCE, "year": 2026, "on": "2026-12-01",
                                         "amount": "1200"}).status_code == 302
    assert client.post(url + "hardship/", {"in_hardship": "on"}).status_code == 302
    assert "困难劳模" in client.get(url).content.decode()
    assert "周劳模" in client.get("/honours/register/?hardship=1").content.decode()
    assert client.post(url + "death/", {"died_on": "2026-12-03"}).status_code == 302
    assert ModelWorker.objects.get(pk=entry.pk).status == ModelWorkerStatus.DECEASED
    assert 'data-testid="step-death"' not in client.get(url).content.decode()
    client.logout()
    assert login("county2_clerk").get(url).status_code == 404


def test_the_notices_ending_line_links_to_the_calls_it_counts(world, login, final):
    from django.utils import timezone

    from gonghui.honours.services import notice_end
    from gonghui.honours.todos import honours_todos

    call, _n = final
    today = timezone.localdate()
    start = next(today - datetime.timedelta(days=back) for back in range(10) if notice_end(
        org_path=call.org_path, starts_on=today - datetime.timedelta(days=back), working_days=5)[0] <= today
        + datetime.timedelta(days=3))  # a notice ending within three days, whatever weekday today is
    notice_publish(actor=world.province_officer, call=call, starts_on=start)
    line = next(t for t in honours_todos(user=world.province_officer) if t.key == "honours.notices_ending")
    assert line.count == 1 and dict(line.params) == {"show": "ending"}
    client = login("province_officer")
    assert call.title in client.get("/honours/calls/?show=ending").content.decode()
    other = issue(world, year=2025)
    listed = client.get("/honours/calls/?show=ending").content.decode()
    assert other.title not in listed
