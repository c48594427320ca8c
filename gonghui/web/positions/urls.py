"""Console routes and navigation entries of 服务阵地; included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.web.positions.views import maps, photos, positions
from gonghui.web.positions.views.common import PERMS

urlpatterns: list[URLPattern] = [
    path("positions/", positions.position_list_page, name="positions_list"),
    path("positions/map.json", maps.positions_map_json, name="positions_map_json"),
    path("positions/coverage/", maps.coverage_page, name="positions_coverage"),
    path("positions/coverage/map.json", maps.coverage_map_json, name="positions_coverage_json"),
    path("positions/coverage/<str:code>/", maps.coverage_area_page, name="positions_coverage_area"),
    path("positions/new/", positions.position_new_page, name="positions_new"),
    path("positions/<int:pk>/", positions.position_page, name="positions_detail"),
    path("positions/<int:pk>/edit/", positions.position_edit_page, name="positions_edit"),
    path("positions/<int:pk>/do/<str:action>/", positions.position_act, name="positions_act"),
    path("positions/<int:pk>/qr/", positions.position_qr_print, name="positions_qr"),
    path("positions/<int:pk>/photos/<int:photo_pk>/", photos.photo_file, name="positions_photo"),
    path("positions/<int:pk>/photos/<int:photo_pk>/remove/", photos.photo_remove, name="positions_photo_remove"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("服务阵地"), "", PERMS, ""),
    ("web:positions_list", _("服务阵地"), "⌂", PERMS, "/positions/$"),
    ("web:positions_coverage", _("服务圈覆盖"), "◎", PERMS, "/positions/coverage/"),
]
