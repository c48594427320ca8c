import datetime

import pytest
from django.utils import timezone

from gonghui.activities.choices import ActivityStatus, SignUpStatus
from gonghui.activities.models import Activity, ActivityEvent, SignUp
from gonghui.activities.services import (
    AlreadyCheckedIn,
    activity_cancel,
    activity_finish,
    activity_rotate_checkin,
    checkin_token,
    signup_cancel,
    signup_check_in,
    signup_create,
    waiting_place,
)
from gonghui.core.audit import AuditEntry
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.members.services.applications import PortalWorker
from gonghui.testing.activities import make_activity
from gonghui.testing.world import make_member


@pytest.fixture
def people(world):
    """Three members of the grassroots union (inside the county's subtree), by their portal login."""
    phones = ["13900000001", "13900000002", "13900000003"]
    for n, phone in enumerate(phones):
        make_member(world.grassroots, name=f"会员{n + 1}", phone=phone)
    return [PortalWorker(phone=p) for p in phones]


@pytest.mark.django_db
def test_past_capacity_a_sign_up_goes_to_the_waiting_list_in_order(world, people):
    activity = make_activity(world.county, capacity=2)
    first, second, third = (signup_create(worker=w, activity_pk=activity.pk) for w in people)
    assert [first.status, second.status, third.status] == ["signed", "signed", "waiting"]
    assert waiting_place(third) == 1 and waiting_place(first) is None


@pytest.mark.django_db
def test_it_refuses_a_second_sign_up_by_the_same_person(world, people):
    activity = make_activity(world.county)
    signup_create(worker=people[0], activity_pk=activity.pk)
    with pytest.raises(Conflict) as again:
        signup_create(worker=people[0], activity_pk=activity.pk)
    assert again.value.code == "already_signed_up"
    assert SignUp.objects.filter(activity=activity).count() == 1


@pytest.mark.django_db
def test_it_refuses_a_sign_up_outside_the_window_naming_the_time(world, people):
    activity = make_activity(world.county)
    with pytest.raises(ValidationFailed) as early:
        signup_create(worker=people[0], activity_pk=activity.pk, now=activity.signup_opens_at - datetime.timedelta(1))
    assert early.value.code == "window_not_open" and "开始" in str(early.value.message)
    with pytest.raises(ValidationFailed) as late:
        signup_create(worker=people[0], activity_pk=activity.pk, now=activity.signup_closes_at)
    assert late.value.code == "window_closed" and "截止" in str(late.value.message)
    assert not SignUp.objects.exists()


@pytest.mark.django_db
def test_a_member_outside_the_subtree_is_refused_and_a_guest_only_joins_public_ones(world, people):
    make_member(world.county2, name="绵阳会员", phone="13900000009")
    outsider = PortalWorker(phone="13900000009")
    activity = make_activity(world.county)
    with pytest.raises(ValidationFailed) as refused:
        signup_create(worker=outsider, activity_pk=activity.pk)
    assert refused.value.code == "not_eligible" and world.county.name in str(refused.value.message)
    guest = PortalWorker(phone="13700000000")
    with pytest.raises(ValidationFailed):
        signup_create(worker=guest, activity_pk=activity.pk, name="游客")
    public = make_activity(world.county, audience="public")
    signup = signup_create(worker=guest, activity_pk=public.pk, name="游客")
    assert signup.member_id is None and signup.name == "游客" and signup.phone_masked == "137****0000"


@pytest.mark.django_db
def test_a_draft_cannot_be_signed_up_for(world, people):
    draft = make_activity(world.county, publish=False)
    with pytest.raises(NotFound):
        signup_create(worker=people[0], activity_pk=draft.pk)


