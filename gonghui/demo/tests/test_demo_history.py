"""The demo province as an official would look at it: rates in the reported ranges at every level,
history in causal order spread over two years, real-looking names. Built once for the module (the
command at its smallest size, one grassroots union a county) and rolled back afterwards."""

import datetime
import re
from collections import Counter

import pytest
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone, translation

from gonghui.aid.models import AidBatchEvent, AidGrant
from gonghui.assistance.models import HardshipEvent, HardshipFile, HouseholdMember
from gonghui.assistance.rule_models import AssessmentRule
from gonghui.cases.choices import OPEN_STATUSES as CASE_OPEN
from gonghui.cases.models import Case, CaseEvent
from gonghui.cases.routing.address import reset_region_index
from gonghui.cases.routing.suggest import suggest_union
from gonghui.core.audit import actor_shown
from gonghui.democracy.choices import AgendaKind, CongressForm, DisclosureCategory, ProposalStatus, SeatKind
from gonghui.democracy.models import (
    AgendaItem,
    BoardSeat,
    CongressTerm,
    Disclosure,
    DisclosureRead,
    OpennessAssessment,
    Proposal,
    WorkersCongress,
)
from gonghui.democracy.selectors import (
    congresses_without_session,
    employers_missing_director,
    proposals_overdue,
    term_composition,
)
from gonghui.honours.choices import CallStatus, ModelWorkerStatus, NominationStatus, RecordKind
from gonghui.honours.models import Award, Call, HonourEvent, ModelWorker, ModelWorkerRecord, Objection
from gonghui.members.models import Membership
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEvent
from gonghui.orgs.choices import Level
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.orgs.scope import Scope, subtree_q
from gonghui.orgs.selectors import region_labels
from gonghui.skills.competition_models import Competition, CompetitionAward, CompetitionEvent, CompetitionScore
from gonghui.skills.innovation_choices import ApprenticeshipStatus, SuggestionStatus
from gonghui.skills.models import (
    Apprenticeship,
    ApprenticeshipEvent,
    InnovationStudio,
    Patent,
    StudioEvent,
    Suggestion,
    SuggestionEvent,
    SuggestionReward,
    TrainingLevelCount,
)

pytestmark = pytest.mark.django_db


DEMO_SIZE = {"unions": 10, "cases": 120}  # one grassroots union a county, many cases


def _rates(union: TradeUnion) -> tuple[float, float]:
    """(建会率, 入会率) as the home page computes them (orgs and members selectors)."""
    employers = Employer.objects.filter(subtree_q("org_path", union.path), status="active").aggregate(
        n=Count("id"), organised=Count("id", filter=Q(unionized=True)), staff=Sum("employee_count"))
    return 100 * employers["organised"] / employers["n"], 100 * union.subtree_members / employers["staff"]


def test_the_rates_are_in_the_reported_ranges_at_province_city_and_county(demo):
    cities = TradeUnion.objects.filter(parent=demo).order_by("-subtree_unions")[:3]
    counties = TradeUnion.objects.filter(level=Level.COUNTY).order_by("-subtree_members")[:5]
    for union in [demo, *cities]:  # a city holds a dozen unions at this size: a little noise
        organising, membership = _rates(union)
        assert 80 <= organising <= 96, (union.name, organising)
        assert 76 <= membership <= 94, (union.name, membership)
    organising, membership = _rates(demo)
    assert 84 <= organising <= 93 and 80 <= membership <= 92
    for union in counties:  # one grassroots union each at this size: only the membership rate is steady
        assert 70 <= _rates(union)[1] <= 98, union.name


def test_no_aid_is_paid_before_its_household_was_filed(demo):
    paid = AidGrant.objects.filter(status="paid", hardship_file__isnull=False).select_related("hardship_file")
    assert paid.exists()
    for grant in paid:
        filed = timezone.localdate(grant.hardship_file.filed_at)
        assert filed <= grant.paid_on, (grant.pk, filed, grant.paid_on)


