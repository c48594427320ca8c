"""What waits for a cadre in 集体合同: offers awaiting an answer past their 20 days, signed contracts
to file (10 days), contracts under review, and contracts expiring within 90 days. Counted in one
query by the same definitions the contract list's tabs use, so a count on the home page is exactly
the length of the list its link opens."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.contracts.selectors import list_counts
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for

ROUTE = "web:contract_list"
LINES = (("overdue_answer", _("集体协商要约逾期未回应"), True), ("to_file", _("集体合同待报送人社部门"), True),
         ("in_review", _("集体合同审查中"), False), ("expiring", _("集体合同90天内到期"), False))


def contracts_todos(*, user: Any) -> list[Todo]:
    scope = scope_for(user, Perm.CONTRACT_MANAGE)
    if scope.is_empty:
        return []
    counts = list_counts(scope=scope, shows=tuple(show for show, _label, _urgent in LINES))
    return [todo(f"contracts.{show}", label, counts[show], ROUTE, urgent=urgent, show=show)
            for show, label, urgent in LINES]
