"""职工技能培训: a course with the 人次 trained and, per skill level, how many reached it."""

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.members.choices import SkillLevel
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.skills.innovation_choices import CourseKind
from gonghui.skills.models import TrainingCourse, TrainingLevelCount
from gonghui.skills.services.innovation_common import audit, clean_choice, clean_day, clean_text, require_manage


def _count(value: Any, *, field: str, label: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationFailed(msg(_("%(field)s须为不小于0的整数。"), {"field": label}), field=field,
                               code="not_a_count")
    return value


def _levels(levels: dict[str, int] | None, trainees: int) -> dict[str, int]:
    errors: list[ValidationFailed] = []
    clean: dict[str, int] = {}
    for level, n in (levels or {}).items():
        if level not in SkillLevel.values or level == SkillLevel.NONE:
            errors.append(ValidationFailed(msg(_("技能等级“%(level)s”无效。"), {"level": level}), field="levels",
                                           code="choice"))
            continue
        try:
            if count := _count(n, field="levels", label=SkillLevel(level).label):
                clean[level] = count
        except ValidationFailed as e:
            errors.append(e)
    if errors:
        raise InvalidFields(errors)
    if sum(clean.values()) > trainees:
        raise ValidationFailed(msg(_("取得技能等级的人数合计 %(sum)s 超过培训人次 %(n)s。"),
                                   {"sum": sum(clean.values()), "n": trainees}), field="levels", code="over_trainees")
    return clean


def training_course_record(*, actor: Any, union: TradeUnion, title: str, kind: str,
                           starts_on: datetime.date | None, ends_on: datetime.date | None, trainees: Any,
                           employer: Employer | None = None, provider: str = "", hours: Any = None,
                           levels: dict[str, int] | None = None, today: datetime.date | None = None
                           ) -> TrainingCourse:
    """A finished course as the union reports it. Run for one employer, it sits at the employer (which
    must lie in the union's subtree); otherwise at the union."""
    path = employer.org_path if employer is not None else union.path
    require_manage(actor, union.path)
    if employer is not None and not employer.org_path.startswith(union.path):
        raise ValidationFailed(_("培训单位须在举办工会的范围内。"), field="employer", code="employer_elsewhere")
    name = clean_text(title, field="title", max_length=120, required=True)
    course_kind = clean_choice(kind, CourseKind, field="kind")
    start = clean_day(starts_on, field="starts_on", today=today)
    end = clean_day(ends_on, field="ends_on", today=today)
    if end < start:
        raise ValidationFailed(msg(_("结束日期（%(end)s）不能早于开始日期（%(start)s）。"),
                                   {"end": end.isoformat(), "start": start.isoformat()}), field="ends_on",
                               code="dates_backwards")
    n = _count(trainees, field="trainees", label=_("培训人次"))
    if n == 0:
        raise ValidationFailed(_("培训人次须大于0。"), field="trainees", code="not_a_count")
    course_hours = None if hours in (None, "") else _count(hours, field="hours", label=_("学时"))
    counts = _levels(levels, n)
    with transaction.atomic():
        course = TrainingCourse.objects.create(union=union, employer=employer, title=name, kind=course_kind,
                                               provider=clean_text(provider, field="provider", max_length=100),
                                               starts_on=start, ends_on=end, hours=course_hours, trainees=n,
                                               org_path=path)
        TrainingLevelCount.objects.bulk_create([TrainingLevelCount(course=course, level=level, count=c)
                                                for level, c in counts.items()])
        audit(actor, "training_course_record", course, {"trainees": n, **counts})
    return course


def training_course_delete(*, actor: Any, course: TrainingCourse) -> None:
    """A course entered by mistake; the audit row keeps what it said."""
    require_manage(actor, course.org_path)
    with transaction.atomic():
        audit(actor, "training_course_delete", course, {"title": course.title, "trainees": course.trainees})
        course.delete()
