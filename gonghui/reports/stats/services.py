"""The 统计年报's one write path: open a union's return for a statistical year (pre-filled from the
metrics as of 30 September, the children's signed-off sums for a union above), save what the cadre
enters (checks run on every save), re-read the metrics, aggregate the children, sign off and lock,
and reopen a signed-off return with a reason — which marks every return above it stale.

Metric-bound values are the records' figures: the cadre explains a value they think wrong and
corrects the records, never the figure (docs/decisions.md, "统计年报").
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import Actor, audit_record
from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.members.services.common import who
from gonghui.orgs import tree
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, require
from gonghui.reports.metrics import figure
from gonghui.reports.stats.checks import Failure
from gonghui.reports.stats.choices import FormKind, ReturnStatus, Source
from gonghui.reports.stats.models import StatEvent, StatField, StatReturn, StatValue
from gonghui.reports.stats.selectors import (
    failures_of,
    files_a_return,
    form_fields,
    form_for,
    reporting_children,
    values_of,
)

CONCURRENT_CHANGE = _("该报表刚刚已被他人修改，请刷新后再操作。")
MAX_VALUE = Decimal("99999999999999")


def _require(actor: Any, path: str) -> None:
    require(actor, Perm.STATS_REPORT, path, visible_permission=Perm.STATS_VIEW)


def _event(actor: Any, ret: StatReturn, action: str, note: str = "", detail: dict[str, Any] | None = None) -> None:
    row = who(actor)
    StatEvent.objects.create(ret=ret, action=action, actor_label=row.shown, note=note[:300])
    audit_record(actor=row, action=f"stats.{action}", obj=ret, org_path=ret.org_path,
                 detail={"year": ret.year, "status": ret.status, **(detail or {})})


def _bump(ret: StatReturn, version: int, **changes: Any) -> None:
    """Compare-and-set on the version: a second tab or a colleague at the same moment gets a 409."""
    changes |= {"version": version + 1, "updated_at": timezone.now()}
    if not StatReturn.objects.filter(pk=ret.pk, version=version).update(**changes):
        raise Conflict(CONCURRENT_CHANGE)
    for key, value in changes.items():
        setattr(ret, key, value)


def _refuse_locked(ret: StatReturn) -> None:
    if ret.locked:
        raise ValidationFailed(_("报表已签报锁定；如需更正，请先退回更正并说明原因。"), field="status", code="locked")


def metric_value(field: StatField, union: TradeUnion, year: int, today: datetime.date | None = None) -> Decimal | None:
    """The field's metric for the union's whole subtree over the statistical year (a stock as of 30
    September). A form is the union's own return, whatever else its filler may open, so the figure
    is read over the whole subtree. A metric not (or no longer) declared leaves the value missing."""
    try:
        fig = figure(field.metric, scope=Scope.all(), under=union.path, period=Period.stat_year(year),
                     where=field.where or None, today=today)
    except NotFound:
        return None
    return None if fig.value is None else Decimal(fig.value)


def children_sums(union: TradeUnion, year: int, codes: list[str]) -> dict[str, Decimal]:
    """Σ of the reporting children's signed-off values by field code, in one query."""
    rows = (StatValue.objects.filter(ret__union__in=reporting_children(union, year), ret__year=year,
                                     ret__status=ReturnStatus.SIGNED, field__code__in=codes,
                                     field__summed_above=True)
            .values("field__code").annotate(total=Sum("value")).order_by())
    return {r["field__code"]: r["total"] for r in rows}


def _fill(ret: StatReturn, fields: Mapping[str, StatField], today: datetime.date | None,
          sources: tuple[str, ...]) -> dict[str, Decimal | None]:
    """The values the system gives: each metric-bound field's figure, each summed field's sum."""
    out: dict[str, Decimal | None] = {}
    if Source.METRIC in sources:
        for f in fields.values():
            if f.source == Source.METRIC:
                out[f.code] = metric_value(f, ret.union, ret.year, today)
    summed = [f.code for f in fields.values() if f.source == Source.CHILDREN]
    if Source.CHILDREN in sources and summed:
        sums = children_sums(ret.union, ret.year, summed)
        out |= {code: sums.get(code) for code in summed}
    return out


def _write_system(ret: StatReturn, fields: Mapping[str, StatField], filled: Mapping[str, Decimal | None]) -> None:
    values = values_of(ret)
    for code, value in filled.items():
        if code in values:
            StatValue.objects.filter(pk=values[code].pk).update(value=value)
        else:
            StatValue.objects.create(ret=ret, field=fields[code], value=value)


def require_year_begun(year: int, today: datetime.date) -> None:
    if not Period.stat_year(year).has_begun(today) or year < 2000:
        raise ValidationFailed(msg(_("%(year)s统计年度尚未开始，不能填报。"), {"year": year}), field="year",
                               code="not_begun")


