import threading
from decimal import Decimal

import pytest
from django.db import connection

from gonghui.core.errors import Conflict, ValidationFailed
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment
from gonghui.mutualaid.services import claim_approve, claim_review, claim_submit

from .conftest import claim_data

ONE_WRITER = pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database has one "
                                "writer; CI runs this on PostgreSQL")


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_two_approvals_at_once_never_pass_the_members_yearly_limit_together(world, grassroots_clerk, enrolled):
    # Two claims of 6,000 against a yearly limit of 10,000: each fits alone, both together do not.
    enrolment = enrolled()
    claims = [claim_review(actor=grassroots_clerk, claim=claim_submit(
        actor=grassroots_clerk, enrolment=enrolment, data=claim_data(enrolment.plan, days_in=days, amount="6000")))
        for days in (40, 50)]
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def approve(pk: int) -> None:
        copy = MutualAidClaim.objects.get(pk=pk)
        barrier.wait()
        try:
            claim_approve(actor=world.county_admin, claim=copy, amount="6000")
            outcomes.append("ok")
        except (ValidationFailed, Conflict) as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # anything else surfacing is itself a failure to explain
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(c.pk,)) for c in claims]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "over_limit"]
    assert MutualAidEnrolment.objects.get(pk=enrolment.pk).approved_total == Decimal("6000.00")
    assert sorted(MutualAidClaim.objects.values_list("status", flat=True)) == ["approved", "reviewed"]


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_two_enrolments_of_one_plan_at_once_enrol_each_member_once(world, plan):
    from gonghui.mutualaid.services import enrolment_bulk_create

    from .conftest import member_of

    people = [member_of(world.grassroots) for _ in range(20)]
    outcomes: list[object] = []
    barrier = threading.Barrier(2)

    def enrol() -> None:
        barrier.wait()
        try:
            outcomes.append(enrolment_bulk_create(actor=world.county_clerk, plan=plan, members=people).enrolled)
        except Exception as exc:  # reported in the assertion below
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes, key=str) == [0, 20]
    assert MutualAidEnrolment.objects.filter(plan=plan).count() == 20
