import datetime

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.skills.apprenticeship_selectors import apprenticeship_get, apprenticeship_list
from gonghui.skills.innovation_selectors import employer_innovations, innovation_waiting_counts, person_innovations
from gonghui.skills.services.apprenticeships import apprenticeship_transition
from gonghui.skills.services.studios import studio_assess, studio_name, studio_revoke
from gonghui.skills.services.suggestions import suggestion_enter, suggestion_transition
from gonghui.skills.services.training import training_course_record
from gonghui.skills.studio_selectors import studio_get, studio_list
from gonghui.skills.suggestion_selectors import suggestion_get, suggestion_list, suggestions_awaiting_review
from gonghui.skills.tests.innovation_setup import TODAY, pair, studio, suggestion, worker
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def test_another_countys_cadre_finds_nothing_and_changes_nothing(world):
    s = suggestion(world.employer)
    st = studio(world.employer)
    master, _ = worker(world.grassroots, world.employer, name="老张")
    apprentice, _ = worker(world.grassroots, world.employer, name="小李")
    p = pair(world.employer, master, apprentice)
    other = make_user("fucheng_admin", world.county2, RoleCode.UNION_ADMIN)
    scope = scope_for(other, Perm.SKILLS_VIEW)

    for get, pk in ((suggestion_get, s.pk), (studio_get, st.pk), (apprenticeship_get, p.pk)):
        with pytest.raises(NotFound):
            get(scope=scope, pk=pk)
    assert not suggestion_list(scope=scope).exists() and not studio_list(scope=scope).exists()
    assert not apprenticeship_list(scope=scope).exists()
    refused = [
        lambda: suggestion_transition(actor=other, suggestion=s, action="adopt", today=TODAY),
        lambda: suggestion_enter(actor=other, employer=world.employer, kind="design", title="t", content="c",
                                 proposer_name="x", today=TODAY),
        lambda: studio_revoke(actor=other, studio=st, reason="x", today=TODAY),
        lambda: studio_assess(actor=other, studio=st, year=2024, grade="good", assessed_on=TODAY, today=TODAY),
        lambda: studio_name(actor=other, employer=world.employer, name="n", kind="worker", level="city",
                            named_on=TODAY, leader_name="x", today=TODAY),
        lambda: apprenticeship_transition(actor=other, apprenticeship=p, action="start", today=TODAY),
        lambda: training_course_record(actor=other, union=world.county, title="t", kind="skills", starts_on=TODAY,
                                       ends_on=TODAY, trainees=1, today=TODAY),
    ]
    for attempt in refused:
        with pytest.raises(NotFound):
            attempt()
    assert suggestion_get(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW), pk=s.pk) == s


def test_a_reviewer_reads_but_may_not_act(world):
    s = suggestion(world.employer)
    reviewer = make_user("county_reviewer", world.county, RoleCode.REVIEWER)
    assert suggestion_get(scope=scope_for(reviewer, Perm.SKILLS_VIEW), pk=s.pk) == s
    with pytest.raises(PermissionDenied):
        suggestion_transition(actor=reviewer, suggestion=s, action="adopt", today=TODAY)


def test_a_persons_and_an_employers_innovations_are_gathered_within_scope(world):
    member, _ = worker(world.grassroots, world.employer, name="李明")
    apprentice, _ = worker(world.grassroots, world.employer, name="小李")
    s = suggestion_enter(actor=world.county_clerk, employer=world.employer, kind="design", title="t", content="c",
                         proposer=member, today=TODAY)
    led = studio_name(actor=world.county_clerk, employer=world.employer, name="李明工作室", kind="craftsman",
                      level="county", named_on=datetime.date(2023, 1, 1), leader=member, today=TODAY)
    p = pair(world.employer, member, apprentice)
    mine = person_innovations(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW), member=member)

    assert (list(mine.suggestions), list(mine.studios_led), list(mine.as_master), list(mine.as_apprentice)) == (
        [s], [led], [p], [])
    theirs = person_innovations(scope=scope_for(world.other_province_officer, Perm.SKILLS_VIEW), member=member)
    assert not theirs.suggestions.exists() and not theirs.studios_led.exists() and not theirs.as_master.exists()
    employer = employer_innovations(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW), employer=world.employer)
    assert (list(employer.suggestions), list(employer.studios), list(employer.apprenticeships)) == ([s], [led], [p])


def test_suggestions_wait_for_review_beyond_the_working_days(world):
    # 2025-06-30 is a Monday; 15 working days back (weekends only, no holiday in June after 端午 on 2 June).
    late = suggestion(world.employer, submitted_on=datetime.date(2025, 6, 6), title="late")
    suggestion(world.employer, submitted_on=datetime.date(2025, 6, 9), title="on time")
    scope = scope_for(world.county_clerk, Perm.SKILLS_VIEW)

    assert list(suggestions_awaiting_review(scope=scope, today=TODAY)) == [late]
    assert innovation_waiting_counts(scope=scope, today=TODAY)["review"] == 1
    assert innovation_waiting_counts(scope=scope_for(world.other_province_officer, Perm.SKILLS_VIEW),
                                     today=TODAY) == {"review": 0, "assessment": 0, "apprenticeships": 0}
