"""Token issue and the caller's own profile."""

import datetime

from ninja import Field, Schema

from gonghui.api.common.schemas import Input, UnionRef
from gonghui.core import limits as text_limits


class TokenIn(Input):
    username: str = Field(min_length=1, max_length=150, pattern=r"^[^\x00-\x1f]*$")
    password: str = Field(min_length=1, max_length=text_limits.PASSWORD, pattern=r"^[^\x00]*$")
    totp: str | None = Field(None, max_length=12, pattern=r"^[0-9 ]*$", description="动态验证码（6位数字）")
    label: str = Field("", max_length=60, pattern=r"^[^\x00-\x1f]*$", description="令牌用途，便于日后识别和吊销")


class TokenOut(Schema):
    token: str
    expires_at: datetime.datetime


class RoleOut(Schema):
    code: str
    label: str
    org: UnionRef


class MeOut(Schema):
    username: str
    full_name: str
    org: UnionRef
    roles: list[RoleOut]
    permissions: list[str]
