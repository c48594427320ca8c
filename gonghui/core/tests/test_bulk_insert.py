from django.utils import timezone

from gonghui.core.bulk_insert import array_text, bulk_insert_columns
from gonghui.members.models import MembershipEvent

AWKWARD = ['他说"好"', "C:\\路径", "{一,二}", "NULL", "", "逗号,和空格 "]


def test_rows_given_column_by_column_arrive_exactly_with_their_ids_in_order(world):
    membership = world.membership
    now = timezone.now()
    n = len(AWKWARD)
    ids = bulk_insert_columns(MembershipEvent, n, {"note": AWKWARD, "actor_id": [None, 1, 2, None, 3, 4]},
                              same={"member_id": membership.member_id, "membership_id": membership.pk,
                                    "kind": "admit", "actor_label": "system:test", "at": now})
    assert len(ids) == n
    stored = MembershipEvent.objects.in_bulk(ids)
    assert [stored[pk].note for pk in ids] == AWKWARD
    assert [stored[pk].actor_id for pk in ids] == [None, 1, 2, None, 3, 4]
    assert {(e.kind, e.member_id, e.old_status, e.at) for e in stored.values()} == {
        ("admit", membership.member_id, "", now)}


def test_an_array_text_quotes_what_postgresql_would_misread():
    assert array_text([3, 1, 2]) == "{3,1,2}"
    assert array_text(["NULL", None, 'a"b', "c\\d", "{x}"]) == '{"NULL",NULL,"a\\"b","c\\\\d","{x}"}'
