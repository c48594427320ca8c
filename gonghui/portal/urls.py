from django.urls import path

from gonghui.portal.views import auth, join, pages

app_name = "portal"

# All of /portal/ is public to the cadre login middleware; each view here that is not the login or
# the join landing demands the portal's own session (session.worker_required).
urlpatterns = [
    path("", pages.home, name="home"),
    path("login/", auth.login_phone, name="login"),
    path("login/code/", auth.login_code, name="login_code"),
    path("logout/", auth.logout_view, name="logout"),
    path("join/<str:token>/", join.join, name="join"),
    path("join/<str:token>/transfer/", join.join_transfer, name="join_transfer"),
    path("applications/<int:pk>/", pages.application, name="application"),
    path("applications/<int:pk>/withdraw/", pages.application_withdraw_view, name="application_withdraw"),
    path("transfer/", pages.transfers, name="transfers"),
    path("transfer/<int:pk>/cancel/", pages.transfer_cancel, name="transfer_cancel"),
    path("card/", pages.card, name="card"),
    path("card/claim/", pages.card_claim, name="card_claim"),
    path("card/<int:member_pk>/qr/", pages.card_qr, name="card_qr"),
]
