"""Agenda items put to the vote, the counts of a secret ballot, and the resolution a passed vote allows."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, InvalidFields, ValidationFailed, msg
from gonghui.core.votes import VoteOutcome, clean_ballot, require_passed, vote_outcome
from gonghui.democracy.choices import AgendaKind, CongressForm
from gonghui.democracy.models import AgendaItem, CongressSession
from gonghui.democracy.rules import vote_rule_for
from gonghui.democracy.services.common import audit, clean_choice, clean_text, require_manage


def entitled_for(session: CongressSession) -> int:
    """Who may vote: the term's delegates, or every worker at a 全体职工大会."""
    term = session.term
    if term.congress.form == CongressForm.ASSEMBLY:
        return term.workforce
    return term.delegates.count()


def agenda_item_add(*, actor: Any, session: CongressSession, kind: str, title: str) -> AgendaItem:
    require_manage(actor, session.org_path)
    kind = clean_choice(kind, AgendaKind, field="kind", label=_("事项类型"))
    title = clean_text(title, field="title", max_length=120, required=True)
    with transaction.atomic():
        item = AgendaItem.objects.create(session=session, kind=kind, title=title, org_path=session.org_path)
        audit(actor, "agenda_add", item, {"kind": kind})
    return item


def agenda_vote_record(*, actor: Any, item: AgendaItem, present: Any, in_favour: Any, against: Any = 0,
                       abstained: Any = 0, now: datetime.datetime | None = None) -> VoteOutcome:
    """Record the counts. A meeting short of its quorum cannot vote at all, so that is refused with the
    numbers; a vote that fails its majority is kept as 未通过, with the numbers in its note."""
    require_manage(actor, item.org_path)
    if item.voted_at is not None:
        raise Conflict(_("该事项已表决，不能重复记录。"), field="present", code="already_voted")
    entitled = entitled_for(item.session)
    if entitled == 0:
        raise ValidationFailed(_("本届尚未登记职工代表，无法计算应到人数。"), field="present", code="no_delegates")
    ballot = clean_ballot(entitled=entitled, present=present, in_favour=in_favour, against=against,
                          abstained=abstained)
    rule = vote_rule_for(item.kind)
    outcome = vote_outcome(ballot, rule)
    if not outcome.quorum_met:
        raise InvalidFields([ValidationFailed(outcome.reasons[0], field="present", code="quorum_not_met")])
    note = "" if outcome.passed else str(outcome.reasons[-1])
    with transaction.atomic():
        updated = AgendaItem.objects.filter(pk=item.pk, voted_at__isnull=True).update(
            voted_at=now or timezone.now(), entitled=ballot.entitled, present=ballot.present,
            in_favour=ballot.in_favour, against=ballot.against, abstained=ballot.abstained, passed=outcome.passed,
            outcome_note=note[:300])
        if not updated:
            raise Conflict(_("该事项已表决，不能重复记录。"), field="present", code="already_voted")
        item.refresh_from_db()
        audit(actor, "agenda_vote", item, {"entitled": ballot.entitled, "present": ballot.present,
                                           "in_favour": ballot.in_favour, "against": ballot.against,
                                           "abstained": ballot.abstained, "passed": outcome.passed})
    return outcome


def agenda_resolve(*, actor: Any, item: AgendaItem, resolution: str) -> AgendaItem:
    """Adopt the resolution (决议): only on a vote that met its thresholds, refused with the numbers."""
    require_manage(actor, item.org_path)
    if item.voted_at is None or item.entitled is None:
        raise ValidationFailed(_("请先记录表决结果。"), field="resolution", code="not_voted")
    text = clean_text(resolution, field="resolution", max_length=5000, required=True)
    ballot = clean_ballot(entitled=item.entitled, present=item.present, in_favour=item.in_favour,
                          against=item.against, abstained=item.abstained)
    try:
        require_passed(ballot, vote_rule_for(item.kind))
    except InvalidFields as e:
        raise InvalidFields([ValidationFailed(msg(_("表决未通过，不能形成决议：%(why)s"), {"why": err.message}),
                                              field="resolution", code=err.code) for err in e.errors]) from None
    with transaction.atomic():
        if not AgendaItem.objects.filter(pk=item.pk, resolved_at__isnull=True).update(
                resolution=text, resolved_at=timezone.now()):
            raise Conflict(_("该事项已形成决议。"), field="resolution", code="already_resolved")
        item.refresh_from_db()
        audit(actor, "agenda_resolve", item)
    return item
