"""Every signal of the radar for every employer at once: one GROUP BY per signal over the table that
holds it, never a query per employer (a province holds ~155,000). Each returns only the employers
where the signal is present; the rest read as zero.

Facts about an employer are read across the whole registry, whoever handles them (a case about the
employer handled by another union still counts), as the honours checks do; what a viewer sees is
the employer's score, never the rows of another subtree."""

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from gonghui.assistance.models import HardshipFile
from gonghui.cases.choices import Category, Line
from gonghui.cases.models import Case
from gonghui.contracts.models import EmployerCoverage
from gonghui.democracy.selectors import employers_missing_director
from gonghui.honours.models import Objection
from gonghui.orgs.scope import Scope


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` earlier (the 31st of a shorter month reads as its last day)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


@dataclass
class Signals:
    cases: dict[int, tuple[int, int]] = field(default_factory=dict)  # employer → (cases, of which wages)
    repeat_callers: Counter[int] = field(default_factory=Counter)  # employer → callers with ≥ 2 cases
    coverage: dict[int, tuple[int, bool]] = field(default_factory=dict)  # employer → (contracts, has 工资专项)
    hardship: dict[int, int] = field(default_factory=dict)  # employer → open hardship files
    objections: dict[int, int] = field(default_factory=dict)  # employer → 公示 objections
    missing_director: set[int] = field(default_factory=set)


def hotline_cases(since: datetime.datetime) -> QuerySet[Case]:
    """The 12351 cases the radar counts: on the hotline, naming a registry employer, since `since`."""
    # A 公示 objection is a 12351 case too: it is counted once, as an objection.
    return (Case.objects.filter(line=Line.HOTLINE, employer__isnull=False, received_at__gte=since)
            .exclude(pk__in=Objection.objects.values("case_id")))


def read_signals(*, since: datetime.datetime) -> Signals:
    """Seven queries (the director rule's read included) whatever the number of employers."""
    s = Signals()
    for row in (hotline_cases(since).order_by().values("employer_id")
                .annotate(n=Count("pk"), wages=Count("pk", filter=Q(category=Category.WAGES)))):
        s.cases[row["employer_id"]] = (row["n"], row["wages"])
    # A caller is their phone's blind index, else their ID's; an anonymous caller with neither is no one.
    caller = Coalesce(NullIf("caller_phone_index", Value("")), NullIf("caller_id_index", Value("")))
    for row in (hotline_cases(since).annotate(caller=caller).filter(caller__isnull=False).order_by()
                .values("employer_id", "caller").annotate(n=Count("pk")).filter(n__gte=2)):
        s.repeat_callers[row["employer_id"]] += 1
    for employer_id, contracts, has_wage in EmployerCoverage.objects.filter(contracts__gt=0).values_list(
            "employer_id", "contracts", "has_wage"):
        s.coverage[employer_id] = (contracts, has_wage)
    s.hardship = dict(HardshipFile.objects.open().filter(member__employer__isnull=False).order_by()
                      .values("member__employer_id").annotate(n=Count("pk")).values_list("member__employer_id", "n"))
    s.objections = dict(Objection.objects.filter(filed_at__gte=since, nomination__employer__isnull=False).order_by()
                        .values("nomination__employer_id").annotate(n=Count("pk"))
                        .values_list("nomination__employer_id", "n"))
    s.missing_director = set(employers_missing_director(scope=Scope.all()).order_by().values_list("pk", flat=True))
    return s
