"""Reads: calls reach the unions below their issuer, lists by level, progress per quota, to-do counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.honours.choices import Action, NominationStatus, WorkerCategory
from gonghui.honours.models import AwardKind
from gonghui.honours.selectors import (
    call_list,
    call_progress,
    level_list_summary,
    nomination_actions,
    nomination_get,
    nomination_list,
    todo_counts,
)
from gonghui.honours.services import (
    call_issue,
    level_list_submit,
    nomination_attach,
    nomination_edit,
    nomination_withdraw,
)
from gonghui.honours.tests.conftest import NOMINATIONS_DUE, REVIEWS_DUE, D, issue, kind, nominate, pass_here
from gonghui.honours.todos import honours_todos
from gonghui.orgs.scope import scope_for


def view(user):
    return scope_for(user, Perm.HONOURS_VIEW)


def test_the_seeded_kinds_say_their_level_nominee_and_register_rule(db):
    medal = AwardKind.objects.get(name="省五一劳动奖章")
    assert (medal.level, medal.nominee_type, medal.enters_register, medal.repeat_years) == ("province", "person",
                                                                                           False, 5)
    assert AwardKind.objects.get(name="全国劳动模范").enters_register
    assert AwardKind.objects.get(name="市工人先锋号").nominee_type == "team"


def test_a_call_is_issued_only_by_a_union_of_the_kinds_level(world):
    with pytest.raises(ValidationFailed) as refused:
        call_issue(actor=world.province_officer, union=world.province, kind=kind("national_labour_medal"), year=2026,
                   title="t", nominations_due=NOMINATIONS_DUE, reviews_due=REVIEWS_DUE)
    assert refused.value.code == "level_mismatch"


def test_a_call_reaches_the_unions_below_its_issuer_and_no_other_province(world, cadres, call):
    assert list(call_list(scope=view(cadres.county))) == [call]
    assert list(call_list(scope=view(cadres.grassroots))) == [call]
    assert not call_list(scope=view(world.other_province_officer)).exists()


def test_lists_and_progress_follow_the_level(world, cadres, call):
    mine = nominate(cadres.county, call, world.county, name="甲")
    nominate(cadres.county2, call, world.county2, name="乙")
    waiting = nomination_list(scope=view(cadres.county), show="waiting")
    assert list(waiting) == [mine]
    with pytest.raises(NotFound):
        nomination_get(scope=view(cadres.county), pk=nominate(cadres.county2, call, world.county2, name="丙").pk)
    pass_here(cadres.county, mine)
    [row] = call_progress(scope=view(cadres.county), call=call)
    assert (row.union.pk, row.places, row.used, row.left, row.selected) == (world.county.pk, 1, 1, 0, 1)
    assert len(call_progress(scope=view(cadres.province), call=call)) == 3
    counts = todo_counts(scope=scope_for(cadres.county, Perm.HONOURS_MANAGE))
    assert (counts["waiting"], counts["selected"], counts["objections"]) == (0, 1, 0)
    assert {t.key: t.count for t in honours_todos(user=cadres.province)}["honours.waiting"] == 0


def test_the_summary_shows_the_rules_the_list_breaks_before_it_is_submitted(world, cadres):
    call = issue(world, front_line_min_pct=50)
    pass_here(cadres.province, nominate(cadres.province, call, world.province, category=WorkerCategory.MANAGEMENT))
    summary = level_list_summary(scope=view(cadres.province), call=call, union=world.province)
    assert (summary.count, summary.front_line) == (1, 0)
    assert "低于评选通知要求的50%" in str(summary.problems[0])


def test_the_nominating_union_edits_attaches_and_withdraws_only_while_it_holds_the_nomination(world, cadres, call):
    nomination = nominate(cadres.grassroots, call, world.grassroots)
    nomination_edit(actor=cadres.grassroots, nomination=nomination, data={"deeds_summary": "技术革新能手"})
    nomination_attach(actor=cadres.grassroots, nomination=nomination,
                      upload=SimpleUploadedFile("事迹.pdf", b"%PDF-1.4 deeds", content_type="application/pdf"))
    assert nomination.documents.count() == 1
    assert Action.WITHDRAW in nomination_actions(scope=scope_for(cadres.grassroots, Perm.HONOURS_MANAGE),
                                                 nomination=nomination)
    pass_here(cadres.grassroots, nomination)
    level_list_submit(actor=cadres.grassroots, call=call, union=world.grassroots)
    nomination.refresh_from_db()
    with pytest.raises(ValidationFailed) as refused:
        nomination_withdraw(actor=cadres.grassroots, nomination=nomination, reason="本人放弃")
    assert refused.value.code == "not_at_own_level" and world.county.name in str(refused.value.message)
    assert nomination_actions(scope=scope_for(cadres.grassroots, Perm.HONOURS_MANAGE), nomination=nomination) == []


def test_it_refuses_a_nomination_after_the_deadline_naming_it(world, cadres, call):
    from gonghui.honours.services import nomination_create
    from gonghui.honours.tests.conftest import person

    with pytest.raises(ValidationFailed) as refused:
        nomination_create(actor=cadres.county, call=call, union=world.county, data=person(), today=D(2027, 4, 1))
    assert refused.value.code == "nominations_closed" and "2027-03-31" in str(refused.value.message)
    assert not call.nominations.filter(status=NominationStatus.PENDING).exists()


def test_a_union_that_moves_takes_its_nominations_and_the_level_holding_them_along(world, cadres, call):
    from gonghui.orgs.services import union_move

    nomination = nominate(cadres.grassroots, call, world.grassroots)
    moved = union_move(actor=world.province_officer, union=world.township, new_parent=world.city2)
    nomination.refresh_from_db()
    world.grassroots.refresh_from_db()
    assert nomination.org_path == nomination.at_path == world.grassroots.path
    assert nomination.org_path.startswith(moved.path)
