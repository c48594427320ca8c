from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from gonghui.web.accounts import urls as accounts_urls
from gonghui.web.activities import urls as activities_urls
from gonghui.web.aid import urls as aid_urls
from gonghui.web.benefits import urls as benefits_urls
from gonghui.web.cases import urls as cases_urls
from gonghui.web.common import exports, home
from gonghui.web.common.employers import employer_pick_results
from gonghui.web.common.health import readiness, stack_round_trip
from gonghui.web.common.metrics_endpoint import metrics
from gonghui.web.common.todos import todo_badges
from gonghui.web.contracts import urls as contracts_urls
from gonghui.web.democracy import urls as democracy_urls
from gonghui.web.hardship import urls as hardship_urls
from gonghui.web.honours import urls as honours_urls
from gonghui.web.jobs import urls as jobs_urls
from gonghui.web.members import urls as members_urls
from gonghui.web.mutualaid import urls as mutualaid_urls
from gonghui.web.orgs import urls as orgs_urls
from gonghui.web.positions import urls as positions_urls
from gonghui.web.reports import federation_urls as reports_federation_urls
from gonghui.web.reports import metrics_urls, stats_urls, work_report_urls
from gonghui.web.reports import urls as reports_urls
from gonghui.web.skills import urls as skills_urls
from gonghui.web.workdays import urls as workdays_urls

app_name = "web"


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def healthz_stack(request: HttpRequest) -> HttpResponse:
    """The least a page does through the whole stack: the session read from its store and one round trip to
    the database (through pgbouncer in production); bench/load.py measures the other mixes against it.
    It answers "ok" and nothing else, so it is as safe to leave open as /healthz."""
    request.session.get("_stack_probe")
    return HttpResponse("ok" if stack_round_trip() else "no database", content_type="text/plain")


def readyz(request: HttpRequest) -> HttpResponse:
    checks = readiness()
    ready = all(c.ok for c in checks if c.blocking)
    return JsonResponse({"ready": ready, "checks": {c.name: {"ok": c.ok, "detail": c.detail, "blocking": c.blocking}
                                                    for c in checks}}, status=200 if ready else 503)


# Each domain's routes live in its own package (web/<domain>/urls.py); their paths and names are the console's.
urlpatterns = [
    path("", home.home, name="home"),
    path("todos/badges/", todo_badges, name="todo_badges"),
    path("healthz", healthz, name="healthz"),
    path("healthz/stack", healthz_stack, name="healthz_stack"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    path("employers/pick/", employer_pick_results, name="employer_pick"),
    path("exports/<str:name>/", exports.export_list, name="export_list"),
    path("exports/jobs/<int:pk>/", exports.export_job_page, name="export_job"),
    path("exports/jobs/<int:pk>/download/", exports.export_job_download, name="export_job_download"),
    *accounts_urls.urlpatterns,
    *orgs_urls.urlpatterns,
    *members_urls.urlpatterns,
    *workdays_urls.urlpatterns,
    *cases_urls.urlpatterns,
    *contracts_urls.urlpatterns,
    *hardship_urls.urlpatterns,
    *aid_urls.urlpatterns,
    *mutualaid_urls.urlpatterns,
    *democracy_urls.urlpatterns,
    *honours_urls.urlpatterns,
    *skills_urls.urlpatterns,
    *positions_urls.urlpatterns,
    *benefits_urls.urlpatterns,
    *reports_urls.urlpatterns,
    *activities_urls.urlpatterns,
    *jobs_urls.urlpatterns,
    *work_report_urls.urlpatterns,

    *stats_urls.urlpatterns,

    *metrics_urls.urlpatterns,

    *reports_federation_urls.urlpatterns,
]
