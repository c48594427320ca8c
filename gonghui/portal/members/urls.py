"""Portal routes of the worker's membership: 我的 (memberships in full), joining by a union's link (扫码入会), one's
applications and transfers, the member card; included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.members.views import join, pages, rights

urlpatterns: list[URLPattern] = [
    path("me/", pages.mine, name="mine"),
    # 我的个人信息 (PIPL arts. 44-47): the pk is the registry record the login phone found, checked on each call.
    path("me/data/", rights.page, name="my_data"),
    path("me/data/<int:pk>/copy/", rights.copy, name="my_data_copy"),
    path("me/data/<int:pk>/correct/", rights.correct, name="my_data_correct"),
    path("me/data/<int:pk>/phone/", rights.phone, name="my_data_phone"),
    path("me/data/<int:pk>/consent/<int:application_pk>/withdraw/", rights.consent, name="my_data_consent"),
    path("me/data/<int:pk>/erase/", rights.erase, name="my_data_erase"),
    path("join/<str:token>/", join.join, name="join"),
    path("join/<str:token>/transfer/", join.join_transfer, name="join_transfer"),
    path("applications/<int:pk>/", pages.application, name="application"),
    path("applications/<int:pk>/withdraw/", pages.application_withdraw_view, name="application_withdraw"),
    path("transfer/", pages.transfers, name="transfers"),
    path("transfer/<int:pk>/cancel/", pages.transfer_cancel, name="transfer_cancel"),
    path("transfer/<int:pk>/confirm/", pages.transfer_answer, {"answer": "confirm"}, name="transfer_confirm"),
    path("transfer/<int:pk>/decline/", pages.transfer_answer, {"answer": "decline"}, name="transfer_decline"),
    path("transfer/cross/<int:pk>/<str:answer>/", pages.cross_transfer_answer, name="cross_transfer_answer"),
    path("card/", pages.card, name="card"),
    path("card/claim/", pages.card_claim, name="card_claim"),
    path("card/<int:member_pk>/qr/", pages.card_qr, name="card_qr"),
]
