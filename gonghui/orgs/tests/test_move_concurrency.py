"""A union created inside a branch while the branch moves ends up under the branch's new path,
whichever of the two gets its locks first (PostgreSQL; SQLite runs one writer at a time)."""

import threading
import time

import pytest
from django.db import connection, transaction

from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.services import union_create, union_move
from gonghui.testing.world import SYSTEM

ONE_WRITER = pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database has one "
                                "writer; CI runs this on PostgreSQL")


def _race(world, move_first: bool) -> TradeUnion:
    started = threading.Event()
    errors: list[BaseException] = []

    def move() -> None:
        try:
            with transaction.atomic():
                if move_first:
                    union_move(actor=SYSTEM, union=TradeUnion.objects.get(pk=world.county.pk), new_parent=world.city2)
                    started.set()
                    time.sleep(0.5)  # the creation now waits on the branch's root
                else:
                    started.wait(5)
                    union_move(actor=SYSTEM, union=TradeUnion.objects.get(pk=world.county.pk), new_parent=world.city2)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    def create() -> None:
        try:
            with transaction.atomic():
                if move_first:
                    started.wait(5)
                    union_create(actor=SYSTEM, parent=TradeUnion.objects.get(pk=world.township.pk),
                                 name="新建企业工会", kind=UnionKind.ENTERPRISE, level=Level.GRASSROOTS)
                else:
                    union_create(actor=SYSTEM, parent=TradeUnion.objects.get(pk=world.township.pk),
                                 name="新建企业工会", kind=UnionKind.ENTERPRISE, level=Level.GRASSROOTS)
                    started.set()
                    time.sleep(0.5)  # the move now waits on the creation's hold of the branch
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=move), threading.Thread(target=create)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert not errors, errors
    return TradeUnion.objects.get(name="新建企业工会")


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
@pytest.mark.parametrize("move_first", [True, False])
def test_a_union_created_during_a_move_follows_its_branch(world, move_first):
    child = _race(world, move_first)
    township = TradeUnion.objects.get(pk=world.township.pk)
    assert township.path.startswith(TradeUnion.objects.get(pk=world.city2.pk).path)
    assert child.parent_id == township.pk and child.path.startswith(township.path)
    assert child.depth == township.depth + 1
