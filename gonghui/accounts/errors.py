from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import DomainError


class LoginRefused(DomainError):
    status = 401
    code = "login_refused"

    @classmethod
    def default_message(cls) -> Any:
        return _("用户名或密码错误。连续输错5次，账号将被锁定30分钟。")
