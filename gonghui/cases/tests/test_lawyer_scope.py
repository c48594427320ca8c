"""A lawyer's grant covers the cases assigned to them, not every case of the subtree it is on."""

import datetime

import pytest
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.cases.dashboard import case_figures
from gonghui.cases.selectors import case_get, case_list, case_queue
from gonghui.cases.services import case_add_note, case_assign, case_dispatch
from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def lawyer(world):
    world.people["lawyer"] = make_user("lawyer", world.city, RoleCode.LAWYER)
    return world.lawyer


@pytest.fixture
def lawyers_work(world, hotline, lawyer, classified_case):
    """Three cases at a county of the lawyer's city; the lawyer is brought into one of them."""
    cases = [case_dispatch(actor=hotline, case=classified_case(), union=world.county) for _ in range(3)]
    mine = case_assign(actor=world.county_admin, case=cases[0], lawyer=lawyer, note="指定律师提供法律援助")
    return mine, cases[1:]


def test_a_lawyer_sees_exactly_the_cases_assigned_to_them(lawyer, lawyers_work):
    mine, others = lawyers_work
    view = scope_for(lawyer, Perm.CASE_VIEW)
    assert list(case_list(scope=view)) == [mine]
    assert list(case_queue(scope=view, queue="all")) == [mine]
    assert list(case_queue(scope=view, queue="mine", user=lawyer)) == [mine]
    assert case_get(scope=view, pk=mine.pk) == mine
    for other in others:
        with pytest.raises(NotFound):
            case_get(scope=view, pk=other.pk)
        with pytest.raises(NotFound):
            case_get(scope=view, number=other.number)


def test_a_lawyers_counts_are_of_their_own_cases(lawyer, lawyers_work):
    now = timezone.now()
    figures = case_figures(scope=scope_for(lawyer, Perm.CASE_VIEW), start=now - datetime.timedelta(days=1),
                           end=now + datetime.timedelta(days=1))
    assert figures.calls == 1


def test_a_lawyer_works_on_their_case_and_another_case_is_missing_to_them(lawyer, lawyers_work):
    mine, others = lawyers_work
    assert case_add_note(actor=lawyer, case=mine, note="已与用人单位联系").pk == mine.pk
    with pytest.raises(NotFound):
        case_add_note(actor=lawyer, case=others[0], note="越权")


def test_the_same_person_with_a_clerks_grant_sees_the_whole_county(world, lawyer, lawyers_work):
    from gonghui.accounts.services import grant_create
    from gonghui.testing.world import SYSTEM

    grant_create(actor=SYSTEM, user=lawyer, role=RoleCode.CLERK, org=world.county)
    lawyer.refresh_from_db()
    lawyer.forget_grants()
    assert case_list(scope=scope_for(lawyer, Perm.CASE_VIEW)).count() == 3
