"""Portal routes of 职工创新 and 竞赛 (members signed in only); included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.skills import views

urlpatterns: list[URLPattern] = [
    path("skills/", views.my_skills, name="skills"),
    path("skills/suggest/", views.suggest, name="skills_suggest"),
]
