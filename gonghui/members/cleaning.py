"""Turning what a form, a roster row, the portal or the API gives into a clean member record.

Every channel goes through `clean_member_data`, so a roster row and a form field are judged by the
same rules and explained with the same words. Choice fields accept their codes and the labels (and
common variants) people write in spreadsheets.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import blind_index, blind_index_candidates, index_kids, stored_index_candidates
from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.idnumbers import IdentityNumber, IdType, mask_phone, parse_date, parse_identity, parse_mobile
from gonghui.core.text import normalize_text
from gonghui.core.validators import clean_name_text
from gonghui.members.choices import (
    ETHNICITY_BY_NAME,
    ETHNICITY_CHOICES,
    Education,
    EmploymentForm,
    Gender,
    Household,
    NewFormGroup,
    PoliticalStatus,
    SkillLevel,
)

ALIASES: dict[type[models.TextChoices], dict[str, str]] = {
    Gender: {"男": "M", "女": "F", "male": "M", "female": "F", "m": "M", "f": "F"},
    Household: {"农村": "rural", "农业": "rural", "农业户口": "rural", "城镇": "urban", "非农业": "urban",
                "非农业户口": "urban", "城市": "urban"},
    Education: {"本科": "bachelor", "大学": "bachelor", "研究生": "master", "硕士": "master", "博士": "doctor",
                "专科": "college", "高中": "senior", "中专": "senior", "技校": "senior", "职高": "senior",
                "初中": "junior", "小学": "primary"},
    PoliticalStatus: {"党员": "cpc", "预备党员": "cpc_probation", "团员": "cyl", "群众": "masses"},
    EmploymentForm: {"正式": "regular", "合同制": "regular", "派遣": "dispatched", "灵活": "flexible",
                     "新业态": "new_form"},
    SkillLevel: {"初级工": "grade5", "中级工": "grade4", "高级工": "grade3", "技师": "grade2", "高级技师": "grade1"},
}
LABELS = {
    "name": _("姓名"), "gender": _("性别"), "ethnicity": _("民族"), "id_type": _("证件类型"),
    "id_number": _("证件号码"), "phone": _("手机号码"), "education": _("学历"), "political_status": _("政治面貌"),
    "household": _("户籍类型"), "employment_form": _("用工形式"), "new_form_group": _("新就业形态群体"),
    "job": _("岗位/工种"), "skill_level": _("技能等级"), "honours": _("所获荣誉"), "join_date": _("入会日期"),
}
TEXT_LIMITS = {"job": 50, "honours": 200}


@dataclass
class CleanMember:
    name: str
    identity: IdentityNumber
    id_index: str
    gender: str
    birth_date: datetime.date | None
    phone: str = field(default="", repr=False)
    values: dict[str, Any] = field(default_factory=dict)  # the optional profile fields

    @property
    def id_indexes(self) -> list[str]:
        """What finds this person already in the registry: the identity's index under every configured key."""
        return identity_index_candidates(self.identity)

    def profile(self) -> dict[str, Any]:
        phone = {"phone": self.phone, "phone_index": blind_index(self.phone) if self.phone else "",
                 "phone_masked": mask_phone(self.phone)}
        return {"name": self.name, "gender": self.gender, "birth_date": self.birth_date, **phone, **self.values}


# The profile fields `clean_member_data` fills in `CleanMember.values`, in the order a Person holds them;
# a field left out of `values` takes the model's default.
PROFILE_FIELDS = ("ethnicity", "education", "political_status", "household", "employment_form", "new_form_group",
                  "job", "skill_level", "honours")
_PROFILE_DEFAULTS = {"ethnicity": "01", "employment_form": str(EmploymentForm.REGULAR)}

