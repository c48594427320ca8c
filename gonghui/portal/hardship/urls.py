"""Portal routes of 困难帮扶 (self-check, application, one's file, aid and mutual-aid cover); included by
portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.hardship.views import apply, check, mine

# The hub and the self-check are open to guests (nothing about anyone is shown or stored there);
# everything else needs the portal's own session and shows only the worker's own records.
urlpatterns: list[URLPattern] = [
    path("hardship/", check.hardship_hub, name="hardship"),
    path("hardship/check/", check.hardship_self_check, name="hardship_check"),
    path("hardship/apply/", apply.hardship_apply, name="hardship_apply"),
    path("hardship/mine/", mine.hardship_mine, name="hardship_mine"),
    path("hardship/files/<int:pk>/", mine.hardship_file, name="hardship_file"),
    path("hardship/files/<int:pk>/documents/", mine.hardship_file_attach, name="hardship_file_attach"),
    path("hardship/files/<int:pk>/withdraw/", mine.hardship_file_withdraw, name="hardship_file_withdraw"),
    path("mutual-aid/", mine.mutual_aid_mine, name="mutual_aid"),
]
