"""Each figure equals a count of its rows made here independently, for subtrees and periods."""

import datetime
from decimal import Decimal

import pytest

from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.metrics import all_metrics, check_ratios
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.members.models import Membership
from gonghui.members.services.registry import member_admit, membership_leave
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.scope import Scope, scope_for
from gonghui.reports.metrics import children_figures, figure, metric_rows, split_figure
from gonghui.testing.world import SYSTEM, make_person_id, make_union, member_data

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 12, 4)  # figures are read as on this day
EVERYTHING = Scope.all()


def join(union, name, gender, on):
    """A member of that sex (the ID number's 17th digit says it) who joined on that day."""
    id_number = make_person_id()
    while (int(id_number[16]) % 2 == 0) != (gender == "F"):
        id_number = make_person_id()
    return member_admit(actor=SYSTEM, union=union, data=member_data(name=name, id_number=id_number), join_date=on)


@pytest.fixture
def county_members(world):
    """Joinings either side of 1 October 2025 in two grassroots unions of 锦江区, and one in 涪城区."""
    second = make_union(world.township, "锦江宾馆工会", Level.GRASSROOTS, UnionKind.ENTERPRISE,
                        founded_on=D(2025, 11, 2))
    elsewhere = make_union(world.county2, "涪城机械厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    join(world.grassroots, "赵一", "F", D(2025, 9, 30))
    join(world.grassroots, "钱二", "M", D(2025, 10, 1))
    leaver = join(second, "孙三", "F", D(2026, 3, 1))
    join(elsewhere, "周四", "F", D(2026, 2, 1))
    membership_leave(actor=SYSTEM, member=leaver.member, note="调离", on=D(2026, 6, 30))
    # The world's member, 李四, joined on the day the world was built: pin it, so no figure here
    # depends on the day the tests run.
    Membership.objects.filter(pk=world.membership.pk).update(join_date=D(2026, 12, 1))
    return second


def _value(name, under, key, where=None):
    return figure(name, scope=EVERYTHING, under=under.path, period=Period.parse(key), where=where, today=TODAY).value


def test_new_members_count_joinings_inside_the_statistical_year_only(world, county_members):
    # 赵一 (30 September 2025) belongs to SY2025; 李四 (December 2026) to SY2027.
    assert _value("members.new", world.county, "SY2026") == 2
    assert _value("members.new", world.county, "SY2025") == 1
    assert _value("members.new", world.province, "SY2026") == 3
    assert _value("members.new", world.county, "2026") == 2  # 孙三 and 李四


def test_members_standing_at_the_period_end_leave_out_who_left_before_it(world, county_members):
    assert _value("members.total", world.county, "2026-05") == 3  # 孙三 still a member on 31 May
    assert _value("members.total", world.county, "2026-06") == 2  # she left on 30 June
    assert _value("members.women", world.county, "2026-05") == 2
    assert _value("members.total", world.county, "2026-12") == 3  # 李四 joined this month


def test_a_share_is_a_ratio_of_sums_and_shows_nothing_without_a_denominator(world, county_members):
    assert _value("members.women_share", world.county, "2026-05") == Decimal("66.7")
    assert _value("members.women_share", world.county, "2000") is None
    assert _value("members.women_share", world.county2, "2026-06") == 100


def test_a_period_not_yet_begun_is_missing_not_zero(world, county_members):
    assert _value("members.new", world.county, "2027") is None


def test_children_come_from_one_query_and_add_up_to_the_parent(world, county_members, django_assert_num_queries):
    period = Period.parse("SY2026")
    with django_assert_num_queries(2):  # the children, then one grouped count
        rows = children_figures("members.new", scope=EVERYTHING, under=world.township.path, period=period, today=TODAY)
    assert {union.name: value for union, value in rows} == {"示例科技有限公司工会委员会": 1, "锦江宾馆工会": 1}
    assert sum(value for _, value in rows) == _value("members.new", world.township, "SY2026")


def test_a_split_names_each_value_and_adds_up(world, county_members):
    parts = split_figure("members.new", scope=EVERYTHING, under=world.county.path, period=Period.parse("SY2026"),
                         by="gender", today=TODAY)
    assert {str(label): value for _, label, value in parts} == {"男": 1, "女": 1}
    with pytest.raises(NotFound):
        split_figure("members.new", scope=EVERYTHING, under=world.county.path, period=Period.parse("SY2026"),
                     by="shoe_size", today=TODAY)
    with pytest.raises(ValidationFailed):
        figure("members.new", scope=EVERYTHING, under=world.county.path, period=Period.parse("SY2026"),
               where={"shoe_size": "42"})


def test_new_unions_count_founding_dates_in_the_period(world, county_members):
    assert _value("unions.new", world.county, "SY2026") == 1
    assert _value("unions.grassroots", world.county, "2025-10") == 1  # 锦江宾馆 founded in November


def test_a_county_reads_its_own_subtree_and_nothing_beside_it(world, county_members):
    scope = scope_for(world.county_admin, Perm.MEMBER_VIEW)
    with pytest.raises(NotFound):
        figure("members.new", scope=scope, under=world.county2.path, period=Period.parse("SY2026"))
    with pytest.raises(NotFound):
        figure("members.new", scope=scope, under=world.province.path, period=Period.parse("SY2026"))
    rows = metric_rows("members.new", scope=scope, under=world.county.path, period=Period.parse("SY2026"))
    assert sorted(r.member.name for r in rows) == ["孙三", "钱二"]


def test_every_ratio_names_declared_metrics_and_every_metric_has_words():
    assert check_ratios() == []
    for metric in all_metrics():
        assert str(metric.definition) and str(metric.label) and str(metric.unit), metric.name


def test_a_statistics_reader_reads_the_figures_of_their_subtree_but_not_the_rows(world, county_members):
    from gonghui.accounts.roles import RoleCode
    from gonghui.reports.metrics import figure_scope, metric_scope
    from gonghui.testing.world import make_user

    reader = make_user("county_stats", world.county, RoleCode.STATS_VIEWER)
    period = Period.parse("SY2026")
    assert figure("members.new", scope=figure_scope(reader, "members.new"), under=world.county.path,
                  period=period, today=TODAY).value == 2
    with pytest.raises(NotFound):
        metric_rows("members.new", scope=metric_scope(reader, "members.new"), under=world.county.path, period=period)
