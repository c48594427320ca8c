import pytest

from gonghui.members.models import JoinApplication, Transfer
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.testing.world import confirmed_transfer, make_employer, make_member, make_user, member_data

pytestmark = pytest.mark.django_db


def apply(union, name, **overrides):
    data = member_data(name=name, **overrides)
    return application_submit(worker=PortalWorker(phone=data.pop("phone")), union=union, data=data)


def test_the_queue_shows_each_applications_details_for_review(login, world):
    make_employer(world.grassroots, "示例科技第二分公司")
    apply(world.grassroots, "骑手小王", employment_form="new_form", new_form_group="food_delivery", job="配送")

    page = login("county_admin").get("/members/applications/").content.decode()

    assert "新就业形态" in page and "网约送餐员" in page and "配送" in page
    assert "示例科技有限公司 等 2 家单位" in page and "网上申请入会" in page
    assert 'name="ids"' in page and "全选本页" in page


def test_the_queue_flags_an_applicant_whose_approval_will_be_a_transfer(login, world):
    elsewhere = make_member(world.county2, name="转来的")
    moving = apply(world.grassroots, "转来的", id_number=elsewhere.member.id_number)
    staying = apply(world.grassroots, "新来的")

    page = login("county_admin").get("/members/applications/").content.decode()

    start, end = (page.index(f'data-testid="application-{a.pk}"') for a in (moving, staying))
    row = page[start:end]
    assert 'data-testid="member-elsewhere">已是其他工会会员（将办理转会）' in row
    assert page.count('data-testid="member-elsewhere"') == 1


def test_ticked_applications_are_approved_at_once_and_the_rest_listed_by_name(login, world):
    chosen = [apply(world.grassroots, name) for name in ("甲一", "乙二")]
    gone = apply(world.grassroots, "丙三")
    client = login("county_admin")
    client.post(f"/members/applications/{gone.pk}/reject/", {"reason": "重复申请"})

    response = client.post("/members/applications/bulk/", {"decision": "approve",
                                                           "ids": [a.pk for a in chosen] + [gone.pk]})

    page = response.content.decode()
    assert response.status_code == 200 and "已通过 2 份入会申请" in page
    assert 'data-testid="bulk-undecided"' in page and "丙三" in page and "该申请已被处理" in page
    assert set(JoinApplication.objects.filter(pk__in=[a.pk for a in chosen]).values_list("status", flat=True)) == {
        "approved"}


def test_a_bulk_rejection_without_a_reason_is_shown_beside_the_reason_field_and_keeps_the_ticks(login, world):
    application = apply(world.grassroots, "孙丽")

    response = login("county_admin").post("/members/applications/bulk/",
                                          {"decision": "reject", "ids": [application.pk], "reason": ""})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="reason-error"' in page and "请填写不通过的原因" in page
    assert f'value="{application.pk}" form="bulk" id="pick-{application.pk}" checked' in page
    assert JoinApplication.objects.get(pk=application.pk).status == "pending"


def test_a_cadre_without_review_rights_cannot_post_a_bulk_decision(login, world):
    application = apply(world.grassroots, "孙丽")
    response = login("auditor").post("/members/applications/bulk/", {"decision": "approve", "ids": [application.pk]})
    assert response.status_code == 403
    assert JoinApplication.objects.get(pk=application.pk).status == "pending"


def test_released_transfers_are_accepted_at_once_from_the_inbox(login, world):
    receiving = make_user("county2_admin", world.county2, "union_admin")
    movers = [make_member(world.grassroots, name=f"调动{i}").member for i in range(2)]
    transfers = [confirmed_transfer(actor=receiving, member=m, to_union=world.county2) for m in movers]
    sending = login("county_admin")
    outbox = sending.post("/members/transfers/bulk/", {"box": "out", "decision": "release",
                                                        "ids": [t.pk for t in transfers]})
    assert "已同意 2 位会员转出" in outbox.content.decode()
    sending.post("/logout/")

    inbox = login("county2_admin").post("/members/transfers/bulk/", {"box": "in", "decision": "accept",
                                                                     "ids": [t.pk for t in transfers]})

    assert "已接收 2 位会员" in inbox.content.decode()
    assert set(Transfer.objects.filter(pk__in=[t.pk for t in transfers]).values_list("status", flat=True)) == {
        "accepted"}
