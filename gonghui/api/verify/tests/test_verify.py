"""/verify: a partner's key and nothing else opens it; the answer is membership and union level only."""

from unittest import mock

import pytest
from django.utils import timezone

from gonghui.api.conftest import ApiClient
from gonghui.core.audit_models import AuditEntry
from gonghui.members.services.cards import card_issue, card_token
from gonghui.members.services.partners import partner_create, partner_revoke
from gonghui.testing.world import PASSWORD, make_member, make_person_id

pytestmark = pytest.mark.django_db

ANSWER = {"member", "union_level"}


def as_partner(key: str) -> ApiClient:
    client = ApiClient()
    client.headers = {"X-Partner-Key": key}
    return client


@pytest.fixture
def partner_key(world):
    _partner, key = partner_create(actor=world.sysadmin, union=world.province, name="示例银行", purposes=["verify"])
    return key


def test_an_identity_number_of_a_member_answers_true_and_the_level_only(world, partner_key):
    response = as_partner(partner_key).post("/verify/id", {"id_number": world.membership.member.id_number})
    assert response.status_code == 200
    assert response.json() == {"member": True, "union_level": "grassroots"}


def test_anyone_else_is_simply_no_member(world, partner_key):
    client = as_partner(partner_key)
    guizhou = make_member(world.other_city).member
    for number in (make_person_id(), guizhou.id_number):
        assert client.post("/verify/id", {"id_type": "resident", "id_number": number}).json() == {
            "member": False, "union_level": None}


def test_a_card_token_is_verified(world, partner_key):
    token = card_token(card_issue(actor=world.county_admin, member=world.membership.member))
    client = as_partner(partner_key)
    body = client.post("/verify/card", {"token": token}).json()
    assert body == {"member": True, "union_level": "grassroots"} and set(body) == ANSWER
    assert client.post("/verify/card", {"token": "forged:token"}).json() == {"member": False, "union_level": None}


def test_the_answer_never_carries_a_name_or_a_union(world, partner_key):
    member = world.membership.member
    text = as_partner(partner_key).post("/verify/id", {"id_number": member.id_number}).content.decode()
    for secret in (member.name, world.grassroots.name, member.id_masked, str(member.pk)):
        assert secret not in text


def test_a_malformed_number_is_a_400_on_its_field(world, partner_key):
    response = as_partner(partner_key).post("/verify/id", {"id_number": "510104199001011234"})
    assert (response.status_code, response.json()["field"]) == (400, "id_number")
    assert as_partner(partner_key).post("/verify/id", {"id_number": "x", "name": "张三"}).status_code == 422


@pytest.mark.parametrize("path", ["/verify/id", "/verify/card"])
def test_no_key_a_wrong_key_or_a_cadre_token_is_401(world, partner_key, api_as, client, path):
    body = {"id_number": world.membership.member.id_number, "token": "x"}
    body = {k: v for k, v in body.items() if (k == "token") == path.endswith("card")}
    cadre = api_as("national_admin")
    assert client.post("/login/", {"username": "national_admin", "password": PASSWORD}).status_code == 302
    for caller in (ApiClient(), as_partner("ghp_wrong"), as_partner(partner_key + "x"), cadre,
                   ApiClient(client=client)):
        response = caller.post(path, body)
        assert response.status_code == 401, caller.headers
        assert response.json()["code"] == "unauthenticated"
        assert 'header="X-Partner-Key"' in response["WWW-Authenticate"]


def test_a_revoked_partner_is_refused(world):
    partner, key = partner_create(actor=world.sysadmin, union=world.province, name="甲", purposes=["verify"])
    partner_revoke(actor=world.sysadmin, partner=partner)
    assert as_partner(key).post("/verify/card", {"token": "x"}).status_code == 401


def test_a_partner_over_its_limit_gets_429_with_retry_after(world):
    _partner, key = partner_create(actor=world.sysadmin, union=world.province, name="甲", per_minute=3,
                                   purposes=["verify"])
    client = as_partner(key)
    with mock.patch("django.utils.timezone.now", return_value=timezone.now().replace(second=40)):
        answers = [client.post("/verify/card", {"token": "x"}) for _ in range(4)]
    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    assert (answers[-1].json()["code"], answers[-1]["Retry-After"]) == ("throttled", "20")
    assert set(answers[-1].json()) == {"code", "field", "message", "message_zh", "message_en"}


def test_every_call_is_audited_with_the_number_masked(world, partner_key):
    member = world.membership.member
    as_partner(partner_key).post("/verify/id", {"id_number": member.id_number})
    as_partner("ghp_wrongwrongwrong").post("/verify/id", {"id_number": member.id_number})
    entries = list(AuditEntry.objects.filter(action="partner.verify").order_by("id"))
    assert [(e.actor_label, e.outcome) for e in entries] == [("partner:示例银行", "ok"), ("partner:?", "denied")]
    assert entries[0].detail["subject"] == member.id_masked
    assert entries[1].detail == {"key_prefix": "ghp_wrongwro", "reason": "bad_key"}
    assert all(member.id_number not in str(e.detail) for e in AuditEntry.objects.all())


@pytest.mark.parametrize(("path", "body", "purpose", "granted"), [
    ("/verify/id", {"id_number": "110101199003077777"}, "核验会员身份", ["redeem", "jobs"]),
    ("/verify/card", {"token": "x"}, "核验会员身份", ["redeem", "jobs"]),
    ("/verify/voucher", {"code": "ABCD2345", "card_token": "x"}, "核销会员优惠券", ["verify", "jobs"]),
])
def test_each_endpoint_refuses_a_key_without_its_purpose_and_names_it(world, path, body, purpose, granted):
    _partner, key = partner_create(actor=world.sysadmin, union=world.province, name="甲", purposes=granted)
    response = as_partner(key).post(path, body)
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "purpose_not_granted" and purpose in response.json()["message"]
