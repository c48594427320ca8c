"""Review up the tree: each level checks a nomination, passes it within its quota (a row lock on the
quota, so two cadres cannot both use the last place) or returns it with a reason, and submits its list,
which the call's rules judge as a whole.

The review chain of a nomination is the union that nominated it, every union above it that holds a
quota in the call, and the issuing union at the top.
"""

from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.honours.choices import PASSING_DECISIONS, Action, CallStatus, CheckDecision, NominationStatus
from gonghui.honours.models import Call, CallQuota, HonourNomination, NominationCheck, NominationPlace
from gonghui.honours.rules import ListRules, entry_of, excluded_rank_error, list_errors
from gonghui.honours.screening import screen_one
from gonghui.honours.services.common import clean_choice, clean_text, record_event, require_manage, who
from gonghui.honours.services.transition import nomination_transition
from gonghui.honours.workflow import check_action
from gonghui.orgs import tree
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import scope_for

S = NominationStatus
# At the issuing union, what the final list holds.
ON_FINAL_LIST = (S.SELECTED, S.FINAL, S.NOTICE, S.AWARDED)


def review_chain(*, call: Call, union: TradeUnion) -> list[TradeUnion]:
    """The levels a nomination from `union` passes through, bottom first."""
    between = [p for p in tree.ancestor_paths(union.path) if len(p) > len(call.org_path)]
    with_quota = set(CallQuota.objects.filter(call=call, union__path__in=between).values_list("union__path",
                                                                                             flat=True))
    paths = [union.path] + [p for p in reversed(between) if p in with_quota]
    if union.path != call.org_path:
        paths.append(call.org_path)
    by_path = {u.path: u for u in TradeUnion.objects.filter(path__in=paths)}
    return [by_path[p] for p in paths]


def next_level(nomination: HonourNomination) -> TradeUnion | None:
    """The level above the one holding the nomination, or None at the issuing union."""
    chain = review_chain(call=nomination.call, union=nomination.union)
    paths = [u.path for u in chain]
    at = paths.index(nomination.at_path) if nomination.at_path in paths else len(paths) - 1
    return chain[at + 1] if at + 1 < len(chain) else None


def _open(call: Call) -> None:
    if call.status != CallStatus.OPEN:
        raise ValidationFailed(msg(_("评选通知当前状态为“%(status)s”，不能审核。"), {
            "status": CallStatus(call.status).label}), field="call", code="call_closed")


def nomination_check_record(*, actor: Any, nomination: HonourNomination, decision: str,
                            note: str = "") -> NominationCheck:
    """The level holding the nomination records its decision on the checks, with the findings it saw.
    Recording again at the same level replaces the decision (the timeline keeps both)."""
    check_action(nomination.status, Action.CHECK)
    require_manage(actor, nomination.at_path)
    choice = clean_choice(decision, CheckDecision, field="decision")
    text = clean_text(note, field="note", max_length=500, required=choice != CheckDecision.CLEAR)
    screening = screen_one(scope=scope_for(actor, Perm.HONOURS_MANAGE), nomination=nomination)
    row = who(actor)
    with transaction.atomic():
        check, _created = NominationCheck.objects.update_or_create(
            nomination=nomination, union_id=nomination.at_union_id,
            defaults={"org_path": nomination.at_path, "decision": choice, "note": text,
                      "findings": [f.as_dict() for f in screening.findings], "checked_by_id": row.id,
                      "checked_by_label": row.shown})
        record_event(actor=actor, call=nomination.call, nomination=nomination, union=nomination.at_union,
                     action=Action.CHECK, note=text or str(CheckDecision(choice).label),
                     detail={"decision": choice, "findings": screening.codes})
    return check


def _take_place(nomination: HonourNomination) -> None:
    """Inside the caller's transaction: the level's quota row is locked, so of two cadres passing at
    once the second waits, then sees the place gone."""
    quota = CallQuota.objects.select_for_update().filter(call_id=nomination.call_id,
                                                         union_id=nomination.at_union_id).first()
    if quota is not None:
        if quota.used >= quota.places:
            raise ValidationFailed(msg(_("“%(union)s”的名额为%(places)s个，已全部使用（已通过%(used)s个）。"), {
                "union": nomination.at_union.name, "places": quota.places, "used": quota.used}),
                field="places", code="over_quota")
        CallQuota.objects.filter(pk=quota.pk).update(used=F("used") + 1)
        NominationPlace.objects.create(nomination=nomination, quota=quota)
        return
    call = Call.objects.select_for_update().get(pk=nomination.call_id)
    if nomination.at_path == call.org_path and call.places is not None:
        taken = call.nominations.filter(at_path=call.org_path, status__in=ON_FINAL_LIST).count()
        if taken >= call.places:
            raise ValidationFailed(msg(_("本次评选表彰名额为%(places)s个，已全部使用。"), {"places": call.places}),
                                   field="places", code="over_quota")


def release_places(nomination: HonourNomination, *, only_at: int | None = None) -> None:
    """Give back the places the nomination holds (all, or the one at level `only_at`)."""
    places = NominationPlace.objects.filter(nomination=nomination)
    if only_at is not None:
        places = places.filter(quota__union_id=only_at)
    for place in places.select_related("quota").order_by("quota_id"):
        CallQuota.objects.select_for_update().filter(pk=place.quota_id).update(used=F("used") - 1)
        place.delete()


