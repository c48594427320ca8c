"""A programme's budget cannot be overspent: not by one approval, not by two at once."""

import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from gonghui.aid.choices import BatchStatus
from gonghui.aid.errors import BudgetExceeded
from gonghui.aid.models import AidProgramme
from gonghui.aid.services import (
    batch_approve,
    batch_cancel,
    batch_submit,
    grant_add,
    programme_set_budget,
)
from gonghui.aid.tests.conftest import worker

ONE_WRITER = pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database has one "
                                "writer; CI runs this on PostgreSQL")


def submitted(world, new_batch, campaign, people: int, title: str = ""):
    batch = new_batch(campaign, title=title or f"{people}人")
    for _ in range(people):
        grant_add(actor=world.county_clerk, batch=batch, data=worker())
    return batch_submit(actor=world.county_clerk, batch=batch)


@pytest.mark.django_db
def test_an_approval_commits_the_batch_total_against_the_budget(world, new_batch, campaign, programme):
    batch = batch_approve(actor=world.county_admin, batch=submitted(world, new_batch, campaign, 3))
    programme.refresh_from_db()
    assert batch.status == BatchStatus.APPROVED and batch.committed == Decimal("2100.00")  # 3 × (500 + 200)
    assert programme.committed == Decimal("2100.00") and programme.available == Decimal("7900.00")


@pytest.mark.django_db
def test_an_approval_beyond_the_budget_is_refused_and_nothing_changes(world, new_batch, campaign, programme):
    batch_approve(actor=world.county_admin, batch=submitted(world, new_batch, campaign, 10))  # 7,000 of 10,000
    big = submitted(world, new_batch, campaign, 5)  # 3,500 more
    with pytest.raises(BudgetExceeded) as refused:
        batch_approve(actor=world.county_admin, batch=big)
    assert "余额3,000.00元" in str(refused.value.message)
    programme.refresh_from_db()
    big.refresh_from_db()
    assert programme.committed == Decimal("7000.00") and big.status == BatchStatus.SUBMITTED


@pytest.mark.django_db
def test_the_database_itself_refuses_a_commitment_above_the_budget(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        AidProgramme.objects.filter(pk=programme.pk).update(committed=F("budget") + Decimal("0.01"))


@pytest.mark.django_db
def test_cancelling_an_approved_batch_gives_its_commitment_back(world, new_batch, campaign, programme):
    batch = batch_approve(actor=world.county_admin, batch=submitted(world, new_batch, campaign, 2))
    batch_cancel(actor=world.county_clerk, batch=batch, reason="资金渠道调整")
    programme.refresh_from_db()
    assert programme.committed == 0 and batch.status == BatchStatus.CANCELLED


@pytest.mark.django_db
def test_the_budget_cannot_be_cut_below_what_is_committed(world, new_batch, campaign, programme):
    batch_approve(actor=world.county_admin, batch=submitted(world, new_batch, campaign, 2))
    with pytest.raises(BudgetExceeded):
        programme_set_budget(actor=world.county_admin, programme=programme, budget="1000")
    assert programme_set_budget(actor=world.county_admin, programme=programme, budget="1400").budget == 1400


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_two_approvals_racing_for_the_last_of_the_budget_leave_one_approved(world, new_batch, campaign, programme):
    first = submitted(world, new_batch, campaign, 8, "甲")  # 5,600
    second = submitted(world, new_batch, campaign, 8, "乙")  # 5,600: both together would be 11,200 > 10,000
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def approve(batch):
        try:
            barrier.wait()
            batch_approve(actor=world.county_admin, batch=batch)
            outcomes.append("ok")
        except BudgetExceeded as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # anything else surfacing is itself a failure to explain
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(b,)) for b in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["budget_exceeded", "ok"]
    programme.refresh_from_db()
    assert programme.committed == Decimal("5600.00") <= programme.budget
