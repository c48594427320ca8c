"""活动统计: 场次 (activities held), 参与人次 (check-ins: one person at two activities is two) and 覆盖会员
(distinct members who checked in at least once: people, not visits), by kind and by the branches of a
union, over a period of start dates. Each figure is one grouped query; the totals are their own queries,
because distinct people do not add up across kinds or branches."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr

from gonghui.activities.choices import ActivityKind, ActivityStatus, SignUpStatus
from gonghui.activities.models import Activity, SignUp
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, subtree_q
from gonghui.orgs.tree import STEP_LEN

# An activity counts once it has been published and not called off.
HELD = (ActivityStatus.OPEN, ActivityStatus.CLOSED, ActivityStatus.FINISHED)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    sessions: int
    attendances: int
    members: int


@dataclass(frozen=True)
class Figures:
    total: Row
    by_kind: list[Row]
    by_branch: list[Row]


def _activities(scope: Scope, root: TradeUnion, start: datetime.date | None, end: datetime.date | None,
                kind: str) -> QuerySet[Activity]:
    rows = Activity.objects.visible_to(scope).filter(subtree_q("org_path", root.path), status__in=HELD)
    if start:
        rows = rows.filter(starts_at__date__gte=start)
    if end:
        rows = rows.filter(starts_at__date__lte=end)
    return rows.filter(kind=kind) if kind else rows


def _row(key: str, label: Any, sessions: int, visits: dict[str, Any], key_of: str = "") -> Row:
    got = visits.get(key_of or key, {})
    return Row(key, str(label), sessions, int(got.get("n", 0)), int(got.get("people", 0)))


def activity_figures(*, scope: Scope, root: TradeUnion, start: datetime.date | None = None,
                     end: datetime.date | None = None, kind: str = "") -> Figures:
    activities = _activities(scope, root, start, end, kind)
    checkins = SignUp.objects.filter(activity__in=activities.values("pk"), status=SignUpStatus.CHECKED_IN)
    people = Count("member", distinct=True, filter=Q(member__isnull=False))
    total_visits = checkins.aggregate(n=Count("pk"), people=people)
    total = Row("", "", activities.count(), int(total_visits["n"]), int(total_visits["people"]))

    sessions_by_kind = dict(activities.order_by().values_list("kind").annotate(n=Count("pk")))
    visits_by_kind = {r["activity__kind"]: r for r in checkins.order_by().values("activity__kind")
                      .annotate(n=Count("pk"), people=people)}
    by_kind = [_row(k, label, sessions_by_kind.get(k, 0), visits_by_kind) for k, label in ActivityKind.choices
               if sessions_by_kind.get(k)]

    # A branch is the first step below the root on the organiser's path; the root's own are its line.
    width = len(root.path) + STEP_LEN
    branch = Substr("org_path", 1, width)
    sessions_by_branch = dict(activities.order_by().annotate(b=branch).values_list("b").annotate(n=Count("pk")))
    visits_by_branch = {r["b"]: r for r in checkins.order_by().annotate(b=Substr("activity__org_path", 1, width))
                        .values("b").annotate(n=Count("pk"), people=people)}
    names = dict(TradeUnion.objects.filter(path__in=list(sessions_by_branch)).values_list("path", "name"))
    by_branch = [_row(path, names.get(path, root.name), n, visits_by_branch)
                 for path, n in sorted(sessions_by_branch.items(), key=lambda item: (-item[1], item[0]))]
    return Figures(total, by_kind, by_branch)