def test_each_case_moves_forward_in_time_and_events_rarely_share_a_moment(demo):
    for case in Case.objects.all():
        moments = list(case.events.order_by("pk").values_list("at", flat=True))
        assert moments == sorted(moments), case.number
        assert moments[0] >= case.received_at
    # The overdue sweep flags its batch at one moment, by design; everything else has its own.
    moments = [*CaseEvent.objects.values_list("at", flat=True), *HardshipEvent.objects.values_list("at", flat=True),
               *MutualAidEvent.objects.values_list("at", flat=True)]
    shared = sum(n for n in Counter(moments).values() if n > 1)
    assert shared <= 0.05 * len(moments)


def test_hardship_and_mutual_aid_steps_come_in_order(demo):
    for file_id in HardshipEvent.objects.values_list("file_id", flat=True).distinct():
        moments = list(HardshipEvent.objects.filter(file_id=file_id).order_by("pk").values_list("at", flat=True))
        assert moments == sorted(moments)
    for claim in MutualAidClaim.objects.select_related("enrolment"):
        assert claim.enrolment.covered_from <= claim.event_date <= timezone.localdate(claim.submitted_at)
        assert claim.paid_on is None or claim.paid_on >= claim.event_date


def test_household_members_have_real_names_with_the_relation_apart(demo):
    relatives = HouseholdMember.objects.exclude(relation="self")
    assert relatives.exists()
    for name in relatives.values_list("name", flat=True):
        assert not re.search(r"\d|配偶|子女", name), name
        assert 2 <= len(name) <= 4


def test_the_history_spreads_over_at_least_18_of_the_last_24_months(demo):
    since = timezone.now() - datetime.timedelta(days=730)
    months = {timezone.localtime(at).strftime("%Y-%m")
              for at in Case.objects.filter(received_at__gte=since).values_list("received_at", flat=True)}
    assert len(months) >= 18
    joined = {d.strftime("%Y-%m") for d in Membership.objects.filter(join_date__gte=since.date())
              .values_list("join_date", flat=True)}
    assert len(joined) >= 18
    # Members joined before the union's records show them: no membership is written before it began.
    assert not Membership.objects.filter(created_at__date__lt=F("join_date")).exists()


def test_every_division_code_the_demo_gives_reads_as_a_place(demo):
    codes = {
        "union": set(TradeUnion.objects.values_list("region_id", flat=True)),
        "employer": set(Employer.objects.values_list("region_id", flat=True)),
        # The unified social credit code carries the registering division (characters 3–8).
        "credit code": {c[2:8] for c in Employer.objects.values_list("credit_code", flat=True)},
        "case": set(Case.objects.values_list("region_id", flat=True)),
        "hardship file": set(HardshipFile.objects.values_list("adcode", flat=True)),
        "assessment rule": set(AssessmentRule.objects.values_list("adcode", flat=True)),
    }
    for table, found in codes.items():
        found -= {None, ""}
        assert found, table  # the scan would prove nothing on an empty column
        named = region_labels(found)
        assert set(named) == found, (table, found - set(named))


def test_township_unions_bear_the_real_townships_of_their_county(demo):
    towns = list(TradeUnion.objects.filter(level=Level.TOWNSHIP).select_related("region", "parent__region"))
    assert towns
    for union in towns:
        county = union.parent.region
        assert union.region.level == Region.RegionLevel.TOWN and union.region.parent_id == county.adcode
        assert union.name == f"{county.name}{union.region.name}工会"
    # So an address in one of them is routed to it, and its label is the place's name.
    union = towns[-1]
    reset_region_index()
    try:
        with translation.override("zh-hans"):
            s = suggest_union(scope=Scope.of([demo.path]), centre=demo,
                              address=f"{union.parent.region.name}{union.region.name}一家工厂")
            assert s.union == union and str(s.reason) == f"按事发地址（{union.parent.region.name}{union.region.name}）"
    finally:
        reset_region_index()
    assert region_labels([union.region_id])[union.region_id].endswith(union.region.name)


# "张伟（成都市锦江区总工会）": a person's name and, in brackets, the union they act for.
PERSON_AND_UNION = re.compile(r"^[\u4e00-\u9fff]{2,3}（[^（）]*(工会|委员会)[^（）]*）$")
SWEEPS = {"overdue", "escalate"}  # the overdue sweep flags a case and passes it up: the system's steps


def _shown(events) -> list[tuple[str, str, str]]:
    """(action, stored label, what the timeline shows) of each event."""
    with translation.override("zh-hans"):
        return [(e.action, e.actor_label, actor_shown(e.actor_label)) for e in events]