# A person to admit in bulk, flat: (id_index, name, id_type, id_number, gender, birth_date, phone,
# profile values in PROFILE_FIELDS order, join_date, tag). A plain tuple of plain values, which the
# garbage collector stops following after one look: a dataclass or two per row of a million-row
# roster put a third of the commit's time into collections. `tag` is the caller's, handed back with
# the person (the roster's row number).
Person = tuple[str, str, str, str, str, datetime.date | None, str, tuple[str, ...], datetime.date, Any]
ID_INDEX: Final = 0
NAME: Final = 1
ID_TYPE: Final = 2
ID_NUMBER: Final = 3
GENDER: Final = 4
BIRTH_DATE: Final = 5
PHONE: Final = 6
PROFILE: Final = 7
JOIN_DATE: Final = 8
TAG: Final = 9


def person_of(clean: CleanMember, join_date: datetime.date, tag: Any = None) -> Person:
    values = clean.values
    profile = tuple(str(values[f]) if f in values else _PROFILE_DEFAULTS.get(f, "") for f in PROFILE_FIELDS)
    return (clean.id_index, clean.name, str(clean.identity.id_type), clean.identity.number, str(clean.gender),
            clean.birth_date, clean.phone, profile, join_date, tag)


def clean_of(person: Person) -> CleanMember:
    id_index, name, id_type, number, gender, birth_date, phone, profile, _joined, _tag = person
    return CleanMember(name=name, identity=IdentityNumber(id_type, number, birth_date, gender), id_index=id_index,
                       gender=gender, birth_date=birth_date, phone=phone,
                       values=dict(zip(PROFILE_FIELDS, profile, strict=True)))


def person_aliases(people: Iterable[Person]) -> dict[str, str]:
    """`index_aliases` for people."""
    if len(index_kids()) == 1:
        return {}
    return {other: p[ID_INDEX] for p in people for other in blind_index_candidates(f"{p[ID_TYPE]}:{p[ID_NUMBER]}")
            if other != p[ID_INDEX]}


@lru_cache(maxsize=64)
def _labels(enum: type[models.TextChoices]) -> dict[str, str]:
    """Labels in both languages (a roster may come from an English template), and the aliases."""
    out: dict[str, str] = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            out.update({str(label).lower(): value for value, label in enum.choices})
    return out


@lru_cache(maxsize=64)
def _values(enum: type[models.TextChoices]) -> frozenset[str]:
    # `enum.values` rebuilds a list on every call; a roster validates millions of cells.
    return frozenset(enum.values)


def choice(enum: type[models.TextChoices], raw: Any, name: str, *, required: bool = False) -> str:
    text = normalize_text(raw)
    if not text:
        if required:
            raise ValidationFailed(msg(_("请填写%(label)s。"), {"label": LABELS[name]}), field=name, code="required")
        return ""
    if text in _values(enum):
        return text
    aliases = ALIASES.get(enum, {})
    found = _labels(enum).get(text.lower()) or aliases.get(text) or aliases.get(text.lower())
    if found is None:
        raise ValidationFailed(msg(_("%(label)s“%(value)s”不在可选范围内。"), {"label": LABELS[name], "value": text}),
                               field=name, code="choice")
    return found


def _ethnicity(raw: Any) -> str:
    text = normalize_text(raw)
    if not text:
        return "01"
    if text in dict(ETHNICITY_CHOICES):
        return text
    if text in ETHNICITY_BY_NAME:
        return ETHNICITY_BY_NAME[text]
    raise ValidationFailed(msg(_("民族“%(value)s”不是56个民族之一。"), {"value": text}), field="ethnicity",
                           code="choice")


def identity_index(identity: IdentityNumber) -> str:
    # The document type is part of the key: a passport number may equal some other document's.
    return blind_index(f"{identity.id_type}:{identity.number}")


def index_aliases(people: Iterable[CleanMember]) -> dict[str, str]:
    """While the index key rotates: each person's index under the other configured keys -> the index the
    caller holds for them, so a bulk look-up also finds rows not yet recomputed. Empty with one key."""
    if len(index_kids()) == 1:
        return {}
    return {other: c.id_index for c in people for other in c.id_indexes if other != c.id_index}


def identity_index_candidates(identity: IdentityNumber) -> list[str]:
    """What a look-up by this identity matches (`id_index__in=`): its index under every configured key."""
    return blind_index_candidates(f"{identity.id_type}:{identity.number}")