def return_open(*, actor: Any, union: TradeUnion, year: int, today: datetime.date | None = None) -> StatReturn:
    """The union's return for the statistical year, opened and pre-filled the first time it is asked for."""
    _require(actor, union.path)
    if not files_a_return(union):
        raise ValidationFailed(_("分工会和工会小组不单独填报统计年报，由所在基层工会填报。"), field="union",
                               code="no_return")
    today = today or timezone.localdate()
    require_year_begun(year, today)
    existing = StatReturn.objects.filter(union=union, year=year).first()
    if existing is not None:
        return existing
    form = form_for(union, year)
    fields = form_fields(form)
    try:
        return _create(actor, union, year, form, fields, today)
    except IntegrityError:  # a colleague opened it at the same moment: theirs is the return
        return StatReturn.objects.get(union=union, year=year)


def _create(actor: Any, union: TradeUnion, year: int, form: Any, fields: Mapping[str, StatField],
            today: datetime.date) -> StatReturn:
    with transaction.atomic():
        ret = StatReturn.objects.create(form=form, union=union, org_path=union.path, year=year)
        filled = _fill(ret, fields, today, (Source.METRIC, Source.CHILDREN))
        StatValue.objects.bulk_create([StatValue(ret=ret, field=f, value=filled.get(code))
                                       for code, f in fields.items()])
        if form.kind == FormKind.UPPER:
            StatReturn.objects.filter(pk=ret.pk).update(aggregated_at=timezone.now())
        _event(actor, ret, "open", detail={"form": form.code, "version": form.version})
    ret.refresh_from_db()
    return ret


def _number(field: StatField, raw: Any) -> Decimal | None:
    text = str(raw if raw is not None else "").strip().replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    exponent = value.normalize().as_tuple().exponent if value is not None and value.is_finite() else 0
    places = -exponent if isinstance(exponent, int) else 0
    if value is None or not value.is_finite() or value < 0 or value > MAX_VALUE or places > field.decimals:
        rule = _("非负整数") if not field.decimals else _("非负数，最多两位小数")
        raise ValidationFailed(msg(_("“%(label)s”（%(code)s）应为%(rule)s。 / \"%(label_en)s\" (%(code)s) must be "
                                     "a non-negative number with at most %(places)s decimals."),
                                   {"label": field.label, "label_en": field.label_en or field.label,
                                    "code": field.code, "rule": rule, "places": field.decimals}),
                               field=field.code, code="number")
    return value.quantize(Decimal(1).scaleb(-field.decimals)) if field.decimals else value.quantize(Decimal(1))


def return_save(*, actor: Any, ret: StatReturn, version: int, values: Mapping[str, Any] | None = None,
                explanations: Mapping[str, Any] | None = None) -> list[Failure]:
    """Store hand-entered values and the explanations beside any field; answer the checks that fail.

    A value sent for a metric-bound or summed field is refused unless it equals the stored one: the
    cadre explains such a figure and corrects the records it comes from.
    """
    _require(actor, ret.org_path)
    _refuse_locked(ret)
    values, explanations = dict(values or {}), dict(explanations or {})
    fields = form_fields(ret.form)
    for code in [*values, *explanations]:
        if code not in fields:
            raise ValidationFailed(msg(_("本表没有代码为“%(code)s”的指标。"), {"code": str(code)[:12]}),
                                   field=str(code)[:12], code="unknown_field")
    stored = values_of(ret)
    changes: dict[str, dict[str, Any]] = {}
    for code, raw in values.items():
        f = fields[code]
        if f.is_text:
            text = str(raw or "").strip()
            if len(text) > 100:
                raise ValidationFailed(msg(_("“%(label)s”不能超过100个字。"), {"label": f.label}), field=code,
                                       code="too_long")
            changes.setdefault(code, {})["text"] = text
            continue
        number = _number(f, raw)
        if f.source != Source.HAND:
            current = stored[code].value if code in stored else None
            if number != current:
                raise ValidationFailed(msg(_("“%(label)s”（%(code)s）由系统生成，不能修改；如有出入，请在说明栏写明原因"
                                             "并更正源数据。 / \"%(label_en)s\" (%(code)s) comes from the records and "
                                             "cannot be overwritten: explain it and correct the records."),
                                           {"label": f.label, "label_en": f.label_en or f.label, "code": code}),
                                       field=code, code="system_value")
            continue
        changes.setdefault(code, {})["value"] = number
    for code, raw in explanations.items():
        note = str(raw or "").strip()
        if len(note) > 300:
            raise ValidationFailed(msg(_("“%(label)s”的说明不能超过300个字。"), {"label": fields[code].label}),
                                   field=code, code="too_long")
        changes.setdefault(code, {})["explanation"] = note
    with transaction.atomic():
        _bump(ret, version)
        changed = []
        for code, change in changes.items():
            row = stored.get(code)
            if row is None:
                StatValue.objects.create(ret=ret, field=fields[code], **change)
                changed.append(code)
            elif any(getattr(row, k) != v for k, v in change.items()):
                StatValue.objects.filter(pk=row.pk).update(**change)
                changed.append(code)
        failures = failures_of(ret, fields)
        _event(actor, ret, "save", detail={"fields": sorted(changed), "failed": [x.check for x in failures]})
    return failures


