"""Every console (web) and portal page a GET renders with no input: the list the query-count test
(tests/test_query_counts.py) and the page benchmark (bench/pages.py) both walk.

Taken from the URL resolver, so a new page joins both on its own: a route with no parameter is a
list, dashboard or form page; a route that ends at its `<int:pk>` is a detail page, opened on a row
of the model DETAIL_MODELS names for its prefix (a detail page with no entry there fails the test's
completeness check). Routes with any other parameter (`do/<str:action>`, a token, a code) need input
and are not pages in this sense; routes that answer a GET with 405 are actions, not pages.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.http import urlencode

# Detail routes (their prefix before `<int:pk>/`) and the model whose row they show.
DETAIL_MODELS = {
    "portal/applications/": "members.JoinApplication",
    "portal/hardship/files/": "assistance.HardshipFile",
    "portal/contracts/": "contracts.CollectiveContract",
    "portal/democracy/disclosures/": "democracy.Disclosure",
    "portal/democracy/proposals/": "democracy.Proposal",
    "portal/honours/": "honours.PublicNotice",
    "portal/benefits/vouchers/": "benefits.Voucher",
    "portal/activities/": "activities.Activity",
    "portal/jobs/": "jobs.JobPosting",
    "exports/jobs/": "reports.ExportJob",
    "users/": "accounts.User",
    "password-resets/": "accounts.PasswordReset",
    "orgs/": "orgs.TradeUnion",
    "employers/": "orgs.Employer",
    "members/": "members.Member",
    "members/roster/": "members.RosterImport",
    "cases/": "cases.Case",
    "contracts/": "contracts.CollectiveContract",
    "hardship/": "assistance.HardshipFile",
    "aid/programmes/": "aid.AidProgramme",
    "aid/programmes/campaigns/": "aid.AidCampaign",
    "aid/batches/": "aid.AidBatch",
    "mutual-aid/plans/": "mutualaid.MutualAidPlan",
    "mutual-aid/claims/": "mutualaid.MutualAidClaim",
    "democracy/congresses/": "democracy.WorkersCongress",
    "democracy/sessions/": "democracy.CongressSession",
    "democracy/proposals/": "democracy.Proposal",
    "honours/calls/": "honours.Call",
    "honours/nominations/": "honours.HonourNomination",
    "honours/awards/": "honours.Award",
    "honours/register/": "honours.ModelWorker",
    "skills/competitions/": "skills.Competition",
    "skills/suggestions/": "skills.Suggestion",
    "skills/studios/": "skills.InnovationStudio",
    "skills/apprenticeships/": "skills.Apprenticeship",
    "positions/": "positions.ServicePosition",
    "benefits/offers/": "benefits.Offer",
    "benefits/merchants/": "benefits.Merchant",
    "reports/risk/alerts/": "reports.RiskAlert",
    "activities/": "activities.Activity",
    "jobs/postings/": "jobs.JobPosting",
    "jobs/fairs/": "jobs.JobFair",
    "reports/work-report/": "reports.WorkReport",
    "reports/stats/": "reports.StatReturn",
}
# Not pages a person reads: probes, the scrape, files and JSON for scripts, and the login steps.
NOT_PAGES = {
    "/healthz": "the load balancer's probe (the benchmark's baseline)",
    "/readyz": "readiness probe",
    "/metrics": "Prometheus scrape",
    "/login/": "the login form itself",
    "/login/totp/": "second login step",
    "/login/totp/enrol/": "second login step",
    "/portal/login/": "the portal login form",
    "/portal/login/code/": "second portal login step",
    "/i18n/setlang/": "language switch (POST)",
}
# Pages that answer only with input in their query: the query the walk gives them (a function of the
# rows there are, for one that names a row).
QUERIES: dict[str, Callable[[], dict[str, str]]] = {
    "web:employer_pick": lambda: {"for": "contracts", "q": "公司"},
    "web:case_by_number": lambda: {"number": _newest("cases.Case", "number")},
}
CONSOLE, PORTAL = "console", "portal"
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


@dataclass(frozen=True)
class Page:
    name: str  # the URL name, e.g. web:case_detail
    route: str  # e.g. cases/<int:pk>/
    area: str  # CONSOLE or PORTAL
    model: str = ""  # a detail page's model label ("" for a page with no parameter)

    def url(self, pk: int | None = None) -> str:
        return "/" + PARAM.sub(str(pk), self.route) if self.model else "/" + self.route

    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def sample_url(self) -> str:
        """The page's address; a detail page's on the newest row of its model (0 when there is none)."""
        if not self.model:
            query = QUERIES.get(self.name)
            return self.url() + (f"?{urlencode(query())}" if query else "")
        row = self.model_class()._default_manager.order_by("-pk").first()
        return self.url(row.pk if row is not None else 0)


def _newest(model: str, field: str) -> str:
    row = apps.get_model(model)._default_manager.order_by("-pk").values_list(field, flat=True).first()
    return str(row or "")


def _walk(patterns: list, prefix: str = "", ns: str = ""):  # type: ignore[no-untyped-def]
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern), p.namespace or ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{ns}:{p.name}"


def detail_routes_without_a_model() -> list[str]:
    """Detail routes DETAIL_MODELS does not name: a new detail page must say what it shows."""
    return [p for p, _ in _routes() if p.endswith("<int:pk>/") and p.removesuffix("<int:pk>/") not in DETAIL_MODELS]


def _routes() -> list[tuple[str, str]]:
    return [(route, name) for route, name in _walk(get_resolver().url_patterns)
            if name.startswith(("web:", "portal:")) and "(?P" not in route and "^" not in route]


def pages() -> list[Page]:
    found = []
    for route, name in _routes():
        area = PORTAL if name.startswith("portal:") else CONSOLE
        params = PARAM.findall(route)
        if not params:
            if "/" + route not in NOT_PAGES:
                found.append(Page(name, route, area))
        elif params == [("int", "pk")] and route.endswith("<int:pk>/"):
            model = DETAIL_MODELS.get(route.removesuffix("<int:pk>/"), "")
            if model and "." in model:
                found.append(Page(name, route, area, model))
    return sorted(found, key=lambda p: p.route)
