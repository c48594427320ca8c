"""POST /auth/token (the only anonymous endpoint) and GET /me."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from gonghui.accounts import login
from gonghui.accounts.errors import LoginRefused
from gonghui.accounts.roles import ROLES
from gonghui.accounts.selectors import user_grants
from gonghui.api.auth.schemas import MeOut, TokenIn, TokenOut
from gonghui.api.common.errors import READ_ERRORS
from gonghui.api.common.schemas import ErrorOut
from gonghui.core.request_context import client_ip

router = Router(tags=["auth"])


@router.post("/auth/token", auth=None, response={201: TokenOut, frozenset({400, 401, 413, 422}): ErrorOut},
             summary="用用户名、密码（和动态验证码）换取 API 令牌")
def token_issue(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    ip = client_ip(request)
    user = login.login_password(username=payload.username, password=payload.password, ip=ip)
    if user.totp_required:
        # Enrolment shows a QR code to scan; that belongs in the console, not in an API call.
        if not user.totp_confirmed:
            raise LoginRefused(_("该账号须使用动态验证码登录，请先登录管理控制台绑定动态验证码，再申请 API 令牌。"),
                               code="totp_enrolment_required", field="totp")
        if not payload.totp:
            raise LoginRefused(_("请填写动态验证码。"), code="totp_required", field="totp")
        login.totp_verify(user=user, code=payload.totp, ip=ip)
    if login.login_succeeded(user=user, ip=ip, channel="api"):
        # A token outlives the session: issuing one on an expired password would skip the change.
        raise LoginRefused(_("密码已过期或须修改，请先登录管理控制台修改密码，再申请 API 令牌。"),
                           code="password_change_required")
    token, raw = login.api_token_issue(user=user, label=payload.label or "api", ip=ip)
    return Status(201, {"token": raw, "expires_at": token.expires_at})


@router.get("/me", response={200: MeOut, READ_ERRORS: ErrorOut}, summary="当前用户、所在工会、角色和权限")
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    grants = [g for g in user_grants(user=user) if g.revoked_at is None]
    return {
        "username": user.username, "full_name": user.full_name, "org": user.org,
        "roles": [{"code": g.role, "label": str(ROLES[g.role].code.label), "org": g.org} for g in grants],
        "permissions": sorted(user.permissions()),
    }
