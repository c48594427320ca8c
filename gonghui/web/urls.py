from django.http import HttpRequest, HttpResponse
from django.urls import path

from gonghui.web.accounts import urls as accounts_urls
from gonghui.web.aid import urls as aid_urls
from gonghui.web.cases import urls as cases_urls
from gonghui.web.common import home
from gonghui.web.hardship import urls as hardship_urls
from gonghui.web.members import urls as members_urls
from gonghui.web.orgs import urls as orgs_urls
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
urlpatterns += cases_urls.urlpatterns

# 困难职工帮扶: the hardship registry, aid programmes and batches, mutual-aid insurance.
urlpatterns += hardship_urls.urlpatterns + aid_urls.urlpatterns
