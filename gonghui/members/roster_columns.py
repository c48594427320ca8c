"""The columns of a roster (集体登记入会): the titles people give them, and the downloadable template.

Rosters come from payroll systems, HR exports and hand-made sheets, so one field goes by several
titles (身份证号, 证件号码, 公民身份号码…); the English template's labels are accepted too. A title
may carry a required mark or a hint ("姓名*", "身份证号（必填）"): both are ignored when matching.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gonghui.core.idnumbers import IdType
from gonghui.core.text import normalize_text
from gonghui.members.choices import (
    ETHNICITIES,
    Education,
    EmploymentForm,
    Gender,
    Household,
    NewFormGroup,
    PoliticalStatus,
    SkillLevel,
)
from gonghui.members.cleaning import LABELS

# In template order; the first title of each is the one the template uses.
TITLES: dict[str, tuple[str, ...]] = {
    "name": ("姓名",),
    "id_type": ("证件类型",),
    "id_number": ("证件号码", "身份证号", "身份证号码", "公民身份号码", "身份证"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "phone": ("手机号码", "手机", "手机号", "联系电话"),
    "education": ("学历", "文化程度"),
    "political_status": ("政治面貌",),
    "household": ("户籍类型", "户籍", "户口性质"),
    "employment_form": ("用工形式",),
    "new_form_group": ("新就业形态群体", "新业态群体", "职业群体"),
    "job": ("岗位工种", "岗位", "工种", "岗位/工种"),
    "skill_level": ("技能等级",),
    "honours": ("所获荣誉", "荣誉"),
    "join_date": ("入会日期", "入会时间"),
}
FIELDS = tuple(TITLES)
# Columns that carry nothing to import and are skipped without a warning: a serial number, and the
# columns our own error file adds (so a fixed error file goes straight back in).
SKIPPED = (_("序号"), _("错误原因"), _("原行号"))
REQUIRED = ("name", "id_number")
CHOICES: dict[str, Any] = {
    "id_type": IdType, "gender": Gender, "education": Education, "political_status": PoliticalStatus,
    "household": Household, "employment_form": EmploymentForm, "new_form_group": NewFormGroup,
    "skill_level": SkillLevel,
}
# The template's example row, as codes: it is shown in the language of whoever downloads it.
EXAMPLE = {
    "name": "张三", "id_type": IdType.RESIDENT, "id_number": "11010519491231002X", "gender": Gender.FEMALE,
    "ethnicity": "汉族", "phone": "13800138000", "education": Education.BACHELOR,
    "political_status": PoliticalStatus.NONE, "household": Household.RURAL, "employment_form": EmploymentForm.NEW_FORM,
    "new_form_group": NewFormGroup.COURIER, "job": "快递收派", "skill_level": SkillLevel.GRADE4, "honours": "",
    "join_date": "2024-05-01",
}
_DECORATION = re.compile(r"[（(【\[].*?[）)】\]]|[*＊:：\s]")


def _key(title: Any) -> str:
    return _DECORATION.sub("", normalize_text(title)).lower()


@lru_cache(maxsize=1)
def _title_map() -> dict[str, str]:
    found: dict[str, str] = {}
    for name, titles in TITLES.items():
        found[_key(name)] = name
        for title in titles:
            found[_key(title)] = name
        for language in ("zh-hans", "en"):
            with translation.override(language):
                found.setdefault(_key(str(LABELS[name])), name)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            found.update({_key(str(skipped)): "" for skipped in SKIPPED})
    return found


def field_of(title: Any) -> str | None:
    """The field a column title names; "" for a column skipped on purpose, None for an unknown one."""
    return _title_map().get(_key(title))


@dataclass
class Header:
    """Where each field sits in the rows, and what the header row held that we do not use."""

    positions: dict[str, int]
    unknown: list[str] = field(default_factory=list)  # titles matching no field: ignored, reported
    repeated: list[str] = field(default_factory=list)  # a second column for a field already found

    @property
    def missing(self) -> list[str]:
        return [f for f in REQUIRED if f not in self.positions]

    def columns(self) -> list[dict[str, str]]:
        return [{"field": f, "index": str(i)} for f, i in sorted(self.positions.items(), key=lambda p: p[1])]


def read_header(cells: list[Any]) -> Header:
    header = Header(positions={})
    for index, cell in enumerate(cells):
        title = normalize_text(cell)
        if not title:
            continue
        name = field_of(title)
        if name == "":
            continue
        if name is None:
            header.unknown.append(title)
        elif name in header.positions:
            header.repeated.append(title)
        else:
            header.positions[name] = index
    return header


def looks_like_header(cells: list[Any]) -> bool:
    """A title row above the header ("某某公司工会会员花名册") is skipped: the header names two fields."""
    return len({f for f in map(field_of, cells) if f}) >= 2


def choice_labels(name: str) -> list[str]:
    if name == "ethnicity":
        return list(ETHNICITIES)
    enum: type[models.TextChoices] = CHOICES[name]
    return [str(label) for label in enum.labels]


def title(name: str) -> str:
    """The column title the template uses, in the active language."""
    return str(LABELS[name])


def example_row() -> list[str]:
    return [str(CHOICES[f](EXAMPLE[f]).label) if f in CHOICES else str(EXAMPLE[f]) for f in FIELDS]
