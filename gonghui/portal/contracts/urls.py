"""Portal routes of 集体合同 (members signed in only); included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.contracts import views

urlpatterns: list[URLPattern] = [
    path("contracts/", views.my_contracts, name="contracts"),
    path("contracts/<int:pk>/", views.my_contract, name="contract"),
    path("contracts/<int:pk>/report/", views.report_breach, name="contract_report"),
]
