"""受理: a call, a web form, a walk-in or a portal request becomes a numbered case.

Every field is checked and every error names its field; the caller is linked to the registry
when the phone or identity number matches a live member; a possible duplicate is pointed out,
not refused, because a second call about the same employer is often a second worker.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.cases import limits
from gonghui.cases.choices import Action, Category, Channel, Difficulty, Kind, Line, Status
from gonghui.cases.deadlines import deadline_for
from gonghui.cases.models import Case
from gonghui.cases.numbering import allocate_case_number
from gonghui.cases.services.caller_notice import notify_caller
from gonghui.cases.services.common import clean_choice, clean_text, label_of, record_case_steps
from gonghui.cases.workflow import check_action
from gonghui.core.crypto import blind_index, blind_index_candidates
from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.idnumbers import IdentityNumber, IdType, mask_id, mask_phone, parse_identity, parse_mobile
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.core.validators import normalize_credit_code
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.cleaning import identity_index
from gonghui.members.models import Member
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.orgs.scope import require, scope_for

DESCRIPTION_MAX = limits.DESCRIPTION


@dataclass
class CleanIntake:
    values: dict[str, Any] = field(default_factory=dict)
    phone: str = field(default="", repr=False)
    id_type: str = ""
    id_number: str = field(default="", repr=False)


@dataclass(frozen=True)
class IntakeResult:
    case: Case
    # Earlier cases in the actor's scope from the same phone or employer (30 days): a hint only.
    possible_duplicates: list[str]


def _collect(errors: list[ValidationFailed], func: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return func(*args, **kwargs)
    except InvalidFields as exc:
        errors.extend(exc.errors)
    except ValidationFailed as exc:
        errors.append(exc)
    return None


def clean_flag(value: Any, *, field: str) -> bool:
    """A yes/no as forms, the API and spreadsheets send it; anything else is named, not guessed."""
    if value in (None, "", False, 0):
        return False
    if value is True or value == 1:
        return True
    text = normalize_text(str(value)).lower()
    if text in ("1", "true", "on", "yes", "是"):
        return True
    if text in ("0", "false", "off", "no", "否"):
        return False
    raise ValidationFailed(msg(_("%(field)s应为“是”或“否”。"), {"field": label_of(field)}), field=field,
                           code="format")


def _clean_region(value: Any) -> Region | None:
    if value in (None, ""):
        return None
    if isinstance(value, Region):
        return value
    region = Region.objects.filter(adcode=normalize_text(str(value))).first()
    if region is None:
        raise ValidationFailed(_("行政区划代码不存在。"), field="region", code="region")
    return region


def _clean_employer(value: Any, credit_code: str) -> Employer | None:
    if isinstance(value, Employer):
        return value
    if credit_code:
        return Employer.objects.filter(credit_code=credit_code).first()
    return None


def _clean_received_at(value: Any, now: datetime.datetime) -> datetime.datetime:
    if value in (None, ""):
        return now
    if not isinstance(value, datetime.datetime) or timezone.is_naive(value):
        raise ValidationFailed(_("受理时间格式无效。"), field="received_at", code="format")
    if value > now + datetime.timedelta(minutes=5):
        raise ValidationFailed(_("受理时间不能晚于现在。"), field="received_at", code="future")
    return value


def clean_intake(data: dict[str, Any], *, now: datetime.datetime, phone_required: bool = True) -> CleanIntake:
    """Judge every field at once and raise InvalidFields listing each wrong one."""
    errors: list[ValidationFailed] = []
    out = CleanIntake()
    v = out.values
    v["line"] = _collect(errors, clean_choice, data.get("line") or Line.HOTLINE, Line, field="line")
    v["channel"] = _collect(errors, clean_choice, data.get("channel") or Channel.PHONE, Channel, field="channel")
    v["kind"] = _collect(errors, clean_choice, data.get("kind") or Kind.COMPLAINT, Kind, field="kind")
    v["category"] = _collect(errors, clean_choice, data.get("category"), Category, field="category", required=False)
    anonymous = bool(data.get("anonymous"))
    v["anonymous"] = anonymous
    v["identity_withheld"] = _collect(errors, clean_flag, data.get("identity_withheld"), field="identity_withheld")
    v["caller_name"] = _collect(errors, clean_text, data.get("caller_name"), field="caller_name",
                                max_length=limits.CALLER_NAME, required=not anonymous)
    phone = _collect(errors, parse_mobile, data.get("caller_phone"), field="caller_phone",
                     required=phone_required and not anonymous)
    out.phone = phone or ""
    raw_id = normalize_text(data.get("caller_id_number"))
    if raw_id:
        id_type = data.get("caller_id_type") or IdType.RESIDENT
        identity = _collect(errors, parse_identity, id_type, raw_id, field="caller_id_number")
        if identity is not None:
            out.id_type, out.id_number = identity.id_type, identity.number
    v["employer_name"] = _collect(errors, clean_text, data.get("employer_name"), field="employer_name",
                                  max_length=limits.EMPLOYER_NAME)
    credit_code = ""
    if normalize_text(data.get("employer_credit_code")):
        credit_code = _collect(errors, normalize_credit_code, data.get("employer_credit_code"),
                               field="employer_credit_code") or ""
    v["employer_credit_code"] = credit_code
    employer = _clean_employer(data.get("employer"), credit_code)
    v["employer"] = employer
    if employer is not None:
        v["employer_name"] = v["employer_name"] or employer.name
        v["employer_credit_code"] = credit_code or employer.credit_code
    v["address"] = _collect(errors, clean_text, data.get("address"), field="address", max_length=limits.ADDRESS)
    v["region"] = _collect(errors, _clean_region, data.get("region"))
    v["description"] = _collect(errors, clean_text, data.get("description"), field="description",
                                max_length=DESCRIPTION_MAX, required=True)
    v["received_at"] = _collect(errors, _clean_received_at, data.get("received_at"), now)
    if errors:
        raise InvalidFields(errors)
    return out


def live_member_for(phone: str, id_type: str, id_number: str) -> int | None:
    """The id of the registry's person behind the caller, only when the match is unambiguous (the
    id alone: the member's row, with its encrypted fields, is not needed to link the case)."""
    live = Member.objects.filter(status__in=LIVE_STATUSES)
    if id_number:
        by_id = (live.filter(id_index__in=blind_index_candidates(f"{id_type}:{id_number}"))
                 .values_list("pk", flat=True).first())
        if by_id is not None:
            return by_id
    if phone:
        # A family phone may be registered to several people; then nobody is linked.
        by_phone = list(live.filter(phone_index__in=blind_index_candidates(phone)).values_list("pk", flat=True)[:2])
        if len(by_phone) == 1:
            return by_phone[0]
    return None


