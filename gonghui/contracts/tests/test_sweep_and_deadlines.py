import pytest

from gonghui.contracts.choices import Action, Status
from gonghui.contracts.models import ContractEvent
from gonghui.contracts.services import contract_sweep
from gonghui.contracts.tests.conftest import D, filed, in_force
from gonghui.testing.world import SYSTEM, make_employer

pytestmark = pytest.mark.django_db


def test_a_contract_takes_effect_the_day_after_its_15_day_review_and_not_before(world):
    c = filed(world.grassroots_clerk, world.grassroots, employer=world.employer, filed_on=D(2026, 3, 30))
    assert (c.review_ends_on, c.takes_effect_on) == (D(2026, 4, 14), D(2026, 4, 15))
    assert contract_sweep(actor=SYSTEM, today=D(2026, 4, 14)).took_effect == 0
    c.refresh_from_db()
    assert c.status == Status.FILED
    assert contract_sweep(actor=SYSTEM, today=D(2026, 4, 15)).took_effect == 1
    c.refresh_from_db()
    assert (c.status, c.effective_on) == (Status.EFFECTIVE, D(2026, 4, 15))
    assert c.coverage.get().in_force is True
    assert contract_sweep(actor=SYSTEM, today=D(2026, 4, 16)).took_effect == 0  # idempotent


def test_a_review_period_ending_on_national_day_runs_to_the_next_working_day(world):
    # 15 days after 20 Sept 2026 is 5 October, a holiday: the review ends on 8 October.
    c = filed(world.grassroots_clerk, world.grassroots, employer=world.employer, filed_on=D(2026, 9, 20))
    assert (c.review_ends_on, c.takes_effect_on) == (D(2026, 10, 8), D(2026, 10, 9))


def test_a_filing_after_its_10_days_is_flagged_late(world):
    c = filed(world.grassroots_clerk, world.grassroots, employer=world.employer, filed_on=D(2026, 4, 7))
    assert (c.filing_due, c.filed_late) == (D(2026, 4, 7), False)
    late = filed(world.grassroots_clerk, world.grassroots, employer=world.employer, kind_code="women",
                 filed_on=D(2026, 4, 8))
    assert late.filed_late is True


def test_reminders_come_at_90_30_and_7_days_and_the_contract_expires_after_its_last_day(world):
    c = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer, start=D(2026, 4, 1),
                 end=D(2027, 3, 31))
    assert c.next_reminder_on == D(2026, 12, 31)
    for day, reminded in ((D(2026, 12, 30), 0), (D(2026, 12, 31), 1), (D(2027, 1, 1), 0), (D(2027, 3, 1), 1),
                          (D(2027, 3, 24), 1), (D(2027, 3, 31), 0)):
        assert contract_sweep(actor=SYSTEM, today=day).reminded == reminded, day
    c.refresh_from_db()
    assert (c.status, c.next_reminder_on) == (Status.EFFECTIVE, None)
    assert contract_sweep(actor=SYSTEM, today=D(2027, 4, 1)).expired == 1
    c.refresh_from_db()
    assert (c.status, c.ended_on) == (Status.EXPIRED, D(2027, 4, 1))
    assert not c.coverage.filter(in_force=True).exists()
    assert ContractEvent.objects.filter(contract=c, action=Action.REMIND).count() == 3


def test_the_sweep_leaves_a_clashing_contract_under_review_and_goes_on(world):
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    clash = filed(world.grassroots_clerk, world.grassroots, employer=world.employer)
    other = filed(world.grassroots_clerk, world.grassroots, employer=world.employer, kind_code="safety")
    result = contract_sweep(actor=SYSTEM, today=D(2026, 4, 20))
    assert (result.took_effect, result.refused) == (1, 1)
    clash.refresh_from_db()
    other.refresh_from_db()
    assert (clash.status, other.status) == (Status.FILED, Status.EFFECTIVE)


def test_reminders_are_written_in_batches_with_each_contracts_event_audit_row_and_next_date(world, monkeypatch):
    from gonghui.contracts.services import sweep
    from gonghui.core.audit import audit_verify_chain
    from gonghui.core.audit_models import AuditEntry

    monkeypatch.setattr(sweep, "BATCH", 2)  # five due contracts: three batches
    kinds = ("comprehensive", "wage", "women", "safety")
    due = [in_force(world.grassroots_clerk, world.grassroots, employer=world.employer, kind_code=kind,
                    start=D(2026, 4, 1), end=D(2027, 3, 31)) for kind in kinds]
    due.append(in_force(world.grassroots_clerk, world.grassroots, employer=make_employer(world.grassroots),
                        end=D(2027, 1, 31)))
    assert contract_sweep(actor=SYSTEM, today=D(2027, 1, 3)).reminded == 5
    for c in due:
        versions = c.version
        c.refresh_from_db()
        assert c.version == versions + 1
        event = ContractEvent.objects.get(contract=c, action=Action.REMIND)
        left = (c.end_on - D(2027, 1, 3)).days
        assert str(left) in event.note and event.old_status == Status.EFFECTIVE
        assert AuditEntry.objects.get(action="contract.remind", object_id=str(c.pk)).detail == {
            "old": Status.EFFECTIVE, "new": "", "days_left": left}
    assert [c.next_reminder_on for c in due] == [D(2027, 3, 1)] * 4 + [D(2027, 1, 24)]
    assert audit_verify_chain() is None
    assert contract_sweep(actor=SYSTEM, today=D(2027, 1, 3)).reminded == 0  # idempotent


def test_a_regional_contract_expiring_leaves_each_employer_only_what_still_covers_it(world, regional):
    from gonghui.contracts.choices import Reach
    from gonghui.contracts.models import EmployerCoverage
    from gonghui.contracts.tests.conftest import covering

    own = in_force(world.township_clerk, world.township, employer=regional[0], kind_code="women",
                   end=D(2028, 3, 31))
    area = in_force(world.township_clerk, world.township, reach=Reach.REGIONAL, coverage=covering(regional),
                    end=D(2027, 3, 31))
    assert EmployerCoverage.objects.filter(employer__in=regional).count() == len(regional)
    assert contract_sweep(actor=SYSTEM, today=D(2027, 4, 1)).expired == 1
    area.refresh_from_db()
    assert (area.status, area.ended_on, area.next_reminder_on) == (Status.EXPIRED, D(2027, 4, 1), None)
    assert ContractEvent.objects.filter(contract=area, action=Action.EXPIRE, new_status=Status.EXPIRED).count() == 1
    own.refresh_from_db()
    assert own.status == Status.EFFECTIVE
    rollup = EmployerCoverage.objects.filter(employer__in=regional)
    assert [(r.employer_id, r.contracts, r.has_own) for r in rollup] == [(regional[0].pk, 1, True)]
