"""Two cadres of one level passing two nominees at once for its last place: one wins, one is refused."""

import threading

import pytest
from django.db import connection

from gonghui.core.errors import ValidationFailed
from gonghui.honours.choices import CheckDecision, NominationStatus
from gonghui.honours.models import CallQuota, HonourNomination
from gonghui.honours.services import nomination_check_record, nomination_pass
from gonghui.honours.tests.conftest import nominate

ONE_WRITER = pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database has one "
                                "writer; CI runs this on PostgreSQL")


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_two_cadres_racing_for_the_last_place_leave_one_passed(world, cadres, call):
    first = nominate(cadres.county, call, world.county, name="甲")
    second = nominate(cadres.county, call, world.county, name="乙")
    for nomination in (first, second):
        nomination_check_record(actor=cadres.county, nomination=nomination, decision=CheckDecision.CLEAR)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def pass_one(pk: int) -> None:
        try:
            nomination = HonourNomination.objects.get(pk=pk)
            barrier.wait()
            nomination_pass(actor=cadres.county, nomination=nomination)
            outcomes.append("ok")
        except ValidationFailed as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # anything else surfacing is itself a failure to explain
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=pass_one, args=(n.pk,)) for n in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "over_quota"]
    assert CallQuota.objects.get(call=call, union=world.county).used == 1
    assert HonourNomination.objects.filter(call=call, status=NominationStatus.SELECTED).count() == 1
