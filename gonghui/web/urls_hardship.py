"""Console routes and navigation entries of the hardship registry (困难职工档案);
included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = []
