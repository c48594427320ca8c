from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from gonghui.assistance.demo import seed_demo_rules
from gonghui.core.audit_checkpoints import audit_checkpoint
from gonghui.demo.activities import build_demo_activities
from gonghui.demo.benefits import build_demo_benefits
from gonghui.demo.benefits import summary as benefits_summary
from gonghui.demo.cadres import DEMO_PASSWORD, create_demo_cadres
from gonghui.demo.cases import DEMO_CASES, build_demo_cases
from gonghui.demo.contracts import build_demo_contracts
from gonghui.demo.democracy import build_demo_democracy
from gonghui.demo.federation import build_demo_federation
from gonghui.demo.hardship import build_demo_hardship
from gonghui.demo.honours import build_demo_honours
from gonghui.demo.jobs import build_demo_jobs
from gonghui.demo.members import build_demo_members
from gonghui.demo.positions import build_demo_positions
from gonghui.demo.province import ProvinceBuilder, ProvincePlan
from gonghui.demo.risk import build_demo_risk
from gonghui.demo.skills import build_demo_skills
from gonghui.demo.staff import DemoStaff
from gonghui.demo.stats import build_demo_stats
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.scope import SystemActor
from gonghui.orgs.services.bulk import tree_bulk_load
from gonghui.orgs.services.regions import regions_load
from gonghui.reports.metrics.rollup import refresh_metric_figures
from gonghui.reports.risk.services import risk_refresh


class Command(BaseCommand):
    help = "Build the deterministic demo province and its demo cadres."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unions", type=int, default=2000, help="grassroots unions to create")
        parser.add_argument("--province", default="510000", help="GB/T 2260 code of the province")
        parser.add_argument("--cases", type=int, default=DEMO_CASES, help="12351 cases over the two years")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when unions already exist")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["if_empty"] and TradeUnion.objects.exists():
            return
        if TradeUnion.objects.exists():
            raise CommandError("The database already holds unions; the demo builds into an empty one.")
        if opts["unions"] < 10:
            raise CommandError("--unions must be at least 10.")
        system = SystemActor("demo")
        if not Region.objects.exists():
            regions_load(actor=system)
        if not Region.objects.filter(adcode=opts["province"], level=Region.RegionLevel.PROVINCE).exists():
            raise CommandError(f"{opts['province']} is not a province code of the GB/T 2260 list.")
        spec = ProvinceBuilder(ProvincePlan(opts["province"], opts["unions"], opts["seed"])).build()
        made = tree_bulk_load(actor=system, parent=None, nodes=[spec])
        province = TradeUnion.objects.get(parent__isnull=True, name=spec.name)
        cadres = create_demo_cadres(province)
        people = build_demo_members()
        staff = DemoStaff(opts["seed"])  # the named cadres who take the history's steps
        # The demo's callers are invented: their SMS notices stay in memory instead of the log.
        with override_settings(GONGHUI_SMS_BACKEND="gonghui.accounts.sms_backends.LocmemBackend"):
            cases = build_demo_cases(province, staff=staff, count=opts["cases"], seed=opts["seed"])
        seed_demo_rules(actor=system)  # hardship assessment lines for the demo province (demo data)
        hardship = build_demo_hardship(province, staff=staff, seed=opts["seed"])
        contracts = build_demo_contracts(province, staff=staff, seed=opts["seed"])
        build_demo_democracy(province, staff=staff, seed=opts["seed"])  # 职代会, 提案, 厂务公开, 职工董事/监事
        # 评选 calls and the 劳模 register, then competitions, 五小, studios led from the register, 师带徒.
        honours = build_demo_honours(province, staff=staff, seed=opts["seed"])
        # The 劳动关系风险名单, one of its employers a nominee's in the 公示 above.
        risk = build_demo_risk(province, staff=staff, seed=opts["seed"])
        skills = build_demo_skills(province, staff=staff, seed=opts["seed"])
        positions = build_demo_positions(province, seed=opts["seed"])  # 服务阵地 with two years of check-ins
        benefits = build_demo_benefits(province, seed=opts["seed"])
        activities = build_demo_activities(province, seed=opts["seed"])  # every stage, with waiting lists
        jobs = build_demo_jobs(province, staff=staff, seed=opts["seed"])  # postings, 招聘会, applications
        stats = build_demo_stats(province, seed=opts["seed"])  # the 统计年报 at every stage in the demo county
        # Three cities with deployments of their own, two of which have sent their figures up to this one.
        build_demo_federation(province, seed=opts["seed"])
        # Last, so the radar and the stored metric figures read everything the demo wrote; a
        # deployment's `periodic` timer keeps both current afterwards.
        radar = risk_refresh(actor=SystemActor("demo"))
        figures = refresh_metric_figures(actor=system)
        # The demo's history is signed at once, so `audit_verify` holds on a fresh demo; afterwards
        # the `periodic` timer keeps the checkpoints fresh.
        audit_checkpoint()
        if not opts["quiet"]:
            self.stdout.write(f"Demo province built: {made} unions, {people['members']} members, "
                              f"{people['cards']} cards, {people['applications']} pending applications, "
                              f"{people['transfers']} open transfers, {cases['cases']} 12351 cases "
                              f"({cases['overdue']} overdue, {cases['lawyer_cases']} with the demo lawyer), "
                              f"{hardship['files']} hardship files, {hardship['grants']} aid grants, "
                              f"{hardship['claims']} mutual-aid claims, {contracts['contracts']} collective contracts "
                              f"({contracts['in_force']} in force, {contracts['checks']} supervision checks), "
                              f"{honours['nominations']} honour nominations, {honours['register']} in the 劳模 "
                              f"register, {risk['risk_listed']} employers on the risk list, "
                              f"{skills['competitions']} competitions, {skills['suggestions']} "
                              f"五小/合理化建议, {positions['positions']} service positions "
                              f"({positions['visits']} check-ins), {activities['activities']} activities with "
                              f"{activities['signups']} sign-ups, {jobs['postings']} job postings, "
                              f"{jobs['fairs']} job fairs, {stats['returns']} 统计年报 returns.")
            self.stdout.write(f"会员普惠: {benefits_summary(benefits)}.")
            self.stdout.write(f"风险雷达: {radar.employers} employers scored, {radar.alerts} alerts; "
                              f"{figures} stored metric figures.")
            self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
            for username, role, org in cadres:
                self.stdout.write(f"  {username:<11} {role} @ {org.name}")
