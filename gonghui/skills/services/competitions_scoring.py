"""Scores per entry per stage, range-checked against the competition's rules, and advancing the top
of a stage's ranking to the next stage."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.skills.competition_choices import CompetitionAction, StageStatus
from gonghui.skills.competition_models import CompetitionEntry, CompetitionScore, CompetitionStage
from gonghui.skills.competition_ranking import top_entry_ids
from gonghui.skills.services.competitions_common import clean_number, lock, require_manage, who
from gonghui.skills.services.competitions_transition import competition_transition

TIEBREAK_LIMIT = Decimal("9999999.99")
MAX_ROWS = 100_000


@dataclass(frozen=True)
class ScoreIn:
    entry_id: int
    score: Any  # a Decimal, an int or a numeric string as typed
    tiebreak: Any = None


def _row_error(e: ValidationFailed, i: int, single: bool) -> ValidationFailed:
    if single:
        return e
    return ValidationFailed(msg(_("第%(row)d行：%(error)s"), {"row": i + 1, "error": e.message}),
                            field=f"rows[{i}].{e.field}", code=e.code)


def _check_stage_open(stage: CompetitionStage) -> None:
    if stage.status != StageStatus.OPEN:
        raise ValidationFailed(msg(_("%(stage)s已结束，成绩不能再修改。"), {"stage": stage.get_kind_display()}),
                               field="stage", code="stage_closed")


def competition_score(*, actor: Any, stage: CompetitionStage, rows: list[ScoreIn]) -> int:
    """登记成绩 for the entries in `stage` (a later score of the same entry replaces the earlier one).
    Every row is checked first; one bad row refuses them all, naming the row and the range."""
    competition = stage.competition
    require_manage(actor, competition)
    if not rows:
        raise ValidationFailed(_("请填写成绩。"), field="score", code="required")
    if len(rows) > MAX_ROWS:
        raise ValidationFailed(msg(_("一次最多登记%(n)d条成绩。"), {"n": MAX_ROWS}), field="rows", code="too_many")
    _check_stage_open(stage)
    single = len(rows) == 1
    entries = dict(CompetitionEntry.objects.filter(competition=competition, pk__in=[r.entry_id for r in rows],
                                                   withdrawn=False, reached__gte=stage.order).values_list("pk", "seq"))
    seen: set[int] = set()
    scored_by = who(actor).shown
    objs: list[CompetitionScore] = []
    for i, row in enumerate(rows):
        try:
            if row.entry_id not in entries:
                raise ValidationFailed(msg(_("该参赛者不在%(stage)s中（未报名、已撤销或未晋级）。"), {
                    "stage": stage.get_kind_display()}), field="entry", code="not_in_stage")
            if row.entry_id in seen:
                raise ValidationFailed(_("同一参赛者的成绩重复填写。"), field="entry", code="duplicate")
            score = clean_number(row.score, field="score", low=competition.score_min, high=competition.score_max)
            assert score is not None  # required
            tiebreak = clean_number(row.tiebreak, field="tiebreak", low=-TIEBREAK_LIMIT, high=TIEBREAK_LIMIT,
                                    required=False)
        except ValidationFailed as e:
            raise _row_error(e, i, single) from None
        seen.add(row.entry_id)
        objs.append(CompetitionScore(stage=stage, entry_id=row.entry_id, entry_seq=entries[row.entry_id],
                                     score=score, tiebreak=tiebreak, scored_by=scored_by, scored_at=timezone.now()))
    with transaction.atomic():
        locked = lock(competition)
        stage.refresh_from_db()
        _check_stage_open(stage)
        competition_transition(actor=actor, competition=locked, action=CompetitionAction.SCORE,
                               note=str(stage.get_kind_display()), detail={"stage": stage.pk, "rows": len(objs)})
        CompetitionScore.objects.bulk_create(objs, batch_size=2000, update_conflicts=True,
                                             unique_fields=["stage", "entry"],
                                             update_fields=["score", "tiebreak", "scored_by", "scored_at"])
    return len(objs)


def competition_advance(*, actor: Any, stage: CompetitionStage, on: datetime.date | None = None) -> int:
    """晋级: the stage's top `advance` places go on to the next stage (all tied at the cut go on), and
    the stage closes. Returns how many advanced."""
    competition = stage.competition
    require_manage(actor, competition)
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = lock(competition)
        stage.refresh_from_db()
        _check_stage_open(stage)
        following = CompetitionStage.objects.filter(competition=competition, order__gt=stage.order).order_by("order")
        nxt = following.first()
        if nxt is None or stage.advance is None:
            raise ValidationFailed(_("决赛之后没有下一阶段，请公示结果。"), field="stage", code="last_stage")
        if not CompetitionScore.objects.filter(stage=stage).exists():
            raise ValidationFailed(msg(_("%(stage)s尚未登记成绩，不能晋级。"), {"stage": stage.get_kind_display()}),
                                   field="stage", code="no_scores")
        competition_transition(actor=actor, competition=locked, action=CompetitionAction.ADVANCE, on=on,
                               note=str(stage.get_kind_display()), detail={"stage": stage.pk, "places": stage.advance})
        advanced = CompetitionEntry.objects.filter(
            pk__in=top_entry_ids(stage, locked.tie_rule, stage.advance)).update(reached=nxt.order)
        CompetitionStage.objects.filter(pk=stage.pk).update(status=StageStatus.CLOSED, closed_on=on)
    stage.refresh_from_db()
    return advanced
