"""The 职代会 system of an employer: establish it, open a term, hold a session, elect the delegates."""

import datetime
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, InvalidFields, ValidationFailed, msg
from gonghui.core.idnumbers import parse_resident_id
from gonghui.democracy.choices import CongressForm, DelegateCategory, RuleCode
from gonghui.democracy.models import CongressSession, CongressTerm, Delegate, WorkersCongress
from gonghui.democracy.rules import DelegateRow, composition_checks, current_rules, require_composition
from gonghui.democracy.services.common import audit, clean_choice, clean_text, require_forward, require_manage
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.cleaning import identity_index_candidates
from gonghui.members.models import Member
from gonghui.orgs.models import Employer


def congress_establish(*, actor: Any, employer: Employer, form: str, established_on: datetime.date
                       ) -> WorkersCongress:
    require_manage(actor, employer.org_path)
    form = clean_choice(form, CongressForm, field="form", label=_("形式"))
    rules = current_rules()
    below = rules.whole(RuleCode.ASSEMBLY_BELOW)
    # 全体职工大会 is the small unit's form; a larger one elects delegates (企业民主管理规定 第八条).
    if form == CongressForm.ASSEMBLY and employer.employee_count >= below:
        raise ValidationFailed(msg(_("职工人数 %(n)s 人，不少于 %(below)s 人的单位应建立职工代表大会，"
                                     "不能以全体职工大会代替。"), {"n": employer.employee_count, "below": below}),
                               field="form", code="assembly_too_large")
    with transaction.atomic():
        if WorkersCongress.objects.filter(employer=employer).exists():
            raise Conflict(_("该单位已建立职代会制度。"), field="employer", code="already_established")
        congress = WorkersCongress.objects.create(employer=employer, form=form, established_on=established_on,
                                                  org_path=employer.org_path)
        audit(actor, "congress_establish", congress, {"form": form})
    return congress


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def term_open(*, actor: Any, congress: WorkersCongress, starts_on: datetime.date, ends_on: datetime.date,
              workforce: int, women_workforce: int = 0, dispatched_workforce: int = 0) -> CongressTerm:
    require_manage(actor, congress.org_path)
    require_forward(starts_on, ends_on, start_field="starts_on", end_field="ends_on", start_label=_("任期开始"),
                    end_label=_("任期届满"))
    rules = current_rules()
    low, high = rules.whole(RuleCode.TERM_MIN_YEARS), rules.whole(RuleCode.TERM_MAX_YEARS)
    # A term of 3 years may run to the day before its third anniversary or to the anniversary itself.
    shortest, longest = _add_years(starts_on, low) - datetime.timedelta(days=1), _add_years(starts_on, high)
    if not shortest <= ends_on <= longest:
        raise ValidationFailed(msg(_("每届任期为 %(low)s 至 %(high)s 年，%(start)s 至 %(end)s 不在此范围内。"),
                                   {"low": low, "high": high, "start": starts_on.isoformat(),
                                    "end": ends_on.isoformat()}), field="ends_on", code="term_length")
    errors = []
    if workforce <= 0:
        errors.append(ValidationFailed(_("职工总数须大于0。"), field="workforce"))
    for field, value, label in (("women_workforce", women_workforce, _("女职工人数")),
                                ("dispatched_workforce", dispatched_workforce, _("劳务派遣职工人数"))):
        if value < 0 or value > workforce:
            errors.append(ValidationFailed(msg(_("%(label)s（%(n)s）须在 0 至职工总数 %(w)s 之间。"),
                                               {"label": label, "n": value, "w": workforce}), field=field))
    if errors:
        raise InvalidFields(errors)
    with transaction.atomic():
        last = congress.terms.select_for_update().order_by("-number").first()
        if last is not None and starts_on < last.ends_on and last.starts_on <= starts_on:
            raise ValidationFailed(msg(_("上一届（第%(n)s届）任期至 %(end)s，新一届不能早于此开始。"),
                                       {"n": last.number, "end": last.ends_on.isoformat()}), field="starts_on",
                                   code="term_overlap")
        term = CongressTerm.objects.create(
            congress=congress, number=(last.number if last else 0) + 1, starts_on=starts_on, ends_on=ends_on,
            workforce=workforce, women_workforce=women_workforce, dispatched_workforce=dispatched_workforce,
            org_path=congress.org_path)
        audit(actor, "term_open", term, {"congress": congress.pk, "number": term.number})
    return term


