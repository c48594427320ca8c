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


def test_an_administrator_at_the_root_changes_an_agenda_kinds_thresholds_and_votes_read_them(world):
    from gonghui.core.audit_models import AuditEntry
    from gonghui.core.errors import PermissionDenied
    from gonghui.democracy.services import agenda_rule_set

    with pytest.raises(PermissionDenied):
        agenda_rule_set(actor=world.province_officer, kind=AgendaKind.WORKER_RULES, quorum="2/3",
                        quorum_base="entitled", majority="1/2", majority_base="entitled")
    agenda_rule_set(actor=world.national_admin, kind=AgendaKind.WORKER_RULES, quorum="", quorum_base="entitled",
                    majority="1/2", majority_base="present", majority_inclusive=True)
    item = _item(world, AgendaKind.WORKER_RULES)
    outcome = agenda_vote_record(actor=world.grassroots_clerk, item=item, present=10, in_favour=5, against=5)
    assert outcome.passed and outcome.required_in_favour == 5  # half of those present, no quorum
    assert AuditEntry.objects.filter(action="democracy.agenda_rule_set").count() == 1


@pytest.mark.parametrize(("quorum", "majority", "base", "fields"), [
    ("0/3", "1/2", "entitled", ["quorum"]), ("4/3", "x", "entitled", ["quorum", "majority"]),
    ("2/3", "", "all", ["majority_base", "majority"]), ("2/0", "1/2", "entitled", ["quorum"])])
def test_it_refuses_thresholds_outside_zero_to_one_naming_each_field(world, quorum, majority, base, fields):
    from gonghui.democracy.rule_models import AgendaRule
    from gonghui.democracy.services import agenda_rule_set

    before = list(AgendaRule.objects.values())
    with pytest.raises(InvalidFields) as err:
        agenda_rule_set(actor=world.national_admin, kind=AgendaKind.CONTRACT_DRAFT, quorum=quorum,
                        quorum_base="entitled", majority=majority, majority_base=base)
    assert sorted(e.field for e in err.value.errors) == sorted(fields)
    assert list(AgendaRule.objects.values()) == before
    labels = {"quorum": "出席比例", "majority": "同意比例", "majority_base": "同意比例基数"}
    assert all(labels[e.field] in e.as_dict()["message_zh"] for e in err.value.errors)