def personal_fields(clean: CleanIntake) -> dict[str, Any]:
    phone, number = clean.phone, clean.id_number
    return {
        "caller_phone": phone, "caller_phone_index": blind_index(phone) if phone else "",
        "caller_phone_masked": mask_phone(phone) if phone else "",
        "caller_id_type": clean.id_type if number else "", "caller_id_number": number,
        "caller_id_index": identity_index_of(clean.id_type, number) if number else "",
        "caller_id_masked": mask_id(number) if number else "",
    }


def identity_index_of(id_type: str, number: str) -> str:
    return identity_index(IdentityNumber(id_type, number))


@dataclass(frozen=True)
class FirstSteps:
    """What the agent settles while still on the call: 分类定级 and the union to dispatch to."""

    category: str
    difficulty: str
    dispatch_to: TradeUnion | None = None


def create_case(*, actor: Any, union: TradeUnion, clean: CleanIntake, note: str = "",
                steps: FirstSteps | None = None) -> Case:
    """The insert shared by the console's intake and the portal's submission; callers check who may.

    With `steps`, the case is written already classified (and dispatched) in the same insert, with
    each step's timeline row, as the transitions would leave it: a call the agent settles on the
    line is one write, not three, and never half-done.
    """
    if not union.is_active:
        raise ValidationFailed(_("受理工会已合并或撤销。"), field="union", code="union_ended")
    values = clean.values
    received_at: datetime.datetime = values["received_at"]
    now = timezone.now()
    state: dict[str, Any] = {"status": Status.RECEIVED, "handling_union": union, "org_path": union.path}
    timeline: list[tuple[str, str, str, Any, Any]] = [(Action.INTAKE, "", Status.RECEIVED, None, union)]
    if steps is not None:
        state.update(status=Status.CLASSIFIED, category=steps.category, difficulty=steps.difficulty,
                     classified_at=now)
        timeline.append((Action.CLASSIFY, Status.RECEIVED, Status.CLASSIFIED, None, None))
        if steps.dispatch_to is not None and steps.dispatch_to.pk != union.pk:
            state.update(status=Status.DISPATCHED, handling_union=steps.dispatch_to, org_path=steps.dispatch_to.path,
                         dispatched_from=union, dispatched_at=now)
            timeline.append((Action.DISPATCH, Status.CLASSIFIED, Status.DISPATCHED, union, steps.dispatch_to))
    # A request not yet classified is due as an ordinary one (一般问题当天办结) from receipt, so the caller
    # can be told a date at once; classifying recomputes it by the difficulty, from the same receipt.
    deadline = deadline_for(org_path=state["org_path"], difficulty=steps.difficulty if steps else Difficulty.ORDINARY,
                            counted_from=received_at)
    state.update(due_at=deadline.due_at, needs_review=deadline.needs_review)
    # Read before the transaction: the year's number counter stays locked only for the writes.
    member_id = live_member_for(clean.phone, clean.id_type, clean.id_number)
    with transaction.atomic():
        number = allocate_case_number(values["line"], timezone.localtime(received_at).year)
        case = Case.objects.create(number=number, intake_union=union, member_id=member_id,
                                   **{**values, **state}, **personal_fields(clean))
        record_case_steps(actor=actor, case=case, steps=timeline, note=note,
                          detail={"channel": case.channel, "line": case.line})
        notify_caller(case, Action.INTAKE)
    return case


