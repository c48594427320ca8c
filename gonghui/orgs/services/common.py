"""Pieces shared by the org services: actors for the audit log, field checks, credit-code clashes."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import SYSTEM_PREFIX, Actor
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.core.validators import clean_name_text, normalize_credit_code
from gonghui.orgs.scope import scope_for


def audit_actor(user: Any) -> Actor:
    return Actor(id=user.pk, label=str(user.username), ip=getattr(user, "request_ip", "") or "",
                 display=person_label(user))


def person_label(user: Any) -> str:
    """A cadre as a timeline names them: the person and their union, never the login name."""
    if getattr(user, "is_system_actor", False) or getattr(user, "pk", None) is None:
        return f"{SYSTEM_PREFIX}{user}"
    name = getattr(user, "full_name", "") or str(user.username)
    org = getattr(user, "org", None)
    return f"{name}（{org.name}）" if org is not None else name


def clean_name(value: Any, *, field: str = "name", max_length: int = 100) -> str:
    name = clean_name_text(value, field=field, label=_("名称"))
    if not name:
        raise ValidationFailed(_("名称不能为空。"), field=field)
    if len(name) > max_length:
        raise ValidationFailed(msg(_("名称不能超过%(n)d个字。"), {"n": max_length}), field=field)
    return name


FIELD_LABELS = {"chair_name": _("工会主席"), "phone": _("联系电话"), "address": _("地址"), "reason": _("原因")}


def clean_optional_text(value: Any, *, field: str, max_length: int) -> str:
    text = normalize_text(value)
    if len(text) > max_length:
        label = FIELD_LABELS.get(field, field)
        raise ValidationFailed(msg(_("%(field)s不能超过%(n)d个字。"), {"field": label, "n": max_length}), field=field)
    return text


def check_credit_code_free(
    *, actor: Any, code: str, model: Any, exclude_pk: int | None, path_of: Any, field: str = "credit_code"
) -> None:
    """Refuse a code that is already registered, naming the holder only if the actor may see it."""
    clash = model.objects.filter(credit_code=code).exclude(pk=exclude_pk).first()
    if clash is None:
        return
    if scope_for(actor, Perm.ORG_VIEW).covers(path_of(clash)):
        raise ValidationFailed(
            msg(_("该统一社会信用代码已登记为「%(name)s」。"), {"name": clash.name}), field=field, code="duplicate"
        )
    raise ValidationFailed(_("该统一社会信用代码已由其他工会登记。"), field=field, code="duplicate")


def clean_credit_code(value: Any, *, required: bool, field: str = "credit_code") -> str:
    if not normalize_text(value):
        if required:
            raise ValidationFailed(_("请填写统一社会信用代码。"), field=field)
        return ""
    return normalize_credit_code(value, field=field)


@contextmanager
def credit_code_race_guard(field: str = "credit_code") -> Iterator[None]:
    """The free-code check and the insert are two statements; a concurrent insert of the same code
    in between hits the unique index, which is answered like the check would have been."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationFailed(_("该统一社会信用代码已由其他工会登记。"), field=field, code="duplicate") from None
