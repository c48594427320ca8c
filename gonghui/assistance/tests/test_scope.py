"""Who sees and acts on which files: the holding union's subtree and the levels above it."""

import pytest

from gonghui.assistance.models import HardshipFile
from gonghui.assistance.selectors import hardship_get, hardship_history, hardship_list, recheck_due_list
from gonghui.assistance.services import hardship_apply, hardship_review
from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def test_a_county_sees_its_files_and_another_county_none(world, survey, county2_admin):
    file = survey()
    county = scope_for(world.county_clerk, Perm.HARDSHIP_VIEW)
    other = scope_for(county2_admin, Perm.HARDSHIP_VIEW)
    assert list(hardship_list(scope=county)) == [file]
    assert not hardship_list(scope=other).exists()
    assert hardship_get(scope=county, pk=file.pk) == file
    with pytest.raises(NotFound):
        hardship_get(scope=other, pk=file.pk)
    with pytest.raises(NotFound):
        hardship_get(scope=county, pk="not-a-number")


def test_the_province_sees_every_county_and_the_other_province_nothing(world, survey):
    survey()
    survey(union=world.county2, actor=world.province_officer)
    assert hardship_list(scope=scope_for(world.province_officer, Perm.HARDSHIP_VIEW)).count() == 2
    assert not hardship_list(scope=scope_for(world.other_province_officer, Perm.HARDSHIP_VIEW)).exists()
    assert hardship_list(scope=scope_for(world.no_grants, Perm.HARDSHIP_VIEW)).count() == 0


def test_a_cadre_cannot_survey_or_act_outside_the_grant(world, survey, county2_admin):
    with pytest.raises(NotFound):
        survey(actor=world.county_clerk, union=world.county2)
    file = survey()
    with pytest.raises(NotFound):
        hardship_apply(actor=county2_admin, file=file)
    file = hardship_apply(actor=world.county_clerk, file=file)
    with pytest.raises(NotFound):
        hardship_review(actor=county2_admin, file=file)
    assert HardshipFile.objects.get(pk=file.pk).status == "applied"


def test_lists_filter_by_status_class_and_cause(world, survey, filed_file):
    scope = scope_for(world.county_clerk, Perm.HARDSHIP_VIEW)
    surveyed = survey(causes=("disability", "single_parent"))
    filed = filed_file(causes=("illness",))
    assert list(hardship_list(scope=scope, status="filed")) == [filed]
    assert list(hardship_list(scope=scope, hardship_class="deep")) == [filed]
    assert list(hardship_list(scope=scope, cause="single_parent")) == [surveyed]
    assert list(hardship_list(scope=scope, query="张困难").order_by("pk")) == [surveyed, filed]
    assert list(hardship_list(scope=scope, query=filed.number)) == [filed]
    assert not hardship_list(scope=scope, due_recheck=True).exists()
    assert not recheck_due_list(scope=scope).exists()
    assert list(recheck_due_list(scope=scope, within_days=400)) == [filed]


def test_the_list_and_the_history_read_a_fixed_number_of_queries(world, survey, filed_file,
                                                                django_assert_num_queries):
    for _ in range(3):
        survey(causes=("illness", "education"))
    file = filed_file()
    scope = scope_for(world.county_clerk, Perm.HARDSHIP_VIEW)
    with django_assert_num_queries(2):  # files with their unions, then every file's causes
        rows = list(hardship_list(scope=scope))
        assert len(rows) == 4 and all(r.union.name for r in rows) and rows[-1].causes.all()
    with django_assert_num_queries(6):
        history = hardship_history(file=file)
    assert len(history.household) == 3 and [f.pk for f in history.chain] == [file.pk]
