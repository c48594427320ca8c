"""招聘会 figures in the seeds' words, each defined once; the page, the export and the API use these.

Over the fairs held (not cancelled) by unions in a subtree with a date in the period:
- 场次: the fairs;
- 进场企业: employers taking part, counted per fair (an employer at two fairs is two 家次);
- 提供岗位: the places of the postings brought, summed (a posting at two fairs counts twice);
- 达成就业意向: the intentions recorded after each fair;
- 入场求职: the visitors recorded.
Grouped set-based by the child union of the chosen root (one query per figure, whatever the tree)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr

from gonghui.jobs.choices import FairStatus
from gonghui.jobs.models import FairEmployer, FairPosting, JobFair
from gonghui.orgs import tree
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, subtree_q


@dataclass
class FairFigures:
    fairs: int = 0
    employers: int = 0
    places: int = 0
    intentions: int = 0
    visitors: int = 0

    def add(self, other: "FairFigures") -> None:
        self.fairs += other.fairs
        self.employers += other.employers
        self.places += other.places
        self.intentions += other.intentions
        self.visitors += other.visitors


@dataclass
class FigureTable:
    root: TradeUnion
    start: datetime.date
    end: datetime.date
    rows: list[tuple[TradeUnion, FairFigures]] = field(default_factory=list)
    total: FairFigures = field(default_factory=FairFigures)


def _fairs(scope: Scope, root_path: str, start: datetime.date, end: datetime.date) -> Q:
    return (scope.q("org_path") & subtree_q("org_path", root_path) & Q(held_on__gte=start, held_on__lte=end)
            & ~Q(status=FairStatus.CANCELLED))


def fair_figures(*, scope: Scope, root: TradeUnion, start: datetime.date, end: datetime.date) -> FigureTable:
    width = len(root.path) + tree.STEP_LEN
    where = _fairs(scope, root.path, start, end)
    held = JobFair.objects.filter(where).values("pk")
    by_child: dict[str, FairFigures] = {}

    def slot(key: str) -> FairFigures:
        return by_child.setdefault(key, FairFigures())

    for row in (JobFair.objects.filter(where).annotate(k=Substr("org_path", 1, width)).values("k")
                .annotate(n=Count("id"), i=Sum("intentions"), v=Sum("visitors")).order_by()):
        f = slot(row["k"])
        f.fairs, f.intentions, f.visitors = row["n"], row["i"] or 0, row["v"] or 0
    for row in (FairEmployer.objects.filter(fair__in=held).annotate(k=Substr("fair__org_path", 1, width))
                .values("k").annotate(n=Count("id")).order_by()):
        slot(row["k"]).employers = row["n"]
    for row in (FairPosting.objects.filter(fair__in=held).annotate(k=Substr("fair__org_path", 1, width))
                .values("k").annotate(n=Sum("posting__places")).order_by()):
        slot(row["k"]).places = row["n"] or 0
    table = FigureTable(root=root, start=start, end=end)
    unions = {u.path: u for u in TradeUnion.objects.filter(path__in=list(by_child))}
    for key in sorted(by_child):
        # A fair held by the root itself keys on the root's own (shorter) path.
        table.rows.append((unions.get(key, root), by_child[key]))
        table.total.add(by_child[key])
    return table
