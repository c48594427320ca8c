import re

import pytest

from gonghui.members.joinlinks import join_token
from gonghui.members.models import JoinApplication, Transfer
from gonghui.members.services.applications import PortalWorker, application_reject, application_submit
from gonghui.members.services.cards import card_issue, card_number_from_token
from gonghui.orgs.scope import SystemActor
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db
PHONE = "13800002222"


def _form(**overrides):
    return {"name": "周晓红", "id_type": "resident", "id_number": make_person_id(born="19950312"),
            "ethnicity": "01", "education": "senior", "political_status": "masses", "household": "rural",
            "employment_form": "new_form", "new_form_group": "food_delivery", "job": "骑手",
            "skill_level": "", "gender": "", "consent": "on", **overrides}


def test_the_join_landing_is_public_and_names_the_union(client, world):
    page = client.get(f"/portal/join/{join_token(world.grassroots)}/?from=qr").content.decode()
    assert world.grassroots.name in page and 'data-testid="start"' in page
    assert "next=%2Fportal%2Fjoin%2F" in page


def test_a_forged_join_link_is_a_portal_404(client, world):
    response = client.get(f"/portal/join/{world.grassroots.pk}.forged/")
    assert response.status_code == 404 and 'data-testid="error-title"' in response.content.decode()


def test_a_worker_applies_from_the_qr_code_and_follows_the_application(as_worker, world):
    client = as_worker(PHONE)
    url = f"/portal/join/{join_token(world.grassroots)}/?from=qr"
    assert 'data-testid="join-form"' in client.get(url).content.decode()
    response = client.post(url, _form())
    application = JoinApplication.objects.get()
    assert response["Location"] == f"/portal/applications/{application.pk}/"
    assert (application.channel, application.union, application.phone) == ("qr", world.grassroots, PHONE)
    assert application.details["new_form_group"] == "food_delivery"
    page = client.get(response["Location"]).content.decode()
    assert "待审核" in page and application.id_masked in page and application.id_number not in page
    # Back on the join page: the pending application, not a second form.
    assert 'data-testid="join-pending"' in client.get(url).content.decode()
    assert 'data-testid="application-' in client.get("/portal/me/").content.decode()


def test_every_error_is_shown_beside_its_field(as_worker, world):
    client = as_worker(PHONE)
    url = f"/portal/join/{join_token(world.grassroots)}/"
    page = client.post(url, _form(id_number="510104199001011235", consent="", name="")).content.decode()
    for field in ("id_number", "name", "consent"):
        assert f'data-testid="error-{field}"' in page
    assert "校验位" in page and not JoinApplication.objects.exists()
    page = client.post(url, _form(id_type="passport", id_number="E12345678")).content.decode()
    assert 'data-testid="error-gender"' in page


def test_a_second_pending_application_is_refused(as_worker, world):
    client = as_worker(PHONE)
    data = _form()
    application_submit(worker=PortalWorker(phone="13800009999"), union=world.county, data=data)
    page = client.post(f"/portal/join/{join_token(world.grassroots)}/", data).content.decode()
    assert "待审核的入会申请" in page and JoinApplication.objects.count() == 1


def test_a_worker_withdraws_a_pending_application(as_worker, world):
    client = as_worker(PHONE)
    application = application_submit(worker=PortalWorker(phone=PHONE), union=world.grassroots, data=_form())
    client.post(f"/portal/applications/{application.pk}/withdraw/")
    application.refresh_from_db()
    assert application.status == JoinApplication.Status.WITHDRAWN
    page = client.get(f"/portal/applications/{application.pk}/").content.decode()
    assert "已撤回" in page and 'data-testid="withdraw"' not in page


def test_the_rejection_reason_is_shown_to_the_worker(as_worker, world):
    application = application_submit(worker=PortalWorker(phone=PHONE), union=world.grassroots, data=_form())
    application_reject(actor=world.county_admin, application=application, reason="请先与单位签订劳动合同")
    client = as_worker(PHONE)
    assert "请先与单位签订劳动合同" in client.get("/portal/me/").content.decode()
    page = client.get(f"/portal/applications/{application.pk}/").content.decode()
    assert 'data-testid="reject-reason"' in page and "重新申请" in page


