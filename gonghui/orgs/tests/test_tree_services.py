import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.orgs.choices import Level, UnionKind, UnionStatus
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.services import (
    union_create,
    union_delete,
    union_dissolve,
    union_merge,
    union_move,
    union_update,
)
from gonghui.testing.world import make_employer, make_union

pytestmark = pytest.mark.django_db


def test_a_child_gets_its_parents_path_plus_one_step(world):
    child = union_create(actor=world.county_admin, parent=world.county, name="新华街道工会",
                         kind=UnionKind.TOWNSHIP, level=Level.TOWNSHIP)
    assert child.path.startswith(world.county.path)
    assert len(child.path) == len(world.county.path) + 4
    assert child.depth == world.county.depth + 1
    world.county.refresh_from_db()
    assert world.county.child_count == 2
    assert AuditEntry.objects.filter(action="org.create", object_id=str(child.pk), actor_id=world.county_admin.pk
                                     ).exists()


def test_it_refuses_a_child_at_the_same_level_as_its_parent(world):
    with pytest.raises(ValidationFailed) as exc:
        union_create(actor=world.county_admin, parent=world.county, name="x", kind=UnionKind.FEDERATION,
                     level=Level.COUNTY)
    assert exc.value.field == "level"


def test_it_refuses_a_duplicate_name_among_siblings(world):
    with pytest.raises(ValidationFailed) as exc:
        union_create(actor=world.county_admin, parent=world.county, name="春熙路街道工会",
                     kind=UnionKind.TOWNSHIP, level=Level.TOWNSHIP)
    assert exc.value.code == "duplicate"


def test_a_clerk_sees_but_may_not_create_and_an_outsider_gets_not_found(world):
    with pytest.raises(PermissionDenied):
        union_create(actor=world.county_clerk, parent=world.county, name="a", kind=UnionKind.TOWNSHIP,
                     level=Level.TOWNSHIP)
    with pytest.raises(NotFound):
        union_create(actor=world.other_province_officer, parent=world.county, name="a",
                     kind=UnionKind.TOWNSHIP, level=Level.TOWNSHIP)


def test_moving_a_subtree_rewrites_every_path_and_employer_copy(world):
    old_path = world.township.path
    moved = union_move(actor=world.province_officer, union=world.township, new_parent=world.county2)
    world.grassroots.refresh_from_db()
    world.employer.refresh_from_db()
    assert moved.path.startswith(world.county2.path)
    assert world.grassroots.path.startswith(moved.path)
    assert world.grassroots.depth == moved.depth + 1
    assert world.employer.org_path == world.grassroots.path
    assert not TradeUnion.objects.filter(path__startswith=old_path).exists()
    world.county.refresh_from_db()
    world.county2.refresh_from_db()
    assert (world.county.child_count, world.county2.child_count) == (0, 1)


def test_a_move_to_a_shallower_parent_shifts_the_depth_of_the_whole_branch(world):
    moved = union_move(actor=world.province_officer, union=world.township, new_parent=world.city2)
    world.grassroots.refresh_from_db()
    world.employer.refresh_from_db()
    assert (moved.depth, world.grassroots.depth) == (world.city2.depth + 1, world.city2.depth + 2)
    assert world.grassroots.path.startswith(moved.path)
    assert world.employer.org_path == world.grassroots.path


def test_it_refuses_to_move_a_union_under_its_own_descendant(world):
    with pytest.raises(ValidationFailed) as exc:
        union_move(actor=world.province_officer, union=world.city, new_parent=world.township)
    assert "下级" in str(exc.value)


def test_a_move_checks_scope_at_both_ends(world):
    with pytest.raises(NotFound):
        union_move(actor=world.county_admin, union=world.township, new_parent=world.county2)


def test_merging_moves_children_and_employers_and_keeps_the_source(world):
    extra = make_union(world.county2, "绵阳测试街道工会", Level.TOWNSHIP, UnionKind.TOWNSHIP)
    loose = make_employer(world.township, "未建会单位")
    union_merge(actor=world.province_officer, source=world.township, target=extra)
    world.township.refresh_from_db()
    world.grassroots.refresh_from_db()
    loose.refresh_from_db()
    assert world.township.status == UnionStatus.MERGED
    assert world.township.merged_into == extra
    assert world.grassroots.parent == extra
    assert world.grassroots.path.startswith(extra.path)
    assert loose.union == extra and loose.org_path == extra.path


def test_dissolving_needs_a_reason_and_no_active_children(world):
    with pytest.raises(ValidationFailed) as exc:
        union_dissolve(actor=world.county_admin, union=world.township, reason="撤销")
    assert exc.value.code == "has_children"
    with pytest.raises(ValidationFailed):
        union_dissolve(actor=world.county_admin, union=world.grassroots, reason="")
    union_dissolve(actor=world.county_admin, union=world.grassroots, reason="企业注销")
    world.employer.refresh_from_db()
    assert world.employer.union == world.township
    assert world.employer.unionized is False


def test_a_union_with_records_cannot_be_deleted(world):
    with pytest.raises(ValidationFailed) as exc:
        union_delete(actor=world.county_admin, union=world.grassroots)
    assert exc.value.code == "has_records"
    empty = make_union(world.county, "误建工会", Level.TOWNSHIP, UnionKind.TOWNSHIP)
    union_delete(actor=world.county_admin, union=empty)
    assert not TradeUnion.objects.filter(pk=empty.pk).exists()


def test_an_edit_over_a_newer_version_is_refused(world):
    union = world.township
    union_update(actor=world.county_admin, union=union, version=union.version, chair_name="赵六")
    with pytest.raises(Exception) as exc:
        union_update(actor=world.county_admin, union=union, version=1, chair_name="钱七")
    assert getattr(exc.value, "code", "") == "conflict"


def test_a_credit_code_clash_names_the_holder_only_inside_scope(world):
    code = world.employer.credit_code
    other = make_union(world.other_city, "贵阳某企业工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    with pytest.raises(ValidationFailed) as exc:
        make_employer_as(world.other_province_officer, other, code)
    assert "示例" not in str(exc.value) and "其他工会" in str(exc.value)
    with pytest.raises(ValidationFailed) as exc:
        make_employer_as(world.county_admin, world.township, code)
    assert "示例科技有限公司" in str(exc.value)


def make_employer_as(actor, union, code):
    from gonghui.orgs.services import employer_create

    return employer_create(actor=actor, union=union, credit_code=code, name="重复", industry="C",
                           ownership="private")


def test_employer_counts_are_checked_against_employees(world):
    from gonghui.orgs.services import employer_update

    with pytest.raises(ValidationFailed) as exc:
        employer_update(actor=world.county_admin, employer=world.employer, version=world.employer.version,
                        women_count=world.employer.employee_count + 1)
    assert exc.value.field == "women_count"
    assert Employer.objects.get(pk=world.employer.pk).women_count == 40
