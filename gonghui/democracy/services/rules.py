"""Changing the rules' numbers: they apply to the whole deployment, so only whoever manages 民主管理
at the root of the tree may change them."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import InvalidFields, PermissionDenied, ValidationFailed, msg
from gonghui.core.votes import VoteBase
from gonghui.democracy.choices import AgendaKind, RuleCode
from gonghui.democracy.models import DemocracyRule
from gonghui.democracy.rule_models import AgendaRule
from gonghui.democracy.selectors import may_change_rules
from gonghui.democracy.services.common import who
from gonghui.orgs.choices import Ownership

PERCENTS = {RuleCode.MIN_DELEGATE_PERCENT, RuleCode.MAX_LEADER_PERCENT, RuleCode.PROPORTION_TOLERANCE}


def _require_root(actor: Any) -> None:
    if may_change_rules(actor):
        return
    raise PermissionDenied(_("只有在最高一级工会拥有民主管理权限的人员才能修改民主管理规则。"))


def rule_set(*, actor: Any, code: str, value: Any) -> DemocracyRule:
    _require_root(actor)
    if code not in RuleCode.values:
        raise ValidationFailed(_("规则无效。"), field="code")
    label = RuleCode(code).label
    row_values: dict[str, Any]
    if code == RuleCode.DIRECTOR_OWNERSHIPS:
        codes = [c.strip() for c in str(value).split(",") if c.strip()]
        bad = [c for c in codes if c not in Ownership.values]
        if not codes or bad:
            raise ValidationFailed(msg(_("%(rule)s须为经济类型代码，以逗号分隔。"), {"rule": label}), field="value")
        row_values = {"text": ",".join(codes)}
    else:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValidationFailed(msg(_("%(rule)s须为数字。"), {"rule": label}), field="value") from None
        whole = number == number.to_integral()
        if number < 0 or (code in PERCENTS and number > 100) or (code not in PERCENTS and not whole):
            raise ValidationFailed(msg(_("%(rule)s的取值“%(v)s”无效。"), {"rule": label, "v": value}), field="value")
        row_values = {"value": number}
    with transaction.atomic():
        row, _created = DemocracyRule.objects.update_or_create(code=code, defaults=row_values)
        audit_record(actor=who(actor), action="democracy.rule_set", obj=row, detail={"code": code, "value": str(value)})
    return row


AGENDA_FIELDS = {"quorum": _("出席比例"), "quorum_base": _("出席比例基数"), "majority": _("同意比例"),
                 "majority_base": _("同意比例基数")}
_SMALL = 32767  # the columns are small integers


def _fraction(value: Any, *, field: str, required: bool) -> tuple[int, int] | None:
    """"2/3" (or "1", the whole) as (2, 3); a fraction in (0, 1], in whole numbers."""
    text = str(value if value is not None else "").strip().replace("／", "/")
    if not text:
        if required:
            raise ValidationFailed(msg(_("请填写%(field)s（如 1/2）。"), {"field": AGENDA_FIELDS[field]}),
                                   field=field, code="required")
        return None
    top, _slash, bottom = text.partition("/")
    bottom = bottom or "1"
    if not (top.strip().isdigit() and bottom.strip().isdigit()):
        top, bottom = "0", "0"
    n, d = int(top), int(bottom)
    if not (0 < n <= d <= _SMALL):
        raise ValidationFailed(msg(_("%(field)s须为大于0、不超过1的分数，如 2/3，现为“%(v)s”。"), {
            "field": AGENDA_FIELDS[field], "v": text[:20]}), field=field, code="fraction")
    return n, d


def _base(value: Any, *, field: str) -> str:
    if value not in VoteBase.values:
        raise ValidationFailed(msg(_("%(field)s须为应到人数或实到人数。"), {"field": AGENDA_FIELDS[field]}),
                               field=field, code="choice")
    return str(value)


def agenda_rule_set(*, actor: Any, kind: str, quorum: Any, quorum_base: Any, majority: Any, majority_base: Any,
                    quorum_inclusive: bool = True, majority_inclusive: bool = True) -> AgendaRule:
    """What an agenda item of `kind` needs to pass (an empty quorum: none). Every bad field is named
    at once, and nothing changes unless all are good."""
    _require_root(actor)
    if kind not in AgendaKind.values:
        raise ValidationFailed(_("事项类型无效。"), field="kind", code="choice")
    errors: list[ValidationFailed] = []
    values: dict[str, Any] = {}
    for field, check in (("quorum", lambda: _fraction(quorum, field="quorum", required=False)),
                         ("quorum_base", lambda: _base(quorum_base, field="quorum_base")),
                         ("majority", lambda: _fraction(majority, field="majority", required=True)),
                         ("majority_base", lambda: _base(majority_base, field="majority_base"))):
        try:
            values[field] = check()
        except ValidationFailed as exc:
            errors.append(exc)
    if errors:
        raise InvalidFields(errors)
    q, m = values["quorum"], values["majority"]
    row_values = {"quorum_numerator": q[0] if q else None, "quorum_denominator": q[1] if q else None,
                  "quorum_base": values["quorum_base"], "quorum_inclusive": bool(quorum_inclusive),
                  "majority_numerator": m[0], "majority_denominator": m[1],
                  "majority_base": values["majority_base"], "majority_inclusive": bool(majority_inclusive)}
    with transaction.atomic():
        row, _created = AgendaRule.objects.select_for_update().update_or_create(kind=kind, defaults=row_values)
        audit_record(actor=who(actor), action="democracy.agenda_rule_set", obj=row, detail={
            "kind": kind, "quorum": f"{q[0]}/{q[1]}" if q else "", "majority": f"{m[0]}/{m[1]}",
            "quorum_base": row.quorum_base, "majority_base": row.majority_base,
            "quorum_inclusive": row.quorum_inclusive, "majority_inclusive": row.majority_inclusive})
    return row
