"""Console routes of the member registry, joining, transfers and the roster import (集体登记入会);
included by web/urls.py."""

from django.urls import URLPattern, path

from gonghui.web.members.views import bulk, join_qr, members, rights
from gonghui.web.members.views import flows as member_flows
from gonghui.web.members.views.export import member_export
from gonghui.web.members.views.roster import (
    roster_commit,
    roster_errors,
    roster_home,
    roster_report,
    roster_status,
    roster_template,
)

urlpatterns: list[URLPattern] = [
    path("orgs/<int:pk>/join-qr/", join_qr.join_qr_print, name="org_join_qr"),
    path("members/", members.member_list, name="member_list"),
    path("members/export.xlsx", member_export, name="member_export"),
    path("members/<int:pk>/", members.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path("members/<int:pk>/do/<str:action>/", members.member_action, name="member_action"),
    # 个人信息权利 (PIPL arts. 44-47): a person's request made at the counter, and the requests to decide.
    path("members/<int:pk>/rights/<str:action>/", rights.member_rights, name="member_rights"),
    path("members/data-requests/", rights.data_request_list, name="data_request_list"),
    path("members/data-requests/<int:pk>/<str:decision>/", rights.data_request_decide, name="data_request_decide"),
    path("orgs/<int:union_pk>/members/new/", members.member_create, name="member_create"),
    path("orgs/<int:union_pk>/members/stall/", members.member_stall, name="member_stall"),
    path("orgs/<int:union_pk>/members/transfer-here/", members.member_transfer_here, name="member_transfer_here"),
    path("members/applications/", member_flows.application_queue, name="application_queue"),
    path("members/applications/bulk/", bulk.application_bulk, name="application_bulk"),
    path("members/applications/<int:pk>/<str:decision>/", member_flows.application_decide,
         name="application_decide"),
    path("members/transfers/", member_flows.transfer_list, name="transfer_list"),
    path("members/transfers/bulk/", bulk.transfer_bulk, name="transfer_bulk"),
    path("members/transfers/<int:pk>/<str:decision>/", member_flows.transfer_decide, name="transfer_decide"),
    # 集体登记入会: the roster import wizard.
    path("members/roster/template.xlsx", roster_template, name="roster_template"),
    path("orgs/<int:union_pk>/members/roster/", roster_home, name="roster_home"),
    path("members/roster/<int:pk>/", roster_report, name="roster_report"),
    path("members/roster/<int:pk>/status/", roster_status, name="roster_status"),
    path("members/roster/<int:pk>/commit/", roster_commit, name="roster_commit"),
    path("members/roster/<int:pk>/errors.xlsx", roster_errors, name="roster_errors"),
]
