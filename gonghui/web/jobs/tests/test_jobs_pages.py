"""The 就业服务 console: every page for a cadre, entry refused with the field named, the review flow,
applicants masked until consent, recommending a member, a fair with its postings and results, the
figures, another province's rows missing, and bad query strings answered without a 500."""

import datetime

import pytest
from django.utils import timezone

from gonghui.jobs.choices import ApplicationStatus, PostingStatus
from gonghui.jobs.models import FairPosting, JobApplication, JobFair, JobPosting
from gonghui.jobs.services import (
    application_apply,
    fair_add_posting,
    fair_create,
    job_partner_grant,
    posting_submit_by_partner,
)
from gonghui.jobs.tests.conftest import posting_data
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.partners import partner_create
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db
PAST = timezone.localdate() - datetime.timedelta(days=3)
LISTS = ["/jobs/postings/", "/jobs/postings/review/", "/jobs/fairs/", "/jobs/figures/",
         "/jobs/postings/new/", "/jobs/fairs/new/"]


@pytest.fixture
def fair(world, regions):
    return fair_create(actor=world.county_admin, union=world.county, title="春风行动专场", mode="onsite",
                       held_on=PAST, region="510104", place="锦江区人力资源市场")


def test_each_page_answers_a_cadre_and_the_menu_names_jobs(world, login, posting, fair):
    job = posting()
    client = login("county_admin")
    for url in [*LISTS, f"/jobs/postings/{job.pk}/", f"/jobs/postings/{job.pk}/edit/", f"/jobs/fairs/{fair.pk}/",
                "/jobs/postings/?status=zzz&pay=abc&region=%00", "/jobs/fairs/?year=99999&show=x",
                "/jobs/figures/?start=bad"]:
        assert client.get(url).status_code == 200, url
    listed = client.get("/jobs/postings/").content.decode()
    assert "就业服务" in listed and "焊工" in listed and 'data-testid="list-export"' in listed
    assert "139****5678" in client.get(f"/jobs/postings/{job.pk}/").content.decode()


def test_another_provinces_cadre_finds_nothing(world, login, posting, fair):
    job = posting()
    client = login("other_province_officer")
    assert client.get(f"/jobs/postings/{job.pk}/").status_code == 404
    assert client.get(f"/jobs/fairs/{fair.pk}/").status_code == 404
    assert "焊工" not in client.get("/jobs/postings/").content.decode()


def test_an_entry_with_pay_upside_down_is_refused_beside_the_field(world, login, regions):
    client = login("county_admin")
    data = posting_data(pay_min=9000, pay_max=8000) | {"employer": world.employer.pk}
    response = client.post("/jobs/postings/new/", data)
    assert response.status_code == 400 and "月薪上限不能低于月薪下限" in response.content.decode()
    assert not JobPosting.objects.exists()
    response = client.post("/jobs/postings/new/", posting_data() | {"employer": world.employer.pk})
    assert response.status_code == 302
    assert JobPosting.objects.get().status == PostingStatus.PUBLISHED


def test_a_submission_is_reviewed_from_the_queue(world, login, regions):
    partner, _key = partner_create(actor=SYSTEM, union=world.province, name="示例科技", purposes=["jobs"])
    job_partner_grant(actor=SYSTEM, partner=partner, employer=world.employer)
    job = posting_submit_by_partner(partner=partner, employer_id=world.employer.pk, **posting_data())
    client = login("county_admin")
    assert "焊工" in client.get("/jobs/postings/review/").content.decode()
    response = client.post(f"/jobs/postings/{job.pk}/review/", {"decision": "return", "note": "", "version": 1})
    assert response.status_code == 400 and "审核意见" in response.content.decode()
    response = client.post(f"/jobs/postings/{job.pk}/review/", {"decision": "publish", "note": "", "version": 1})
    assert response.status_code == 302
    assert JobPosting.objects.get().status == PostingStatus.PUBLISHED