def test_timelines_name_a_person_and_their_union_and_the_system_only_for_the_sweeps(demo):
    cases = Case.objects.annotate(n=Count("events")).filter(n__gte=6)
    case = cases.filter(channel="phone").order_by("pk").first()
    assert case is not None
    for action, _label, shown in _shown(case.events.order_by("pk")):
        if action not in SWEEPS:
            assert PERSON_AND_UNION.match(shown), (case.number, action, shown)
    file = HardshipFile.objects.filter(status__in=["aided", "watched"]).order_by("pk").first()
    steps = _shown(file.events.order_by("pk"))
    assert len(steps) >= 5 and all(PERSON_AND_UNION.match(shown) for _a, _l, shown in steps), steps
    # Across the whole history: the system only sweeps, and a portal request is the worker's own.
    for action, label, shown in _shown(CaseEvent.objects.all()):
        if shown == "系统":
            assert action in SWEEPS, (action, label)
        elif label.startswith("portal:"):
            assert action == "intake" and shown.startswith("职工本人（手机尾号"), (action, shown)
        else:
            assert PERSON_AND_UNION.match(shown), (action, shown)
    for model in (HardshipEvent, MutualAidEvent, AidBatchEvent):
        assert all(PERSON_AND_UNION.match(shown) for _a, _l, shown in _shown(model.objects.all())), model


def test_the_demo_holds_democratic_management_at_every_stage_with_work_lists_that_have_content(demo):
    scope = Scope.of([demo.path])
    assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus.values)
    assert proposals_overdue(scope=scope).exists()
    # A congress that last met more than a year ago, and a company the rule names with no 职工董事.
    today = timezone.localdate()
    last_met = WorkersCongress.objects.annotate(last=Max("terms__sessions__held_on"))
    assert last_met.filter(last__lt=today - datetime.timedelta(days=365)).exists()
    assert congresses_without_session(scope=scope).exists()
    assert employers_missing_director(scope=scope).exists()
    assert BoardSeat.objects.filter(kind=SeatKind.DIRECTOR).exists()
    assert AgendaItem.objects.filter(kind=AgendaKind.CONTRACT_DRAFT, passed=True).exists()
    assert AgendaItem.objects.filter(passed=False).exists()
    assert set(Disclosure.objects.values_list("category", flat=True)) == set(DisclosureCategory.values)
    assert DisclosureRead.objects.exists() and OpennessAssessment.objects.exists()
    # Most unionised employers of 100 or more workers hold a 职代会; smaller ones a 全体职工大会.
    large = Employer.objects.filter(unionized=True, status="active", employee_count__gte=100)
    assert large.filter(congress__isnull=False).count() > 0.7 * large.count()
    assert WorkersCongress.objects.filter(form=CongressForm.ASSEMBLY, employer__employee_count__lt=100).exists()


def test_every_term_roster_of_the_demo_meets_the_composition_rules(demo):
    scope = Scope.of([demo.path])
    terms = CongressTerm.objects.filter(congress__form=CongressForm.REPRESENTATIVE)
    assert terms.exists()
    for term in terms:
        checks = term_composition(scope=scope, term=term)
        assert all(c.ok for c in checks), (term.congress.employer.name, [(c.key, c.actual) for c in checks])


def test_this_years_call_is_in_its_notice_with_an_open_objection_and_last_years_call_is_awarded(demo):
    today = timezone.localdate()
    current = Call.objects.get(year=today.year, status=CallStatus.NOTICE)
    notice = current.notice
    assert notice.starts_on <= today <= notice.ends_on
    assert current.quotas.filter(union__parent=demo).exists()
    objection = Objection.objects.select_related("case").get(notice=notice)
    assert objection.case.status in CASE_OPEN and objection.verdict == ""
    # Every nominee went up with a check at each level; the ones sent back carry the reason.
    on_notice = current.nominations.filter(status=NominationStatus.NOTICE)
    assert on_notice.exists() and all(n.checks.count() >= 3 for n in on_notice)
    returned = current.nominations.filter(status=NominationStatus.RETURNED)
    assert returned.exists() and all(n.returned_reason for n in returned)
    finished = Call.objects.get(year=today.year - 1, status=CallStatus.DECIDED)
    awards = Award.objects.filter(call=finished)
    assert awards.exists() and all(a.decision_number and a.certificate_number for a in awards)
    assert not finished.nominations.filter(status=NominationStatus.NOTICE).exists()


