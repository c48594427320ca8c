"""Portal routes of 困难帮扶 (self-check, application, one's file and aid), included by portal/urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