def member_index_candidates(member: Any) -> list[str]:
    """What finds rows of another table copying a member's identity index: the stored index, and while
    the index key rotates the number's index under every key (either row may not be recomputed yet).
    With one key the number is not read."""
    return stored_index_candidates(member.id_index, lambda: f"{member.id_type}:{member.id_number}")


def member_identity_candidates(member: Any) -> list[str]:
    """What a look-up of rows copying a registered member's identity matches (`id_index__in=`): the index
    of the member's plaintext under every configured key (the stored one may lag a rotation); none once
    the record was erased."""
    if not member.id_number:
        return []
    return blind_index_candidates(f"{member.id_type}:{member.id_number}")


def clean_member_data(raw: dict[str, Any], *, phone_required: bool = False) -> tuple[CleanMember | None,
                                                                                     list[ValidationFailed]]:
    """Validate every field; return the clean record, or None and every error found (not only the first)."""
    errors: list[ValidationFailed] = []

    def attempt(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ValidationFailed as exc:
            errors.append(exc)
            return None

    name = attempt(clean_name_text, raw.get("name"), field="name", label=LABELS["name"])
    if name is None:
        name = ""
    elif not name:
        errors.append(ValidationFailed(_("请填写姓名。"), field="name", code="required"))
    elif len(name) > 50:
        errors.append(ValidationFailed(_("姓名不能超过50个字。"), field="name", code="length"))
    id_type = attempt(choice, IdType, raw.get("id_type"), "id_type") or IdType.RESIDENT
    identity = None
    if not normalize_text(raw.get("id_number")) and not isinstance(raw.get("id_number"), int | float):
        errors.append(ValidationFailed(_("请填写证件号码。"), field="id_number", code="required"))
    else:
        identity = attempt(parse_identity, id_type, raw.get("id_number"))
    gender = attempt(choice, Gender, raw.get("gender"), "gender")
    if identity is not None and identity.gender:
        if gender and gender != identity.gender:
            errors.append(ValidationFailed(_("性别与身份证号码不一致。"), field="gender", code="mismatch"))
        gender = identity.gender
    elif not gender and id_type != IdType.RESIDENT and not any(e.field == "gender" for e in errors):
        errors.append(ValidationFailed(_("请填写性别。"), field="gender", code="required"))
    birth = identity.birth_date if identity is not None else None
    if birth is None and normalize_text(raw.get("birth_date")):
        birth = attempt(parse_date, raw.get("birth_date"), field="birth_date")
    phone = attempt(parse_mobile, raw.get("phone"), required=phone_required) or ""
    values: dict[str, Any] = {"ethnicity": attempt(_ethnicity, raw.get("ethnicity")) or "01"}
    for name_, enum in (("education", Education), ("political_status", PoliticalStatus),
                        ("household", Household), ("new_form_group", NewFormGroup), ("skill_level", SkillLevel)):
        values[name_] = attempt(choice, enum, raw.get(name_), name_) or ""
    values["employment_form"] = attempt(choice, EmploymentForm, raw.get("employment_form"),
                                        "employment_form") or EmploymentForm.REGULAR
    if values["new_form_group"] and values["employment_form"] == EmploymentForm.REGULAR:
        values["employment_form"] = EmploymentForm.NEW_FORM
    for name_, limit in TEXT_LIMITS.items():
        text = normalize_text(raw.get(name_))
        if len(text) > limit:
            errors.append(ValidationFailed(msg(_("%(label)s不能超过%(n)d个字。"), {"label": LABELS[name_], "n": limit}),
                                           field=name_, code="length"))
        values[name_] = text[:limit]
    if errors or identity is None:
        return None, errors
    return CleanMember(name=name, identity=identity, id_index=identity_index(identity), gender=gender or "",
                       birth_date=birth, phone=phone, values=values), []


def require_clean(raw: dict[str, Any], *, phone_required: bool = False) -> CleanMember:
    """For single-record channels (forms, API): raise every error at once, each naming its field."""
    clean, errors = clean_member_data(raw, phone_required=phone_required)
    if errors:
        raise InvalidFields(errors)
    assert clean is not None
    return clean