@pytest.mark.django_db
def test_cancelling_frees_the_place_for_the_first_waiting_who_is_texted(world, people, sms_outbox,
                                                                       django_capture_on_commit_callbacks):
    activity = make_activity(world.county, capacity=1)
    mine = signup_create(worker=people[0], activity_pk=activity.pk)
    waiting = [signup_create(worker=w, activity_pk=activity.pk) for w in people[1:]]
    with django_capture_on_commit_callbacks(execute=True):
        signup_cancel(worker=people[0], signup_pk=mine.pk)
    statuses = dict(SignUp.objects.values_list("pk", "status"))
    assert statuses == {mine.pk: "cancelled", waiting[0].pk: "signed", waiting[1].pk: "waiting"}
    assert waiting_place(SignUp.objects.get(pk=waiting[1].pk)) == 1
    texts = [m for m in sms_outbox if m.purpose == "activity_promoted"]
    assert [m.phone for m in texts] == [people[1].phone] and activity.title in texts[0].text
    assert AuditEntry.objects.filter(action="activity.notice_sms").count() == 1


@pytest.mark.django_db
def test_it_refuses_to_cancel_after_the_deadline_or_someone_elses(world, people):
    activity = make_activity(world.county)
    mine = signup_create(worker=people[0], activity_pk=activity.pk)
    with pytest.raises(NotFound):
        signup_cancel(worker=people[1], signup_pk=mine.pk)
    with pytest.raises(ValidationFailed) as late:
        signup_cancel(worker=people[0], signup_pk=mine.pk, now=activity.signup_closes_at)
    assert late.value.code == "window_closed"
    assert SignUp.objects.get(pk=mine.pk).status == "signed"


@pytest.mark.django_db
def test_one_may_sign_up_again_after_cancelling(world, people):
    activity = make_activity(world.county)
    mine = signup_create(worker=people[0], activity_pk=activity.pk)
    signup_cancel(worker=people[0], signup_pk=mine.pk)
    again = signup_create(worker=people[0], activity_pk=activity.pk)
    assert again.pk == mine.pk and again.status == "signed"


@pytest.mark.django_db
def test_a_second_check_in_is_refused_politely_with_the_first_time(world, people):
    activity = make_activity(world.county)
    signup_create(worker=people[0], activity_pk=activity.pk)
    at = activity.starts_at
    done = signup_check_in(worker=people[0], activity_pk=activity.pk, token=checkin_token(activity), now=at)
    assert done.status == "checked_in"
    with pytest.raises(AlreadyCheckedIn) as again:
        signup_check_in(worker=people[0], activity_pk=activity.pk, token=checkin_token(activity), now=at)
    assert "无需重复签到" in str(again.value.message)
    assert ActivityEvent.objects.filter(activity=activity, action="check_in").count() == 1


@pytest.mark.django_db
def test_a_check_in_needs_the_current_door_code_and_the_door_hours(world, people):
    activity = make_activity(world.county)
    signup_create(worker=people[0], activity_pk=activity.pk)
    old = checkin_token(activity)
    activity = activity_rotate_checkin(actor=world.county_admin, activity=activity)
    with pytest.raises(ValidationFailed) as stale:
        signup_check_in(worker=people[0], activity_pk=activity.pk, token=old, now=activity.starts_at)
    assert stale.value.code == "bad_token"
    with pytest.raises(ValidationFailed) as early:
        signup_check_in(worker=people[0], activity_pk=activity.pk, token=checkin_token(activity),
                        now=activity.starts_at - datetime.timedelta(hours=2))
    assert early.value.code == "too_early"


@pytest.mark.django_db
def test_not_signed_up_is_a_walk_in_at_a_public_activity_and_refused_at_a_members_one(world, people):
    members_only = make_activity(world.county, capacity=1)
    signup_create(worker=people[0], activity_pk=members_only.pk)
    signup_create(worker=people[1], activity_pk=members_only.pk)  # waiting
    for worker in people[1:]:
        with pytest.raises(ValidationFailed) as refused:
            signup_check_in(worker=worker, activity_pk=members_only.pk, token=checkin_token(members_only),
                            now=members_only.starts_at)
        assert refused.value.code == "not_signed_up"
    public = make_activity(world.county, audience="public")
    walk_in = signup_check_in(worker=PortalWorker(phone="13700000001"), activity_pk=public.pk,
                              token=checkin_token(public), name="路人", now=public.starts_at)
    assert walk_in.walk_in and walk_in.status == "checked_in"


