"""Console routes of the holiday calendar (节假日日历) deadlines are counted on; included by web/urls.py."""

from django.urls import URLPattern, path

from gonghui.web.workdays import views as workdays

urlpatterns: list[URLPattern] = [
    path("calendar/", workdays.calendar_page, name="workday_calendar"),
    path("calendar/entries/", workdays.entry_save, name="workday_entry_save"),
    path("calendar/entries/<int:pk>/remove/", workdays.entry_remove, name="workday_entry_remove"),
    path("calendar/years/mark/", workdays.year_mark, name="workday_year_mark"),
    path("calendar/years/<int:pk>/unmark/", workdays.year_unmark, name="workday_year_unmark"),
]
