
from gonghui.portal import urls_hardship
from gonghui.portal.accounts import urls as accounts_urls
from gonghui.portal.cases import urls as cases_urls
from gonghui.portal.members import urls as members_urls

app_name = "portal"

# All of /portal/ is public to the cadre login middleware; each view here that is not the login or
# the join landing demands the portal's own session (session.worker_required).
urlpatterns = [
    *accounts_urls.urlpatterns,
    *members_urls.urlpatterns,
    *cases_urls.urlpatterns,
]

# 困难帮扶: the self-check, the application and one's own file, aid and mutual-aid cover.
urlpatterns += urls_hardship.urlpatterns
