
from gonghui.portal.accounts import urls as accounts_urls
from gonghui.portal.activities import urls as activities_urls
from gonghui.portal.benefits import urls as benefits_urls
from gonghui.portal.cases import urls as cases_urls
from gonghui.portal.contracts import urls as contracts_urls
from gonghui.portal.democracy import urls as democracy_urls
from gonghui.portal.hardship import urls as hardship_urls
from gonghui.portal.home import urls as home_urls
from gonghui.portal.honours import urls as honours_urls
from gonghui.portal.jobs import urls as jobs_urls
from gonghui.portal.members import urls as members_urls
from gonghui.portal.positions import urls as positions_urls
from gonghui.portal.skills import urls as skills_urls

app_name = "portal"

# Each domain's routes live in its own package (portal/<domain>/urls.py); their paths and names are the portal's.
# All of /portal/ is public to the cadre login middleware; the home page and the services a visitor
# may use (我要求助, 查询进度, 困难自测, 荣誉评选公示) are open, and every other view demands the portal's own session
# (session.worker_required).
urlpatterns = [
    *home_urls.urlpatterns,
    *accounts_urls.urlpatterns,
    *members_urls.urlpatterns,
    *cases_urls.urlpatterns,
    *hardship_urls.urlpatterns,
    *contracts_urls.urlpatterns,
    *democracy_urls.urlpatterns,
    *honours_urls.urlpatterns,
    *skills_urls.urlpatterns,
    *positions_urls.urlpatterns,
    *benefits_urls.urlpatterns,
    *activities_urls.urlpatterns,
    *jobs_urls.urlpatterns,
]