def test_the_register_holds_model_workers_of_every_level_with_their_yearly_records(demo):
    entries = ModelWorker.objects.all()
    assert entries.count() >= 20
    assert set(entries.values_list("level", flat=True)) >= {"national", "province", "city"}
    titles = set(entries.values_list("title", flat=True))
    assert any("劳动模范" in t for t in titles) and any("先进工作者" in t for t in titles)
    assert entries.filter(status=ModelWorkerStatus.DECEASED, died_on__isnull=False).exists()
    assert entries.filter(in_hardship=True, hardship_file__isnull=False).exists()
    records = ModelWorkerRecord.objects.all()
    assert {RecordKind.CONTACT, RecordKind.ALLOWANCE, RecordKind.HEALTH_CHECK} <= set(
        records.values_list("kind", flat=True))
    assert records.filter(kind=RecordKind.CONTACT, year=timezone.localdate().year).count() >= entries.count() // 2


def test_the_demo_holds_competitions_suggestions_studios_and_pairs_at_every_stage(demo):
    statuses = set(Competition.objects.values_list("status", flat=True))
    assert statuses >= {"submitted", "returned", "approved", "publicised", "final"}
    assert CompetitionScore.objects.filter(stage__status="open").exists()  # a stage being scored
    assert CompetitionAward.objects.filter(title="技术能手", competition__status="final").exists()
    assert set(Suggestion.objects.values_list("status", flat=True)) == set(SuggestionStatus.values)
    implemented = Suggestion.objects.filter(status=SuggestionStatus.IMPLEMENTED)
    assert implemented.exists() and all(s.benefit and s.benefit > 0 and s.benefit_assessor for s in implemented)
    assert SuggestionReward.objects.exists() and Patent.objects.exists()
    studios = InnovationStudio.objects.all()
    assert len(set(studios.values_list("level", flat=True))) >= 3
    leaders = set(studios.values_list("model_worker_id", flat=True))
    assert None not in leaders and ModelWorker.objects.filter(pk__in=leaders).count() == len(leaders)
    assert set(Apprenticeship.objects.values_list("status", flat=True)) == set(ApprenticeshipStatus.values)
    assert TrainingLevelCount.objects.filter(count__gt=0).exists()


def test_honours_and_skills_timelines_name_the_cadre_of_the_union_that_acts(demo):
    with translation.override("zh-hans"):
        kept = {actor_shown(label) for label in ModelWorkerRecord.objects.values_list("actor_label", flat=True)}
    assert kept and all(PERSON_AND_UNION.match(shown) for shown in kept), kept
    for model in (HonourEvent, CompetitionEvent, SuggestionEvent, StudioEvent, ApprenticeshipEvent):
        for action, label, shown in _shown(model.objects.all()):
            if label.startswith("portal:"):  # the objection, filed by a member of the public
                assert model is HonourEvent and action == "object", (action, shown)
            else:
                assert PERSON_AND_UNION.match(shown), (model.__name__, action, shown)
    # A grassroots nomination is made by its own union's cadre, never the province's.
    for event in HonourEvent.objects.filter(action="nominate").select_related("nomination__union"):
        assert event.actor_label and event.nomination.union.name in _shown([event])[0][2]


def test_the_radar_alerts_on_employers_whose_workers_called_about_unpaid_wages_all_year(demo):
    from gonghui.accounts.models import User
    from gonghui.reports.risk.choices import Component
    from gonghui.reports.risk_models import RiskAlert

    county = User.objects.get(username="county").grants.get().org
    alerts = list(RiskAlert.objects.all())
    assert all(a.threshold == 40 <= a.score for a in alerts)  # at the rules' own threshold
    # The employers whose workers kept calling: a worker twice, unpaid wages at least three times.
    troubled = [a for a in alerts if a.components[Component.CASES]["wages"] >= 3
                and a.components[Component.REPEAT_CALLERS]["value"] >= 1]
    here = [a for a in troubled if a.org_path.startswith(county.path)]
    # In the demo county (three at the demo's size; the one employer it holds at this test's) and elsewhere.
    assert here and len(troubled) > len(here)
