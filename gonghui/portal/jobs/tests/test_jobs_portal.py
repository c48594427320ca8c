"""求职 on the portal: published postings for anyone with filters, applying only when signed in and
only with the consent ticked, 我的求职 with withdrawing, and nobody else's application reachable."""

import pytest

from gonghui.jobs.choices import ApplicationStatus
from gonghui.jobs.models import JobApplication
from gonghui.jobs.services import application_recommend, posting_withdraw
from gonghui.portal.conftest import portal_login

pytestmark = pytest.mark.django_db


def test_anyone_browses_published_postings_with_filters(client, world, posting):
    job, other = posting(), posting(title="叉车司机", pay_min=3000, pay_max=4000)
    hidden = posting(title="已下架岗位")
    posting_withdraw(actor=world.county_admin, posting=hidden)
    page = client.get("/portal/jobs/").content.decode()
    assert "焊工" in page and "叉车司机" in page and "已下架岗位" not in page
    page = client.get("/portal/jobs/?pay=5000").content.decode()
    assert "焊工" in page and "叉车司机" not in page
    page = client.get("/portal/jobs/?q=叉车&area=510100").content.decode()
    assert "叉车司机" in page and "焊工" not in page
    assert client.get("/portal/jobs/?pay=abc&area=zz&page=x").status_code == 200
    detail = client.get(f"/portal/jobs/{job.pk}/").content.decode()
    assert "139****5678" in detail and "13912345678" not in detail
    assert client.get(f"/portal/jobs/{hidden.pk}/").status_code == 404
    assert client.get(f"/portal/jobs/{other.pk}/apply/").status_code == 302


def test_an_application_needs_the_consent_ticked(client, world, posting):
    job = posting()
    member = world.membership.member
    portal_login(client, member.phone)
    response = client.post(f"/portal/jobs/{job.pk}/apply/", {"skills": "电焊", "expected_pay": "7000"})
    assert response.status_code == 400 and 'data-testid="error-consent"' in response.content.decode()
    assert not JobApplication.objects.exists()
    response = client.post(f"/portal/jobs/{job.pk}/apply/", {"skills": "电焊", "consent": "on",
                                                            "desired_region": "510104"})
    assert response.status_code == 302
    application = JobApplication.objects.get()
    assert application.consent_at is not None and application.priority is False
    mine = client.get("/portal/jobs/mine/").content.decode()
    assert "焊工" in mine and "已投递" in mine
    assert client.post(f"/portal/jobs/applications/{application.pk}/withdraw/").status_code == 302
    assert JobApplication.objects.get().status == ApplicationStatus.WITHDRAWN


def test_a_recommendation_shows_in_my_jobs_and_is_accepted_with_consent(client, world, posting):
    job = posting()
    member = world.membership.member
    application_recommend(actor=world.county_admin, posting=job, member=member)
    portal_login(client, member.phone)
    mine = client.get("/portal/jobs/mine/").content.decode()
    assert "工会推荐待本人确认" in mine and "确认并同意提供信息" in mine
    client.post(f"/portal/jobs/{job.pk}/apply/", {"consent": "on"})
    assert JobApplication.objects.get().status == ApplicationStatus.APPLIED


def test_a_worker_cannot_withdraw_someone_elses_application(client, world, posting):
    job = posting()
    application_recommend(actor=world.county_admin, posting=job, member=world.membership.member)
    portal_login(client, "13700000001")
    pk = JobApplication.objects.get().pk
    assert client.post(f"/portal/jobs/applications/{pk}/withdraw/").status_code == 404
    assert JobApplication.objects.get().status == ApplicationStatus.RECOMMENDED
    assert "没有找到您的会员信息" in client.get(f"/portal/jobs/{job.pk}/apply/").content.decode()


def test_a_postings_requirements_keep_their_lines_without_an_inline_style(client, world, posting):
    job = posting(requirements="持焊工证\n三年以上经验")
    detail = client.get(f"/portal/jobs/{job.pk}/").content.decode()
    assert '<dd class="pt-pre-line">持焊工证\n三年以上经验</dd>' in detail and "style=" not in detail
