"""The household as typed on a survey form or an application: cleaned, then assessed.

Every error names its field and row ("household.2.id_number"), all found at once, so a cadre fixes
a whole form in one pass. The stored figures (size, income, income per head) and the latest
assessment are derived here and nowhere else.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.assessment import Assessment, Household, assess
from gonghui.assistance.choices import Cause, Relation
from gonghui.assistance.models import HardshipFile, HardshipFileCause, HouseholdMember
from gonghui.assistance.rules import rule_in_force
from gonghui.assistance.services.common import clean_amount, clean_choice, clean_text
from gonghui.core.crypto import blind_index, blind_index_candidates
from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.idnumbers import IdType, parse_identity

MAX_HOUSEHOLD = 20


@dataclass(frozen=True)
class CleanPerson:
    relation: str
    name: str
    id_type: str
    id_number: str = field(repr=False)
    id_index: str
    id_masked: str
    annual_income: Decimal
    health_notes: str


def identity_index(id_type: str, number: str) -> str:
    # The same key as the member registry's (document type, then number), so a file, a member and
    # an aid grant of one person share one blind index.
    return blind_index(f"{id_type}:{number}")


def identity_index_candidates(id_type: str, number: str) -> list[str]:
    """What a look-up by this identity matches: its index under every configured key (a key rotation)."""
    return blind_index_candidates(f"{id_type}:{number}")


def _row_error(error: ValidationFailed, row: int) -> ValidationFailed:
    message = msg(_("第%(row)d位家庭成员：%(error)s"), {"row": row, "error": error.message})
    return ValidationFailed(message, field=f"household.{row}.{error.field}", code=error.code)


def _clean_person(raw: dict[str, Any]) -> CleanPerson:
    relation = clean_choice(raw.get("relation"), Relation, field="relation")
    name = clean_text(raw.get("name"), field="name", max_length=50, required=True)
    id_type = clean_choice(raw.get("id_type") or IdType.RESIDENT, IdType, field="id_type")
    number = index = masked = ""
    # A newborn may not have an identity number yet; everyone else's is checked like the registry's.
    if clean_text(raw.get("id_number"), field="id_number", max_length=40):
        identity = parse_identity(id_type, raw.get("id_number"), field="id_number")
        number, index, masked = identity.number, identity_index(id_type, identity.number), identity.masked
    income = clean_amount(raw.get("annual_income"), field="annual_income")
    notes = clean_text(raw.get("health_notes"), field="health_notes", max_length=500)
    return CleanPerson(relation, name, id_type, number, index, masked, income, notes)


def clean_household(rows: list[dict[str, Any]], *, has_consent: bool) -> list[CleanPerson]:
    errors: list[ValidationFailed] = []
    people: list[CleanPerson] = []
    if len(rows) > MAX_HOUSEHOLD:
        raise ValidationFailed(msg(_("家庭成员不能超过%(n)d人。"), {"n": MAX_HOUSEHOLD}), field="household",
                               code="too_many")
    for position, raw in enumerate(rows, start=1):
        try:
            person = _clean_person(raw)
        except InvalidFields as many:
            errors += [_row_error(e, position) for e in many.errors]
            continue
        except ValidationFailed as one:
            errors.append(_row_error(one, position))
            continue
        if person.health_notes and not has_consent:
            errors.append(_row_error(ValidationFailed(
                _("记录健康或残疾情况须先登记本人对敏感个人信息的单独同意。"), field="health_notes",
                code="consent_required"), position))
        people.append(person)
    indexes = [p.id_index for p in people if p.id_index]
    if len(indexes) != len(set(indexes)):
        errors.append(ValidationFailed(_("家庭成员中有重复的证件号码。"), field="household", code="duplicate"))
    if sum(1 for p in people if p.relation == Relation.SELF) > 1:
        errors.append(ValidationFailed(_("家庭成员中只能有一位“本人”。"), field="household", code="self_twice"))
    if errors:
        raise InvalidFields(errors)
    return people


def clean_causes(values: Any) -> list[str]:
    causes = []
    for value in values or []:
        cause = clean_choice(value, Cause, field="causes")
        if cause not in causes:
            causes.append(cause)
    return causes


def _bilingual(reasons: list[Any]) -> list[dict[str, str]]:
    out = []
    for reason in reasons:
        with translation.override("zh-hans"):
            zh = str(reason)
        with translation.override("en"):
            en = str(reason)
        out.append({"zh": zh, "en": en})
    return out


def assess_household(*, adcode: str, incomes: list[Decimal], causes: list[str], rigid_expenses: Decimal,
                     on: datetime.date) -> tuple[Assessment, Any]:
    """(assessment, rule) under the rule in force in the area on the day; no rule, no class."""
    household = Household.of(incomes, causes, rigid_expenses)
    rule = rule_in_force(adcode, on) if adcode else None
    if rule is None:
        return Assessment(None, household.income_per_head, Decimal(0), [_("该地区尚无困难职工认定标准。")]), None
    return assess(household, rule), rule


def derived_values(*, adcode: str, people: list[CleanPerson], causes: list[str], rigid_expenses: Decimal,
                   on: datetime.date) -> dict[str, Any]:
    """The stored figures and the latest assessment, as column values for the file."""
    incomes = [p.annual_income for p in people]
    result, rule = assess_household(adcode=adcode, incomes=incomes, causes=causes, rigid_expenses=rigid_expenses,
                                    on=on)
    return {"household_size": len(people), "household_income": sum(incomes, Decimal(0)),
            "rigid_expenses": rigid_expenses, "income_per_head": result.income_per_head,
            "suggested_class": result.hardship_class or "", "suggested_rule": rule,
            "assessment_reasons": _bilingual(result.reasons)}


def write_household(file: HardshipFile, people: list[CleanPerson], causes: list[str]) -> None:
    """Replace the household rows and causes of `file` (inside the caller's transaction)."""
    file.household.all().delete()
    HouseholdMember.objects.bulk_create([
        HouseholdMember(file=file, relation=p.relation, name=p.name, id_type=p.id_type, id_number=p.id_number,
                        id_index=p.id_index, id_masked=p.id_masked, annual_income=p.annual_income,
                        health_notes=p.health_notes, position=i)
        for i, p in enumerate(people, start=1)])
    file.causes.all().delete()
    HardshipFileCause.objects.bulk_create([HardshipFileCause(file=file, cause=c) for c in causes])


def people_of(file: HardshipFile) -> list[CleanPerson]:
    """The stored household as clean rows (for a re-assessment or a copy onto a new file)."""
    return [CleanPerson(m.relation, m.name, m.id_type, m.id_number, m.id_index, m.id_masked, m.annual_income,
                        m.health_notes) for m in file.household.all()]


def causes_of(file: HardshipFile) -> list[str]:
    return list(file.causes.values_list("cause", flat=True))
