import pytest

from gonghui.members.models import JoinApplication, Member, Membership, Transfer
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.testing.sessions import stored_session
from gonghui.testing.world import make_person_id, make_user, member_data

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = member_data(**overrides)
    return {"name": data["name"], "id_type": "resident", "id_number": data["id_number"], "ethnicity": "01",
            "phone": data["phone"], "employment_form": "regular", "join_date": "2026-03-01", **overrides}


def test_registering_a_member_from_the_console(login, world):
    client = login("county_admin")
    form = _form(name="赵敏")
    response = client.post(f"/orgs/{world.grassroots.pk}/members/new/", form)
    member = Member.objects.get(name="赵敏")
    assert response["Location"] == f"/members/{member.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert member.id_masked in page and form["id_number"] not in page


def test_the_form_shows_every_error_beside_its_field(login, world):
    page = login("county_admin").post(f"/orgs/{world.grassroots.pk}/members/new/",
                                      _form(id_number="123", phone="555")).content.decode()
    assert "身份证号码应为18位" in page and "手机号码应为11位" in page


def test_a_member_elsewhere_is_offered_a_transfer(login, world):
    client = login("province_officer")
    existing = world.membership.member
    page = client.post(f"/orgs/{world.county2.pk}/members/new/",
                       _form(id_number=existing.id_number)).content.decode()
    assert 'data-testid="elsewhere"' in page
    client.post(f"/orgs/{world.county2.pk}/members/transfer-here/",
                {"id_type": "resident", "id_number": existing.id_number})
    assert Transfer.objects.filter(member=existing, to_union=world.county2).exists()


def test_the_list_finds_by_full_id_number_and_masks_it(login, world):
    client = login("county_admin")
    member = world.membership.member
    response = client.post("/members/", {"q": member.id_number, "status": "live"})
    assert member.id_number not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert member.name in page and member.id_number not in page and member.id_masked in page
    other = client.post("/members/", {"q": make_person_id()}, follow=True).content.decode()
    assert member.name not in other


def test_another_provinces_cadre_cannot_open_the_member(login, world):
    client = login("other_province_officer")
    assert client.get(f"/members/{world.membership.member_id}/").status_code == 404
    assert world.membership.member.name not in client.get("/members/").content.decode()


def test_revealing_the_id_shows_it_once_and_logs_it(login, world):
    client = login("county_admin")
    member = world.membership.member
    client.post(f"/members/{member.pk}/do/reveal/", {"field": "id_number", "reason": "核对身份证"})
    assert member.id_number in client.get(f"/members/{member.pk}/").content.decode()
    assert member.id_number not in client.get(f"/members/{member.pk}/").content.decode()
    assert member.accesses.count() == 1


def test_a_revealed_id_number_is_never_in_the_session_row_in_plain_text(login, world):
    client = login("county_admin")
    member = world.membership.member
    client.post(f"/members/{member.pk}/do/reveal/", {"field": "id_number", "reason": "核对身份证"})
    row = stored_session(client)
    assert row and member.id_number not in row and member.id_number[6:14] not in row
    assert member.id_number in client.get(f"/members/{member.pk}/").content.decode()


def test_a_search_for_an_id_number_is_kept_only_sealed(login, world):
    client = login("county_admin")
    member = world.membership.member
    listed = client.post("/members/", {"q": member.id_number}, follow=True).content.decode()
    assert member.name in listed
    assert member.id_number not in stored_session(client)


def test_leaving_from_the_detail_page(login, world):
    client = login("county_admin")
    member = world.membership.member
    client.post(f"/members/{member.pk}/do/leave/", {"note": "调离本单位"})
    assert Membership.objects.get(pk=world.membership.pk).status == "left"


def test_approving_an_application_from_the_queue(login, world):
    application = application_submit(worker=PortalWorker(phone="13912345678"), union=world.grassroots,
                                     data=member_data(name="孙丽"))
    client = login("county_admin")
    assert "孙丽" in client.get("/members/applications/").content.decode()
    client.post(f"/members/applications/{application.pk}/approve/")
    application.refresh_from_db()
    assert application.status == JoinApplication.Status.APPROVED
    assert application.member.status == "active"


def test_a_rejection_needs_a_reason(login, world):
    application = application_submit(worker=PortalWorker(phone="13912345678"), union=world.grassroots,
                                     data=member_data(name="孙丽"))
    client = login("county_admin")
    response = client.post(f"/members/applications/{application.pk}/reject/", {"reason": ""}, follow=True)
    assert "请填写不通过的原因" in response.content.decode()
    client.post(f"/members/applications/{application.pk}/reject/", {"reason": "非本单位职工"})
    application.refresh_from_db()
    assert application.status == JoinApplication.Status.REJECTED


