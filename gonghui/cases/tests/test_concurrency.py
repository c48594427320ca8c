import threading

import pytest
from django.db import connection

from gonghui.cases.choices import Line
from gonghui.cases.models import Case
from gonghui.cases.numbering import allocate_case_number
from gonghui.cases.services import case_accept, case_dispatch, case_return
from gonghui.core.errors import Conflict

ONE_WRITER = pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database has one "
                                "writer; CI runs this on PostgreSQL")


@pytest.mark.django_db
def test_a_change_made_on_a_stale_copy_is_refused_with_a_clear_conflict(world, hotline, county2_admin,
                                                                        classified_case):
    case = case_dispatch(actor=hotline, case=classified_case(), union=world.county2)
    first, second = Case.objects.get(pk=case.pk), Case.objects.get(pk=case.pk)
    case_accept(actor=county2_admin, case=first)
    with pytest.raises(Conflict) as lost:
        case_return(actor=county2_admin, case=second, reason="不属于本辖区")
    assert lost.value.code == "concurrent_change" and "刷新" in str(lost.value.message)
    assert Case.objects.get(pk=case.pk).status == "accepted"


@pytest.mark.django_db
def test_numbers_run_per_line_and_year_without_gaps():
    numbers = [allocate_case_number(Line.HOTLINE, 2026) for _ in range(3)]
    assert numbers == ["12351-2026-000001", "12351-2026-000002", "12351-2026-000003"]
    assert allocate_case_number(Line.MEDIATION, 2026) == "TJ-2026-000001"
    assert allocate_case_number(Line.HOTLINE, 2027) == "12351-2027-000001"
    assert allocate_case_number(Line.PETITION, 2026).startswith("XF-")


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_two_concurrent_transitions_of_one_case_leave_one_winner(world, hotline, county2_admin, classified_case):
    case = case_dispatch(actor=hotline, case=classified_case(), union=world.county2)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def act(service, **kwargs):
        copy = Case.objects.get(pk=case.pk)
        barrier.wait()
        try:
            service(actor=county2_admin, case=copy, **kwargs)
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # anything else surfacing is itself a failure to explain
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(case_accept,)),
               threading.Thread(target=act, args=(case_return,), kwargs={"reason": "不属于本辖区"})]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["concurrent_change", "ok"]
    assert Case.objects.get(pk=case.pk).events.count() == 4  # intake, classify, dispatch, and the winner


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_concurrent_intakes_never_share_a_number():
    numbers: list[str] = []

    def take():
        try:
            for _ in range(20):
                numbers.append(allocate_case_number(Line.HOTLINE, 2026))
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(numbers) == len(set(numbers)) == 80



def test_a_stale_version_from_the_page_is_the_same_conflict_as_a_lost_race(world, classified_case, hotline):
    from gonghui.cases.services import case_add_note, case_escalate
    from gonghui.cases.services.transition import CONCURRENT_CHANGE
    from gonghui.core.errors import Conflict

    case = classified_case()
    seen = case.version
    case = case_add_note(actor=hotline, case=case, note="已电话联系", version=seen)
    for step in (lambda: case_add_note(actor=hotline, case=case, note="又一次", version=seen),
                 lambda: case_escalate(actor=hotline, case=case, reason="需上级协调", version=seen)):
        with pytest.raises(Conflict) as stale:
            step()
        assert stale.value.code == "concurrent_change" and stale.value.message == CONCURRENT_CHANGE
    assert case_add_note(actor=hotline, case=case, note="最新", version=case.version).version == seen + 2
