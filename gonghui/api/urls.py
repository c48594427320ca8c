"""The REST API, mounted at /api/v1/ (config/urls.py); its documentation at /api/docs."""

from ninja import NinjaAPI
from ninja.operation import Operation

from gonghui.api.activities import router as activities
from gonghui.api.aid.batches import router as aid_batches_router
from gonghui.api.aid.router import router as aid_router
from gonghui.api.auth import router as auth
from gonghui.api.benefits import router as benefits
from gonghui.api.cases.actions import router as case_actions_router
from gonghui.api.cases.router import router as cases_router
from gonghui.api.common import errors
from gonghui.api.common.docs import LocalSwagger
from gonghui.api.common.security import AUTH, docs_access
from gonghui.api.contracts.actions import router as contract_actions_router
from gonghui.api.contracts.comparison import router as contract_comparison_router
from gonghui.api.contracts.router import router as contracts_router
from gonghui.api.democracy import proposals as democracy_proposals
from gonghui.api.democracy import publicity as democracy_publicity
from gonghui.api.democracy import router as democracy
from gonghui.api.hardship.actions import router as hardship_actions_router
from gonghui.api.hardship.router import router as hardship_router
from gonghui.api.hardship.rules import router as hardship_rules_router
from gonghui.api.honours import nominations as honours_nominations
from gonghui.api.honours import records as honours_records
from gonghui.api.honours import router as honours
from gonghui.api.jobs import grants as jobs_grants
from gonghui.api.jobs import partner as jobs_partner
from gonghui.api.jobs import router as jobs
from gonghui.api.members import flows as member_flows
from gonghui.api.members import roster as member_roster
from gonghui.api.members import router as members
from gonghui.api.mutualaid.claims import router as mutual_aid_claims_router
from gonghui.api.mutualaid.router import router as mutual_aid_router
from gonghui.api.orgs import (
    employers,
    regions,
    risk,
)
from gonghui.api.orgs import router as orgs
from gonghui.api.positions import public as positions_public
from gonghui.api.positions import records as positions_records
from gonghui.api.positions import router as positions
from gonghui.api.reports import federation as reports_federation
from gonghui.api.reports import federation_transfers as reports_federation_transfers
from gonghui.api.reports import metrics as report_metrics
from gonghui.api.reports import risk as reports_risk
from gonghui.api.reports import stats as reports_stats
from gonghui.api.skills import apprenticeships as skills_apprenticeships
from gonghui.api.skills import competition_results as skills_competition_results
from gonghui.api.skills import competitions as skills_competitions
from gonghui.api.skills import studios as skills_studios
from gonghui.api.skills import suggestions as skills_suggestions
from gonghui.api.verify import router as verify
from gonghui.api.workdays import router as workdays

# Operation ids are part of the published schema (client generators name their methods by them), so
# they keep the module names the routers had before the API was split into one package per domain.
OPERATION_ID_MODULES = {
    "gonghui.api.auth.router": "gonghui.api.auth",
    "gonghui.api.orgs.router": "gonghui.api.orgs",
    "gonghui.api.orgs.employers": "gonghui.api.employers",
    "gonghui.api.orgs.regions": "gonghui.api.regions",
    "gonghui.api.members.router": "gonghui.api.members",
    "gonghui.api.members.flows": "gonghui.api.member_flows",
    "gonghui.api.members.roster": "gonghui.api.member_roster",
    "gonghui.api.workdays.router": "gonghui.api.workdays",
    "gonghui.api.verify.router": "gonghui.api.verify",
    "gonghui.api.cases.router": "gonghui.api.cases",
    "gonghui.api.cases.actions": "gonghui.api.cases_actions",
    "gonghui.api.hardship.router": "gonghui.api.hardship",
    "gonghui.api.hardship.actions": "gonghui.api.hardship_actions",
    "gonghui.api.hardship.rules": "gonghui.api.hardship_rules",
    "gonghui.api.aid.router": "gonghui.api.aid",
    "gonghui.api.aid.batches": "gonghui.api.aid_batches",
    "gonghui.api.mutualaid.router": "gonghui.api.mutualaid",
    "gonghui.api.mutualaid.claims": "gonghui.api.mutualaid_claims",
    "gonghui.api.contracts.router": "gonghui.api.contracts",
    "gonghui.api.contracts.actions": "gonghui.api.contracts_actions",
}


class GonghuiAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        module = operation.view_func.__module__
        return f"{OPERATION_ID_MODULES.get(module, module)}_{operation.view_func.__name__}".replace(".", "_")


api = GonghuiAPI(
    title="Gonghui API",
    version="1",
    description="工会组织、用人单位、行政区划、会员实名制、12351维权，困难职工帮扶、帮扶项目发放、职工互助保障、集体合同、民主管理，劳动和技能竞赛与职工创新。"
                "认证：控制台会话（写操作须带 CSRF 令牌），"
                "或 `Authorization: Bearer gh_…`（POST /auth/token 换取）。错误统一为 "
                "{code, field, message, message_zh, message_en}。合作方核验接口 /verify/… 只认请求头 "
                "`X-Partner-Key`（合作方密钥）。",
    auth=AUTH,
    docs=LocalSwagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_decorator=docs_access,
    urls_namespace="api-1",
)
errors.install(api)
api.add_router("", auth.router)
api.add_router("", orgs.router)
api.add_router("", employers.router)
api.add_router("", risk.router)
api.add_router("", reports_risk.router)
# Lower deployments sign their figures with their own key; the reads are the root's statistics readers'.
api.add_router("", reports_federation.router)
api.add_router("", reports_federation_transfers.router)
api.add_router("", regions.router)
# Before the registry's router: /members/{member_id} would otherwise claim /members/roster-imports.
api.add_router("", member_roster.router)
api.add_router("", members.router)
api.add_router("", member_flows.router)
api.add_router("", workdays.router)
api.add_router("", cases_router)
api.add_router("", case_actions_router)
api.add_router("", hardship_router)
api.add_router("", hardship_actions_router)
api.add_router("", hardship_rules_router)
api.add_router("", aid_router)
api.add_router("", aid_batches_router)
api.add_router("", mutual_aid_router)
api.add_router("", mutual_aid_claims_router)
# Before the contracts router: /contracts/{contract_id} would otherwise claim /contracts/comparison.
api.add_router("", contract_comparison_router)
api.add_router("", contracts_router)
api.add_router("", contract_actions_router)
api.add_router("", democracy.router)
api.add_router("", democracy_proposals.router)
api.add_router("", democracy_publicity.router)
api.add_router("", honours.router)
api.add_router("", honours_nominations.router)
# Its /honours/register/figures is declared before /honours/register/{entry_id}.
api.add_router("", honours_records.router)
api.add_router("", skills_competitions.router)
api.add_router("", skills_competition_results.router)
api.add_router("", skills_suggestions.router)
api.add_router("", skills_studios.router)
api.add_router("", skills_apprenticeships.router)
api.add_router("", benefits.router)
api.add_router("", activities.router)
api.add_router("", jobs.router)
api.add_router("", jobs_grants.router)
api.add_router("", jobs_partner.router)
# Before the positions router: /positions/{position_id} would otherwise claim /positions/near.
api.add_router("", positions_public.router)
api.add_router("", positions.router)
api.add_router("", positions_records.router)
api.add_router("", reports_stats.router)

api.add_router("", report_metrics.router)
# Partners, with their own key and nothing of the cadre authentication (api/verify/router.py).
api.add_router("/verify", verify.router)
