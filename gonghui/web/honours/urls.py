"""Console routes and navigation entries of 荣誉评选 (评选通知, 推荐审核, 公示异议, 表彰, 劳模名册);
included by web/urls.py and web/context.py. The to-do lines (honours/todos.py) link to these names."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.web.honours.views import awards, calls, nominations, register
from gonghui.web.honours.views.common import PERMS

urlpatterns: list[URLPattern] = [
    path("honours/calls/", calls.call_list_page, name="honour_call_list"),
    path("honours/calls/new/", calls.call_create_page, name="honour_call_create"),
    path("honours/calls/<int:pk>/", calls.call_page, name="honour_call"),
    path("honours/calls/<int:pk>/quota/", calls.call_quota, name="honour_call_quota"),
    path("honours/calls/<int:pk>/submit/", calls.level_submit, name="honour_level_submit"),
    path("honours/calls/<int:pk>/publish/", calls.call_publish, name="honour_call_publish"),
    path("honours/calls/<int:pk>/cancel/", calls.call_cancel_view, name="honour_call_cancel"),
    path("honours/calls/<int:pk>/decide/", calls.call_decide_view, name="honour_call_decide"),
    path("honours/calls/<int:pk>/nominate/", nominations.nomination_create_page, name="honour_nomination_create"),
    path("honours/nominations/", nominations.nomination_list_page, name="honour_nomination_list"),
    path("honours/nominations/<int:pk>/", nominations.nomination_page, name="honour_nomination"),
    path("honours/nominations/<int:pk>/documents/<int:document_pk>/", nominations.nomination_document,
         name="honour_nomination_document"),
    path("honours/nominations/<int:pk>/edit/", nominations.nomination_edit_page, name="honour_nomination_edit"),
    path("honours/nominations/<int:pk>/do/<str:action>/", nominations.nomination_act, name="honour_nomination_act"),
    path("honours/objections/", awards.objection_list_page, name="honour_objection_list"),
    path("honours/objections/<int:pk>/conclude/", awards.objection_conclude_view, name="honour_objection_conclude"),
    path("honours/awards/", awards.award_list_page, name="honour_award_list"),
    path("honours/awards/<int:pk>/", awards.award_page, name="honour_award"),
    path("honours/awards/<int:pk>/revoke/", awards.award_revoke_view, name="honour_award_revoke"),
    path("honours/register/", register.register_list_page, name="honour_register_list"),
    path("honours/register/<int:pk>/", register.register_page, name="honour_register"),
    path("honours/register/<int:pk>/<str:step>/", register.register_step, name="honour_register_step"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("荣誉评选"), "", PERMS, ""),
    ("web:honour_call_list", _("评选通知"), "✦", PERMS, "/honours/calls/"),
    ("web:honour_nomination_list", _("推荐审核"), "✓", PERMS, "/honours/nominations/"),
    ("web:honour_objection_list", _("公示异议"), "⚑", PERMS, "/honours/objections/"),
    ("web:honour_award_list", _("表彰"), "★", PERMS, "/honours/awards/"),
    ("web:honour_register_list", _("劳模名册"), "☆", PERMS, "/honours/register/"),
]
