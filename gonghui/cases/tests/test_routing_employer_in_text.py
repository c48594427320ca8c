import pytest
from django.utils import translation

from gonghui.cases.choices import Category, Kind
from gonghui.cases.routing import route
from gonghui.cases.routing.employers import ShortNameIndex, reset_employer_index, short_names
from gonghui.cases.routing.suggest import Basis
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.models import Employer, Region
from gonghui.orgs.scope import Scope
from gonghui.testing.world import make_employer, make_union

pytestmark = pytest.mark.django_db


@pytest.fixture
def sichuan(world):
    # The short-name index lives as long as the process; each test starts from its own employers.
    reset_employer_index()
    yield Scope.of([world.province.path])
    reset_employer_index()


def routed(world, scope, text, **kw):
    with translation.override("zh-hans"):
        r = route(scope=scope, centre=world.province, text=text, **kw)
        return r, str(r.union.reason)


def test_the_employer_named_in_full_in_the_statement_gives_its_union(world, sichuan):
    r, reason = routed(world, sichuan, "我在示例科技有限公司上班，老板欠了我三个月工资咋个办嘛")
    assert r.union.union == world.grassroots
    assert r.union.basis == Basis.EMPLOYER and r.union.employer == world.employer
    assert reason == "按诉求中提到的用人单位“示例科技有限公司”建议"
    assert (r.category, r.kind) == (Category.WAGES, Kind.HELP)


def test_a_distinctive_short_name_is_enough(world, sichuan):
    r, reason = routed(world, sichuan, "示例科技拖欠我们工资快半年了")
    assert r.union.union == world.grassroots
    assert reason == "按诉求中提到的用人单位“示例科技有限公司”建议"


def test_a_credit_code_in_the_statement_is_enough(world, sichuan):
    r, _reason = routed(world, sichuan, f"单位代码{world.employer.credit_code.lower()}，一直不交社保")
    assert r.union.employer == world.employer


def test_a_short_name_two_employers_share_names_neither(world, sichuan):
    make_employer(world.grassroots, "示例科技（绵阳）有限公司")
    r, _reason = routed(world, sichuan, "示例科技拖欠我们工资快半年了")
    assert r.union.employer is None and r.union.basis != Basis.EMPLOYER


def test_the_employer_the_operator_picked_wins_over_the_statement(world, sichuan):
    shop = make_employer(world.township, "春熙路老火锅店")
    r, reason = routed(world, sichuan, "我原来在示例科技有限公司，现在在火锅店", employer_name="春熙路老火锅店")
    assert r.union.employer == shop and reason == "按用人单位的属地工会"


def test_an_employer_outside_the_scope_is_not_found_in_the_statement(world, sichuan):
    guizhou_union = make_union(world.other_city, "贵阳某厂工会委员会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    make_employer(guizhou_union, "贵阳黔灵精密机械有限公司")
    for text in ("我在贵阳黔灵精密机械有限公司上班，工资拖欠", "黔灵精密机械拖欠工资"):
        r, _reason = routed(world, sichuan, text)
        assert r.union.employer is None


def test_a_renamed_employer_is_not_found_by_its_old_short_name(world, sichuan):
    routed(world, sichuan, "示例科技拖欠工资")  # builds the index
    Employer.objects.filter(pk=world.employer.pk).update(name="锦城新材料有限公司")
    r, _reason = routed(world, sichuan, "示例科技拖欠工资")
    assert r.union.employer is None


def test_looking_for_the_employer_in_the_statement_costs_a_few_indexed_queries(world, sichuan,
                                                                            django_assert_max_num_queries):
    text = f"我在成都市锦江区示例科技有限公司上班 代码{world.employer.credit_code}"
    routed(world, sichuan, "示例科技")  # the region and short-name indexes are built once per process
    with django_assert_max_num_queries(5):
        r, _reason = routed(world, sichuan, text)
    assert r.union.employer == world.employer


def test_short_names_drop_the_place_the_legal_form_and_the_trade():
    regions = {"成都市", "成都", "锦江区", "锦江"}
    assert short_names("成都市锦江区华兴达智能科技有限公司", regions) == ["华兴达智能科技", "华兴达"]
    assert short_names("成都华兴达智能科技股份有限公司（2）", regions) == ["华兴达智能科技", "华兴达"]
    assert short_names("成都建筑劳务有限公司", regions) == []  # all trade words: no short name
    assert short_names("蜀香阁火锅店", regions) == ["蜀香阁火锅"]


def test_the_index_finds_the_longest_short_name_and_refuses_a_shared_one():
    index = ShortNameIndex.build([(1, "华兴达智能科技有限公司"), (2, "华兴达智能科技（绵阳）有限公司"),
                                  (3, "蜀香阁火锅店")], set())
    assert index.find("在蜀香阁火锅当服务员") == (3, "蜀香阁火锅")
    assert index.find("华兴达智能科技欠薪") is None
    assert index.find("没有单位") is None


def test_an_old_index_keeps_answering_while_a_fresh_one_is_built(monkeypatch):
    import threading

    from gonghui.cases.routing import employers

    old = ShortNameIndex.build([(1, "蜀香阁火锅店")], set())
    fresh = ShortNameIndex.build([(2, "锦城新材料有限公司")], set())
    monkeypatch.setattr(employers, "_index", old)
    monkeypatch.setattr(employers, "_build", lambda: fresh)
    monkeypatch.setattr(employers, "INDEX_MAX_AGE_S", -1.0)
    assert employers.short_name_index() is old  # the caller does not wait for the rebuild
    for thread in threading.enumerate():
        if thread.name == "employer-short-names":
            thread.join(timeout=5)
    assert employers._index is fresh


def test_the_short_name_index_builds_with_the_townships_loaded(world, sichuan):
    # The division list goes down to 乡镇/街道; a township once broke the index's place names.
    chain = [("510000", "四川省", None), ("510100", "成都市", "510000"), ("510104", "锦江区", "510100"),
             ("510104022", "春熙路街道", "510104")]
    Region.objects.bulk_create([Region(adcode=code, name=name, level=len(chain[:i]) + 1, parent_id=parent, dataset="t")
                                for i, (code, name, parent) in enumerate(chain)])
    r, _reason = routed(world, sichuan, "示例科技拖欠我们工资快半年了")
    assert r.union.union == world.grassroots
