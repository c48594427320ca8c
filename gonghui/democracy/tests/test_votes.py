import pytest

from gonghui.core.errors import Conflict, InvalidFields
from gonghui.democracy.choices import AgendaKind
from gonghui.democracy.models import AgendaItem
from gonghui.democracy.services import agenda_item_add, agenda_resolve, agenda_vote_record
from gonghui.democracy.tests.setup import make_congress

pytestmark = pytest.mark.django_db


def _item(world, kind=AgendaKind.CONTRACT_DRAFT):
    c = make_congress(world.grassroots)  # 30 delegates entitled
    return agenda_item_add(actor=world.grassroots_clerk, session=c.session, kind=kind, title="2025年集体合同草案")


def test_two_thirds_present_and_half_in_favour_pass_a_contract_draft(world):
    item = _item(world)

    outcome = agenda_vote_record(actor=world.grassroots_clerk, item=item, present=20, in_favour=15, against=5)

    assert outcome.passed and outcome.required_present == 20 and outcome.required_in_favour == 15
    item.refresh_from_db()
    assert item.passed is True and item.entitled == 30
    agenda_resolve(actor=world.grassroots_clerk, item=item, resolution="同意《2025年集体合同草案》。")


def test_rules_affecting_workers_need_more_than_half(world):
    item = _item(world, AgendaKind.WORKER_RULES)

    outcome = agenda_vote_record(actor=world.grassroots_clerk, item=item, present=20, in_favour=15, against=5)

    assert not outcome.passed and outcome.required_in_favour == 16
    item.refresh_from_db()
    assert item.passed is False and "至少 16 票" in item.outcome_note


def test_it_refuses_a_vote_short_of_its_quorum_with_the_numbers(world):
    item = _item(world)

    with pytest.raises(InvalidFields) as e:
        agenda_vote_record(actor=world.grassroots_clerk, item=item, present=19, in_favour=19)

    assert e.value.errors[0].field == "present"
    assert "实到 19 人" in str(e.value.message) and "至少 20 人" in str(e.value.message)
    assert AgendaItem.objects.get(pk=item.pk).voted_at is None


@pytest.mark.parametrize(("counts", "field"), [({"present": 31, "in_favour": 20}, "present"),
                                              ({"present": 20, "in_favour": 15, "against": 4, "abstained": 2},
                                               "in_favour")])
def test_it_refuses_votes_that_do_not_add_up(world, counts, field):
    item = _item(world)

    with pytest.raises(InvalidFields) as e:
        agenda_vote_record(actor=world.grassroots_clerk, item=item, **counts)

    assert e.value.errors[0].field == field
    assert AgendaItem.objects.get(pk=item.pk).voted_at is None


def test_it_refuses_a_resolution_on_a_vote_that_failed_with_the_numbers(world):
    item = _item(world)
    agenda_vote_record(actor=world.grassroots_clerk, item=item, present=25, in_favour=14, against=11)
    item.refresh_from_db()

    with pytest.raises(InvalidFields) as e:
        agenda_resolve(actor=world.grassroots_clerk, item=item, resolution="通过")

    assert e.value.errors[0].field == "resolution"
    assert "赞成 14 票" in str(e.value.message) and "至少 15 票" in str(e.value.message)
    assert AgendaItem.objects.get(pk=item.pk).resolution == ""


def test_a_vote_is_recorded_once(world):
    item = _item(world)
    agenda_vote_record(actor=world.grassroots_clerk, item=item, present=25, in_favour=20)
    item.refresh_from_db()
    with pytest.raises(Conflict):
        agenda_vote_record(actor=world.grassroots_clerk, item=item, present=25, in_favour=20)
