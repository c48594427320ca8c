"""A call the agent settles on the line: taken, classified and dispatched in one write, or not at all."""

import pytest

from gonghui.cases.choices import Action, Status
from gonghui.cases.models import Case, CaseEvent
from gonghui.cases.services import case_intake
from gonghui.cases.tests.conftest import call_data
from gonghui.core.errors import InvalidFields, NotFound, PermissionDenied
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def test_a_call_is_taken_classified_and_dispatched_at_once(world, hotline):
    case = case_intake(actor=hotline, union=world.province, data=call_data(category="wages"),
                       difficulty="hard", dispatch_to=world.county).case
    assert (case.status, case.handling_union, case.dispatched_from) == (Status.DISPATCHED, world.county, world.province)
    assert case.category == "wages" and case.due_at is not None and case.classified_at and case.dispatched_at
    steps = list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("action", "new_status"))
    assert steps == [(Action.INTAKE, Status.RECEIVED), (Action.CLASSIFY, Status.CLASSIFIED),
                     (Action.DISPATCH, Status.DISPATCHED)]


def test_a_refused_step_leaves_nothing_written(world, hotline):
    with pytest.raises(InvalidFields) as caught:
        case_intake(actor=hotline, union=world.province, data=call_data(), difficulty="hard",
                    dispatch_to=world.county)
    assert {e.field for e in caught.value.errors} == {"category"}
    county_agent = make_user("county_agent", world.county, "hotline_agent")
    with pytest.raises((NotFound, PermissionDenied)):
        # A county's agent cannot send a case to another county.
        case_intake(actor=county_agent, union=world.county, data=call_data(category="wages"), difficulty="hard",
                    dispatch_to=world.county2)
    assert not Case.objects.exists()
