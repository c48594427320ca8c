"""Portal routes of 民主管理 (厂务公开, the openness assessment, a delegate's 提案); included by portal/urls.py.
Every page needs the portal's own session."""

from django.urls import URLPattern, path

from gonghui.portal.democracy import views

urlpatterns: list[URLPattern] = [
    path("democracy/", views.democracy_home, name="democracy"),
    path("democracy/disclosures/<int:pk>/", views.disclosure, name="democracy_disclosure"),
    path("democracy/assess/", views.assess, name="democracy_assess"),
    path("democracy/proposals/new/", views.proposal_new, name="democracy_proposal_new"),
    path("democracy/proposals/<int:pk>/", views.proposal, name="democracy_proposal"),
    path("democracy/proposals/<int:pk>/rate/", views.proposal_rate, name="democracy_proposal_rate"),
]
