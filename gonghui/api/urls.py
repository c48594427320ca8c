"""The REST API, mounted at /api/v1/ (config/urls.py); its documentation at /api/docs."""

from ninja import NinjaAPI

from gonghui.api import auth, employers, errors, orgs, regions
from gonghui.api.docs import LocalSwagger
from gonghui.api.security import AUTH, docs_access

api = NinjaAPI(
    title="Gonghui API",
    version="1",
    description="工会组织、用人单位和行政区划。认证：控制台会话（写操作须带 CSRF 令牌），"
                "或 `Authorization: Bearer gh_…`（POST /auth/token 换取）。错误统一为 "
                "{code, field, message, message_zh, message_en}。",
    auth=AUTH,
    docs=LocalSwagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_decorator=docs_access,
    urls_namespace="api-1",
)
errors.install(api)
api.add_router("", auth.router)
api.add_router("", orgs.router)
api.add_router("", employers.router)
api.add_router("", regions.router)