def case_intake(*, actor: Any, union: TradeUnion, data: dict[str, Any], difficulty: str = "",
                dispatch_to: TradeUnion | None = None) -> IntakeResult:
    """A cadre (hotline agent, a union's office) records a request received at `union`; with a
    `difficulty` (and the category in `data`) it is classified at once, and sent to `dispatch_to`.

    The same checks as the separate transitions: classifying and dispatching need case.handle at
    the intake union, and the receiving union must lie in the agent's own subtree.
    """
    require(actor, Perm.CASE_INTAKE, union.path, visible_permission="case.view")
    clean = clean_intake(data, now=timezone.now())
    steps = None
    if difficulty or dispatch_to is not None:
        steps = first_steps(actor=actor, union=union, clean=clean, difficulty=difficulty, dispatch_to=dispatch_to)
    case = create_case(actor=actor, union=union, clean=clean, steps=steps)
    from gonghui.cases.selectors import duplicate_numbers

    duplicates = duplicate_numbers(scope=scope_for(actor, Perm.CASE_VIEW), phone=clean.phone, employer=case.employer,
                                   credit_code=case.employer_credit_code, exclude=case)
    return IntakeResult(case=case, possible_duplicates=duplicates)


def first_steps(*, actor: Any, union: TradeUnion, clean: CleanIntake, difficulty: str,
                dispatch_to: TradeUnion | None) -> FirstSteps:
    category = clean.values.get("category") or ""
    errors: list[ValidationFailed] = []
    if not category:
        errors.append(ValidationFailed(_("分类定级须选择问题类别。"), field="category", code="required"))
    level = _collect(errors, clean_choice, difficulty, Difficulty, field="difficulty")
    if errors:
        raise InvalidFields(errors)
    check_action(Status.RECEIVED, Action.CLASSIFY)
    require(actor, Perm.CASE_HANDLE, union.path, visible_permission="case.view")
    if dispatch_to is not None and dispatch_to.pk != union.pk:
        check_action(Status.CLASSIFIED, Action.DISPATCH)
        if not dispatch_to.is_active:
            raise ValidationFailed(_("接收工会已合并或撤销。"), field="union", code="union_ended")
        require(actor, Perm.CASE_HANDLE, dispatch_to.path, visible_permission="case.view")
    return FirstSteps(category=category, difficulty=level, dispatch_to=dispatch_to)
