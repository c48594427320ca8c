"""Who a grant goes to, as the batch services take it: a household of the hardship registry (keys
already computed by the registry) or a worker outside it, cleaned here from what a cadre typed.

A worker outside the registry is keyed by the identity number when one is given, else by the
phone: 夏送清凉 at a building site often records only a name and a phone. The household of such a
worker is the worker alone.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import RecipientGroup
from gonghui.aid.cleaning import clean_money, clean_text
from gonghui.aid.dedup import person_key_of_identity, person_key_of_phone
from gonghui.core.errors import InvalidFields, ValidationFailed
from gonghui.core.idnumbers import IdType, mask_phone, parse_identity, parse_mobile


@dataclass(frozen=True)
class Recipient:
    name: str
    person_index: str
    household_key: str
    group: str
    is_member: bool
    hardship_file_id: int | None = None
    # Sealed into the grant only for workers outside the registry.
    id_number: str = field(default="", repr=False)
    id_masked: str = ""
    phone: str = field(default="", repr=False)
    phone_masked: str = ""
    cash: Decimal | None = None  # None: the programme's standard amounts
    goods_value: Decimal | None = None
    goods: str = ""
    payee_name: str = ""
    payee_account: str = field(default="", repr=False)  # a bank account: never in a traceback
    extra: dict[str, str] = field(default_factory=dict)  # student_name, school, grade


def mask_account(account: str) -> str:
    return account[:4] + "*" * max(0, len(account) - 8) + account[-4:] if len(account) > 8 else account


def clean_account(raw: Any) -> str:
    account = "".join(ch for ch in clean_text(raw, field="payee_account", max_length=40) if ch not in " -")
    if account and not (account.isdigit() and 8 <= len(account) <= 30):
        raise ValidationFailed(_("银行账号应为8至30位数字。"), field="payee_account", code="account")
    return account


def clean_worker(data: dict[str, Any]) -> Recipient:
    """A worker outside the registry (户外劳动者, 新就业形态劳动者 ...): every error at once, by field."""
    errors: list[ValidationFailed] = []

    def attempt(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ValidationFailed as exc:
            errors.append(exc)
            return None

    name = attempt(clean_text, data.get("name"), field="name", max_length=50, required=True)
    identity = None
    if data.get("id_number") not in (None, ""):
        identity = attempt(parse_identity, data.get("id_type") or IdType.RESIDENT, data["id_number"])
    phone = attempt(parse_mobile, data.get("phone"), required=False) or ""
    if identity is None and not phone and not any(e.field in ("id_number", "phone") for e in errors):
        errors.append(ValidationFailed(_("证件号码和手机号码至少填写一项，用于防止重复发放。"), field="id_number",
                                       code="required"))
    group = data.get("group") or RecipientGroup.OTHER
    if group not in RecipientGroup.values:
        errors.append(ValidationFailed(_("对象类别无效。"), field="group", code="choice"))
    cash = attempt(clean_money, data.get("cash"), field="cash") if data.get("cash") not in (None, "") else None
    goods_value = attempt(clean_money, data.get("goods_value"), field="goods_value") \
        if data.get("goods_value") not in (None, "") else None
    goods = attempt(clean_text, data.get("goods"), field="goods", max_length=100) or ""
    account = attempt(clean_account, data.get("payee_account")) or ""
    extra = {k: attempt(clean_text, data.get(k), field=k, max_length=n) or ""
             for k, n in (("student_name", 50), ("school", 100), ("grade", 30))}
    if errors:
        raise InvalidFields(errors)
    key = person_key_of_identity(identity.id_type, identity.number) if identity else person_key_of_phone(phone)
    return Recipient(name=name, person_index=key, household_key=key, group=group,
                     is_member=bool(data.get("is_member", False)), id_number=identity.number if identity else "",
                     id_masked=identity.masked if identity else "", phone=phone,
                     phone_masked=mask_phone(phone) if phone else "", cash=cash, goods_value=goods_value,
                     goods=goods, payee_name=clean_text(data.get("payee_name") or name, field="payee_name",
                                                        max_length=50),
                     payee_account=account, extra={k: v for k, v in extra.items() if v})
