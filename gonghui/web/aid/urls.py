"""Console routes and navigation entries of aid programmes, batches and their figures;
included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.web.aid.views import batch_actions as aid_batch_actions
from gonghui.web.aid.views import batches as aid_batches
from gonghui.web.aid.views import figures as aid_figures
from gonghui.web.aid.views import programmes as aid_programmes
from gonghui.web.aid.views import roster as aid_roster

# 帮扶项目与发放: programmes and their campaigns, batches and their grants, the figures.
urlpatterns: list[URLPattern] = [
    path("aid/programmes/", aid_programmes.programme_list_page, name="aid_programme_list"),
    path("aid/programmes/new/", aid_programmes.programme_create_page, name="aid_programme_create"),
    path("aid/programmes/<int:pk>/", aid_programmes.programme_detail_page, name="aid_programme_detail"),
    path("aid/programmes/<int:pk>/budget/", aid_programmes.programme_budget, name="aid_programme_budget"),
    path("aid/programmes/<int:pk>/campaigns/new/", aid_programmes.campaign_create_page, name="aid_campaign_create"),
    path("aid/programmes/campaigns/<int:pk>/", aid_programmes.campaign_detail_page, name="aid_campaign_detail"),
    path("aid/batches/", aid_batches.batch_list_page, name="aid_batch_list"),
    path("aid/batches/new/", aid_batches.batch_create_page, name="aid_batch_create"),
    path("aid/batches/<int:pk>/", aid_batches.batch_detail_page, name="aid_batch_detail"),
    path("aid/batches/<int:pk>/roster/", aid_roster.batch_roster_page, name="aid_batch_roster"),
    path("aid/batches/<int:pk>/files/", aid_batches.batch_file_picker, name="aid_batch_files"),
    path("aid/batches/<int:pk>/do/<str:action>/", aid_batch_actions.batch_act, name="aid_batch_act"),
    path("aid/batches/<int:pk>/bank.xlsx", aid_batch_actions.bank_export_download, name="aid_bank_export"),
    path("aid/batches/grants/<int:pk>/edit/", aid_batch_actions.grant_edit_page, name="aid_grant_edit"),
    path("aid/figures/", aid_figures.aid_figures_page, name="aid_figures"),
]

AID_NAV_PERMS = (Perm.AID_MANAGE, Perm.AID_DISBURSE, Perm.HARDSHIP_APPROVE)

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("帮扶项目与发放"), "", AID_NAV_PERMS, ""),
    ("web:aid_programme_list", _("帮扶项目"), "◆", (Perm.AID_MANAGE, Perm.AID_DISBURSE), "/aid/programmes/"),
    ("web:aid_batch_list", _("发放批次"), "¥", AID_NAV_PERMS, "/aid/batches/"),
    ("web:aid_figures", _("发放统计"), "◔", AID_NAV_PERMS, "/aid/figures/"),
]