@pytest.mark.django_db
def test_finishing_counts_the_no_shows(world, people):
    activity = make_activity(world.county, capacity=3)
    for worker in people:
        signup_create(worker=worker, activity_pk=activity.pk)
    signup_check_in(worker=people[0], activity_pk=activity.pk, token=checkin_token(activity), now=activity.starts_at)
    with pytest.raises(ValidationFailed):
        activity_finish(actor=world.county_admin, activity=activity, now=activity.starts_at)
    done = activity_finish(actor=world.county_admin, activity=activity, now=activity.ends_at)
    assert done.status == ActivityStatus.FINISHED and done.no_shows == 2
    assert SignUp.objects.filter(activity=activity, status=SignUpStatus.NO_SHOW).count() == 2


@pytest.mark.django_db
def test_cancelling_the_activity_texts_everyone_signed_up_or_waiting(world, people, sms_outbox,
                                                                    django_capture_on_commit_callbacks):
    activity = make_activity(world.county, capacity=1)
    for worker in people[:2]:
        signup_create(worker=worker, activity_pk=activity.pk)
    with django_capture_on_commit_callbacks(execute=True):
        activity_cancel(actor=world.county_admin, activity=activity, reason="天气原因")
    texts = [m for m in sms_outbox if m.purpose == "activity_cancelled"]
    assert sorted(m.phone for m in texts) == sorted(w.phone for w in people[:2])
    assert "天气原因" in texts[0].text
    assert Activity.objects.get(pk=activity.pk).status == "cancelled"


@pytest.mark.django_db
def test_another_countys_cadre_cannot_touch_the_activity(world):
    from gonghui.testing.world import make_user

    other = make_user("county2_admin", world.county2, "union_admin")
    activity = make_activity(world.county)
    with pytest.raises(NotFound):
        activity_cancel(actor=other, activity=activity, reason="x")
    assert Activity.objects.get(pk=activity.pk).status == "open"


@pytest.mark.django_db
def test_the_capacity_cannot_drop_below_the_places_taken_and_a_raise_promotes(world, people, sms_outbox,
                                                                              django_capture_on_commit_callbacks):
    from gonghui.activities.services import activity_edit
    from gonghui.testing.activities import activity_data

    activity = make_activity(world.county, capacity=1)
    for worker in people[:2]:
        signup_create(worker=worker, activity_pk=activity.pk)
    with django_capture_on_commit_callbacks(execute=True):
        activity = activity_edit(actor=world.county_admin, activity=activity, data=activity_data(capacity=2))
    assert SignUp.objects.filter(activity=activity, status="signed").count() == 2
    assert [m.phone for m in sms_outbox if m.purpose == "activity_promoted"] == [people[1].phone]
    with pytest.raises(ValidationFailed) as below:
        activity_edit(actor=world.county_admin, activity=activity, data=activity_data(capacity=1))
    assert below.value.field == "capacity"


@pytest.mark.django_db
def test_bad_activity_input_names_the_field(world):
    from gonghui.activities.services import activity_create
    from gonghui.testing.activities import activity_data

    now = timezone.now()
    cases = {"fee": {"fee": "-1"}, "capacity": {"capacity": 0}, "ends_at": {"ends_at": now},
             "signup_closes_at": {"signup_closes_at": now - datetime.timedelta(days=2)},
             "audience_union": {"audience_union": world.county2}, "title": {"title": " "}}
    for field, change in cases.items():
        with pytest.raises(ValidationFailed) as bad:
            activity_create(actor=world.county_admin, organiser=world.county, data=activity_data(**change))
        assert bad.value.field == field, field
    assert not Activity.objects.exists()
