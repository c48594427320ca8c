"""The 统计年报 for a whole subtree at once, as a county's statistics staff work in the reporting
season: open every return not yet begun, pre-filled from the records, in one step (批量预填); and
sign on behalf of the grassroots unions whose returns pass every check (代为签报, the 代填代报 a county
does for small unions without a cadre of their own).

Both are set-based: a fixed number of queries whatever the number of unions (one grouped query per
metric-bound field and tree depth, one per table written), so a province pre-fills all its grassroots
unions in one run. Each return gets its own event row (开始填报 / 签报, naming who did it); the audit
log holds one row per step with the subtree and the count.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import Actor, audit_record
from gonghui.core.bulk_insert import bulk_insert, checked_as_written
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.periods import Period
from gonghui.members.services.common import who as audit_who
from gonghui.orgs import tree
from gonghui.orgs.choices import Level, UnionStatus
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import subtree_q
from gonghui.reports.metrics.many import figures_for_paths_many
from gonghui.reports.stats.checks import ChildValue, Entry, Failure, run_checks
from gonghui.reports.stats.choices import FormKind, ReturnStatus, Source
from gonghui.reports.stats.models import StatCheck, StatEvent, StatField, StatReturn, StatValue
from gonghui.reports.stats.selectors import latest_form
from gonghui.reports.stats.services import _require, clean_signature, require_year_begun, signed_by

CHUNK = 5000
EMPTY = Entry(None)  # a field left blank (Entry is frozen: one is shared)


def reporting_unions(union: TradeUnion, year: int) -> QuerySet[TradeUnion]:
    """Every union of the subtree that files a return for the year (the rule of `reporting_children`)."""
    end = Period.stat_year(year).end
    return (TradeUnion.objects.filter(subtree_q("path", union.path), level__lte=Level.GRASSROOTS)
            .filter(Q(status=UnionStatus.ACTIVE) | Q(ended_on__gt=end)))


def _metric_values(fields: list[StatField], paths: list[str], year: int,
                   today: datetime.date) -> dict[str, dict[str, Decimal | None]]:
    """{field code: {path: value}} for the metric-bound fields, all read over every path at once."""
    bound = [f for f in fields if f.source == Source.METRIC]
    if not bound or not paths:
        return {}
    got = figures_for_paths_many([(f.metric, f.where or None) for f in bound], paths=paths,
                                 period=Period.stat_year(year), today=today)
    return {f.code: {p: None if v is None else Decimal(v) for p, v in values.items()}
            for f, values in zip(bound, got, strict=True)}


Children = dict[int, dict[str, list[ChildValue]]]


def _children_values(parent_ids: list[int], year: int) -> Children:
    """{parent union id: {code: each reporting child's signed-off value}} of the fields a union above
    sums (what `selectors.children_values` gives one parent), for many parents: the children's returns
    first, then their values by return id, so that both reads go through an index."""
    end = Period.stat_year(year).end
    children: dict[int, tuple[int, str]] = {}
    for start in range(0, len(parent_ids), CHUNK):
        rows = (StatReturn.objects.filter(union__parent_id__in=parent_ids[start:start + CHUNK], year=year,
                                          status=ReturnStatus.SIGNED, union__level__lte=Level.GRASSROOTS)
                .filter(Q(union__status=UnionStatus.ACTIVE) | Q(union__ended_on__gt=end))
                .order_by("org_path").values_list("pk", "union__parent_id", "union__name"))
        children.update({pk: (parent, name) for pk, parent, name in rows if parent is not None})
    out: Children = defaultdict(dict)
    ids = list(children)
    for start in range(0, len(ids), CHUNK):
        for ret_id, code, value in (StatValue.objects.filter(ret_id__in=ids[start:start + CHUNK],
                                                             field__summed_above=True, value__isnull=False)
                                    .values_list("ret_id", "field__code", "value")):
            parent, name = children[ret_id]
            if value is not None:  # filtered above; the column is nullable
                out[parent].setdefault(code, []).append(ChildValue(name, value))
    return out


def _sums(children: Children, union_id: int) -> dict[str, Decimal]:
    return {code: sum((c.value for c in rows), Decimal(0)) for code, rows in children.get(union_id, {}).items()}


def returns_prefill(*, actor: Any, union: TradeUnion, year: int, today: datetime.date | None = None) -> int:
    """Open every return of the subtree not yet begun, pre-filled as `return_open` would fill each
    one; returns how many were opened. A return already open is left as it is."""
    _require(actor, union.path)
    today = today or timezone.localdate()
    require_year_begun(year, today)
    taken = StatReturn.objects.filter(year=year).values("union_id")
    targets = list(reporting_unions(union, year).exclude(pk__in=taken).values_list("pk", "path", "level"))
    forms = {kind: latest_form(kind, year) for kind in FormKind.values}
    now = timezone.now()
    plans = []
    for kind, form in forms.items():
        grassroots = kind == FormKind.GRASSROOTS
        mine = [(pk, path) for pk, path, level in targets if (level == Level.GRASSROOTS) == grassroots]
        if not mine:
            continue
        if form is None:
            raise ValidationFailed(msg(_("%(year)s统计年度没有适用的调查表。"), {"year": year}), field="year",
                                   code="no_form")
        fields = list(StatField.objects.filter(form=form))
        by_metric = _metric_values(fields, [path for _pk, path in mine], year, today)
        summed = any(f.source == Source.CHILDREN for f in fields)
        children = _children_values([pk for pk, _path in mine], year) if summed else {}
        sums = {pk: _sums(children, pk) for pk, _path in mine}
        plans.append((form, fields, mine, by_metric, sums))
    opened = 0
    who = audit_who(actor)
    try:
        with transaction.atomic(), checked_as_written():
            for form, fields, mine, by_metric, sums in plans:
                upper = form.kind == FormKind.UPPER
                for start in range(0, len(mine), CHUNK):
                    part = mine[start:start + CHUNK]
                    ids = bulk_insert(StatReturn, [
                        {"form_id": form.pk, "union_id": pk, "org_path": path, "year": year, "created_at": now,
                         "updated_at": now, "aggregated_at": now if upper else None} for pk, path in part])
                    values = []
                    for ret_id, (pk, path) in zip(ids, part, strict=True):
                        for f in fields:
                            value = (by_metric[f.code][path] if f.source == Source.METRIC
                                     else sums.get(pk, {}).get(f.code) if f.source == Source.CHILDREN else None)
                            if value is not None:
                                values.append({"ret_id": ret_id, "field_id": f.pk, "value": value})
                    bulk_insert(StatValue, values)
                    bulk_insert(StatEvent, [{"ret_id": ret_id, "action": "open", "actor_label": who.shown,
                                             "note": str(_("批量预填")), "at": now} for ret_id in ids])
                    opened += len(ids)
            audit_record(actor=who, action="stats.prefill", object_type="reports.statreturn",
                         object_label=union.name, org_path=union.path,
                         detail={"year": year, "opened": opened})
    except IntegrityError:  # a colleague opened one of them at the same moment
        raise Conflict(_("有报表刚刚已被他人开始填报，请刷新后重试。")) from None
    return opened


@dataclass
class SignOutcome:
    signed: int = 0
    # (union name, the first failed check) of each return left unsigned, the checks naming why
    refused: list[tuple[str, Failure]] = field(default_factory=list)


def returns_sign_on_behalf(*, actor: Any, union: TradeUnion, year: int, level: int, name: str,
                           on: datetime.date | None = None) -> SignOutcome:
    """Sign off, on their behalf, the returns of the unions at `level` below `union` that are being
    filled in or reopened and pass every check (an explained year-on-year change passes, as at
    `return_sign`); the others stay open, listed with their first failed check. A return above
    grassroots level is first summed from its children's signed-off returns, as `return_aggregate`
    does. Every return above that had summed one of them is marked stale, as a single sign-off does."""
    _require(actor, union.path)
    if not union.level < level <= Level.GRASSROOTS:
        raise ValidationFailed(_("只能代为签报本级以下、基层及以上各级工会的报表。"), field="level", code="level")
    signer, on = clean_signature(name, on)
    outcome = SignOutcome()
    who = audit_who(actor)
    user = signed_by(actor)
    with transaction.atomic():
        open_returns = list(StatReturn.objects.select_for_update(of=("self",))
                            .filter(subtree_q("org_path", union.path), year=year, union__level=level,
                                    status__in=(ReturnStatus.DRAFT, ReturnStatus.REOPENED))
                            .select_related("union").order_by("org_path")
                            # what the checks and the outcome read, for a province's ~100,000 returns
                            .only("pk", "union_id", "form_id", "org_path", "union__name"))
        now = timezone.now()
        passing = []
        for start in range(0, len(open_returns), CHUNK):
            part = open_returns[start:start + CHUNK]
            children = _children_values([r.union_id for r in part], year) if level < Level.GRASSROOTS else {}
            if level < Level.GRASSROOTS:
                _aggregate(part, children, who, now)
            for ret, failures in _checked(part, year, children):
                if failures:
                    outcome.refused.append((ret.union.name, failures[0]))
                else:
                    passing.append(ret)
        ids = [r.pk for r in passing]
        for start in range(0, len(ids), CHUNK):
            StatReturn.objects.filter(pk__in=ids[start:start + CHUNK]).update(
                status=ReturnStatus.SIGNED, signed_name=signer, signed_on=on, signed_by=user, reopen_reason="",
                version=F("version") + 1, updated_at=now)
        above = sorted({p for r in passing for p in tree.ancestor_paths(r.org_path)})
        for start in range(0, len(above), CHUNK):
            StatReturn.objects.filter(org_path__in=above[start:start + CHUNK], year=year,
                                      aggregated_at__isnull=False).update(stale=True)
        bulk_insert(StatEvent, [{"ret_id": pk, "action": "sign", "actor_label": who.shown,
                                 "note": str(_("代为签报：%(name)s") % {"name": signer}), "at": now} for pk in ids])
        outcome.signed = len(ids)
        audit_record(actor=who, action="stats.sign_on_behalf", object_type="reports.statreturn",
                     object_label=union.name, org_path=union.path,
                     detail={"year": year, "level": level, "signed": outcome.signed,
                             "left_open": len(outcome.refused), "signed_on": on.isoformat()})
    return outcome


def _aggregate(returns: list[StatReturn], children: Children, who: Actor, now: datetime.datetime) -> None:
    """Each return's summed fields from its children's signed-off returns, for all of them at once."""
    summed = list(StatField.objects.filter(form_id__in={r.form_id for r in returns}, source=Source.CHILDREN))
    ids = [r.pk for r in returns]
    StatValue.objects.filter(ret_id__in=ids, field__in=summed).delete()
    rows = []
    for r in returns:
        sums = _sums(children, r.union_id)
        rows += [{"ret_id": r.pk, "field_id": f.pk, "value": sums[f.code]} for f in summed
                 if f.form_id == r.form_id and f.code in sums]
    bulk_insert(StatValue, rows)
    StatReturn.objects.filter(pk__in=ids).update(stale=False, aggregated_at=now, version=F("version") + 1,
                                                 updated_at=now)
    bulk_insert(StatEvent, [{"ret_id": pk, "action": "aggregate", "actor_label": who.shown, "at": now}
                            for pk in ids])


def _checked(returns: list[StatReturn], year: int, children: Children) -> list[tuple[StatReturn, list[Failure]]]:
    """Each return with its failed checks: every value, field, check and last year's signed value
    read in one query each, the checks run in memory (those between forms over `children`)."""
    form_ids = {r.form_id for r in returns}
    fields: dict[int, dict[str, StatField]] = {fid: {} for fid in form_ids}
    for f in StatField.objects.filter(form_id__in=form_ids).order_by("order", "id"):
        fields[f.form_id][f.code] = f
    checks: dict[int, list[StatCheck]] = defaultdict(list)
    for c in StatCheck.objects.filter(form_id__in=form_ids).order_by("code"):
        checks[c.form_id].append(c)
    code_of = {f.pk: f.code for form_fields in fields.values() for f in form_fields.values()}
    values: dict[int, dict[str, Entry]] = defaultdict(dict)
    for ret_id, field_id, value, text, note in (StatValue.objects.filter(ret_id__in=[r.pk for r in returns])
                                                .values_list("ret_id", "field_id", "value", "text", "explanation")):
        values[ret_id][code_of[field_id]] = Entry(value, text, note)
    last: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    for union_id, code, value in (StatValue.objects.filter(ret__union_id__in=[r.union_id for r in returns],
                                                           ret__year=year - 1, ret__status=ReturnStatus.SIGNED)
                                  .values_list("ret__union_id", "field__code", "value")):
        last[union_id][code] = value
    out = []
    for r in returns:
        mine = values.get(r.pk, {})
        entries = {code: mine.get(code, EMPTY) for code in fields[r.form_id]}
        out.append((r, run_checks(checks[r.form_id], fields[r.form_id], entries, last.get(r.union_id, {}),
                                  children.get(r.union_id, {}))))
    return out

