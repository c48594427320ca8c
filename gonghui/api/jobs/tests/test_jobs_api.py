"""就业服务 over the API: a cadre's entry refused with the field named, a partner's submission landing
for review and never publishing itself, the employer's view empty without consent, scope, fairs and
the figures."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from gonghui.accounts.login import api_token_issue
from gonghui.api.conftest import ApiClient
from gonghui.jobs.choices import PostingStatus
from gonghui.jobs.models import JobPosting
from gonghui.jobs.services import application_apply, application_recommend, job_partner_grant
from gonghui.jobs.tests.conftest import posting_data
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.partners import partner_create
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db
PAST = timezone.localdate() - datetime.timedelta(days=2)


def api(user) -> ApiClient:
    _token, raw = api_token_issue(user=user)
    return ApiClient(raw)


def body(**overrides):
    data = posting_data(**overrides)
    data["expires_on"] = data["expires_on"].isoformat()
    return data


class PartnerClient:
    def __init__(self, key: str):
        self.client, self.headers = Client(), {"X-Partner-Key": key}

    def get(self, path):
        return self.client.get("/api/v1" + path, headers=self.headers)

    def send(self, method, path, data):
        return getattr(self.client, method)("/api/v1" + path, json.dumps(data), content_type="application/json",
                                            headers=self.headers)


@pytest.fixture
def partner(world, regions):
    partner, key = partner_create(actor=SYSTEM, union=world.province, name="示例科技人力资源部", purposes=["jobs"])
    job_partner_grant(actor=SYSTEM, partner=partner, employer=world.employer)
    return PartnerClient(key)


def test_a_cadre_enters_a_posting_and_a_bad_pay_range_names_the_field(world, regions):
    client = api(world.county_admin)
    response = client.post("/jobs/postings", body(pay_min=9000, pay_max=8000) | {"employer_id": world.employer.pk})
    assert response.status_code == 400 and response.json()["field"] == "pay_max"
    response = client.post("/jobs/postings", body(expires_on=PAST) | {"employer_id": world.employer.pk})
    assert response.status_code == 400 and response.json()["field"] == "expires_on"
    response = client.post("/jobs/postings", body() | {"employer_id": world.employer.pk})
    assert response.status_code == 201 and response.json()["status"] == "published"
    assert response.json()["contact_phone_masked"] == "139****5678" and "contact_phone" not in response.json()
    assert api(world.other_province_officer).get(f"/jobs/postings/{response.json()['id']}").status_code == 404


def test_a_partner_submission_lands_for_review_and_cannot_publish_itself(world, partner):
    assert [e["name"] for e in partner.get("/jobs/partner/employers").json()] == ["示例科技有限公司"]
    response = partner.send("post", "/jobs/partner/postings", body() | {"employer_id": world.employer.pk})
    assert response.status_code == 201 and response.json()["status"] == "pending"
    pk = response.json()["id"]
    # The partner's key opens none of the cadre endpoints.
    assert partner.send("post", f"/jobs/postings/{pk}/review", {"approve": True}).status_code == 401
    assert JobPosting.objects.get().status == PostingStatus.PENDING
    cadre = api(world.county_admin)
    assert cadre.post(f"/jobs/postings/{pk}/review", {"approve": False, "note": "请写明工作时间"}).status_code == 200
    assert partner.send("put", f"/jobs/partner/postings/{pk}", body(requirements="早八晚五")).json()["status"] == \
        "pending"
    assert cadre.post(f"/jobs/postings/{pk}/review", {"approve": True}).json()["status"] == "published"


def test_a_partner_cannot_submit_for_another_employer_or_without_a_key(world, partner):
    from gonghui.testing.world import make_employer

    other = make_employer(world.county2, "别家公司")
    response = partner.send("post", "/jobs/partner/postings", body() | {"employer_id": other.pk})
    assert response.status_code == 404 and response.json()["field"] == "employer"
    assert PartnerClient("ghp_wrong").get("/jobs/partner/postings").status_code == 401
    assert not JobPosting.objects.exists()


def test_the_employer_sees_only_consented_applications(world, partner):
    pk = partner.send("post", "/jobs/partner/postings", body() | {"employer_id": world.employer.pk}).json()["id"]
    api(world.county_admin).post(f"/jobs/postings/{pk}/review", {"approve": True})
    posting = JobPosting.objects.get()
    member = world.membership.member
    application_recommend(actor=world.county_admin, posting=posting, member=member)
    assert partner.get(f"/jobs/partner/postings/{pk}/applications").json() == []
    cadre_view = api(world.county_admin).get(f"/jobs/postings/{pk}/applications").json()
    assert cadre_view[0]["name"] == "李*" and cadre_view[0]["phone_masked"] == ""
    application_apply(worker=PortalWorker(phone=member.phone), posting_pk=pk, consent=True, skills="电焊")
    [seen] = partner.get(f"/jobs/partner/postings/{pk}/applications").json()
    assert seen["name"] == "李四" and seen["skills"] == "电焊" and seen["priority"] is False


def test_a_fair_over_the_api_and_its_figures(world, posting):
    job = posting(places=6)
    client = api(world.county_admin)
    response = client.post("/jobs/fairs", {"union_id": world.county.pk, "title": "春风行动", "mode": "onsite",
                                           "held_on": PAST.isoformat(), "place": "人力资源市场"})
    assert response.status_code == 400 and response.json()["field"] == "region"
    fair = client.post("/jobs/fairs", {"union_id": world.county.pk, "title": "春风行动", "mode": "onsite",
                                       "held_on": PAST.isoformat(), "region": "510104", "place": "人力资源市场"}).json()
    assert client.post(f"/jobs/fairs/{fair['id']}/postings", {"posting_id": job.pk}).status_code == 200
    response = client.post(f"/jobs/fairs/{fair['id']}/result", {"visitors": 5, "intentions": 6})
    assert response.status_code == 400 and response.json()["field"] == "intentions"
    assert client.post(f"/jobs/fairs/{fair['id']}/result", {"visitors": 50, "intentions": 6}).status_code == 200
    figures = client.get("/jobs/figures", start=PAST.isoformat(), end=PAST.isoformat()).json()
    assert figures["total"] == {"union": figures["union"], "fairs": 1, "employers": 1, "places": 6, "visitors": 50,
                                "intentions": 6}
    assert api(world.other_province_officer).get(f"/jobs/fairs/{fair['id']}").status_code == 404


def test_a_cadre_grants_a_partner_an_employer_once_and_revoking_refuses_its_next_submission(world, regions):
    _partner, key = partner_create(actor=SYSTEM, union=world.province, name="示例招聘平台", purposes=["jobs"])
    cadre, employer_side = api(world.county_admin), PartnerClient(key)
    [offered] = cadre.get("/jobs/partner-grants/partners").json()
    grant = {"partner_id": offered["id"], "employer_id": world.employer.pk}
    first = cadre.post("/jobs/partner-grants", grant)
    assert first.status_code == 201 and first.json()["is_active"]
    assert cadre.post("/jobs/partner-grants", grant).json()["id"] == first.json()["id"]
    assert [g["employer"]["id"] for g in cadre.get("/jobs/partner-grants").json()] == [world.employer.pk]
    submitted = employer_side.send("post", "/jobs/partner/postings", body() | {"employer_id": world.employer.pk})
    assert submitted.status_code == 201
    revoked = cadre.post(f"/jobs/partner-grants/{first.json()['id']}/revoke")
    assert revoked.status_code == 200 and not revoked.json()["is_active"]
    refused = employer_side.send("post", "/jobs/partner/postings", body() | {"employer_id": world.employer.pk})
    assert refused.status_code == 403 and refused.json()["field"] == "employer"
    assert api(world.other_province_officer).post(f"/jobs/partner-grants/{first.json()['id']}/revoke").status_code \
        == 404


def test_granting_a_key_without_the_jobs_purpose_is_refused_naming_the_partner(world):
    bank, _key = partner_create(actor=SYSTEM, union=world.province, name="示例银行", purposes=["verify"])
    cadre = api(world.county_admin)
    assert cadre.get("/jobs/partner-grants/partners").json() == []
    response = cadre.post("/jobs/partner-grants", {"partner_id": bank.pk, "employer_id": world.employer.pk})
    assert response.status_code == 400 and response.json()["field"] == "partner_id"
    assert "报送招聘岗位" in response.json()["message"]


def test_the_partner_endpoints_refuse_a_key_without_the_jobs_purpose(world, regions):
    _bank, key = partner_create(actor=SYSTEM, union=world.province, name="示例银行", purposes=["verify", "redeem"])
    response = PartnerClient(key).get("/jobs/partner/employers")
    assert response.status_code == 403 and "报送招聘岗位" in response.json()["message"]
    response = PartnerClient(key).send("post", "/jobs/partner/postings", body() | {"employer_id": world.employer.pk})
    assert response.status_code == 403