def test_the_transfer_inbox_and_outbox(login, world):
    receiving = make_user("county2_admin", world.county2, "union_admin")
    from gonghui.testing.world import confirmed_transfer

    transfer = confirmed_transfer(actor=receiving, member=world.membership.member, to_union=world.county2)
    sending = login("county_admin")
    assert world.membership.member.name in sending.get("/members/transfers/?box=out").content.decode()
    sending.post(f"/members/transfers/{transfer.pk}/release/", {"box": "out"})
    sending.post("/logout/")
    receiver = login("county2_admin")
    receiver.post(f"/members/transfers/{transfer.pk}/accept/")
    transfer.refresh_from_db()
    assert transfer.status == Transfer.Status.ACCEPTED


def test_the_member_list_query_count_does_not_grow(login, world, django_assert_max_num_queries):
    from gonghui.testing.world import make_member

    for _ in range(5):
        make_member(world.grassroots)
    client = login("county_admin")
    with django_assert_max_num_queries(14):
        assert client.get("/members/").status_code == 200


def test_the_dashboard_counts_members_and_card_holders(login, world):
    from gonghui.members.selectors import member_figures
    from gonghui.members.services.cards import card_issue
    from gonghui.orgs.scope import scope_for

    card_issue(actor=world.county_admin, member=world.membership.member)
    figures = member_figures(scope=scope_for(world.county_admin, "member.view"), union=world.county)
    assert (figures.members, figures.carded, figures.card_rate) == (1, 1, 100.0)
    assert figures.membership_rate == 1.0  # 1 member among the employer's 100 employees
    page = login("county_admin").get("/").content.decode()
    assert 'data-testid="member-figures"' in page and "办卡率" in page
    # The 工作台 hands over the headcount it read with the employer figures: the same rate.
    assert '1.0<span class="gh-stat-unit">%</span>' in page


def test_a_form_over_the_size_or_field_limit_gets_a_413_page_not_a_500(login, world):
    client = login("county_admin")
    url = f"/orgs/{world.grassroots.pk}/members/new/"
    big = client.post(url, _form(remark="x" * (3 * 1024 * 1024)))
    assert big.status_code == 413 and "提交的内容过大" in big.content.decode()
    many = client.post(url, {f"f{i}": "1" for i in range(1100)})
    assert many.status_code == 413 and "提交的内容过大" in many.content.decode()



SPOOFED = "崔\u202e丽丽\u200b\u200d\ufeff"


def test_a_name_with_invisible_characters_is_stored_clean_and_found(login, world):
    client = login("county_admin")
    client.post(f"/orgs/{world.grassroots.pk}/members/new/", _form(name=SPOOFED))
    member = Member.objects.get(name="崔丽丽")
    listed = client.post("/members/", {"q": "崔丽丽"}, follow=True).content.decode()
    assert f"/members/{member.pk}/" in listed


def test_a_name_with_a_private_use_character_is_refused_beside_the_field(login, world):
    page = login("county_admin").post(f"/orgs/{world.grassroots.pk}/members/new/",
                                      _form(name="张\ue000三")).content.decode()
    assert "无法识别的字符" in page and "U+E000" in page
    assert not Member.objects.filter(name__startswith="张").exists()


def test_an_unconfirmed_transfer_shows_the_receiving_union_nothing_of_the_person_until_the_code(login, world):
    from gonghui.accounts import sms_backends
    from gonghui.members.services.transfers import transfer_request_by_identity

    receiving = make_user("county2_admin", world.county2, "union_admin")
    member = world.membership.member
    transfer = transfer_request_by_identity(actor=receiving, to_union=world.county2, id_type=member.id_type,
                                            id_number=member.id_number)
    client = login("county2_admin")
    page = client.get("/members/transfers/").content.decode()
    assert 'data-testid="transfer-awaiting"' in page
    for secret in (member.name, member.id_masked, member.phone_masked, world.grassroots.name):
        assert secret not in page
    wrong = client.post(f"/members/transfers/{transfer.pk}/confirm/", {"code": "12"}, follow=True)
    assert "验证码错误" in wrong.content.decode()
    code = sms_backends.outbox[-1].code
    client.post(f"/members/transfers/{transfer.pk}/confirm/", {"code": code})
    assert member.name in client.get("/members/transfers/").content.decode()