def nomination_pass(*, actor: Any, nomination: HonourNomination, version: int | None = None) -> HonourNomination:
    """The level holding the nomination passes it onto its list, within its quota, once it has recorded
    a check that lets it through."""
    check_action(nomination.status, Action.PASS)
    require_manage(actor, nomination.at_path)
    call = nomination.call
    _open(call)
    if nomination.status == S.RETURNED and nomination.at_union_id != nomination.union_id:
        raise ValidationFailed(_("退回的推荐对象须由推荐单位修改后重新通过。"), field="status", code="returned")
    check = NominationCheck.objects.filter(nomination=nomination, union_id=nomination.at_union_id).first()
    if check is None:
        raise ValidationFailed(_("请先完成本级核查并记录核查结论。"), field="decision", code="not_checked")
    if check.decision not in PASSING_DECISIONS:
        raise ValidationFailed(_("本级核查结论为存在问题，不能通过；请退回或修改核查结论。"), field="decision",
                               code="check_concern")
    error = excluded_rank_error(entry_of(nomination), _list_rules(call, None))
    if error is not None:
        raise error
    with transaction.atomic():
        _take_place(nomination)
        return nomination_transition(actor=actor, nomination=nomination, action=Action.PASS, version=version,
                                     changes={"returned_reason": ""})


def nomination_unselect(*, actor: Any, nomination: HonourNomination, version: int | None = None) -> HonourNomination:
    """The level takes back its pass before submitting its list; the place is free again."""
    check_action(nomination.status, Action.UNSELECT)
    require_manage(actor, nomination.at_path)
    with transaction.atomic():
        release_places(nomination, only_at=nomination.at_union_id)
        return nomination_transition(actor=actor, nomination=nomination, action=Action.UNSELECT, version=version)


def nomination_return(*, actor: Any, nomination: HonourNomination, reason: str,
                      version: int | None = None) -> HonourNomination:
    """A level above the nominating union sends it back there with a reason; every place it held is freed."""
    check_action(nomination.status, Action.RETURN)
    require_manage(actor, nomination.at_path)
    if nomination.at_union_id == nomination.union_id:
        raise ValidationFailed(_("推荐单位不能退回自己的推荐对象，可撤回。"), field="status", code="own_level")
    text = clean_text(reason, field="reason", max_length=500, required=True)
    with transaction.atomic():
        release_places(nomination)
        return nomination_transition(actor=actor, nomination=nomination, action=Action.RETURN, note=text,
                                     version=version, changes={"returned_reason": text, "at_union": nomination.union,
                                                               "at_path": nomination.org_path})


def _list_rules(call: Call, quota: CallQuota | None) -> ListRules:
    return ListRules(front_line_min_pct=call.front_line_min_pct, women_min_pct=call.women_min_pct,
                     excluded_ranks=tuple(call.excluded_ranks),
                     places=quota.places if quota is not None else call.places)


def level_list(*, call: Call, union: TradeUnion) -> QuerySet[HonourNomination]:
    """A level's whole list: what it has passed in this call, submitted or not."""
    if union.path == call.org_path:
        return call.nominations.filter(at_path=call.org_path, status__in=ON_FINAL_LIST)
    return call.nominations.filter(places__quota__call=call, places__quota__union=union).exclude(
        status__in=(S.WITHDRAWN, S.RETURNED)) | call.nominations.filter(at_union=union, status=S.SELECTED)


def level_list_submit(*, actor: Any, call: Call, union: TradeUnion) -> list[HonourNomination]:
    """Submit what `union` has passed: the call's rules (quota, front-line share, women's share,
    excluded ranks) are judged over its whole list, each broken rule named with its numbers; then every
    passed nomination moves to the next level, or, at the issuing union, onto the final list."""
    require_manage(actor, union.path)
    _open(call)
    with transaction.atomic():
        quota = CallQuota.objects.select_for_update().filter(call=call, union=union).first()
        selected = list(call.nominations.select_for_update().filter(at_union=union, status=S.SELECTED)
                        .select_related("call", "union", "at_union").order_by("pk"))
        if not selected:
            raise ValidationFailed(_("本级还没有审核通过的推荐对象。"), field="nominations", code="empty_list")
        judged = quota is not None or union.path == call.org_path
        whole = list(level_list(call=call, union=union).distinct()) if judged else selected
        rules = _list_rules(call, quota)
        if not judged:  # a nominating union without a quota: only the per-nominee rules apply here
            rules = ListRules(0, 0, rules.excluded_ranks, None)
        errors = list_errors([entry_of(n) for n in whole], rules)
        if errors:
            raise InvalidFields(errors)
        moved = []
        for nomination in selected:
            above = next_level(nomination)
            if above is None:
                moved.append(nomination_transition(actor=actor, nomination=nomination, action=Action.SUBMIT,
                                                   target=S.FINAL))
            else:
                moved.append(nomination_transition(actor=actor, nomination=nomination, action=Action.SUBMIT,
                                                   changes={"at_union": above, "at_path": above.path},
                                                   note=above.name))
    return moved
