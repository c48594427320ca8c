from django.http import HttpRequest, HttpResponse
from django.urls import path

from gonghui.web import urls_aid, urls_hardship
from gonghui.web.accounts import urls as accounts_urls
from gonghui.web.common import home
from gonghui.web.orgs import urls as orgs_urls
from gonghui.web.views import (
    join_qr,
    member_flows,
    members,
    workdays,
)
from gonghui.web.views.cases_dashboard import case_dashboard, sla_page
from gonghui.web.views.cases_detail import case_act, case_attachment, case_by_number, case_detail_page, case_union_pick
from gonghui.web.views.cases_intake import case_intake_page, case_intake_suggest
from gonghui.web.views.cases_queues import case_queue_page, supervision_board
from gonghui.web.views.member_export import member_export
from gonghui.web.views.roster import (
    roster_commit,
    roster_errors,
    roster_home,
    roster_report,
    roster_status,
    roster_template,
)

app_name = "web"


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", healthz, name="healthz"),
    *accounts_urls.urlpatterns,
    *orgs_urls.urlpatterns,
    path("orgs/<int:pk>/join-qr/", join_qr.join_qr_print, name="org_join_qr"),
    path("members/", members.member_list, name="member_list"),
    path("members/export.xlsx", member_export, name="member_export"),
    path("members/<int:pk>/", members.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path("members/<int:pk>/do/<str:action>/", members.member_action, name="member_action"),
    path("orgs/<int:union_pk>/members/new/", members.member_create, name="member_create"),
    path("orgs/<int:union_pk>/members/stall/", members.member_stall, name="member_stall"),
    path("orgs/<int:union_pk>/members/transfer-here/", members.member_transfer_here, name="member_transfer_here"),
    path("members/applications/", member_flows.application_queue, name="application_queue"),
    path("members/applications/<int:pk>/<str:decision>/", member_flows.application_decide,
         name="application_decide"),
    path("members/transfers/", member_flows.transfer_list, name="transfer_list"),
    path("members/transfers/<int:pk>/<str:decision>/", member_flows.transfer_decide, name="transfer_decide"),
]

# 集体登记入会: the roster import wizard.
urlpatterns += [
    path("members/roster/template.xlsx", roster_template, name="roster_template"),
    path("orgs/<int:union_pk>/members/roster/", roster_home, name="roster_home"),
    path("members/roster/<int:pk>/", roster_report, name="roster_report"),
    path("members/roster/<int:pk>/status/", roster_status, name="roster_status"),
    path("members/roster/<int:pk>/commit/", roster_commit, name="roster_commit"),
    path("members/roster/<int:pk>/errors.xlsx", roster_errors, name="roster_errors"),
]

# 节假日日历: the holiday table deadlines are counted on.
urlpatterns += [
    path("calendar/", workdays.calendar_page, name="workday_calendar"),
    path("calendar/entries/", workdays.entry_save, name="workday_entry_save"),
    path("calendar/entries/<int:pk>/remove/", workdays.entry_remove, name="workday_entry_remove"),
    path("calendar/years/mark/", workdays.year_mark, name="workday_year_mark"),
    path("calendar/years/<int:pk>/unmark/", workdays.year_unmark, name="workday_year_unmark"),
]

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
