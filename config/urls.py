from django.urls import include, path, re_path
from django.views.generic import RedirectView

from gonghui.api.urls import api

urlpatterns = [
    path("api/v1/", api.urls),
    # The unversioned address of the API documentation points at the current version.
    re_path(r"^api/docs/?$", RedirectView.as_view(pattern_name="api-1:openapi-view", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("portal/", include("gonghui.portal.urls")),
    path("", include("gonghui.web.urls")),
]

handler400 = "config.handlers.bad_request"
