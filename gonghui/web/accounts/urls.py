"""Console routes of login, accounts and grants, password resets and the audit log; included by web/urls.py."""

from django.urls import URLPattern, path

from gonghui.web.accounts.views import audit, auth, password_resets, retention, users

urlpatterns: list[URLPattern] = [
    path("login/", auth.login_view, name="login"),
    path("login/totp/", auth.login_totp, name="login_totp"),
    path("login/totp/enrol/", auth.totp_enrol, name="totp_enrol"),
    path("logout/", auth.logout_view, name="logout"),
    path("account/password/", auth.password_change_view, name="password_change"),
    path("users/", users.user_list, name="user_list"),
    path("users/new/", users.user_create_view, name="user_create"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/grants/", users.grant_add, name="grant_add"),
    path("users/<int:pk>/password-reset/", password_resets.reset_request_view, name="reset_request"),
    path("users/<int:pk>/<str:action>/", users.user_action, name="user_action"),
    path("password-resets/", password_resets.reset_list, name="reset_list"),
    path("password-resets/<int:pk>/", password_resets.reset_detail, name="reset_detail"),
    path("password-resets/<int:pk>/<str:action>/", password_resets.reset_act, name="reset_act"),
    path("grants/<int:pk>/revoke/", users.grant_remove, name="grant_remove"),
    path("audit/", audit.audit_page, name="audit_list"),
    path("audit/retention/", retention.retention_page, name="retention"),
]
