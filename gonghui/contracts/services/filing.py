"""签订, 报送 and 审查: the filing is due 10 days after signing (late ones flagged), and a contract the
labour administration does not object to within 15 days of receipt takes effect
(《集体合同规定》第四十二、四十七条); an objection sends it back to negotiation."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import Action
from gonghui.contracts.deadlines import period_end
from gonghui.contracts.models import CollectiveContract
from gonghui.contracts.services.common import clean_day, clean_text, not_before, require_manage
from gonghui.contracts.services.transition import contract_transition
from gonghui.contracts.workflow import FILING_DAYS, REVIEW_DAYS, check_action
from gonghui.core.errors import ValidationFailed


def contract_sign(*, actor: Any, contract: CollectiveContract, signed_on: Any,
                  version: int | None = None) -> CollectiveContract:
    check_action(contract.status, Action.SIGN)
    require_manage(actor, contract, Action.SIGN)
    day = clean_day(signed_on, field="signed_on")
    vote = contract.votes.order_by("-held_on").first()
    not_before(day, vote.held_on if vote else None, field="signed_on", earlier_field="held_on")
    due = period_end(org_path=contract.org_path, start=day, days=FILING_DAYS)
    return contract_transition(actor=actor, contract=contract, action=Action.SIGN, on=day, version=version,
                               changes={"filing_due": due.day, "needs_review": due.needs_review})


def review_dates(org_path: str, filed_on: datetime.date) -> tuple[datetime.date, datetime.date, bool]:
    """The last day of the review period, and the day the contract takes effect without an
    objection: the day after that last day (即行生效 once the 15 days have run out)."""
    end = period_end(org_path=org_path, start=filed_on, days=REVIEW_DAYS)
    return end.day, end.day + datetime.timedelta(days=1), end.needs_review


def contract_file(*, actor: Any, contract: CollectiveContract, filed_on: Any,
                  version: int | None = None) -> CollectiveContract:
    """`filed_on` is the day the labour administration received the text."""
    check_action(contract.status, Action.FILE)
    require_manage(actor, contract, Action.FILE)
    day = clean_day(filed_on, field="filed_on")
    not_before(day, contract.signed_on, field="filed_on", earlier_field="signed_on")
    ends, takes_effect, needs_review = review_dates(contract.org_path, day)
    late = contract.filing_due is not None and day > contract.filing_due
    return contract_transition(actor=actor, contract=contract, action=Action.FILE, on=day, version=version,
                               changes={"filed_late": late, "review_ends_on": ends, "takes_effect_on": takes_effect,
                                        "needs_review": contract.needs_review or needs_review},
                               detail={"late": late})


def contract_object(*, actor: Any, contract: CollectiveContract, objection: str,
                    version: int | None = None) -> CollectiveContract:
    """The department's objection: back to negotiation; the next signing starts the filing again."""
    check_action(contract.status, Action.OBJECT)
    require_manage(actor, contract, Action.OBJECT)
    text = clean_text(objection, field="objection", max_length=1000, required=True)
    return contract_transition(actor=actor, contract=contract, action=Action.OBJECT, note=text, version=version,
                               changes={"objection": text, "takes_effect_on": None, "review_ends_on": None,
                                        "filing_due": None})


def contract_approve(*, actor: Any, contract: CollectiveContract, effective_on: Any,
                     version: int | None = None) -> CollectiveContract:
    """The department said it has no objection before the period ran out (审查意见书)."""
    check_action(contract.status, Action.APPROVE)
    require_manage(actor, contract, Action.APPROVE)
    day = clean_day(effective_on, field="effective_on")
    not_before(day, contract.filed_on, field="effective_on", earlier_field="filed_on")
    if contract.takes_effect_on and day > contract.takes_effect_on:
        raise ValidationFailed(_("审查期限届满即已生效，生效日期不能晚于无异议生效日期。"), field="effective_on",
                               code="after_review")
    return contract_transition(actor=actor, contract=contract, action=Action.APPROVE, on=day, version=version)


def contract_publish(*, actor: Any, contract: CollectiveContract, published_on: Any, note: str = "",
                     version: int | None = None) -> CollectiveContract:
    """公布: made known to all the workers covered (生效之日起及时以适当形式公布)."""
    check_action(contract.status, Action.PUBLISH)
    require_manage(actor, contract, Action.PUBLISH)
    day = clean_day(published_on, field="published_on")
    not_before(day, contract.effective_on, field="published_on", earlier_field="effective_on")
    return contract_transition(actor=actor, contract=contract, action=Action.PUBLISH, on=day, version=version,
                               note=clean_text(note, field="note", max_length=500))
