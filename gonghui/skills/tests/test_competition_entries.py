import pytest
from django.db import IntegrityError, transaction

from gonghui.core.errors import ValidationFailed
from gonghui.core.idnumbers import IdType
from gonghui.skills.competition_choices import CompetitionKind, StageKind
from gonghui.skills.competition_models import CompetitionParticipant
from gonghui.skills.services.competitions import (
    PersonIn,
    StageIn,
    competition_advance,
    competition_enter,
    competition_entry_withdraw,
)
from gonghui.skills.tests.competition_helpers import approved, draft, enter, person, score
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db


def test_an_individual_is_entered_with_the_identity_number_encrypted_and_masked(world):
    c = approved(world.county_clerk, world.county, world.province_officer)
    number = make_person_id()
    e = competition_enter(actor=world.county_clerk, competition=c, person=PersonIn("赵六", number),
                          employer_name="锦江机械厂")
    p = e.participants.get()
    assert p.id_number == number and p.id_masked != number and "*" in p.id_masked
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM skills_competitionparticipant WHERE id = %s", [p.pk])
        assert number not in cursor.fetchone()[0]
    c.refresh_from_db()
    assert c.entry_count == 1 and e.seq == 1 and e.trade == "焊工"


def test_the_same_person_is_refused_a_second_entry_even_typed_differently(world):
    c = approved(world.county_clerk, world.county, world.province_officer)
    number = make_person_id()
    competition_enter(actor=world.county_clerk, competition=c, person=PersonIn("赵六", number))
    with pytest.raises(ValidationFailed) as err:
        competition_enter(actor=world.county_clerk, competition=c, person=PersonIn("赵 六", number.lower() + " "))
    assert err.value.code == "already_entered" and err.value.field == "id_number"
    assert number not in str(err.value.message)


def test_a_registry_member_entered_from_the_registry_is_the_same_person_typed_in(world):
    member = world.membership.member
    c = approved(world.county_clerk, world.county, world.province_officer)
    competition_enter(actor=world.county_clerk, competition=c, person=PersonIn(member=member))
    with pytest.raises(ValidationFailed) as err:
        competition_enter(actor=world.county_clerk, competition=c,
                          person=PersonIn("李四", member.id_number, IdType(member.id_type)))
    assert err.value.code == "already_entered"


def test_the_database_itself_refuses_the_same_person_twice(world):
    c = approved(world.county_clerk, world.county, world.province_officer)
    e = enter(world.county_clerk, c)
    p = e.participants.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        CompetitionParticipant.objects.create(competition=c, entry=e, name="x", id_number="x", id_index=p.id_index,
                                              id_masked="x")


def test_a_team_enters_with_its_members_and_no_one_twice(world):
    c = approved(world.county_clerk, world.county, world.province_officer, kind=CompetitionKind.ANKANG, trade="",
                 team_size=3)
    team = [person("甲"), person("乙")]
    e = competition_enter(actor=world.county_clerk, competition=c, team_name="焊接一班", members=team)
    assert e.is_team and e.participants.count() == 2 and e.participants.filter(is_leader=True).count() == 1
    with pytest.raises(ValidationFailed) as err:
        competition_enter(actor=world.county_clerk, competition=c, team_name="焊接二班",
                          members=[person("丙"), team[1]])
    assert err.value.code == "already_entered"
    with pytest.raises(ValidationFailed) as err:
        competition_enter(actor=world.county_clerk, competition=c, team_name="四人班",
                          members=[person(str(i)) for i in range(4)])
    assert err.value.code == "team_size"
    same = person("丁")
    with pytest.raises(ValidationFailed) as err:
        competition_enter(actor=world.county_clerk, competition=c, team_name="重复班", members=[same, same])
    assert err.value.field == "members[1].id_number" and err.value.code == "duplicate"
    with pytest.raises(ValidationFailed) as err:
        competition_enter(actor=world.county_clerk, competition=c, team_name="错号班",
                          members=[person("戊"), PersonIn("己", "123")])
    assert err.value.field == "members[1].id_number" and "第2名队员" in str(err.value.message)


def test_entries_are_bounded_by_the_competitions_places(world):
    c = approved(world.county_clerk, world.county, world.province_officer, max_entries=2,
                 stages=[StageIn(StageKind.FINAL)])
    enter(world.county_clerk, c, "一")
    enter(world.county_clerk, c, "二")
    with pytest.raises(ValidationFailed) as err:
        enter(world.county_clerk, c, "三")
    assert err.value.code == "full" and "2" in str(err.value.message)


def test_entries_wait_for_the_approval_and_close_with_the_first_stage(world):
    c = draft(world.county_clerk, world.county)
    with pytest.raises(ValidationFailed) as err:
        enter(world.county_clerk, c)
    assert err.value.code == "bad_transition"
    c = approved(world.county_clerk, world.county, world.province_officer)
    first = c.stages.get(order=1)
    e = enter(world.county_clerk, c)
    score(world.county_clerk, first, (e, 80))
    competition_advance(actor=world.county_clerk, stage=first)
    with pytest.raises(ValidationFailed) as err:
        enter(world.county_clerk, c, "迟到者")
    assert err.value.code == "entries_closed"


def test_a_withdrawn_entry_leaves_the_ranking(world):
    c = approved(world.county_clerk, world.county, world.province_officer)
    e = enter(world.county_clerk, c)
    score(world.county_clerk, c.stages.get(order=1), (e, 70))
    e = competition_entry_withdraw(actor=world.county_clerk, entry=e, reason="本人放弃")
    assert e.withdrawn and e.reached == 0 and not e.scores.exists()


def test_an_employer_outside_the_organisers_subtree_is_refused_and_one_inside_is_linked(world):
    from gonghui.testing.world import make_employer

    c = approved(world.county_clerk, world.county, world.province_officer)
    elsewhere = make_employer(world.county2, "涪城机械厂")
    with pytest.raises(ValidationFailed) as err:
        competition_enter(actor=world.county_clerk, competition=c, person=person(), employer=elsewhere)
    assert err.value.field == "employer" and err.value.code == "employer_out_of_scope"
    e = competition_enter(actor=world.county_clerk, competition=c, person=person(), employer=world.employer)
    assert e.employer == world.employer and e.employer_name == world.employer.name
