from django.http import HttpRequest, HttpResponse
from django.urls import path

from gonghui.web import urls_aid, urls_hardship
from gonghui.web.views import (
    audit,
    auth,
    employers,
    home,
    join_qr,
    member_flows,
    members,
    orgs,
    password_resets,
    users,
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
from gonghui.web.views.todos import todo_badges

app_name = "web"


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", home.home, name="home"),
    path("todos/badges/", todo_badges, name="todo_badges"),
    path("healthz", healthz, name="healthz"),
    path("login/", auth.login_view, name="login"),
    path("login/totp/", auth.login_totp, name="login_totp"),
    path("login/totp/enrol/", auth.totp_enrol, name="totp_enrol"),
    path("logout/", auth.logout_view, name="logout"),
    path("account/password/", auth.password_change_view, name="password_change"),
    path("orgs/", orgs.org_tree, name="org_tree"),
    path("orgs/pick/", orgs.org_pick, name="org_pick"),
    path("orgs/<int:pk>/", orgs.org_detail, name="org_detail"),
    path("orgs/<int:pk>/children/", orgs.org_children, name="org_children"),
    path("orgs/<int:pk>/join-qr/", join_qr.join_qr_print, name="org_join_qr"),
    path("orgs/<int:parent_pk>/new/", orgs.org_create, name="org_create"),
    path("orgs/<int:pk>/edit/", orgs.org_edit, name="org_edit"),
    path("orgs/<int:pk>/move/", orgs.org_move, name="org_move"),
    path("orgs/<int:pk>/merge/", orgs.org_merge, name="org_merge"),
    path("orgs/<int:pk>/dissolve/", orgs.org_dissolve, name="org_dissolve"),
    path("orgs/<int:pk>/delete/", orgs.org_delete, name="org_delete"),
    path("orgs/<int:union_pk>/employers/new/", employers.employer_create_view, name="employer_create"),
    path("employers/", employers.employer_list, name="employer_list"),
    path("employers/<int:pk>/", employers.employer_detail, name="employer_detail"),
    path("employers/<int:pk>/edit/", employers.employer_edit, name="employer_edit"),
    path("users/", users.user_list, name="user_list"),
    path("users/new/", users.user_create_view, name="user_create"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/grants/", users.grant_add, name="grant_add"),
    path("users/<int:pk>/password-reset/", password_resets.reset_request_view, name="reset_request"),
    path("users/<int:pk>/<str:action>/", users.user_action, name="user_action"),
    path("password-resets/", password_resets.reset_list, name="reset_list"),
    path("password-resets/<int:pk>/", password_resets.reset_detail, name="reset_detail"),
    path("password-resets/<int:pk>/<str:action>/", password_resets.reset_act, name="reset_act"),
    path("grants/<int:pk>/revoke/", users.grant_remove, name="grant_remove"),
    path("audit/", audit.audit_page, name="audit_list"),
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