def session_hold(*, actor: Any, term: CongressTerm, held_on: datetime.date, title: str) -> CongressSession:
    require_manage(actor, term.org_path)
    title = clean_text(title, field="title", max_length=100, required=True)
    if not term.starts_on <= held_on <= term.ends_on:
        raise ValidationFailed(msg(_("召开日期 %(d)s 不在本届任期（%(s)s 至 %(e)s）内。"),
                                   {"d": held_on.isoformat(), "s": term.starts_on.isoformat(),
                                    "e": term.ends_on.isoformat()}), field="held_on", code="outside_term")
    with transaction.atomic():
        number = (term.sessions.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
        session = CongressSession.objects.create(term=term, number=number, held_on=held_on, title=title,
                                                 org_path=term.org_path)
        audit(actor, "session_hold", session, {"term": term.pk, "number": number})
    return session


@dataclass(frozen=True)
class DelegateInput:
    name: str
    constituency: str
    category: str
    is_woman: bool = False
    is_dispatched: bool = False
    member_id: int | None = None  # left out: by the ID number, else by name when exactly one member bears it
    # The console's roster names the member by their ID number (never stored, never in a repr).
    id_number: str = dataclass_field(default="", repr=False)
    id_index: str = ""  # set by cleaning: the blind index the ID number was turned into
    id_others: tuple[str, ...] = ()  # and its index under the other keys while the index key rotates


def _clean_rows(rows: list[DelegateInput]) -> list[DelegateInput]:
    errors: list[ValidationFailed] = []
    clean: list[DelegateInput] = []
    for i, row in enumerate(rows, start=1):
        try:
            clean.append(DelegateInput(
                name=clean_text(row.name, field="name", max_length=50, required=True),
                constituency=clean_text(row.constituency, field="constituency", max_length=50, required=True),
                category=clean_choice(row.category, DelegateCategory, field="category", label=_("代表类别")),
                is_woman=bool(row.is_woman), is_dispatched=bool(row.is_dispatched), member_id=row.member_id,
                **_id_indexes(row.id_number)))
        except ValidationFailed as e:
            errors.append(ValidationFailed(msg(_("第 %(row)s 行：%(error)s"), {"row": i, "error": e.message}),
                                           field="delegates", code=e.code))
    if errors:
        raise InvalidFields(errors)
    return clean


def _id_indexes(raw: str) -> dict[str, Any]:
    """The blind index of a resident ID number (what `Member.id_index` holds), and its index under the
    other configured keys: the number itself goes no further than this function."""
    text = (raw or "").strip()
    if not text:
        return {"id_index": ""}
    index, *others = identity_index_candidates(parse_resident_id(text, field="delegates"))
    return {"id_index": index, "id_others": tuple(others)}


def _members_for(employer_id: int, rows: list[DelegateInput]) -> list[int | None]:
    """The member behind each row: the one named by id or ID number (who must work at the employer),
    else the only live member of the employer with that name; two of the same name link neither, as a
    guess could hand one worker the other's seat on the portal."""
    indexed = {r.id_index for r in rows if r.member_id is None and r.id_index}
    alias = {other: r.id_index for r in rows if r.member_id is None and r.id_index for other in r.id_others}
    by_index = {alias.get(index, index): pk for index, pk in Member.objects.filter(
        id_index__in=indexed | set(alias), employer_id=employer_id).values_list("id_index", "pk")} if indexed else {}
    unknown = [ValidationFailed(msg(_("第 %(row)s 行：该身份证号码不是本单位职工会员。"), {"row": i}),
                                field="delegates", code="member_elsewhere")
               for i, r in enumerate(rows, start=1) if r.member_id is None and r.id_index
               and r.id_index not in by_index]
    if unknown:
        raise InvalidFields(unknown)
    rows = [replace(r, member_id=by_index[r.id_index]) if r.member_id is None and r.id_index else r for r in rows]
    named = {r.member_id for r in rows if r.member_id is not None}
    found = set(Member.objects.filter(pk__in=named, employer_id=employer_id).values_list("pk", flat=True))
    errors = [ValidationFailed(msg(_("第 %(row)s 行：会员不是本单位职工。"), {"row": i}), field="delegates",
                               code="member_elsewhere")
              for i, r in enumerate(rows, start=1) if r.member_id is not None and r.member_id not in found]
    if errors:
        raise InvalidFields(errors)
    by_name: dict[str, list[int]] = {}
    for pk, name in Member.objects.filter(employer_id=employer_id, status__in=LIVE_STATUSES,
                                          name__in={r.name for r in rows if r.member_id is None}
                                          ).values_list("pk", "name"):
        by_name.setdefault(name, []).append(pk)
    return [r.member_id if r.member_id is not None else
            (by_name[r.name][0] if len(by_name.get(r.name, [])) == 1 else None) for r in rows]


def delegates_elect(*, actor: Any, term: CongressTerm, delegates: list[DelegateInput]) -> list[Delegate]:
    """The term's whole roster as elected, replacing any before it; refused whole when a row is bad or
    the composition breaks a rule, so a roster is never half-written."""
    require_manage(actor, term.org_path)
    if term.congress.form == CongressForm.ASSEMBLY:
        raise ValidationFailed(_("全体职工大会由全体职工参加，不选举职工代表。"), field="delegates", code="assembly")
    rows = _clean_rows(delegates)
    checks = composition_checks(workforce=term.workforce, women_workforce=term.women_workforce,
                                dispatched_workforce=term.dispatched_workforce,
                                delegates=[DelegateRow(r.category, r.is_woman, r.is_dispatched) for r in rows],
                                rules=current_rules())
    require_composition(checks)
    members = _members_for(term.congress.employer_id, rows)
    try:
        with transaction.atomic():
            term.delegates.all().delete()
            created = Delegate.objects.bulk_create([
                Delegate(term=term, name=r.name, constituency=r.constituency, category=r.category,
                         is_woman=r.is_woman, is_dispatched=r.is_dispatched, member_id=member,
                         org_path=term.org_path) for r, member in zip(rows, members, strict=True)])
            audit(actor, "delegates_elect", term, {"count": len(created)})
    except IntegrityError:
        # A proposal already names one of the old delegates: the roster is kept as it was.
        raise Conflict(_("本届已有代表提出或附议提案，不能整体替换代表名单。"), field="delegates",
                       code="delegates_in_use") from None
    return created
