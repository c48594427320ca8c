"""Issuing a call (评选通知) with its rules, its quotas per subordinate union, and award kinds as data."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.honours.choices import UNION_LEVEL_OF, Action, AwardLevel, CallStatus, NomineeType, Rank
from gonghui.honours.models import AwardKind, Call, CallQuota
from gonghui.honours.services.common import (
    clean_choice,
    clean_day,
    clean_int,
    clean_text,
    label_of,
    record_event,
    require_manage,
    who,
)
from gonghui.honours.workflow import check_call_action
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require


def award_kind_add(*, actor: Any, code: str, name: str, honour: str, level: str, nominee_type: str,
                   enters_register: bool = False, repeat_years: int = 0) -> AwardKind:
    """Kinds are national: only whoever manages honours at the root adds one."""
    root = TradeUnion.objects.order_by("depth", "path").first()
    if root is None:
        raise NotFound()
    require(actor, Perm.HONOURS_MANAGE, root.path, visible_permission=Perm.HONOURS_VIEW)
    clean_code = clean_text(code, field="code", max_length=40, required=True)
    clean_name = clean_text(name, field="name", max_length=60, required=True)
    if AwardKind.objects.filter(code=clean_code).exists() or AwardKind.objects.filter(name=clean_name).exists():
        raise ValidationFailed(msg(_("荣誉种类“%(name)s”已存在。"), {"name": clean_name}), field="name",
                               code="duplicate")
    with transaction.atomic():
        kind = AwardKind.objects.create(
            code=clean_code, name=clean_name, honour=clean_text(honour, field="honour", max_length=30, required=True),
            level=clean_choice(level, AwardLevel, field="level"),
            nominee_type=clean_choice(nominee_type, NomineeType, field="nominee_type"),
            enters_register=bool(enters_register),
            repeat_years=clean_int(repeat_years, field="repeat_years", low=0, high=20) or 0)
        audit_record(actor=who(actor), action="honours.kind_add", obj=kind, org_path=root.path)
    return kind


def call_issue(*, actor: Any, union: TradeUnion, kind: AwardKind, year: int, title: str,
               nominations_due: datetime.date, reviews_due: datetime.date, places: int | None = None,
               front_line_min_pct: int = 0, women_min_pct: int = 0, excluded_ranks: list[str] | tuple[str, ...] = (),
               notice_working_days: int = 5, document_number: str = "", rules_note: str = "") -> Call:
    """A union issues a call for a kind of its own level (a province union: 省五一劳动奖章)."""
    require_manage(actor, union.path)
    if not kind.is_active:
        raise ValidationFailed(_("该荣誉种类已停用。"), field="kind", code="inactive")
    if UNION_LEVEL_OF[AwardLevel(kind.level)] != union.level:
        raise ValidationFailed(msg(_("%(kind)s应由%(level)s工会发布评选通知。"), {
            "kind": kind.name, "level": AwardLevel(kind.level).label}), field="kind", code="level_mismatch")
    nominations = clean_day(nominations_due, field="nominations_due")
    reviews = clean_day(reviews_due, field="reviews_due")
    if reviews < nominations:
        raise ValidationFailed(msg(_("%(field)s不能早于%(other)s（%(day)s）。"), {
            "field": label_of("reviews_due"), "other": label_of("nominations_due"), "day": nominations.isoformat()}),
            field="reviews_due", code="dates_backwards")
    ranks = [clean_choice(r, Rank, field="excluded_ranks") for r in excluded_ranks]
    values = {
        "year": clean_int(year, field="year", low=1950, high=2100),
        "title": clean_text(title, field="title", max_length=120, required=True),
        "document_number": clean_text(document_number, field="document_number", max_length=60),
        "places": clean_int(places, field="places", low=1, high=100000, required=False),
        "front_line_min_pct": clean_int(front_line_min_pct, field="front_line_min_pct", low=0, high=100),
        "women_min_pct": clean_int(women_min_pct, field="women_min_pct", low=0, high=100),
        "notice_working_days": clean_int(notice_working_days, field="notice_working_days", low=1, high=30),
        "rules_note": clean_text(rules_note, field="rules_note", max_length=5000),
    }
    with transaction.atomic():
        call = Call.objects.create(union=union, org_path=union.path, kind=kind, nominations_due=nominations,
                                   reviews_due=reviews, excluded_ranks=sorted(set(ranks)), **values)
        record_event(actor=actor, call=call, action=Action.ISSUE, union=union, new_status=call.status,
                     note=call.title)
    return call


def call_quota_set(*, actor: Any, call: Call, union: TradeUnion, places: int) -> CallQuota:
    """The issuing union gives a union in its subtree a number of places; never fewer than it has used."""
    check_call_action(call.status, Action.QUOTA)
    require_manage(actor, call.org_path)
    if union.pk == call.union_id or not union.path.startswith(call.org_path):
        raise ValidationFailed(msg(_("“%(union)s”不是发文工会的下级工会，不能分配名额。"), {"union": union.name}),
                               field="union", code="not_subordinate")
    count = clean_int(places, field="places", low=0, high=100000) or 0
    with transaction.atomic():
        quota = CallQuota.objects.select_for_update().filter(call=call, union=union).first()
        if quota is not None and count < quota.used:
            raise ValidationFailed(msg(_("“%(union)s”已通过%(used)s个推荐对象，名额不能少于%(used)s个。"), {
                "union": union.name, "used": quota.used}), field="places", code="below_used")
        old = quota.places if quota is not None else None
        if quota is None:
            quota = CallQuota.objects.create(call=call, union=union, org_path=union.path, places=count)
        else:
            CallQuota.objects.filter(pk=quota.pk).update(places=count)
            quota.refresh_from_db()
        record_event(actor=actor, call=call, action=Action.QUOTA, union=union, note=f"{union.name}: {count}",
                     detail={"union": union.pk, "old": old, "places": count})
    return quota


def call_transition(*, actor: Any, call: Call, action: str, note: str = "") -> Call:
    """The call's own steps (公示 opened, decided, cancelled), compare-and-set on status and version."""
    rule = check_call_action(call.status, action)
    require_manage(actor, call.org_path)
    old = call.status
    with transaction.atomic():
        if not Call.objects.filter(pk=call.pk, status=old, version=call.version).update(
                status=rule.target or old, version=F("version") + 1):
            raise Conflict(_("该评选通知刚刚已被他人办理，请刷新后再操作。"), code="concurrent_change")
        call.refresh_from_db()
        record_event(actor=actor, call=call, action=action, old_status=old, new_status=call.status, note=note)
    return call


def call_cancel(*, actor: Any, call: Call, reason: str) -> Call:
    text = clean_text(reason, field="reason", max_length=500, required=True)
    return call_transition(actor=actor, call=call, action=Action.CANCEL, note=text)


def call_decide(*, actor: Any, call: Call) -> Call:
    """The call ends once every nominee on the 公示 is awarded or rejected."""
    from gonghui.honours.choices import NominationStatus

    waiting = call.nominations.filter(status=NominationStatus.NOTICE).count()
    if waiting:
        raise ValidationFailed(msg(_("还有%(n)s个公示对象未作出表彰决定。"), {"n": waiting}), field="status",
                               code="undecided")
    return call_transition(actor=actor, call=call, action=Action.DECIDE)


__all__ = ["CallStatus", "award_kind_add", "call_cancel", "call_decide", "call_issue", "call_quota_set",
           "call_transition"]
