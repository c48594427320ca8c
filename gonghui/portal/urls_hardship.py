"""Portal routes of 困难帮扶 (self-check, application, one's file and aid), included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.views import hardship_apply, hardship_check, hardship_mine

# The hub and the self-check are open to guests (nothing about anyone is shown or stored there);
# everything else needs the portal's own session and shows only the worker's own records.
urlpatterns: list[URLPattern] = [
    path("hardship/", hardship_check.hardship_hub, name="hardship"),
    path("hardship/check/", hardship_check.hardship_self_check, name="hardship_check"),
    path("hardship/apply/", hardship_apply.hardship_apply, name="hardship_apply"),
    path("hardship/mine/", hardship_mine.hardship_mine, name="hardship_mine"),
    path("hardship/files/<int:pk>/", hardship_mine.hardship_file, name="hardship_file"),
    path("hardship/files/<int:pk>/documents/", hardship_mine.hardship_file_attach, name="hardship_file_attach"),
    path("hardship/files/<int:pk>/withdraw/", hardship_mine.hardship_file_withdraw, name="hardship_file_withdraw"),
    path("mutual-aid/", hardship_mine.mutual_aid_mine, name="mutual_aid"),
]
