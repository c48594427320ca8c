"""What waits for a cadre in 会员普惠: offers ending within 7 days, and merchants whose agreement ends
within 30 days. Counted by the same definitions the lists' filters use, so a count is its list's length."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.benefits.selectors import todo_counts
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for

LINES = (("offers_ending", _("普惠优惠七日内到期"), False, "web:benefits_offers", {"ending": "1"}),
         ("agreements_ending", _("普惠商户协议三十日内到期"), True, "web:benefits_merchants", {"ending": "1"}))


def benefits_todos(*, user: Any) -> list[Todo]:
    scope = scope_for(user, Perm.BENEFITS_MANAGE)
    if scope.is_empty:
        return []
    counts = todo_counts(scope=scope)
    return [todo(f"benefits.{key}", label, counts[key], route, urgent=urgent, **params)
            for key, label, urgent, route, params in LINES]