def test_applicants_are_masked_until_consent_and_a_member_is_recommended(world, login, posting):
    job = posting()
    member = world.membership.member
    client = login("county_admin")
    response = client.post(f"/jobs/postings/{job.pk}/recommend/", {"id_number": member.id_number})
    assert response.status_code == 302
    page = client.get(f"/jobs/postings/{job.pk}/").content.decode()
    assert "李*" in page and "李四" not in page and member.phone_masked not in page
    application_apply(worker=PortalWorker(phone=member.phone), posting_pk=job.pk, consent=True, skills="电焊")
    page = client.get(f"/jobs/postings/{job.pk}/").content.decode()
    assert "李四" in page and member.phone_masked in page and "电焊" in page
    application = JobApplication.objects.get()
    assert client.post(f"/jobs/applications/{application.pk}/decide/", {"intent": "1"}).status_code == 302
    assert JobApplication.objects.get().status == ApplicationStatus.INTENT


def test_a_fair_gets_its_postings_and_results_and_the_figures_count_them(world, login, posting, fair):
    job = posting(places=12)
    client = login("county_admin")
    assert client.post(f"/jobs/fairs/{fair.pk}/posting/", {"posting": job.pk}).status_code == 302
    response = client.post(f"/jobs/fairs/{fair.pk}/result/", {"visitors": 10, "intentions": 20})
    assert response.status_code == 400 and "不能多于入场求职人数" in response.content.decode()
    assert client.post(f"/jobs/fairs/{fair.pk}/result/", {"visitors": 80, "intentions": 9}).status_code == 302
    assert FairPosting.objects.filter(fair=fair).count() == 1 and JobFair.objects.get().intentions == 9
    page = client.get(f"/jobs/figures/?start={PAST:%Y-%m-%d}&end={PAST:%Y-%m-%d}").content.decode()
    assert "成都市锦江区总工会" in page and ">12<" in page and ">9<" in page


def test_the_lists_export_to_xlsx(world, login, posting, fair):
    fair_add_posting(actor=world.county_admin, fair=fair, posting=posting())
    client = login("county_admin")
    for name in ("jobs.postings", "jobs.fairs"):
        response = client.post(f"/exports/{name}/")
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_to_do_lines_count_the_review_queue(world, login, regions):
    partner, _key = partner_create(actor=SYSTEM, union=world.province, name="示例科技", purposes=["jobs"])
    job_partner_grant(actor=SYSTEM, partner=partner, employer=world.employer)
    posting_submit_by_partner(partner=partner, employer_id=world.employer.pk, **posting_data())
    page = login("county_admin").get("/").content.decode()
    assert "用人单位报送岗位待审核" in page


def test_a_cadre_grants_and_revokes_a_partner_beside_the_review_queue(world, login):
    from django.test import Client

    from gonghui.jobs.models import JobPartner
    from gonghui.testing.world import PASSWORD

    partner, _key = partner_create(actor=SYSTEM, union=world.province, name="示例招聘平台", purposes=["jobs"])
    partner_create(actor=SYSTEM, union=world.province, name="示例银行", purposes=["verify"])
    client = login("county_admin")
    page = client.get("/jobs/partner-grants/").content.decode()
    assert "示例招聘平台" in page and "示例银行" not in page  # only keys for job postings are offered
    response = client.post("/jobs/partner-grants/", {"partner": partner.pk, "employer": world.employer.pk})
    assert response.status_code == 302
    grant = JobPartner.objects.get()
    assert grant.is_active and world.employer.name in client.get("/jobs/partner-grants/").content.decode()
    stranger = Client()
    stranger.post("/login/", {"username": "other_province_officer", "password": PASSWORD})
    assert stranger.post(f"/jobs/partner-grants/{grant.pk}/revoke/").status_code == 404
    assert client.post(f"/jobs/partner-grants/{grant.pk}/revoke/").status_code == 302
    grant.refresh_from_db()
    assert not grant.is_active and "已撤销" in client.get("/jobs/partner-grants/").content.decode()