def return_refresh(*, actor: Any, ret: StatReturn, version: int, today: datetime.date | None = None) -> StatReturn:
    """Read the metric-bound values again from the records (after a correction of the records)."""
    _require(actor, ret.org_path)
    _refuse_locked(ret)
    fields = form_fields(ret.form)
    with transaction.atomic():
        _bump(ret, version)
        _write_system(ret, fields, _fill(ret, fields, today, (Source.METRIC,)))
        _event(actor, ret, "refresh")
    return ret


def return_aggregate(*, actor: Any, ret: StatReturn, version: int) -> StatReturn:
    """A union above sums its reporting children's signed-off returns into its own; children not yet
    signed off are the gaps the status page lists. The return is then current again (not stale)."""
    _require(actor, ret.org_path)
    _refuse_locked(ret)
    if ret.form.kind != FormKind.UPPER:
        raise ValidationFailed(_("基层工会调查表没有下级汇总项。"), field="status", code="not_upper")
    fields = form_fields(ret.form)
    with transaction.atomic():
        _bump(ret, version, stale=False, aggregated_at=timezone.now())
        _write_system(ret, fields, _fill(ret, fields, None, (Source.CHILDREN,)))
        _event(actor, ret, "aggregate")
    return ret


def _mark_above_stale(ret: StatReturn) -> None:
    """Every return above that has summed its children sees that one of them changed."""
    StatReturn.objects.filter(org_path__in=tree.ancestor_paths(ret.org_path), year=ret.year,
                              aggregated_at__isnull=False).update(stale=True)


def clean_signature(name: Any, on: datetime.date | None) -> tuple[str, datetime.date]:
    """The signer's name and the day of a sign-off, as typed: a name, and no day after today."""
    signer = str(name or "").strip()
    if not signer or len(signer) > 50:
        raise ValidationFailed(_("请填写签报人姓名（不超过50个字）。"), field="name", code="required")
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationFailed(_("签报日期不能晚于今天。"), field="on", code="future")
    return signer, on


def signed_by(actor: Any) -> Any:
    """The user to record as signer: none for the system or an audit actor."""
    return None if isinstance(actor, Actor) or getattr(actor, "is_system_actor", False) else actor


def return_sign(*, actor: Any, ret: StatReturn, version: int, name: str, on: datetime.date | None = None) -> StatReturn:
    """Sign off and lock: refused while any check fails (an explained year-on-year change passes)."""
    _require(actor, ret.org_path)
    _refuse_locked(ret)
    signer, on = clean_signature(name, on)
    if ret.stale:
        raise ValidationFailed(_("下级报表已有变动，请先重新汇总再签报。"), field="status", code="stale")
    failures = failures_of(ret)
    if failures:
        raise ValidationFailed(msg(_("还有 %(n)s 项审核未通过，不能签报：%(first)s"),
                                   {"n": len(failures), "first": failures[0].message}),
                               field=failures[0].fields[0], code="checks_failed")
    user = signed_by(actor)
    with transaction.atomic():
        _bump(ret, version, status=ReturnStatus.SIGNED, signed_name=signer, signed_on=on, signed_by=user,
              reopen_reason="")
        _mark_above_stale(ret)
        _event(actor, ret, "sign", note=signer, detail={"signed_on": on.isoformat()})
    return ret


def return_reopen(*, actor: Any, ret: StatReturn, version: int, reason: str) -> StatReturn:
    """A correction: the signed-off return opens again, with its reason, and every return above it
    that summed it is marked stale until re-aggregated."""
    _require(actor, ret.org_path)
    if not ret.locked:
        raise ValidationFailed(_("只有已签报的报表才能退回更正。"), field="status", code="not_signed")
    note = str(reason or "").strip()
    if not note or len(note) > 300:
        raise ValidationFailed(_("请填写更正原因（不超过300个字）。"), field="reason", code="required")
    with transaction.atomic():
        _bump(ret, version, status=ReturnStatus.REOPENED, reopen_reason=note)
        _mark_above_stale(ret)
        _event(actor, ret, "reopen", note=note)
    return ret
