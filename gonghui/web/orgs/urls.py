"""Console routes of the org tree and employers; included by web/urls.py."""

from django.urls import URLPattern, path

from gonghui.web.orgs.views import employers, orgs, risk

urlpatterns: list[URLPattern] = [
    path("orgs/", orgs.org_tree, name="org_tree"),
    path("orgs/pick/", orgs.org_pick, name="org_pick"),
    path("orgs/<int:pk>/", orgs.org_detail, name="org_detail"),
    path("orgs/<int:pk>/children/", orgs.org_children, name="org_children"),
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
    path("employers/<int:pk>/risk/list/", risk.risk_list_view, name="employer_risk_list"),
    path("employers/<int:pk>/risk/remove/", risk.risk_remove_view, name="employer_risk_remove"),
    path("employers/risk/", risk.risk_listings, name="risk_listings"),
]
