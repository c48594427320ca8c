"""What waits for a cadre in 集体合同, counted through the same list filters the contract list shows,
so a count on the home page is exactly the length of the list its link opens."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.contracts.selectors import contract_list
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for

ROUTE = "web:contract_list"


def contracts_todos(*, user: Any) -> list[Todo]:
    scope = scope_for(user, Perm.CONTRACT_MANAGE)
    if scope.is_empty:
        return []
    return [
        todo("contracts.offers", _("集体协商要约逾期未回应"), contract_list(scope=scope, show="overdue_answer").count(),
             ROUTE, urgent=True, show="overdue_answer"),
        todo("contracts.filing", _("集体合同待报送或逾期报送"), contract_list(scope=scope, show="late_filing").count(),
             ROUTE, urgent=True, show="late_filing"),
        todo("contracts.review", _("集体合同审查中"), contract_list(scope=scope, show="in_review").count(), ROUTE,
             show="in_review"),
        todo("contracts.expiring", _("集体合同90天内到期"), contract_list(scope=scope, show="expiring").count(), ROUTE,
             show="expiring"),
    ]
