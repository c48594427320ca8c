from django.http import HttpRequest, HttpResponse
from django.urls import path

from gonghui.web import urls_aid, urls_hardship
from gonghui.web.accounts import urls as accounts_urls
from gonghui.web.common import home
from gonghui.web.members import urls as members_urls
from gonghui.web.orgs import urls as orgs_urls
from gonghui.web.views.cases_dashboard import case_dashboard, sla_page
from gonghui.web.views.cases_detail import case_act, case_attachment, case_by_number, case_detail_page, case_union_pick
from gonghui.web.views.cases_intake import case_intake_page, case_intake_suggest
from gonghui.web.views.cases_queues import case_queue_page, supervision_board
from gonghui.web.workdays import urls as workdays_urls

app_name = "web"


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", healthz, name="healthz"),
    *accounts_urls.urlpatterns,
    *orgs_urls.urlpatterns,
    *members_urls.urlpatterns,
]

# 节假日日历: the holiday table deadlines are counted on.
urlpatterns += workdays_urls.urlpatterns

# 维权 (12351): intake, queues, the case page and its actions, 督办, figures, 办结时限.
urlpatterns += [
    path("cases/", case_queue_page, name="case_queue"),
    path("cases/intake/", case_intake_page, name="case_intake"),
    path("cases/intake/suggest/", case_intake_suggest, name="case_intake_suggest"),
    path("cases/find/", case_by_number, name="case_by_number"),
    path("cases/board/", supervision_board, name="case_board"),
    path("cases/dashboard/", case_dashboard, name="case_dashboard"),
    path("cases/sla/", sla_page, name="case_sla"),
    path("cases/<int:pk>/", case_detail_page, name="case_detail"),
    path("cases/<int:pk>/do/<str:action>/", case_act, name="case_act"),
    path("cases/<int:pk>/unions/", case_union_pick, name="case_union_pick"),
    path("cases/<int:pk>/attachments/<int:attachment_pk>/", case_attachment, name="case_attachment"),
]

# 困难职工帮扶: the hardship registry, aid programmes and batches, mutual-aid insurance.
urlpatterns += urls_hardship.urlpatterns + urls_aid.urlpatterns
