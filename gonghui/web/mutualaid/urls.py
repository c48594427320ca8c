"""Console routes and navigation entries of mutual-aid insurance (职工互助保障);
included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.web.mutualaid.views import claims as mutualaid_claims
from gonghui.web.mutualaid.views import enrolment as mutualaid_enrolment
from gonghui.web.mutualaid.views import plans as mutualaid_plans

# 职工互助保障: plans, yearly enrolment, claims.
urlpatterns: list[URLPattern] = [
    path("mutual-aid/plans/", mutualaid_plans.plan_list_page, name="mutualaid_plan_list"),
    path("mutual-aid/plans/new/", mutualaid_plans.plan_create_page, name="mutualaid_plan_create"),
    path("mutual-aid/plans/<int:pk>/", mutualaid_plans.plan_detail_page, name="mutualaid_plan_detail"),
    path("mutual-aid/plans/<int:pk>/edit/", mutualaid_plans.plan_edit_page, name="mutualaid_plan_edit"),
    path("mutual-aid/plans/<int:pk>/status/<str:action>/", mutualaid_plans.plan_move, name="mutualaid_plan_move"),
    path("mutual-aid/plans/<int:pk>/enrol/", mutualaid_enrolment.enrol, name="mutualaid_enrol"),
    path("mutual-aid/plans/<int:pk>/import/", mutualaid_enrolment.import_list, name="mutualaid_import"),
    path("mutual-aid/plans/enrolments/<int:pk>/cancel/", mutualaid_enrolment.enrolment_cancel_page,
         name="mutualaid_enrolment_cancel"),
    path("mutual-aid/plans/enrolments/<int:pk>/claim/", mutualaid_enrolment.claim_create_page,
         name="mutualaid_claim_create"),
    path("mutual-aid/claims/", mutualaid_claims.claim_list_page, name="mutualaid_claim_list"),
    path("mutual-aid/claims/<int:pk>/", mutualaid_claims.claim_detail_page, name="mutualaid_claim_detail"),
    path("mutual-aid/claims/<int:pk>/do/<str:action>/", mutualaid_claims.claim_act, name="mutualaid_claim_act"),
    path("mutual-aid/claims/<int:pk>/reveal/", mutualaid_claims.claim_reveal, name="mutualaid_claim_reveal"),
    path("mutual-aid/claims/<int:pk>/documents/<int:document_pk>/", mutualaid_claims.claim_document,
         name="mutualaid_claim_document"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("互助保障"), "", Perm.MUTUAL_AID_MANAGE, ""),
    ("web:mutualaid_plan_list", _("互助保障计划"), "☂", Perm.MUTUAL_AID_MANAGE, "/mutual-aid/plans/"),
    ("web:mutualaid_claim_list", _("给付申请"), "⚕", Perm.MUTUAL_AID_MANAGE, "/mutual-aid/claims/"),
]