def test_someone_elses_application_is_a_404(as_worker, world):
    theirs = application_submit(worker=PortalWorker(phone="13800003333"), union=world.grassroots, data=_form())
    client = as_worker(PHONE)
    assert client.get(f"/portal/applications/{theirs.pk}/").status_code == 404
    assert client.post(f"/portal/applications/{theirs.pk}/withdraw/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == JoinApplication.Status.PENDING


def test_a_member_elsewhere_is_offered_a_transfer_and_can_withdraw_it(as_worker, world):
    member = world.membership.member
    client = as_worker(member.phone)
    token = join_token(world.county2)
    page = client.get(f"/portal/join/{token}/").content.decode()
    assert 'data-testid="join-elsewhere"' in page and 'data-testid="join-form"' not in page
    response = client.post(f"/portal/join/{token}/transfer/", {"reason": "换了单位"})
    assert response["Location"] == "/portal/transfer/"
    transfer = Transfer.objects.get(member=member)
    assert (transfer.origin, transfer.to_union, transfer.reason) == ("member", world.county2, "换了单位")
    assert 'data-testid="join-transfer-open"' in client.get(f"/portal/join/{token}/").content.decode()
    assert 'data-testid="cancel-transfer"' in client.get("/portal/transfer/").content.decode()
    client.post(f"/portal/transfer/{transfer.pk}/cancel/")
    transfer.refresh_from_db()
    assert transfer.status == Transfer.Status.CANCELLED


def test_a_member_opening_their_own_unions_link_is_told_so(as_worker, world):
    client = as_worker(world.membership.member.phone)
    page = client.get(f"/portal/join/{join_token(world.grassroots)}/").content.decode()
    assert 'data-testid="join-member-here"' in page


def test_the_card_page_shows_a_qr_code_that_refreshes(as_worker, world):
    member = world.membership.member
    card = card_issue(actor=SystemActor("tests"), member=member)
    client = as_worker(member.phone)
    page = client.get("/portal/card/").content.decode()
    # The page carries the signed token; the browser draws the code (tests/e2e/test_portal.py checks it).
    token = re.search(r'data-qr="([^"]+)"', page).group(1)
    assert card_number_from_token(token) == card.number and "portal/card-qr" in page
    assert card.number[:4] + " " + card.number[4:8] in page and 'hx-trigger="every 300s"' in page
    partial = client.get(f"/portal/card/{member.pk}/qr/", HTTP_HX_REQUEST="true")
    fresh = re.search(r'data-qr="([^"]+)"', partial.content.decode()).group(1)
    assert partial.status_code == 200 and card_number_from_token(fresh) == card.number
    assert client.get(f"/portal/card/{member.pk + 1000}/qr/").status_code == 404


def test_a_member_without_a_card_claims_one(as_worker, world):
    member = world.membership.member
    client = as_worker(member.phone)
    assert 'data-testid="claim-card"' in client.get("/portal/card/").content.decode()
    page = client.post("/portal/card/claim/", {"member": member.pk}, follow=True).content.decode()
    assert 'data-testid="card-qr-holder"' in page and member.cards.count() == 1


def test_a_worker_cannot_claim_a_card_for_someone_else(as_worker, world):
    client = as_worker(PHONE)
    client.post("/portal/card/claim/", {"member": world.membership.member_id})
    assert world.membership.member.cards.count() == 0


def test_the_my_page_uses_a_fixed_number_of_queries(as_worker, world, django_assert_max_num_queries):
    client = as_worker(world.membership.member.phone)
    with django_assert_max_num_queries(8):
        assert client.get("/portal/me/").status_code == 200


def test_a_worker_confirms_a_transfer_a_union_asked_for(as_worker, world):
    from gonghui.members.services.transfers import transfer_request_by_identity
    from gonghui.testing.world import make_user

    member = world.membership.member
    asked = transfer_request_by_identity(actor=make_user("county2_admin", world.county2, "union_admin"),
                                         to_union=world.county2, id_type=member.id_type, id_number=member.id_number)
    client = as_worker(member.phone)
    page = client.get("/portal/transfer/").content.decode()
    assert 'data-testid="confirm-transfer"' in page and world.county2.name in page
    assert client.post(f"/portal/transfer/{asked.pk}/confirm/")["Location"] == "/portal/transfer/"
    asked.refresh_from_db()
    assert (asked.status, asked.confirmed_how) == (Transfer.Status.REQUESTED, "portal")


def test_the_card_page_reads_the_cards_in_one_query(as_worker, world, django_assert_max_num_queries):
    from gonghui.members.services.cards import card_issue_by_member

    member = world.membership.member
    card_issue_by_member(worker=PortalWorker(phone=member.phone), member_pk=member.pk)
    client = as_worker(member.phone)
    with django_assert_max_num_queries(2):  # the session, then the live memberships with their cards
        page = client.get("/portal/card/").content.decode()
    assert 'data-testid="card-qr-holder"' in page and member.name in page
