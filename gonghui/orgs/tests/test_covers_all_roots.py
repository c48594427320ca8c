from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.scope import Scope, SystemActor, covers_all_roots
from gonghui.orgs.services import union_create_root


def test_a_scope_covers_the_deployment_only_over_every_root_union(world):
    assert covers_all_roots(Scope.of([world.national.path]))
    assert not covers_all_roots(Scope.of([world.province.path]))
    second = union_create_root(actor=SystemActor("tests"), name="某产业工会", kind=UnionKind.FEDERATION,
                               level=Level.NATIONAL)
    assert not covers_all_roots(Scope.of([world.national.path]))
    assert covers_all_roots(Scope.of([world.national.path, second.path]))
    assert covers_all_roots(Scope.all())


def test_no_scope_covers_a_deployment_without_unions(db):
    assert not covers_all_roots(Scope.of(["0001"])) and covers_all_roots(Scope.all())
