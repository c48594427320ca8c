"""Rule versions: added, never edited, chosen by area and date; a new version reclassifies nothing by itself."""

import datetime
from decimal import Decimal

import pytest

from gonghui.assistance.choices import Action, HardshipClass
from gonghui.assistance.models import AssessmentRule, HardshipEvent, HardshipRecheck
from gonghui.assistance.rules import rule_in_force
from gonghui.assistance.selectors import assessment_preview
from gonghui.assistance.services import assessment_rule_add, hardship_household_set, hardship_recheck
from gonghui.assistance.tests.conftest import CHENGDU, JINJIANG, household_of
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db
JAN_2026 = datetime.date(2026, 1, 1)


def add(actor=SYSTEM, adcode=CHENGDU, line="1200", effective_from=JAN_2026, **kw):
    terms = {"deep_factor": "1.0", "relative_factor": "1.5", "accident_factor": "2.0", **kw}
    return assessment_rule_add(actor=actor, adcode=adcode, area_name="成都市", min_living_monthly=line,
                               effective_from=effective_from, source="测试数据", **terms)


def test_versions_number_themselves_per_area_and_each_is_audited(world, chengdu_rule):
    second = add()
    assert (chengdu_rule.version, second.version) == (1, 2)
    assert add(adcode="510700", line="800").version == 1
    entry = AuditEntry.objects.filter(action="hardship.rule_add", object_id=str(second.pk)).get()
    assert entry.detail["line"] == "1200.00" and entry.detail["version"] == 2


def test_the_most_specific_area_in_force_that_day_applies(world, chengdu_rule):
    province = add(adcode="510000", line="700")
    second = add(line="1200")
    assert rule_in_force(JINJIANG, datetime.date(2025, 6, 1)) == chengdu_rule
    assert rule_in_force(JINJIANG, JAN_2026) == second
    assert rule_in_force("510703", JAN_2026) == province  # a district of Mianyang: no city rule, the province's
    assert rule_in_force("520102", JAN_2026) is None  # another province
    assert rule_in_force(JINJIANG, datetime.date(2023, 12, 31)) is None  # before any version
    # A township union's area (春熙路街道 in 锦江区) is under its county's standard, then its city's.
    assert rule_in_force(JINJIANG + "022", JAN_2026) == second
    county = add(adcode=JINJIANG, line="1300", effective_from=datetime.date(2026, 2, 1))
    assert rule_in_force(JINJIANG + "022", datetime.date(2026, 3, 1)) == county


def test_a_version_with_an_end_date_stops_applying_after_it(world):
    add(line="900", effective_from=datetime.date(2025, 1, 1), effective_to=datetime.date(2025, 12, 31))
    assert rule_in_force(JINJIANG, datetime.date(2025, 12, 31)) is not None
    assert rule_in_force(JINJIANG, JAN_2026) is None


def test_a_version_cannot_be_backdated_before_the_one_in_force(world, chengdu_rule):
    with pytest.raises(ValidationFailed) as refused:
        add(effective_from=datetime.date(2023, 1, 1))
    assert refused.value.field == "effective_from"


@pytest.mark.parametrize(("field", "terms"), [
    ("relative_factor", {"deep_factor": "1.5", "relative_factor": "1.2"}),
    ("deep_factor", {"deep_factor": "0"}),
    ("min_living_monthly", {"line": "0"}),
    ("min_living_monthly", {"line": "一千"}),
    ("adcode", {"adcode": "5101"}),
])
def test_bad_terms_are_refused_naming_the_field(world, field, terms):
    with pytest.raises(ValidationFailed) as refused:
        add(**terms)
    assert refused.value.field == field


def test_only_a_city_level_approver_or_above_sets_standards(world, county_reviewer):
    with pytest.raises(PermissionDenied):
        add(actor=county_reviewer)
    with pytest.raises(PermissionDenied):
        add(actor=world.county_clerk)
    assert add(actor=world.province_officer).approved_by_label == "province_officer"


def test_the_self_check_gives_the_review_its_own_answer(world, chengdu_rule):
    result, rule = assessment_preview(adcode=JINJIANG, incomes=["24000", "12000", "0"], causes=["因病"])
    assert (result.hardship_class, result.income_per_head, rule) == (HardshipClass.DEEP, Decimal("1000.00"),
                                                                      chengdu_rule)
    result, rule = assessment_preview(adcode="520102", incomes=["1000"], causes=["illness"])
    assert result.hardship_class is None and rule is None


def test_a_new_version_does_not_reclassify_a_filed_household_until_a_recheck_says_so(world, filed_file,
                                                                                      chengdu_rule):
    # 1,200 per head: 相对困难 under the 1,000 line.
    file = filed_file(incomes=(28800, 14400, 0))
    assert (file.hardship_class, file.rule_id) == (HardshipClass.RELATIVE, chengdu_rule.pk)
    higher = add(line="1300", effective_from=datetime.date.today())

    file = hardship_household_set(actor=world.county_clerk, file=file, household=household_of(28800, 14400, 0),
                                  causes=["illness"])
    # The assessment moves with the rule in force; the class of record stays with its version.
    assert (file.suggested_class, file.suggested_rule_id) == (HardshipClass.DEEP, higher.pk)
    assert (file.hardship_class, file.rule_id) == (HardshipClass.RELATIVE, chengdu_rule.pk)

    file = hardship_recheck(actor=world.county_clerk, file=file, result="reclassify", note="按新标准调整")
    assert (file.hardship_class, file.rule_id) == (HardshipClass.DEEP, higher.pk)
    event = HardshipEvent.objects.filter(file=file, action=Action.RECHECK).get()
    assert event.detail["old_class"] == "relative" and event.detail["new_rule"] == higher.pk
    assert HardshipRecheck.objects.get(file=file).result == "reclassify"
    assert AssessmentRule.objects.get(pk=chengdu_rule.pk).min_living_monthly == Decimal("1000.00")


def test_a_recheck_cannot_keep_a_household_the_standard_no_longer_covers(world, filed_file):
    file = filed_file()
    file = hardship_household_set(actor=world.county_clerk, file=file, household=household_of(90000, 30000, 0),
                                  causes=["illness"])
    assert file.suggested_class == ""
    with pytest.raises(ValidationFailed) as refused:
        hardship_recheck(actor=world.county_clerk, file=file, result="reclassify")
    assert refused.value.field == "result"


def test_the_standards_are_held_per_process_and_reread_once_a_new_version_commits(
        world, django_assert_num_queries, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from gonghui.assistance.rules import STANDARDS_KEY, areas_in_force

    with django_capture_on_commit_callbacks(execute=True):
        chengdu_rule = add(line="1000", effective_from=datetime.date(2025, 1, 1))
    assert rule_in_force(JINJIANG, JAN_2026) == chengdu_rule
    with django_assert_num_queries(0):  # held: the next 困难自测 reads nothing
        assert rule_in_force(JINJIANG, JAN_2026) == chengdu_rule
        areas_in_force(JAN_2026)
    token = cache.get(STANDARDS_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        second = add(line="1200")
        assert rule_in_force(JINJIANG, JAN_2026) == second  # the writer sees its own version at once
    assert cache.get(STANDARDS_KEY) != token  # what every other process compares its copy with
    assert rule_in_force(JINJIANG, JAN_2026) == second
    with django_assert_num_queries(0):
        assert rule_in_force(JINJIANG, JAN_2026) == second


def test_a_rolled_back_version_is_never_held(world, chengdu_rule):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        add(line="1200")
        raise RuntimeError("the request failed after the write")
    assert rule_in_force(JINJIANG, JAN_2026) == chengdu_rule
